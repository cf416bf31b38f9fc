"""The running app's backup timer: a real service, a short interval, the worker's signals."""

from __future__ import annotations

from pathlib import Path

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.backups import backups_dir, list_backups
from jcct_desktop.ui.annotations.backup_timer import BackupScheduler


def test_the_timer_backs_up_once_then_finds_none_due(qtbot, tmp_path: Path):
    service = AnnotationService.open(tmp_path)
    service.add_note(commitment_id="2011-NEV-1", text="kept <b>&")
    scheduler = BackupScheduler(service.data_dir, interval_ms=20)
    failures: list[str] = []
    scheduler.failed.connect(failures.append)
    try:
        with qtbot.waitSignal(scheduler.made, timeout=10_000) as first:
            scheduler.start()  # no backup yet: the first tick makes one
        made = Path(first.args[0])
        assert made.is_file() and made.parent == backups_dir(tmp_path)
        assert [b.path for b in list_backups(tmp_path)] == [made]
        with qtbot.waitSignal(scheduler.made, timeout=10_000) as second:
            pass  # the next tick: the copy just made is fresh, so none is due ("" not None)
        assert second.args == [""]
        assert len(list_backups(tmp_path)) == 1 and not failures
    finally:
        scheduler.stop()
        service.close()
    assert not scheduler.timer.isActive()


def test_a_failed_backup_is_reported_not_lost_in_the_thread(qtbot, tmp_path: Path):
    (tmp_path / "backups").write_text("a file where the backups folder should be")
    service = AnnotationService.open(tmp_path)
    scheduler = BackupScheduler(service.data_dir, interval_ms=20)
    try:
        with qtbot.waitSignal(scheduler.failed, timeout=10_000) as failed:
            scheduler.check_now()
        assert failed.args[0]
    finally:
        scheduler.stop()
        service.close()
