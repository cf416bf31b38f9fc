"""A typed key's collector pause, from its request until its result is painted.

A key's search runs on a worker (``ui/latest_only.py``) with the cyclic collector paused
(``ui.long_work``): a collection holds the interpreter lock, and the window with it. That
pause used to end on the worker as soon as the work returned; the first allocation after it
then ran the collection the key had made due (a young one, ~10 ms at 100,000 commitments,
walking the search's sets of ids; every tenth a middle one, 15-19 ms) on the worker, before
the window had the result. Now the pause is taken with the request on the window's thread,
handed over when the work ends, and ended on the window's thread after the result has been
applied and painted, once the event loop is about to wait for more events (idle: a typist's
next key is at least the typing delay away), where the collection it made due runs.

A key asked before the loop has idled (keys back to back, as ``bench/bench_table.py`` asks
them) takes the pause over: no collection runs between keys asked back to back, and their
garbage is collected at the next idle, or right after a paint once ``CARRIED_AT_MOST`` times
the young generation's threshold has been allocated meanwhile, or ``FALLBACK_MS`` after a
paint followed by neither a key nor an idle loop (a caller polling the loop).

A pause owed is always ended, by construction:

- the handoff is one permanent object on the window's thread, not a window: a window closed
  while its key runs still has that key's pause ended;
- the worker hands its pause over in a ``finally``; every report of the work (its result, a
  failure, a stale result dropped unseen) tells the handoff, after the window's own slot;
- at most one pause is owed: a key's pause, begun or handed over, ends the one owed before
  it (the newer keeps the collector paused, so no collection runs there);
- the application quitting ends the one owed (and a pause handed over after that ends at
  once); at exit ``latest_only`` ends the pauses of work that never started.
"""

from __future__ import annotations

import gc
import threading
from collections import deque

from PySide6.QtCore import (
    QAbstractEventDispatcher,
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
    QThread,
    QTimer,
    Slot,
)

from jcct_desktop.ui.background import TaskSignals
from jcct_desktop.ui.long_work import pause_collector, resume_collector

# the marker that the result was painted: posted below the priority of the paint Qt posts
# when a widget asks for an update (an UpdateRequest at LowEventPriority), so it is
# delivered after that paint
_PAINTED = QEvent.Type(QEvent.registerEventType())
_AFTER_THE_PAINT = int(Qt.EventPriority.LowEventPriority.value) - 1
_OWED = QEvent.Type(QEvent.registerEventType())  # a pause was handed over (from the worker)
# keys asked back to back carry the pause from one to the next; once this many times the
# young generation's threshold has been allocated meanwhile, it ends right after the paint
CARRIED_AT_MOST = 20
FALLBACK_MS = 500  # a paint followed by neither a key nor an idle loop: ended after this


class KeyPause:
    """One key's collector pause: begun with the request (window's thread), handed over by
    the worker when its work ends, ended on the window's thread once the result is painted
    (or by a newer key's pause, or at quit)."""

    __slots__ = ("_handoff", "ended")

    def __init__(self, handoff: _Handoff) -> None:
        self._handoff = handoff
        self.ended = False

    def hand_over(self) -> None:
        """The work has ended (the worker's ``finally``): the pause is owed."""
        self._handoff.owe(self)

    def told_by(self, signals: TaskSignals) -> None:
        """Told by the work's report (``signals``' done or failed), after the slots connected
        before this call have handled it (they are queued in the order connected)."""
        self._handoff.told_by(signals, self)

    def end(self) -> None:
        """End the pause now, whatever its state (any thread; once only)."""
        self._handoff.end(self)


class _Young:
    """Made to start the collection that is due: any allocation of a tracked object does
    once the young generation's count passes its threshold (CPython picks the generation)."""


