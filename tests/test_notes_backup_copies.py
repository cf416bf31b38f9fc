"""The automatic backup copies: distinct names in the same instant, none at start-up when
nothing changed, stale half-made copies removed."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime
from pathlib import Path

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import backups
from jcct_desktop.store.notes.file_check import check_notes_file
from tests.notes_support import open_at_start, seed


def test_simultaneous_backups_get_distinct_names(tmp_path) -> None:
    seed(tmp_path, notes=3)
    moment = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    made: list[Path] = []
    errors: list[Exception] = []

    def take() -> None:
        try:
            made.append(backups.backup_now(tmp_path, now=moment))
        except Exception as exc:  # collected: the assertion below names it
            errors.append(exc)

    threads = [threading.Thread(target=take) for _ in range(25)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(made)) == 25
    assert all(check_notes_file(p).ok for p in made)


def test_start_up_backup_is_skipped_when_nothing_changed(tmp_path) -> None:
    seed(tmp_path, notes=1)
    for _ in range(5):
        service, _report = open_at_start(tmp_path)
        service.close()
    assert len(backups.list_backups(tmp_path)) == 1
    service = AnnotationService.open(tmp_path)
    service.add_note(commitment_id="A", text="changed")
    service.close()
    service, _report = open_at_start(tmp_path)
    service.close()
    assert len(backups.list_backups(tmp_path)) == 2


def test_stale_temporary_files_are_removed_at_start(tmp_path) -> None:
    seed(tmp_path, notes=1)
    (tmp_path / "backups").mkdir(exist_ok=True)
    stale = tmp_path / "backups" / ".annotations-abc123.part"
    stale.write_bytes(b"half a copy")
    fresh = tmp_path / "backups" / ".annotations-def456.part"
    fresh.write_bytes(b"a copy being made now")
    old = datetime.now().timestamp() - 7200
    os.utime(stale, (old, old))
    service, _ = open_at_start(tmp_path)
    service.close()
    assert not stale.exists() and fresh.exists()
