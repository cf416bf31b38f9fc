"""The command line's words: one line per error, the exit codes (docs/command-line.md), "notes".

Each test runs ``cli.main`` in-process on real files in a temporary folder.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.cli.sectors import SectorError, sector_code
from jcct_desktop.store.annotations import AnnotationService


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr), an argparse exit included."""
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err and "usage:" not in err, err
    assert err.startswith("jcct-desktop: "), err
    return err.strip()


# -- argument errors: one line naming the command and its help, exit 2 ----------------------
@pytest.mark.parametrize(("argv", "expected"), [
    (("export", "json", "--as-of", "2012-02-30"),
     "jcct-desktop: export json: --as-of: '2012-02-30' is not a date: February 2012 has 29 days "
     "(see jcct-desktop export json --help)"),
    (("export", "pdf", "-o", "x.pdf", "--paper", "a5"),
     "jcct-desktop: export pdf: --paper: invalid choice: 'a5' (choose from 'letter', 'a4') "
     "(see jcct-desktop export pdf --help)"),
    (("export", "pdf"),
     "jcct-desktop: export pdf: the following arguments are required: -o/--output "
     "(see jcct-desktop export pdf --help)"),
    (("--as-of", "2011-02-29", "export", "csv"),
     "jcct-desktop: --as-of: '2011-02-29' is not a date: February 2011 has 28 days "
     "(see jcct-desktop --help)"),
    (("notes", "frobnicate"), "jcct-desktop: notes: notes_command: invalid choice"),
])
def test_an_argument_error_is_one_line_with_its_command(capsys, tmp_path, argv, expected):
    code, _, err = _run(capsys, *argv)
    assert code == 2
    assert _one_line(err).startswith(expected)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("argv", [
    ("export", "json", "-o", ""), ("export", "csv", "-o", " "), ("export", "ics", "-o", ""),
    ("export", "pdf", "-o", ""), ("notes", "export", ""),
    ("import", "factsheet", "f.txt", "--dialogue", "jcct", "--number", "23",
     "--date", "2012-12-19", "-o", ""),
])
def test_an_empty_file_name_is_refused_not_written_to_the_screen(capsys, argv):
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert "the file name is empty" in _one_line(err)


def test_the_as_of_parser_says_why_a_date_does_not_exist():
    from jcct_desktop.core.as_of import AsOfError, parse_as_of

    for typed, why in [("2012-02-30", "February 2012 has 29 days"),
                       ("2012-04-31", "April 2012 has 30 days"),
                       ("2012-13-01", "there is no month 13"),
                       ("15/01/2012", "is not a date like 2012-01-15"),
                       ("0000-01-01", "is not a date like 2012-01-15")]:
        with pytest.raises(AsOfError, match=why):
            parse_as_of(typed)
    assert parse_as_of("2012-02-29") == date(2012, 2, 29)


# -- notes import/restore/export: the documented codes, the path named once ---------------------
@pytest.mark.parametrize("source", ["{missing}", "{folder}", "/dev/null"])
def test_a_file_to_import_that_cannot_be_read_is_exit_1_named_once(capsys, tmp_path, source):
    path = source.format(missing=tmp_path / "nonexist.json", folder=tmp_path)
    code, _, err = _run(capsys, "--data-dir", str(tmp_path / "d"), "notes", "import", path)
    assert code == 1
    line = _one_line(err)
    assert line.count(path) == 1 and "error:" not in line
    assert line.startswith(f"jcct-desktop: cannot read {path}: ")
    assert line.endswith("; nothing was imported")


