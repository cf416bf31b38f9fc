"""Work on a thread of its own where only the newest request matters (search as you type).

At most one piece of work runs and at most one waits: a new request replaces the waiting one
and cancels the running one (``core.cancel``: it stops at its next check, or inside SQLite).
Only the newest request's result is delivered, by signal, on the GUI thread; a superseded
result is dropped unseen. Runs through ``ui/background.py``'s Task on a pool of one thread,
kept apart from the shared pool so a packet being written never delays a search.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from jcct_desktop.core import cancel
from jcct_desktop.ui.background import Task
from jcct_desktop.ui.long_work import collector_paused

_POOL: QThreadPool | None = None
_STALE = object()  # what superseded work returns
# every task until it has finished: a window closed meanwhile must not free a running one
_ALIVE: set[Task] = set()


def _pool() -> QThreadPool:
    """One worker thread for the process (every window's searches queue on it)."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(1)
    return _POOL


def _start(task: Task, on_done: Callable[[Any], None], on_failed: Callable[[str], None]) -> None:
    """Start ``task`` on the one worker, kept alive until it has finished either way."""
    task.signals.done.connect(on_done)
    task.signals.failed.connect(on_failed)
    task.signals.done.connect(lambda _result: _ALIVE.discard(task))
    task.signals.failed.connect(lambda _message: _ALIVE.discard(task))
    _ALIVE.add(task)
    _pool().start(task)


class LatestOnly(QObject):
    ready = Signal(object)  # the newest request's result
    failed = Signal(str)  # the newest request raised: its message
    warmed = Signal()  # a warm-up finished (or failed: the first search reports why)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._asked = 0  # requests made, and the number of the newest
        self._running: tuple[int, cancel.CancelToken, Task] | None = None
        self._waiting: tuple[int, Callable[[], Any]] | None = None

    def request(self, work: Callable[[], Any]) -> None:
        """Run ``work`` off the GUI thread; whatever was asked before is superseded."""
        self._asked += 1
        self._waiting = (self._asked, work)
        if self._running is None:
            self._start_waiting()
        else:
            self._running[1].cancel()  # it ends soon; the waiting work starts then

    def supersede(self) -> None:
        """A result made another way (at once, on the GUI thread) replaces any pending one."""
        self._asked += 1
        self._waiting = None
        if self._running is not None:
            self._running[1].cancel()

    def warm_up(self, work: Callable[[], object]) -> None:
        """Run ``work`` on the same thread before the requests that follow (what the first
        search would otherwise make and wait for); never superseded, nothing delivered."""

        def run() -> None:
            # what it makes lives as long as the catalog: frozen out of the collector's
            # passes at the end (ui.long_work), or the first young collection after it, on
            # whichever thread (the window's), would walk millions of objects at once
            with collector_paused():
                work()

        # bound methods: a window closed meanwhile is never called back
        _start(Task(run), self._warm_finished, self._warm_finished)

    def _warm_finished(self, _outcome: object) -> None:
        self.warmed.emit()

    def busy(self) -> bool:
        """Work running or waiting whose result may still arrive."""
        return self._waiting is not None or (
            self._running is not None and self._running[0] == self._asked)

    def _start_waiting(self) -> None:
        assert self._waiting is not None
        number, work = self._waiting
        self._waiting = None
        token = cancel.CancelToken()

        def run() -> Any:
            # a collection holds the interpreter lock, so one started by the work's
            # allocations stops the window too (50-150 ms at 100,000 commitments); the
            # work's garbage is freed by reference counting. Not frozen after: the results
            # (tree rows, cyclic) are replaced at the next key and must stay collectable
            with cancel.scope(token), collector_paused(freeze=False):
                try:
                    return work()
                except cancel.Cancelled:
                    return _STALE

        task = Task(run)
        self._running = (number, token, task)
        # bound methods of this object, made on the GUI thread: the worker's emits are queued
        _start(task, self._done, self._failed)

    def _finish(self) -> bool:
        """The running work ended: start the waiting one; True if the ended one is wanted."""
        assert self._running is not None
        wanted = self._running[0] == self._asked
        self._running = None
        if self._waiting is not None:
            self._start_waiting()
        return wanted

    def _done(self, result: object) -> None:
        if self._finish() and result is not _STALE:
            self.ready.emit(result)

    def _failed(self, message: str) -> None:
        if self._finish():
            self.failed.emit(message)
