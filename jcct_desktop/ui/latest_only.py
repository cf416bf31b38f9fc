"""Work on a thread of its own where only the newest request matters (search as you type).

At most one piece of work runs and at most one waits: a new request replaces the waiting one
and cancels the running one (``core.cancel``: it stops at its next check, or inside SQLite).
Only the newest request's result is delivered, by signal, on the GUI thread; a superseded
result is dropped unseen. Runs through ``ui/background.py``'s Task on a pool of one thread,
kept apart from the shared pool so a packet being written never delays a search.

A warm-up (what the first search would otherwise make and wait for) comes in up to three
parts: what every request needs anyway runs first on the search thread; what requests can do
without (the search's index rows: until they are in, SQL answers, alike) runs on a thread of
its own beside them, so a search asked meanwhile is answered at once instead of after the
whole warm-up; what uses that runs last on the search thread, in turn with the requests.
"""

from __future__ import annotations

import atexit
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from jcct_desktop.core import cancel
from jcct_desktop.ui import collector_handoff
from jcct_desktop.ui.background import Task
from jcct_desktop.ui.collector_handoff import KeyPause
from jcct_desktop.ui.long_work import collector_paused

_POOL: QThreadPool | None = None
_BESIDE_POOL: QThreadPool | None = None
_STALE = object()  # what superseded work returns
# every task until it has finished (a window closed meanwhile must not free a running one),
# with a request's collector pause (ended at exit if its work never started)
_ALIVE: dict[Task, KeyPause | None] = {}
EXIT_WAIT_S = 10.0  # at most this long, at exit, for work under way to end


def _pool() -> QThreadPool:
    """One worker thread for the process (every window's searches queue on it)."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(1)
    return _POOL


def _wait_at_exit() -> None:
    """At exit, work not yet started is dropped and work under way is waited for (a while):
    torn down under it, a worker still emitting (a warm-up's part reads on to its end, a
    closed window or not) printed "Signal source has been deleted", or worse."""
    for pool in (_POOL, _BESIDE_POOL):
        if pool is not None:
            pool.clear()
    deadline = time.monotonic() + EXIT_WAIT_S
    for task, pause in list(_ALIVE.items()):
        if task.began:
            task.wait(max(0.0, deadline - time.monotonic()))
        elif pause is not None:  # dropped before it started: nobody hands its pause over
            pause.end()
    collector_handoff.settle()  # no event loop is left to end a pause after its paint


# registered after PySide6's own exit handlers, so run before them (last in, first out)
atexit.register(_wait_at_exit)


def _beside_pool() -> QThreadPool:
    """One more thread, for the part of a warm-up the searches do without until it is done."""
    global _BESIDE_POOL
    if _BESIDE_POOL is None:
        _BESIDE_POOL = QThreadPool()
        _BESIDE_POOL.setMaxThreadCount(1)
    return _BESIDE_POOL


def _start(task: Task, on_done: Callable[[Any], None], on_failed: Callable[[str], None],
           pool: QThreadPool | None = None, pause: KeyPause | None = None) -> None:
    """Start ``task`` on the one worker (or ``pool``), kept alive until it has finished
    either way; ``pause``, a request's, is told once its report has been handled."""
    task.signals.done.connect(on_done)
    task.signals.failed.connect(on_failed)
    task.signals.done.connect(lambda _result: _ALIVE.pop(task, None))
    task.signals.failed.connect(lambda _message: _ALIVE.pop(task, None))
    if pause is not None:  # queued in this order: after ``on_done`` has swapped the result in
        pause.told_by(task.signals)
    _ALIVE[task] = pause
    (pool or _pool()).start(task)


def _warming(work: Callable[[], object]) -> Callable[[], None]:
    """``work`` in a freezing collector pause: what a warm-up makes lives as long as the
    catalog, so it is frozen out of the collector's passes at the end (ui.long_work), or the
    first young collection after it, on whichever thread (the window's), would walk millions
    of objects at once."""

    def run() -> None:
        with collector_paused():
            work()

    return run


# a warm-up's later parts: run beside the requests, then after it on the search thread
# a warm-up's later parts (beside, then) and whether ``warmed`` tells its end
_Later = tuple[Callable[[], object] | None, Callable[[], object] | None, bool]


