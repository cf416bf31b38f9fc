"""Restoring the notes from a backup: every copy is checked before the live file is touched,
a bad copy is refused (and never offered), the list and `notes backups` say what each copy
is. Real command line and store over real SQLite files in temp folders."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import backups, recovery
from jcct_desktop.store.notes.database import DB_NAME
from tests.notes_support import (
    count_notes,
    foreign_sqlite,
    one_clean_line,
    open_at_start,
    run,
    seed,
)


def _too_new(path: Path, good: Path) -> None:
    shutil.copy(good, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()


def _truncated(path: Path, good: Path) -> None:
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])


BAD_BACKUPS = {
    "empty": lambda p, g: p.write_bytes(b""),
    "foreign": lambda p, g: foreign_sqlite(p),
    "too-new": _too_new,
    "truncated": _truncated,
    "text": lambda p, g: p.write_text("not a database"),
}


@pytest.mark.parametrize("kind", sorted(BAD_BACKUPS))
def test_restore_refuses_each_kind_of_bad_backup_and_changes_nothing(tmp_path, kind) -> None:
    seed(tmp_path)
    service = AnnotationService.open(tmp_path)
    good = backups.backup_now(tmp_path)
    bad = tmp_path / "backups" / "annotations-20260101-000000-000000-manual.sqlite"
    BAD_BACKUPS[kind](bad, good)
    live_before = (tmp_path / DB_NAME).read_bytes()
    listed_before = {b.path for b in backups.list_backups(tmp_path)}
    with pytest.raises(backups.BackupError, match="nothing was restored"):
        recovery.restore(bad, service)
    assert sum(len(a.notes) for a in service.all()) == 40
    service.close()
    assert (tmp_path / DB_NAME).read_bytes() == live_before
    assert {b.path for b in backups.list_backups(tmp_path)} == listed_before  # no copy made


def test_zero_byte_backup_is_never_offered_after_damage(tmp_path) -> None:
    seed(tmp_path)
    good = backups.backup_now(tmp_path, now=datetime.now(UTC) - timedelta(hours=2))
    empty = tmp_path / "backups" / f"annotations-{datetime.now(UTC):%Y%m%d-%H%M%S}-000000.sqlite"
    empty.write_bytes(b"")
    (tmp_path / DB_NAME).write_bytes(b"garbage" * 1000)
    service, report = open_at_start(tmp_path)
    assert report is not None and report.offered_backup is not None
    assert report.offered_backup.path == good
    service.close()


def test_cli_backups_lists_verdicts_and_restore_refuses_with_exit_1(tmp_path, capsys) -> None:
    seed(tmp_path)
    backups.backup_now(tmp_path, reason="manual")
    empty = tmp_path / "backups" / f"annotations-{datetime.now(UTC):%Y%m%d-%H%M%S}-999999.sqlite"
    empty.write_bytes(b"")
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path), "notes", "backups"]) == 0
    out = capsys.readouterr().out
    assert "made by you" in out and "good" in out and "empty (0 bytes)" in out
    before = (tmp_path / DB_NAME).read_bytes()
    code, err = run(capsys, "--data-dir", str(tmp_path), "notes", "restore", str(empty))
    assert code == 1 and "nothing was changed" in err
    one_clean_line(err)
    assert (tmp_path / DB_NAME).read_bytes() == before
    code, err = run(capsys, "--data-dir", str(tmp_path), "notes", "restore", "latest")
    assert code == 0 and "Restored" in err
    assert count_notes(tmp_path) == 40


def test_cli_restore_latest_recovers_a_damaged_live_file(tmp_path, capsys) -> None:
    seed(tmp_path)
    backups.backup_now(tmp_path)
    damaged = b"this is not sqlite" * 100
    (tmp_path / DB_NAME).write_bytes(damaged)
    code, err = run(capsys, "--data-dir", str(tmp_path), "notes", "restore", "latest")
    assert code == 0, err
    assert "moved aside" in err
    assert count_notes(tmp_path) == 40
    (moved,) = tmp_path.glob("annotations.corrupt-*.sqlite")
    assert moved.read_bytes() == damaged


def test_future_dated_backup_is_ignored_and_reported(tmp_path, capsys) -> None:
    seed(tmp_path, notes=2)
    future = tmp_path / "backups" / "annotations-29990101-000000-000000-manual.sqlite"
    (tmp_path / "backups").mkdir(exist_ok=True)
    shutil.copy(backups.backup_now(tmp_path), future)
    for path in backups.list_backups(tmp_path):
        if path.path != future:
            path.path.unlink()
    assert backups.backup_if_due(tmp_path) is not None  # 12-hourly copies continue
    newest = backups.newest_good_backup(tmp_path)
    assert newest is not None and newest.path != future
    listed = backups.list_backups(tmp_path)
    assert listed[-1].path == future and listed[-1].future
    assert main(["--data-dir", str(tmp_path), "notes", "backups"]) == 0
    assert "future" in capsys.readouterr().out
    backups.rotate(tmp_path)
    assert future.exists()  # never rotated by an impossible date


def test_restore_list_names_time_reason_size_and_refuses_bad_copies(tmp_path, qtbot) -> None:
    from jcct_desktop.ui.annotations.backup_actions import RestoreDialog

    seed(tmp_path, notes=2)
    good = backups.backup_now(tmp_path, reason="import")
    empty = tmp_path / "backups" / f"annotations-{datetime.now(UTC):%Y%m%d-%H%M%S}-999999.sqlite"
    empty.write_bytes(b"")
    dialog = RestoreDialog(backups.list_backups(tmp_path))
    qtbot.addWidget(dialog)
    lines = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert any("before import" in t and "KB" in t and "can be restored" in t for t in lines)
    assert any("empty (0 bytes)" in t for t in lines)
    assert dialog.chosen() == good  # the bad newest copy is not selectable
