"""Run one function off the GUI thread; its result or error arrives by signal on the main thread.

The one helper for long work (briefing packets, backups, team sync). The signals object is
created on the main thread, so the worker's emits are queued to it and the slots run where
widgets may be touched. Work functions never touch widgets.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class TaskSignals(QObject):
    done = Signal(object)
    failed = Signal(str)


def error_text(exc: Exception) -> str:
    """What the window shows for a failure: its message, or at least its kind."""
    return str(exc) or type(exc).__name__


# Tasks a worker has run, kept a while after their run() returned: a caller dropping its
# reference in the done slot (on the GUI thread) must never free a task whose worker is still
# on its way out of run(); freed there, the wrapper's memory is reused under the worker.
_RAN: dict[Task, float] = {}
GRACE_S = 2.0


def _release_finished() -> None:
    """Forget tasks whose worker left run() more than GRACE_S ago (on the GUI thread only:
    a task's signals object lives there)."""
    now = time.monotonic()
    for task, left in list(_RAN.items()):
        if left and now - left > GRACE_S:
            del _RAN[task]
            # a pool's start() takes a reference for C++ that a runnable it must not delete
            # never gives back: every task, with its work and what that holds, lived for
            # good. The pool is long done with it here; deleting the C++ side gives it back
            if shiboken6.isValid(task):
                shiboken6.delete(task)


class Task(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: TaskSignals | None = None,
                 describe: Callable[[Exception], str] = error_text) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it; the caller keeps a reference until done
        self.work, self.describe = work, describe
        self.signals = signals if signals is not None else TaskSignals()
        self._left = threading.Event()  # set once the worker is out of the work
        self.began = False  # a worker has started it
        _release_finished()

    def run(self) -> None:
        self.began = True
        _RAN[self] = 0.0  # the caller still holds it here: it started this run
        try:
            result = self.work()
        except Exception as exc:  # delivered to the UI as a message, never lost in a thread
            self.signals.failed.emit(self.describe(exc))
        else:
            self.signals.done.emit(result)
        finally:
            _RAN[self] = time.monotonic()
            self._left.set()

    def wait(self, timeout_s: float) -> bool:
        """Block until the worker has left the work (True), or ``timeout_s`` passed. For a
        closing window only: a worker still emitting while the application and its objects
        are torn down crashed the process on exit."""
        return self._left.wait(timeout_s)


def run_in_background(work: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[str], None]) -> Task:
    """On the application's shared pool (a briefing packet; dialogs keep the task)."""
    task = Task(work)
    task.signals.done.connect(on_done)
    task.signals.failed.connect(on_error)
    QThreadPool.globalInstance().start(task)
    return task