class LatestOnly(QObject):
    ready = Signal(object)  # the newest request's result
    failed = Signal(str)  # the newest request raised: its message
    warmed = Signal()  # a warm-up finished (or failed: the first search reports why)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._asked = 0  # requests made, and the number of the newest
        self._running: tuple[int, cancel.CancelToken, Task] | None = None
        self._waiting: tuple[int, Callable[[], Any]] | None = None
        # per warm-up whose first part is under way, in the order asked: its later parts
        self._after_first: deque[_Later] = deque()
        # later parts whose first part is done, waiting for the requests to pause
        self._beside_waiting: deque[_Later] = deque()
        self._beside_running: _Later | None = None  # the warm-up whose part runs beside
        self._given_up = False  # the window closed: no later part starts any more

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

    def warm_up(self, work: Callable[[], object], beside: Callable[[], object] | None = None,
                then: Callable[[], object] | None = None, *, announce: bool = True) -> None:
        """Make now what the first search would otherwise make and wait for; never
        superseded, nothing delivered, ``warmed`` once its last part has finished (unless
        ``announce`` is False: a part of a warm-up made ahead, whose whole comes later).

        ``work`` runs on the search thread before the requests that follow (what they would
        make anyway). ``beside`` (optional) runs after it on a thread of its own, started
        once no request is running or waiting, while later requests run: what they do
        without until it is complete (it must publish its result whole, at once). ``then``
        (optional, after ``beside``) runs on the search thread again, in turn with the
        requests: what uses ``beside``'s result and must not be made twice by a request
        running at the same time."""
        self._given_up = False  # asked again: the window is shown again
        self._after_first.append((beside, then, announce))
        # bound methods: a window closed meanwhile is never called back
        _start(Task(_warming(work)), self._first_part_done, self._first_part_done)

    def give_up_warm_up(self) -> None:
        """The window closes: later parts not yet started never start, until a warm-up is
        asked again (one running, which reads a database whole, runs to its end)."""
        self._given_up = True
        self._beside_waiting.clear()

    def _first_part_done(self, _outcome: object) -> None:
        later = self._after_first.popleft()
        if self._given_up:
            self._then(None, later[2])
        elif later[0] is None:
            self._then(later[1], later[2])
        else:
            self._beside_waiting.append(later)
            self._start_beside()

    def _start_beside(self) -> None:
        """The next part to run beside the requests, unless one runs or a request does (the
        request first: it would share the interpreter lock with it)."""
        if self._beside_running is not None or self.busy() or not self._beside_waiting \
                or self._given_up:
            return
        self._beside_running = later = self._beside_waiting.popleft()
        assert later[0] is not None
        _start(Task(_warming(later[0])), self._beside_done, self._beside_done, _beside_pool())

    def _beside_done(self, _outcome: object) -> None:
        assert self._beside_running is not None
        (_, then, announce), self._beside_running = self._beside_running, None
        self._then(None if self._given_up else then, announce)
        self._start_beside()

    def _then(self, then: Callable[[], object] | None, announce: bool) -> None:
        """A warm-up's last part, queued on the search thread like a request; ``warmed``
        after it (at once without one), if the warm-up is announced."""
        if then is None:
            if announce:
                self.warmed.emit()
        else:
            finished = self._warm_finished if announce else self._quiet_finished
            _start(Task(_warming(then)), finished, finished)

    def _warm_finished(self, _outcome: object) -> None:
        self.warmed.emit()

    def _quiet_finished(self, _outcome: object) -> None:
        """A part made ahead has finished: nothing to tell (its warm-up's whole will)."""

    def busy(self) -> bool:
        """Work running or waiting whose result may still arrive."""
        return self._waiting is not None or (
            self._running is not None and self._running[0] == self._asked)

    def _start_waiting(self) -> None:
        assert self._waiting is not None
        number, work = self._waiting
        self._waiting = None
        token = cancel.CancelToken()
        # a collection holds the interpreter lock, so one started by the work's allocations
        # stops the window too (50-150 ms at 100,000 commitments), and one started as the
        # pause ends delays the result: paused from here until the result is painted
        # (ui.collector_handoff); the work's garbage is freed by reference counting. Not
        # frozen: the results (tree rows, cyclic) are replaced at the next key and must stay
        # collectable
        pause = collector_handoff.begin_key_pause(token)

        def run() -> Any:
            try:
                with cancel.scope(token):
                    try:
                        return work()
                    except cancel.Cancelled:
                        return _STALE
            finally:
                # found by the token: the pool keeps every task it ran, and what run() holds
                collector_handoff.hand_over(token)

        task = Task(run)
        self._running = (number, token, task)
        # bound methods of this object, made on the GUI thread: the worker's emits are queued
        _start(task, self._done, self._failed, pause=pause)

    def _finish(self) -> bool:
        """The running work ended: start the waiting one (else a warm-up's part waiting for
        the requests to pause); True if the ended one is wanted."""
        assert self._running is not None
        wanted = self._running[0] == self._asked
        self._running = None
        if self._waiting is not None:
            self._start_waiting()
        else:
            self._start_beside()
        return wanted

    def _done(self, result: object) -> None:
        if self._finish() and result is not _STALE:
            self.ready.emit(result)

    def _failed(self, message: str) -> None:
        if self._finish():
            self.failed.emit(message)
