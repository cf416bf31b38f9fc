"""One notifier for annotation edits: a fixed set of event names, sent only after commit.

The service calls :meth:`Notifier.emit` after its transaction committed; a rolled-back
operation raises before reaching it, so no view ever redraws from an edit that did not happen.
Subscribers run synchronously in the thread that made the edit; Qt views hop to their own
thread with a signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from jcct_desktop.core.annotations.model import EVENTS, Change

Subscriber = Callable[[Change], None]
log = logging.getLogger(__name__)


class Notifier:
    def __init__(self) -> None:
        self._subscribers: list[tuple[Subscriber, frozenset[str]]] = []

    def subscribe(
        self, callback: Subscriber, events: Iterable[str] | None = None
    ) -> Callable[[], None]:
        """Call ``callback(change)`` for the given events (all if None); returns unsubscribe."""
        wanted = EVENTS if events is None else frozenset(events)
        unknown = wanted - EVENTS
        if unknown:
            raise ValueError(f"Unknown annotation events: {sorted(unknown)}")
        entry = (callback, wanted)
        self._subscribers.append(entry)

        def unsubscribe() -> None:
            if entry in self._subscribers:
                self._subscribers.remove(entry)

        return unsubscribe

    def emit(self, change: Change) -> None:
        if change.event not in EVENTS:
            raise ValueError(f"Unknown annotation event {change.event!r}")
        for callback, wanted in list(self._subscribers):
            if change.event in wanted:
                try:
                    callback(change)
                except Exception:  # one broken view must not hide an edit from the others
                    log.exception("annotation subscriber failed on %s", change.event)
