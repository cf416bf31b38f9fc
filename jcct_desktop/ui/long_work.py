"""Long work on a worker thread, with a progress dialog and Cancel, the window live meanwhile.

:func:`run_with_progress` starts the work through the one background helper
(``ui.background``) and waits in a local event loop while a window-modal QProgressDialog says
how far it is (shown only after ``SHOW_AFTER_MS``: quick work never flashes a dialog). The
window keeps painting and its timers keep running; the function returns once the work has
finished, failed or been cancelled, so the menu actions calling it stay plain functions.

The work gets a :class:`Progress`; its ``step(done, total)`` moves the bar and, once Cancel
was pressed, raises ``core.progress.Cancelled`` inside the work, which rolls back what it was
writing (the store's writes are one transaction). Work functions never touch widgets and open
their own database connections (SQLite connections belong to the thread that made them).
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from jcct_desktop.core.progress import Cancelled
from jcct_desktop.ui.background import Task, TaskSignals, error_text

T = TypeVar("T")
SHOW_AFTER_MS = 400  # work done sooner shows no dialog at all
STEP_EVERY_S = 0.05  # the bar moves at most 20 times a second: signals cost the GUI thread


# how many pauses are open; whether the collector ran before the first; whether one of them
# asked that what was made meanwhile be frozen
_pauses: list[int | bool] = [0, False, False]
_pauses_lock = threading.Lock()  # a packet's worker pauses too, while the GUI thread may


def pause_collector() -> None:
    """Pause the cyclic garbage collector (any thread; pauses nest, see ``resume_collector``).

    Its full passes over the objects a worker makes (an import's notes, every note read
    again, a search's results) hold the GIL for hundreds of milliseconds at a time, and the
    window with it; reference counting still frees everything that is not a cycle. The one
    pause of the app: every worker's pause goes through it, so one ending never turns the
    collector back on under another still running."""
    with _pauses_lock:
        if _pauses[0] == 0:
            _pauses[1] = gc.isenabled()
            gc.disable()
        _pauses[0] += 1


def resume_collector(freeze: bool = True) -> None:
    """End one pause; after the last the collector resumes.

    ``freeze``: what was made meanwhile lives long (a catalog's tables, notes read again), so
    it is frozen out of the collector's passes (as ``ui.app`` freezes the catalog and the
    window), or the first pass after would walk all of it at once. Not for short-lived
    results (a keystroke's tree rows): frozen objects are never cycle-collected, so freezing
    each would keep them all. A freeze asked by a pause ending while another is still open
    happens when the last ends (constant time either way)."""
    with _pauses_lock:
        _pauses[0] -= 1
        _pauses[2] = _pauses[2] or freeze
        if _pauses[0] == 0:
            if _pauses[1]:
                if _pauses[2]:
                    gc.freeze()
                gc.enable()
            _pauses[2] = False


@contextmanager
def collector_paused(freeze: bool = True) -> Iterator[None]:
    """The collector paused while the block runs (see ``resume_collector`` for ``freeze``)."""
    pause_collector()
    try:
        yield
    finally:
        resume_collector(freeze)


def freeze_made_so_far() -> None:
    """Inside a freezing pause: freeze now what was made so far (constant time), so that a
    collection started later (asked for by the work, or by its allocations once the pause
    ends) walks only what comes after, not all of it at once holding the GIL."""
    with _pauses_lock:
        if _pauses[0] and _pauses[1]:
            gc.freeze()


@dataclass
class Outcome(Generic[T]):
    """What became of the work: its result, one line saying why it failed, or cancelled."""

    result: T | None = None
    error: str | None = None
    cancelled: bool = False


class ProgressSignals(TaskSignals):
    progress = Signal(int, int)  # done, total


class Progress:
    """Handed to the work (on the worker): ``step`` reports, and stops the work once asked."""

    def __init__(self, signals: ProgressSignals) -> None:
        self._signals = signals
        self._stop = threading.Event()
        self._last = 0.0

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def step(self, done: int, total: int) -> None:
        if self._stop.is_set():
            raise Cancelled
        now = time.monotonic()
        if now - self._last >= STEP_EVERY_S or done >= total:
            self._last = now
            self._signals.progress.emit(done, total)


class _Cancelled:
    """The work's result when it stopped on Cancel (not an error to show)."""


class _Waiter(QObject):
    """Lives on the GUI thread, so the worker's signals reach it queued, in the local loop."""

    def __init__(self, dialog: QProgressDialog, loop: QEventLoop) -> None:
        super().__init__()
        self.dialog, self.loop = dialog, loop
        self.outcome: Outcome[Any] = Outcome()

    @Slot(int, int)
    def moved(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, total))

    @Slot(object)
    def done(self, result: object) -> None:
        if isinstance(result, _Cancelled):
            self.outcome = Outcome(cancelled=True)
        else:
            self.outcome = Outcome(result=result)
        self.loop.quit()

    @Slot(str)
    def failed(self, message: str) -> None:
        self.outcome = Outcome(error=message)
        self.loop.quit()


def run_with_progress(parent: QWidget | None, title: str, label: str,
                      work: Callable[[Progress], T], *, cancellable: bool = True,
                      pool: QThreadPool | None = None) -> Outcome[T]:
    """Run ``work(progress)`` on a worker and wait for it with the event loop running."""
    signals = ProgressSignals()
    progress = Progress(signals)

    def guarded() -> object:
        try:
            return work(progress)
        except Cancelled:
            return _Cancelled()

    dialog = QProgressDialog(label, "Cancel" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)  # no second edit meanwhile
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setValue(0)  # starts the clock: shown after SHOW_AFTER_MS even if no step comes
    if not cancellable:
        dialog.setCancelButton(None)
    loop = QEventLoop()
    waiter = _Waiter(dialog, loop)
    signals.progress.connect(waiter.moved)
    signals.done.connect(waiter.done)
    signals.failed.connect(waiter.failed)

    def cancel() -> None:
        progress.cancel()
        dialog.setLabelText("Cancelling… nothing is kept")

    dialog.canceled.connect(cancel)
    task = Task(guarded, signals, describe=error_text)
    with collector_paused():
        (pool or QThreadPool.globalInstance()).start(task)
        loop.exec()  # until done or failed: the worker always sends one of them
    dialog.canceled.disconnect(cancel)
    dialog.close()
    dialog.deleteLater()
    return waiter.outcome
