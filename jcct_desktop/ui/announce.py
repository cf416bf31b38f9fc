"""Say what changed out of sight: one place that hands a message to screen readers.

A search count, "Saved …", a recorded assessment, a refused date or a sync result changes a
label the officer is not looking at; a screen reader says nothing unless told. Qt ≥ 6.8 tells
it with a QAccessibleAnnouncementEvent (AT-SPI "announcement", UIA notification, NSAccessibility
announcement). Every view calls :func:`polite` (waits for the reader to finish) or
:func:`assertive` (interrupts: refused input, a failed save).

The :class:`Announcer` also emits each message as a Qt signal, so tests (and a log) can hear
what a screen reader would be told without one running.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QApplication, QStatusBar

POLITE = QAccessible.AnnouncementPoliteness.Polite
ASSERTIVE = QAccessible.AnnouncementPoliteness.Assertive
REPEAT_WINDOW_S = 1.0  # the same words from two paths (a field and the status bar): say once


class Announcer(QObject):
    announced = Signal(str, bool)  # the message, and whether it was assertive

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last = ""
        self._last_at = 0.0

    def send(self, source: QObject, message: str, assertive: bool) -> None:
        message = " ".join(message.split())  # one line: readers stumble on line breaks
        now = time.monotonic()
        if not message or (message == self.last and now - self._last_at < REPEAT_WINDOW_S):
            return
        self.last, self._last_at = message, now
        event = QAccessibleAnnouncementEvent(source, message)
        event.setPoliteness(ASSERTIVE if assertive else POLITE)
        QAccessible.updateAccessibility(event)
        self.announced.emit(message, assertive)


_announcer: Announcer | None = None


def announcer() -> Announcer:
    """The application's one announcer (made on first use, owned by the QApplication)."""
    global _announcer
    app = QApplication.instance()
    if _announcer is None or _announcer.parent() is not app:
        _announcer = Announcer(app)
    return _announcer


def polite(source: QObject, message: str) -> None:
    """Said when the screen reader is done speaking: counts, saves, results."""
    announcer().send(source, message, assertive=False)


def assertive(source: QObject, message: str) -> None:
    """Said at once: input refused, something not saved."""
    announcer().send(source, message, assertive=True)


def follow_status_bar(bar: QStatusBar) -> None:
    """Every status-bar message (saves, copies, undo, sync results) is also announced."""
    bar.messageChanged.connect(lambda text: polite(bar, text) if text else None)

