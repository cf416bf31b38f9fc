"""The window's one-file exports (calendar, memo, changes since) on a worker, the window live.

As ``ui.long_work.run_with_progress`` does for imports and restores, :func:`run_export` runs
the work on a worker (``ui.background.Task``) and waits in a local event loop, so the menu
action stays a plain function that returns once the file is written; but its progress dialog
is not modal: the window keeps answering keys and clicks meanwhile, not only painting. The
dialog shows after ``SHOW_AFTER_MS`` (quick work never flashes one); Cancel or Esc stops the
work at its next step, and an atomic write then removes its temporary file (nothing written).

Closing the window (or the dialog) cancels the work and waits for its worker, a few seconds
at most, as the packet dialog does: a worker left running while the application was torn
down crashed it. Work functions never touch widgets; what they read of the window's notes is
a snapshot taken on the GUI thread before they start.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThreadPool, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QProgressDialog, QWidget

from jcct_desktop.core import cancel as stale
from jcct_desktop.core.progress import Cancelled
from jcct_desktop.ui.background import Task, error_text
from jcct_desktop.ui.long_work import (
    SHOW_AFTER_MS,
    Outcome,
    Progress,
    ProgressSignals,
    collector_paused,
)

T = TypeVar("T")
CLOSE_WAIT_S = 5.0  # how long a closing window waits for its cancelled export to stop
CANCELLING = "Cancelling… nothing is written"


class ExportProgress(Progress):
    """``Progress`` whose cancel also stops the core's loops that ask ``core.cancel``."""

    def __init__(self, signals: ProgressSignals) -> None:
        super().__init__(signals)
        self.token = stale.CancelToken()

    def cancel(self) -> None:
        self.token.cancel()
        super().cancel()


class _Stopped:
    """The work's result when it stopped on Cancel."""


class ExportProgressDialog(QProgressDialog):
    """Not modal (the window stays usable); closed with the window, it cancels the export
    and waits for its worker to leave."""

    def __init__(self, parent: QWidget | None, title: str, label: str) -> None:
        super().__init__(label, "Cancel", 0, 0, parent)
        self.setObjectName("exportProgress")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.task: Task | None = None
        self.progress: ExportProgress | None = None
        self.canceled.connect(self.stop)

    def stop(self) -> None:
        if self.progress is not None and not self.progress.cancelled:
            self.progress.cancel()
            self.setLabelText(CANCELLING)

    def reject(self) -> None:
        """Esc: stop the work; the dialog stays, saying so, until the work has stopped."""
        self.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()
        if self.task is not None:
            self.task.wait(CLOSE_WAIT_S)
        super().closeEvent(event)


class _Waiter(QObject):
    """On the GUI thread: the worker's signals reach it queued, in the local loop."""

    def __init__(self, dialog: ExportProgressDialog, loop: QEventLoop) -> None:
        super().__init__()
        self.dialog, self.loop = dialog, loop
        self.outcome: Outcome[Any] | None = None

    @Slot(int, int)
    def moved(self, done: int, total: int) -> None:
        if self.dialog.progress is not None and self.dialog.progress.cancelled:
            return  # "Cancelling…" stays until the work has stopped
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, total))

    @Slot(object)
    def done(self, result: object) -> None:
        self.outcome = (Outcome(cancelled=True) if isinstance(result, _Stopped)
                        else Outcome(result=result))
        self.loop.quit()

    @Slot(str)
    def failed(self, message: str) -> None:
        self.outcome = Outcome(error=message)
        self.loop.quit()


def run_export(parent: QWidget | None, title: str, label: str,
               work: Callable[[Progress], T], *,
               started: Callable[[ExportProgressDialog], None] | None = None) -> Outcome[T]:
    """Run ``work(progress)`` on a worker; return what became of it once it has ended, the
    event loop running meanwhile. ``started``: told the dialog once the work is under way
    (to cancel it from elsewhere, e.g. stale work superseded)."""
    signals = ProgressSignals()
    progress = ExportProgress(signals)

    def guarded() -> object:
        try:
            with collector_paused(freeze=False), stale.scope(progress.token):
                return work(progress)
        except (Cancelled, stale.Cancelled):
            return _Stopped()

    dialog = ExportProgressDialog(parent, title, label)
    dialog.progress = progress
    dialog.setValue(0)  # starts the clock: shown after SHOW_AFTER_MS even if no step comes
    loop = QEventLoop()
    waiter = _Waiter(dialog, loop)
    signals.progress.connect(waiter.moved)
    signals.done.connect(waiter.done)
    signals.failed.connect(waiter.failed)
    task = dialog.task = Task(guarded, signals, describe=error_text)
    QThreadPool.globalInstance().start(task)
    if started is not None:
        started(dialog)
    if waiter.outcome is None:
        loop.exec()  # until done or failed, or the application quitting
    if waiter.outcome is None:  # the application quit all its loops: stop, wait, drop
        dialog.stop()
        task.wait(CLOSE_WAIT_S)
        waiter.outcome = Outcome(cancelled=True)
    dialog.canceled.disconnect(dialog.stop)
    dialog.task = None
    dialog.close()
    dialog.deleteLater()
    return waiter.outcome