class _Handoff(QObject):
    """The one handoff, on the window's thread."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()  # the worker hands over while the window's thread ends
        self._owed: KeyPause | None = None
        self._quitting = False
        self._reporting: dict[QObject, KeyPause] = {}  # per work under way, its pause
        self._marked: deque[KeyPause] = deque()  # per marker posted, the pause it is for
        self._painted: KeyPause | None = None  # the pause owed, its result painted
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.setInterval(FALLBACK_MS)
        self._fallback.timeout.connect(self._end_painted)
        self._idle_signal: object = None  # the dispatcher's aboutToBlock while connected

    def begin(self) -> KeyPause:
        pause_collector()
        pause = KeyPause(self)
        with self._lock:
            self._quitting = False  # a key asked: the event loop runs
            older, self._owed = self._owed, None
        self._stop_awaiting()
        if older is not None:
            self.end(older)  # the new pause holds the collector paused: nothing runs here
        return pause

    def owe(self, pause: KeyPause) -> None:
        older: KeyPause | None = pause  # quitting: no event loop left to end it after a paint
        with self._lock:
            if pause.ended:
                return
            if not self._quitting:
                older, self._owed = self._owed, pause
        if older is not None:
            self.end(older)
        # the window's thread arms the fallback too, should the report never come
        QCoreApplication.postEvent(self, QEvent(_OWED))

    def told_by(self, signals: TaskSignals, pause: KeyPause) -> None:
        # slots of this permanent object, the pause kept here until the report: a closure
        # in the task's connections would live as long as the task (the pool keeps it)
        self._reporting[signals] = pause
        signals.done.connect(self._result_handled)
        signals.failed.connect(self._failure_handled)

    @Slot(object)
    def _result_handled(self, _result: object) -> None:
        self._mark_painted_after(self.sender())

    @Slot(str)
    def _failure_handled(self, _message: str) -> None:
        self._mark_painted_after(self.sender())

    def _mark_painted_after(self, signals: QObject) -> None:
        pause = self._reporting.pop(signals, None)
        if pause is not None:
            self._marked.append(pause)
            QCoreApplication.postEvent(self, QEvent(_PAINTED), _AFTER_THE_PAINT)

    def event(self, event: QEvent) -> bool:
        if event.type() == _OWED:
            if self._owed is not None and not self._fallback.isActive():
                self._fallback.start()
            return True
        if event.type() != _PAINTED:
            return super().event(event)
        pause = self._marked.popleft()
        if pause is self._owed:
            if gc.get_count()[0] > CARRIED_AT_MOST * max(gc.get_threshold()[0], 1):
                self._end_now(pause)
            else:
                self._painted = pause
                self._await_idle()
        return True

    def _await_idle(self) -> None:
        """End the painted pause when the loop is next about to wait (connected only
        meanwhile: each call into Python from the loop waits for the interpreter lock while
        a worker runs)."""
        if self._idle_signal is None:
            dispatcher = QAbstractEventDispatcher.instance(self.thread())
            if dispatcher is not None:
                dispatcher.aboutToBlock.connect(self._end_painted)
                self._idle_signal = dispatcher.aboutToBlock
        self._fallback.start()

    def _stop_awaiting(self) -> None:
        self._painted = None
        self._fallback.stop()
        if self._idle_signal is not None:
            signal, self._idle_signal = self._idle_signal, None
            signal.disconnect(self._end_painted)  # type: ignore[attr-defined]

    def _end_painted(self) -> None:
        """The loop idles after the paint, or the fallback fired (then the pause owed ends,
        painted or not: its report is late by ``FALLBACK_MS`` or lost)."""
        fallback = not self._fallback.isActive()
        pause = self._painted if not fallback else self._owed
        self._stop_awaiting()
        if pause is not None and pause is self._owed:
            self._end_now(pause)

    def _end_now(self, pause: KeyPause) -> None:
        """End ``pause`` on this thread and run here the collection it made due."""
        self.end(pause)
        if gc.isenabled() and gc.get_count()[0] > gc.get_threshold()[0]:
            _Young()

    def end(self, pause: KeyPause) -> None:
        with self._lock:
            if pause.ended:
                return
            pause.ended = True
            if self._owed is pause:
                self._owed = None
            resume_collector(freeze=False)  # its results are replaced at the next key

    def settle(self) -> None:
        """The application quits: end the pause owed, and any handed over from now on."""
        with self._lock:
            self._quitting = True
            owed = self._owed
        if owed is not None:
            self.end(owed)

    def owed(self) -> KeyPause | None:
        return self._owed


_HANDOFF: list[_Handoff] = []


def _handoff() -> _Handoff:
    """The one handoff, made on the application's thread at the first key."""
    if not _HANDOFF:
        app = QCoreApplication.instance()
        assert app is not None and QThread.currentThread() is app.thread(), \
            "a key's pause begins on the application's thread"
        handoff = _Handoff()
        app.aboutToQuit.connect(handoff.settle)
        _HANDOFF.append(handoff)
    return _HANDOFF[0]


_BY_KEY: dict[object, KeyPause] = {}  # a key's pause until handed over, by the key's token
_BY_KEY_LOCK = threading.Lock()


def begin_key_pause(key: object) -> KeyPause:
    """Pause the collector for a key asked now (the window's thread), until it is painted;
    ``key`` (hashable, held by the work) finds the pause to hand over."""
    pause = _handoff().begin()
    with _BY_KEY_LOCK:
        _BY_KEY[key] = pause
    return pause


def hand_over(key: object) -> None:
    """The work of ``key`` has ended (its worker's ``finally``): its pause is owed."""
    with _BY_KEY_LOCK:
        pause = _BY_KEY.pop(key, None)
    if pause is not None:
        pause.hand_over()


def settle() -> None:
    """End the pause owed now (at quit, at exit); any handed over later ends at once."""
    if _HANDOFF:
        _HANDOFF[0].settle()


def owed() -> KeyPause | None:
    """The pause handed over and not yet ended, if any (for tests and probes)."""
    return _HANDOFF[0].owed() if _HANDOFF else None
