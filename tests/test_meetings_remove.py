"""``jcct-desktop meetings list`` and ``meetings remove ID`` (issue 21): the bundled meeting
stays; an imported one goes after a backup, its notes kept (orphans) and back on re-import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import backups
from jcct_desktop.store.reference.imported_meetings import DB_NAME, DOCS, open_with_imports
from tests.imported_support import import_jcct_23


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err.strip()


@pytest.fixture
def imported(data_dir: Path, tmp_path: Path, capsys) -> dict:
    drafts = import_jcct_23(data_dir, tmp_path)
    service = AnnotationService.open(data_dir)
    service.add_note(commitment_id="jcct-23-SL-1", text="SOE pilot list due")
    service.close()
    capsys.readouterr()
    return drafts


def test_list_shows_bundled_and_imported(imported, capsys) -> None:
    code, out, _ = _run(capsys, "meetings", "list")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [
        ("jcct-22", "22nd JCCT (2011)", "40 commitments", "bundled"),
        ("jcct-23", "23rd JCCT (2012)", "3 commitments", "imported"),
    ]


@pytest.mark.parametrize(("meeting", "message"), [
    ("jcct-22", "jcct-desktop: jcct-22 is a bundled meeting; only imported meetings can be "
                "removed"),
    ("jcct-99", "jcct-desktop: no imported meeting 'jcct-99'; imported: jcct-23"),
])  # fmt: skip
def test_remove_refuses_what_it_cannot_remove(imported, data_dir: Path, capsys, meeting,
                                              message) -> None:
    code, _, err = _run(capsys, "meetings", "remove", meeting)
    assert (code, err) == (2, message)
    assert (data_dir / DOCS / "jcct-23.json").is_file() and (data_dir / DB_NAME).is_file()


def test_remove_backs_up_keeps_the_notes_and_reimport_brings_them_back(
    imported, data_dir: Path, tmp_path: Path, capsys
) -> None:
    before = backups.list_backups(data_dir)
    code, _, err = _run(capsys, "meetings", "remove", "jcct-23")
    assert code == 0 and err.startswith("removed meeting jcct-23 (3 commitments); notes backed up")
    assert "\n" not in err
    # the backup was made first and carries the meeting's document
    [new] = [b for b in backups.list_backups(data_dir) if b not in before]
    assert (backups.meeting_docs_of(new.path) / "jcct-23.json").is_file()
    # the document is moved aside, the meetings database gone with the last imported meeting
    assert not (data_dir / DOCS / "jcct-23.json").exists()
    assert [p.name.split("-2026")[0] for p in (data_dir / DOCS / "removed").iterdir()]
    assert not (data_dir / DB_NAME).exists()
    catalog = open_with_imports(data_dir).catalog
    assert [m.id for m in catalog.meetings] == ["jcct-22"] and "jcct-23-SL-1" not in catalog
    service = AnnotationService.open(data_dir)
    assert [a.commitment_id for a in service.orphans(catalog.ids)] == ["jcct-23-SL-1"]
    service.close()
    # imported again: the same ids, so the note is on its commitment again
    drafts = tmp_path / "drafts-23.json"
    assert _run(capsys, "import", "factsheet", "--apply", str(drafts))[0] == 0
    out = tmp_path / "all.json"
    assert _run(capsys, "export", "json", "-o", str(out))[0] == 0
    by_id = {c["id"]: c for c in json.loads(out.read_text("utf-8"))["commitments"]}
    assert [n["text"] for n in by_id["jcct-23-SL-1"]["notes"]] == ["SOE pilot list due"]


SHEET_24 = """24th U.S.-China Joint Commission on Commerce and Trade Fact Sheet

The U.S. Secretary of Commerce co-chaired the 24th JCCT in Beijing.

Software Legalization

  • China will extend its software legalization audits to provincial SOEs by June 2014.
