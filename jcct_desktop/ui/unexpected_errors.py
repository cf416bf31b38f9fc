"""An error nothing caught in the window's own code (a slot, a paint) said in one line.

Qt calls the window's Python from C++; an exception escaping there has nowhere to go but
``sys.excepthook``, whose default prints a traceback to a terminal an officer never sees and
leaves the window looking as if nothing happened (a pane half filled). Here the traceback
still goes where it went (for a developer), and the window says what failed in one line: a
reference file changed on disk after it was opened (``ReferenceDataError``, read on first use
by the detail pane) tells the officer to start again; anything else names itself. One
message at a time: an error repeated by every paint never stacks dialogs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from jcct_desktop.store.reference.errors import ReferenceDataError
from jcct_desktop.ui.background import error_text

LONGEST = 300  # characters of a message: one line, never a page of repr
Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def one_line(exc: BaseException) -> str:
    """What the window says of ``exc``."""
    if isinstance(exc, ReferenceDataError):
        text = str(exc)
    else:
        text = (f"Something went wrong and that step was stopped ({type(exc).__name__}: "
                f"{error_text(exc) if isinstance(exc, Exception) else exc}). "
                "If the window looks wrong, start JCCT Desktop again.")
    text = " ".join(text.split())
    return text if len(text) <= LONGEST else text[:LONGEST - 1] + "…"


class UnexpectedErrors(QObject):
    """Installed as ``sys.excepthook`` for the window's life (``install``)."""

    def __init__(self, window: QWidget, previous: Hook) -> None:
        super().__init__(window)
        self._window = window
        self._previous = previous
        self.box: QMessageBox | None = None  # the message on screen, if one is
        self.said: list[str] = []  # every line said, oldest first (for tests and support)

    def hook(self, kind: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        self._previous(kind, exc, tb)  # the traceback where it always went
        if not isinstance(exc, Exception):  # KeyboardInterrupt, SystemExit: not ours to say
            return
        line = one_line(exc)
        self.said.append(line)
        # after the failing callback returns: never a dialog's loop inside a paint
        QTimer.singleShot(0, self, lambda: self._show(line))

    def _show(self, line: str) -> None:
        if self.box is not None and self.box.isVisible():
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "JCCT Desktop", line,
                          QMessageBox.StandardButton.Ok, self._window)
        box.setAccessibleName("Error")
        box.setAccessibleDescription(line)
        box.open()  # window-modal, not a nested loop
        self.box = box


def install(window: QWidget) -> Callable[[], None]:
    """``sys.excepthook`` says errors in ``window`` until the returned function is called
    (or the window is destroyed)."""
    previous: Hook = sys.excepthook
    errors = UnexpectedErrors(window, previous)
    sys.excepthook = errors.hook

    def uninstall() -> None:
        if sys.excepthook == errors.hook:
            sys.excepthook = previous

    window.destroyed.connect(lambda *_: uninstall())
    return uninstall
