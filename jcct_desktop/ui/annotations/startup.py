"""Open the officer's notes at start, and keep them safe while the app runs.

A damaged, unreadable or too-new database never stops the app: the window opens on the
reference data, the notes pane says why notes are unavailable, and nothing is overwritten.
"""

from __future__ import annotations

import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.backups import backup_at_start
from jcct_desktop.store.notes.database import UserDataError
from jcct_desktop.store.notes.operations import open_deferring_backup
from jcct_desktop.store.notes.recovery import RecoveryReport
from jcct_desktop.ui.annotations.backup_timer import BackupScheduler, backup_task
from jcct_desktop.ui.background import Task, TaskSignals
from jcct_desktop.ui.main_window import MainWindow


@dataclass
class OpenedNotes:
    service: AnnotationService | None = None
    report: RecoveryReport | None = None
    error: str | None = None  # why there is no service, in words for the user
    backup_owed: bool = False  # the start-up copy is still to be made (after the first paint)


def open_notes(data_dir: str | os.PathLike[str]) -> OpenedNotes:
    """The notes of ``data_dir`` (the run's folder, decided by the entry point)."""
    try:
        service, report, owed = open_deferring_backup(data_dir)
    except UserDataError as exc:  # incl. SchemaTooNewError: refused, left untouched
        return _read_only_or(Path(data_dir), str(exc))
    except Exception as exc:  # anything else must not cost the officer the reference data
        traceback.print_exc(file=sys.stderr)
        return OpenedNotes(error=f"unexpected error while opening them ({exc})")
    return OpenedNotes(service, report, backup_owed=owed)


def _read_only_or(folder: Path, error: str) -> OpenedNotes:
    """A data folder that cannot be written still shows the notes, read-only (nothing is
    created, migrated or journalled there); any other failure keeps its message."""
    from jcct_desktop.store.notes import operations

    writable = folder.is_dir() and os.access(folder, os.W_OK | os.X_OK) and not (
        os.statvfs(folder).f_flag & os.ST_RDONLY)
    if writable or not folder.is_dir():
        return OpenedNotes(error=error)
    try:
        service = operations.open_for_reading(folder)
    except UserDataError as exc:
        return OpenedNotes(error=str(exc))
    if service is None:
        return OpenedNotes(error=error)
    return OpenedNotes(service)


def report_problems(window: MainWindow, notes: OpenedNotes, headless: bool) -> None:
    """Tell the user what went wrong at start: stderr when headless, dialogs otherwise."""
    if notes.service is not None and notes.service.read_only:
        text = f"Your notes folder {notes.service.data_dir} is read-only: notes are shown, " \
            "but cannot be changed or backed up."
        print(f"jcct-desktop: {text}", file=sys.stderr)
        window.statusBar().showMessage(text, 15000)  # the notes pane keeps saying so
    if notes.error:
        text = f"Your notes are unavailable: {notes.error}"
        print(f"jcct-desktop: {text}", file=sys.stderr)
        if not headless:
            QTimer.singleShot(0, lambda: QMessageBox.warning(window, "Notes unavailable", text))
    if notes.report is not None and notes.service is not None:
        print(f"jcct-desktop: {notes.report.message}", file=sys.stderr)
        if not headless:
            from jcct_desktop.ui.annotations.backup_actions import show_recovery_report

            report, service = notes.report, notes.service
            # after the window is on screen, so the question has a parent to sit on
            QTimer.singleShot(0, lambda: show_recovery_report(window, report, service,
                                                               window.undo_stack))


def keep_safe(app: QApplication, window: MainWindow, notes: OpenedNotes,
              headless: bool) -> BackupScheduler | None:
    """Hourly backup check while running (not in one-shot modes); close the store on quit."""
    service = notes.service
    if service is None or service.read_only:
        if service is not None:
            app.aboutToQuit.connect(service.close)
        return None
    scheduler = BackupScheduler(service.data_dir, app)

    def made(path: str) -> None:
        if path:  # "" means none was due
            window.statusBar().showMessage(f"Notes backed up to {path}", 6000)

    def failed(message: str) -> None:
        print(f"jcct-desktop: automatic backup failed: {message}", file=sys.stderr)
        window.statusBar().showMessage(f"Automatic backup failed: {message}", 15000)

    scheduler.made.connect(made)
    scheduler.failed.connect(failed)
    if not headless:
        scheduler.start()
    startup = StartupBackup(scheduler) if notes.backup_owed else None
    if startup is not None:
        # the copy of every start, made once the window is on screen (a worker thread)
        window.firstPainted.connect(startup.start,
                                    type=Qt.ConnectionType.SingleShotConnection)

    def shut_down() -> None:
        if startup is not None:
            startup.start()  # a quit before the first paint still leaves its copy
        scheduler.stop()  # waits for a running copy
        window.notes.disconnect_service()
        service.close()

    app.aboutToQuit.connect(shut_down)
    return scheduler


class StartupBackup(QObject):
    """The copy every start makes, on the scheduler's one-thread pool (so copies never overlap
    and ``scheduler.stop()`` waits for it). Starting twice is harmless: it runs once.

    Silent when it works, as when it was made before the window; a failure is reported like
    an hourly one (the notes are already open, so they stay available).
    """

    done = Signal(str)  # the copy's path, or "" if it failed

    def __init__(self, scheduler: BackupScheduler) -> None:
        super().__init__(scheduler)
        self.scheduler = scheduler
        self._signals = TaskSignals(self)
        self._signals.done.connect(self._made)
        self._signals.failed.connect(scheduler.failed)
        self._signals.failed.connect(lambda _m: self.done.emit(""))
        self.task: Task | None = None

    def _made(self, path: str) -> None:
        self.done.emit(path)

    def start(self) -> None:
        if self.task is None:
            self.task = backup_task(backup_at_start, self.scheduler.data_dir, self._signals)
            self.scheduler.pool.start(self.task)