"""


def test_a_meeting_another_links_to_is_not_removed(imported, data_dir: Path, tmp_path: Path,
                                                   capsys) -> None:
    sheet = tmp_path / "jcct-24.txt"
    sheet.write_text(SHEET_24, "utf-8")
    drafts_path = tmp_path / "drafts-24.json"
    assert main(["import", "factsheet", str(sheet), "--dialogue", "jcct", "--number", "24",
                 "--date", "2013-12-20", "-o", str(drafts_path)]) == 0  # fmt: skip
    drafts = json.loads(drafts_path.read_text("utf-8"))
    c = drafts["commitments"][0]
    c["links"] = [{"relation": "extends", "target": "jcct-23-SL-1", "span": c["span"]}]
    drafts_path.write_text(json.dumps(drafts), "utf-8")
    assert main(["import", "factsheet", "--apply", str(drafts_path)]) == 0
    capsys.readouterr()
    code, _, err = _run(capsys, "meetings", "remove", "jcct-23")
    assert (code, err) == (2, "jcct-desktop: jcct-24-SL-1 (jcct-24) links to jcct-23-SL-1; "
                              "remove jcct-24 first; nothing was changed")  # fmt: skip
    assert _run(capsys, "meetings", "remove", "jcct-24")[0] == 0
    assert [m.id for m in open_with_imports(data_dir).catalog.meetings] == ["jcct-22", "jcct-23"]
    assert _run(capsys, "meetings", "remove", "jcct-23")[0] == 0


def test_a_document_saved_before_the_checks_never_breaks_the_app(
    imported, data_dir: Path, capsys
) -> None:
    """A kind typed "action with deadline" and a 9999 milestone, saved by an older version:
    the app shows the bundled meeting, the listing says why, and remove takes it away."""
    doc_path = data_dir / DOCS / "jcct-23.json"
    doc = json.loads(doc_path.read_text("utf-8"))
    doc["commitments"][0]["kind"] = "action with deadline"
    doc["commitments"][0]["milestones"][0].update(earliest="9999-12-01", latest="9999-12-31")
    doc_path.write_text(json.dumps(doc), "utf-8")
    (data_dir / DB_NAME).unlink()
    assert [m.id for m in open_with_imports(data_dir).catalog.meetings] == ["jcct-22"]
    code, out, _ = _run(capsys, "meetings", "list")
    assert code == 0 and out.splitlines()[1].startswith("jcct-23\t") and "not shown" in out
    assert _run(capsys, "export", "csv", "-o", str(data_dir / "x.csv"))[0] == 0
    assert _run(capsys, "meetings", "remove", "jcct-23")[0] == 0
    assert "not shown" not in _run(capsys, "meetings", "list")[1]


def test_a_database_written_before_the_checks_is_judged_again(imported, data_dir: Path,
                                                              monkeypatch) -> None:
    """meetings.sqlite itself holding a 9999 milestone (written by an older version, which did
    not check): it is rebuilt from the documents, which the checks refuse, so the window and
    the exports show the bundled meeting instead of crashing at every start."""
    from jcct_desktop.store.reference import build
    from jcct_desktop.store.reference.imported_meetings import rebuild

    doc_path = data_dir / DOCS / "jcct-23.json"
    doc = json.loads(doc_path.read_text("utf-8"))
    doc["commitments"][0]["milestones"][0].update(earliest="9999-12-01", latest="9999-12-31")
    doc_path.write_text(json.dumps(doc), "utf-8")
    with monkeypatch.context() as old_version:
        old_version.setattr(build, "check_sources", lambda docs, areas: None)
        rebuild(open_with_imports(data_dir).catalog, data_dir)
    assert (data_dir / DB_NAME).is_file()
    assert [m.id for m in open_with_imports(data_dir).catalog.meetings] == ["jcct-22"]


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_window_removes_an_imported_meeting(imported, data_dir: Path, qtbot, tmp_path,
                                                monkeypatch) -> None:
    from jcct_desktop.ui.factsheet_import.action import RemoveMeetingAsk
    from tests.ui_support import AS_OF, build_window

    asked: list[list[str]] = []
    monkeypatch.setattr(RemoveMeetingAsk, "choose",
                        classmethod(lambda cls, w, labels: asked.append(labels) or 0))
    monkeypatch.setattr(RemoveMeetingAsk, "confirm", classmethod(lambda cls, w, text: True))
    window = build_window(qtbot, open_with_imports(data_dir), tmp_path, as_of=AS_OF,
                          data_dir=data_dir)
    assert "jcct-23-SL-1" in window.visible_commitment_ids()
    action = window.actions_by_name["remove_meeting"]
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()
    action.trigger()
    assert asked == [["23rd JCCT (2012) (jcct-23)"]]  # the bundled meeting is not offered
    assert "jcct-23-SL-1" not in window.visible_commitment_ids()
    assert len(window.visible_commitment_ids()) == 40
    assert not (data_dir / DOCS / "jcct-23.json").exists()
    assert "Removed the 23rd JCCT (2012)" in window.statusBar().currentMessage()


def test_remove_stands_back_from_an_open_window(imported, data_dir: Path, capsys) -> None:
    """Like the other commands that write into the data folder (tests/test_cli_folder_lock)."""
    from tests.test_cli_folder_lock import WINDOW, _holder

    with _holder(WINDOW, data_dir) as window:
        code, _, err = _run(capsys, "meetings", "remove", "jcct-23")
    assert (code, err) == (1, f"jcct-desktop: JCCT Desktop is open on these notes (process "
                              f"{window.pid} on this computer); use File → Remove imported "
                              "meeting… there, or close it first; nothing was changed")
    assert (data_dir / DOCS / "jcct-23.json").is_file()
