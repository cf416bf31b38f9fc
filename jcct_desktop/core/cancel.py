"""Giving up stale work: a token the asker sets, checked by the work at safe points.

A filter started for "sof" is worthless once "soft" is typed. The worker runs inside
``scope(token)``; the core's loops call :func:`check`, and the store's queries ask
:func:`current` so SQLite itself can stop mid-query. Outside any scope nothing is ever
cancelled, so the same code runs unchanged on the GUI thread and the command line.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class Cancelled(Exception):
    """The work was superseded; its result is not wanted."""


class CancelToken:
    """Set once from any thread; read by the work it was given to."""

    def __init__(self) -> None:
        self._set = threading.Event()

    def cancel(self) -> None:
        self._set.set()

    @property
    def cancelled(self) -> bool:
        return self._set.is_set()


# a context variable is per thread: the GUI thread's work never sees a worker's token
_current: ContextVar[CancelToken | None] = ContextVar("jcct_cancel_token", default=None)


@contextmanager
def scope(token: CancelToken) -> Iterator[CancelToken]:
    """Run the body with ``token`` as the current one (for :func:`check` and the store)."""
    reset = _current.set(token)
    try:
        yield token
    finally:
        _current.reset(reset)


def current() -> CancelToken | None:
    return _current.get()


def check() -> None:
    """Raise :class:`Cancelled` when the current work has been superseded."""
    token = _current.get()
    if token is not None and token.cancelled:
        raise Cancelled
