"""Backups while the app runs: an hourly timer asks ``backup_if_due`` (at most every 12 h).

The copy runs on a worker thread (a QRunnable that only does file work) and reports by signal;
the signals object lives on the GUI thread, so its slots run there and may touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from jcct_desktop.store.backups import backup_if_due

CHECK_EVERY_MS = 60 * 60 * 1000


class BackupSignals(QObject):
    made = Signal(str)  # the new backup's path, or "" when none was due (never None)
    failed = Signal(str)


class BackupTask(QRunnable):
    """One backup job (``backup_if_due`` or ``backup_now``) on a worker: file work only."""

    def __init__(self, job: Callable[[Path], Path | None], data_dir: Path,
                 signals: BackupSignals) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it (its starter keeps a reference)
        self.job, self.data_dir, self.signals = job, data_dir, signals

    def run(self) -> None:
        try:
            path = self.job(self.data_dir)
        except Exception as exc:  # a message for the status bar, never lost in a thread
            self.signals.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.signals.made.emit(str(path) if path else "")


class BackupScheduler(QObject):
    made = Signal(str)
    failed = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None,
                 interval_ms: int = CHECK_EVERY_MS) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one copy at a time
        self._signals = BackupSignals(self)
        self._signals.made.connect(self.made)
        self._signals.failed.connect(self.failed)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check_now)
        self._task: BackupTask | None = None

    def start(self) -> None:
        self.timer.start()

    def check_now(self) -> None:
        if self.pool.activeThreadCount() == 0:  # a slow disk must not queue up copies
            self._task = BackupTask(backup_if_due, self.data_dir, self._signals)
            self.pool.start(self._task)

    def stop(self, wait_ms: int = 30_000) -> None:
        """Before the service closes: no new copies, and let a running one finish."""
        self.timer.stop()
        self.pool.waitForDone(wait_ms)
