"""Backups while the app runs: an hourly timer asks ``backup_if_due`` (at most every 12 h).

The copy runs on a worker thread (``ui.background``: file work only) and reports by signal;
the signals object lives on the GUI thread, so its slots run there and may touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from jcct_desktop.store.notes.backups import backup_if_due
from jcct_desktop.ui.background import Task, TaskSignals

CHECK_EVERY_MS = 60 * 60 * 1000


def backup_task(job: Callable[[Path], Path | None], data_dir: Path,
                signals: TaskSignals) -> Task:
    """One backup job (``backup_if_due`` or ``backup_now``) on a worker: file work only.
    ``done`` carries the new backup's path, or "" when none was due (never None)."""

    def work() -> str:
        path = job(data_dir)
        return str(path) if path else ""

    return Task(work, signals)


class BackupScheduler(QObject):
    made = Signal(str)
    failed = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None,
                 interval_ms: int = CHECK_EVERY_MS) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one copy at a time
        self._signals = TaskSignals(self)
        self._signals.done.connect(self._made)
        self._signals.failed.connect(self.failed)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check_now)
        self._task: Task | None = None

    def _made(self, path: str) -> None:
        self.made.emit(path)

    def start(self) -> None:
        self.timer.start()

    def check_now(self) -> None:
        if self.pool.activeThreadCount() == 0:  # a slow disk must not queue up copies
            self._task = backup_task(backup_if_due, self.data_dir, self._signals)
            self.pool.start(self._task)

    def stop(self, wait_ms: int = 30_000) -> None:
        """Before the service closes: no new copies, and let a running one finish."""
        self.timer.stop()
        self.pool.waitForDone(wait_ms)
