"""Issue 19, probe 1: no output ever lands on the app's own files.

``export pdf -o DATA/annotations.sqlite`` replaced the notes database with a PDF. Every writer
(``export json|csv|pdf|ics``, ``notes export``) is driven through the real command line against
a real notes folder, and each of the app's files — reached by name, through a symbolic link, a
hard link or a symlinked folder — must come out byte for byte as it was, with exit 1 and one
line naming what the file is.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.core import own_files
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import backups
from jcct_desktop.store.notes.database import DB_NAME
from jcct_desktop.store.reference import imported_meetings
from jcct_desktop.team import settings as team_settings


def _folder(data_dir: Path) -> Path:
    service = AnnotationService.open(data_dir)
    service.add_note(commitment_id="2011-NEV-1", text="kept safe")
    service.close()
    backups.backup_now(data_dir, reason="manual")
    (data_dir / "team.json").write_text('{"url": "service=jcct"}', "utf-8")
    (data_dir / "settings.ini").write_text("[General]\nmarking=SECRET\n", "utf-8")
    (data_dir / "meetings.sqlite").write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    (data_dir / "meetings").mkdir()
    (data_dir / "meetings" / "jcct-23.json").write_text('{"meeting": {}}', "utf-8")
    return data_dir


def _fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder (recursively) and its content hash."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink() and not p.name.endswith(("-shm", "-wal"))
    }


def _export(fmt: str, target: Path) -> list[str]:
    if fmt == "notes":
        return ["notes", "export", str(target)]
    return ["export", fmt, "-o", str(target)]


def _refused(capsys: pytest.CaptureFixture[str], argv: list[str], words: str) -> None:
    capsys.readouterr()
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert words in err and "choose another file" in err, err


@pytest.mark.parametrize("fmt", ["pdf", "json", "csv", "ics", "notes"])
def test_no_export_replaces_the_notes_database(data_dir, tmp_path, capsys, fmt) -> None:
    folder = _folder(data_dir)
    before = _fingerprint(folder)
    _refused(capsys, _export(fmt, folder / DB_NAME), "your notes database")
    assert _fingerprint(folder) == before
    service = AnnotationService.open(folder)
    assert service.get("2011-NEV-1").notes[0].text == "kept safe"
    service.close()


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("annotations.sqlite-wal", "journal"),
        ("annotations.sqlite-shm", "journal"),
        ("team.json", "the team settings"),
        ("settings.ini", "the window settings"),
        ("meetings.sqlite", "the imported meetings' database"),
        ("meetings/jcct-23.json", "imported meetings' documents"),
        ("backups/NEW.pdf", "backups of your notes"),
        ("jcct-desktop.lock", "lock"),
    ],
)
def test_every_own_file_is_refused_by_name(data_dir, capsys, name, words) -> None:
    folder = _folder(data_dir)
    service = AnnotationService.open(folder)  # an open service keeps its -wal and -shm
    try:
        before = _fingerprint(folder)
        _refused(capsys, _export("json", folder / name), words)
        assert _fingerprint(folder) == before
        assert not (folder / "backups" / "NEW.pdf").exists()
    finally:
        service.close()


def test_a_backup_is_refused(data_dir, capsys) -> None:
    folder = _folder(data_dir)
    backup = backups.list_backups(folder)[0].path
    before = backup.read_bytes()
    _refused(capsys, _export("csv", backup), "backups of your notes")
    assert backup.read_bytes() == before


@pytest.mark.parametrize("fmt", ["pdf", "json", "notes"])
def test_links_to_own_files_are_refused_by_identity(data_dir, tmp_path, capsys, fmt) -> None:
    folder = _folder(data_dir)
    before = _fingerprint(folder)
    hard = tmp_path / "innocent.pdf"
    os.link(folder / DB_NAME, hard)
    soft = tmp_path / "also-innocent.json"
    soft.symlink_to(folder / "backups" / backups.list_backups(folder)[0].path.name)
    via_folder = tmp_path / "shortcut"
    via_folder.symlink_to(folder, target_is_directory=True)
    _refused(capsys, _export(fmt, hard), "your notes database")
    _refused(capsys, _export(fmt, soft), "backups of your notes")
    _refused(capsys, _export(fmt, via_folder / "team.json"), "the team settings")
    _refused(capsys, _export(fmt, via_folder / "annotations.sqlite-journal"), "journal")
    assert _fingerprint(folder) == before
    assert hard.samefile(folder / DB_NAME)
    assert not (folder / "annotations.sqlite-journal").exists()


def test_an_ordinary_file_in_the_data_folder_is_still_written(data_dir, capsys) -> None:
    folder = _folder(data_dir)
    target = folder / "my-export.json"
    assert main(_export("json", target)) == 0
    assert target.read_text("utf-8").startswith("{")


def test_the_default_window_settings_file_is_refused(data_dir, tmp_path, monkeypatch,
                                                     capsys) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    settings = own_files.default_window_settings()
    assert settings is not None
    settings.parent.mkdir(parents=True)
    settings.write_text("[General]\nmarking=SECRET\n", "utf-8")
    _refused(capsys, _export("json", settings), "the window settings")
    assert settings.read_text("utf-8") == "[General]\nmarking=SECRET\n"


def test_the_names_are_the_stores_own() -> None:
    """The core lists the stores' file names (it may not import them): they must agree."""
    from jcct_desktop.ui.app import SETTINGS_NAME
    from jcct_desktop.ui.folder_lock import COMMAND_MARK, LOCK_NAME

    assert own_files.NOTES_DB == DB_NAME
    assert own_files.BACKUPS_DIR == backups.BACKUP_DIR
    assert own_files.MEETINGS_DB == imported_meetings.DB_NAME
    assert own_files.MEETING_DOCS_DIR == imported_meetings.DOCS == backups.MEETING_DOCS
    assert own_files.TEAM_SETTINGS == team_settings.SETTINGS_FILE
    assert own_files.WINDOW_SETTINGS == SETTINGS_NAME
    assert set(own_files.LOCK_FILES) == {LOCK_NAME, COMMAND_MARK}


def test_the_screenshot_hook_never_replaces_the_notes(data_dir, tmp_path) -> None:
    folder = _folder(data_dir)
    before = _fingerprint(folder)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("JCCT_DATA_DIR", None)
    args = ["--data-dir", str(folder), "--screenshot", str(folder / DB_NAME)]
    code = f"import sys; from jcct_desktop.cli import main; sys.exit(main({args!r}))"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=90, check=False)
    assert done.returncode == 1, done.stderr
    assert "your notes database" in done.stderr and "Traceback" not in done.stderr
    after = _fingerprint(folder)
    assert after[DB_NAME] == before[DB_NAME]