def test_a_malformed_file_to_import_stays_exit_2_and_reads_as_sentences(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "jcct-desktop-annotations", "version": 2, "annot')
    code, _, err = _run(capsys, "--data-dir", str(tmp_path / "d"), "notes", "import", str(bad))
    assert code == 2
    line = _one_line(err)
    assert line.startswith(f"jcct-desktop: nothing was imported from {bad}: line 1, column ")
    assert "?;" not in line and line.endswith("is the file truncated?")


def test_restore_of_a_missing_backup_is_exit_1_like_import(capsys, tmp_path):
    code, _, err = _run(capsys, "--data-dir", str(tmp_path), "notes", "restore",
                        str(tmp_path / "nonexist.sqlite"))
    assert code == 1 and "nothing was changed" in _one_line(err)


def test_a_failed_notes_export_says_cannot_write_once(capsys, tmp_path):
    target = tmp_path / "no" / "notes.json"
    code, _, err = _run(capsys, "--data-dir", str(tmp_path), "notes", "export", str(target))
    line = _one_line(err)
    assert code == 1 and line.lower().count("cannot write") == 1 and line.count(str(target)) == 1
    assert line.endswith("nothing was exported")


def _seeded(folder: Path, draft: bool) -> None:
    service = AnnotationService.open(folder)
    try:
        service.add_note(commitment_id="2011-SOFT-2", text="one")
        service.add_note(commitment_id="2011-SOFT-2", text="two")
        service.set_tags(commitment_id="2011-SOFT-2", tags=["priority", "软件"])
        service.set_starred(commitment_id="2011-SOFT-2", starred=True)
        if draft:
            service.save_draft(commitment_id="2011-NEV-1", text="unsaved thought")
    finally:
        service.close()


def test_notes_export_says_notes_and_counts_them(capsys, tmp_path):
    _seeded(tmp_path / "d", draft=False)
    out = tmp_path / "notes.json"
    code, _, err = _run(capsys, "--data-dir", str(tmp_path / "d"), "notes", "export", str(out))
    assert code == 0 and "annotation" not in err
    assert err.strip() == (f"Exported the notes on 1 commitment (2 notes, 2 tags, 1 star) "
                           f"to {out}")
    assert len(json.loads(out.read_text("utf-8"))["annotations"]) == 1


def test_notes_export_says_drafts_are_left_out(capsys, tmp_path):
    _seeded(tmp_path / "d", draft=True)
    out = tmp_path / "notes.json"
    code, _, err = _run(capsys, "--data-dir", str(tmp_path / "d"), "notes", "export", str(out))
    assert code == 0
    assert "Unsaved drafts are not exported (1 commitment has one)" in err
    assert "unsaved thought" not in out.read_text("utf-8")


# -- sectors: a short message, the closest names, no silent pick -----------------------------
def test_an_unknown_sector_suggests_the_closest_and_the_listing(capsys, tmp_path):
    code, _, err = _run(capsys, "export", "ics", "-o", str(tmp_path / "x.ics"),
                        "--sector", "Smart Grd")
    line = _one_line(err)
    assert code == 2 and len(line) < 200
    assert "the closest: Smart Grid (GRID), Smart Grid (SG)" in line
    assert "'jcct-desktop sectors' lists them all" in line
    code, _, err = _run(capsys, "export", "ics", "--sector", "Nonexistent Sector")
    assert code == 2 and "closest" not in _one_line(err) and len(err) < 120


def test_a_name_shared_by_unrelated_sectors_is_refused_with_their_codes(catalog):
    # a group and its own sector of the same name: the group, which takes the sector
    assert sector_code(catalog, "Smart Grid") == "GRID"
    assert sector_code(catalog, "sg") == "SG"  # a code is always exact
    renamed = tuple(dataclasses.replace(s, name="Smart Grid") if s.code == "MOTO" else s
                    for s in catalog.sectors)
    clash = dataclasses.replace(catalog, sectors=renamed)
    with pytest.raises(SectorError) as refused:
        sector_code(clash, "smart grid")
    message = str(refused.value)
    assert "'smart grid' names 3 sectors" in message
    assert "GRID" in message and "SG (in group GRID)" in message and "MOTO" in message


def test_sectors_lists_every_code_and_name(capsys):
    code, out, err = _run(capsys, "sectors")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("jcct-22: ")
    pairs = [line.split(None, 1) for line in lines[1:]]
    assert ["GRID", "Smart Grid"] in pairs and ["SG", "Smart Grid"] in pairs
    assert any(line.startswith("  SG ") for line in lines)  # a sector, under its group
    assert len(pairs) == 39  # every sector and group of the meeting
    code, _, err = _run(capsys, "sectors", "--meeting", "nope")
    assert code == 2 and "unknown meeting 'nope'" in _one_line(err)


# -- plurals ---------------------------------------------------------------------------------
def test_calendar_export_counts_events_in_good_english(capsys, tmp_path):
    folder = tmp_path / "d"
    service = AnnotationService.open(folder)
    service.set_follow_up(commitment_id="2011-NEV-1", follow_up=date(2030, 1, 1))
    service.close()
    out = tmp_path / "x.ics"
    code, _, err = _run(capsys, "--data-dir", str(folder), "export", "ics", "-o", str(out),
                        "--sector", "NEV", "--as-of", "2029-06-01")
    assert code == 0 and err.strip() == f"wrote {out} (1 event)"


def test_output_cut_short_by_a_pipe_ends_quietly(tmp_path):
    """QA (second walk): `notes backups | head -1` ended in a BrokenPipeError traceback."""
    import subprocess
    import sys

    from jcct_desktop.store.annotations import AnnotationService
    from jcct_desktop.store.notes import backups

    AnnotationService.open(tmp_path).close()
    for _ in range(40):
        backups.backup_now(tmp_path)
    code = ("import sys; from jcct_desktop.cli import main; "
            f"sys.exit(main(['--data-dir', {str(tmp_path)!r}, 'notes', 'backups']))")
    done = subprocess.run(f"{sys.executable} -c \"{code}\" | head -1", shell=True,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.count("\n") == 1
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr


def test_an_empty_file_to_import_is_called_empty(tmp_path, capsys):
    """QA (second walk): a 0-byte file was 'not valid JSON (Expecting value)'."""
    from jcct_desktop.cli import main

    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    assert main(["--data-dir", str(tmp_path / "d"), "notes", "import", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "the file is empty" in err and "Expecting value" not in err
    assert err.count("\n") == 1
