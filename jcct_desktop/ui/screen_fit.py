"""Keep every window inside the screen: a 1024×768 laptop, or 200% scaling on 1600×1000.

A window placed by size alone ignores its title bar and frame (the status bar ends up below
the screen's edge), and a dialog with a fixed size can be wider than the screen. ``fit``
shrinks a top-level window to the screen's available area, frame included, and moves it
inside; ``fit_on_show`` does that for a window or dialog whenever it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def available(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)


def fitted_size(widget: QWidget, wanted: QSize, share: float = 1.0) -> QSize:
    """``wanted``, or less: at most ``share`` of the available area, minus the frame."""
    free = available(widget)
    frame_w, frame_h = _frame_extra(widget)
    return QSize(min(wanted.width(), int(free.width() * share) - frame_w),
                 min(wanted.height(), int(free.height() * share) - frame_h))


def fit(widget: QWidget) -> None:
    """Shrink (never below the minimum size) and move a window so its frame is on screen."""
    free = available(widget)
    size = fitted_size(widget, widget.size()).expandedTo(widget.minimumSize())
    if size != widget.size():
        widget.resize(size)
    frame = widget.frameGeometry()
    x = max(free.left(), min(frame.left(), free.right() + 1 - frame.width()))
    y = max(free.top(), min(frame.top(), free.bottom() + 1 - frame.height()))
    if (x, y) != (frame.left(), frame.top()):
        widget.move(x, y)


def _frame_extra(widget: QWidget) -> tuple[int, int]:
    """The title bar and borders around the window (known once shown; guessed before)."""
    frame, inner = widget.frameGeometry(), widget.geometry()
    if widget.isVisible() and frame.height() > inner.height():
        return frame.width() - inner.width(), frame.height() - inner.height()
    return 0, 32 if widget.isWindow() else 0


class _FitOnShow(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            fit(watched)
            # a window manager adds the frame after mapping: check again once it has
            QTimer.singleShot(0, watched, lambda w=watched: fit(w))
        return False


def fit_on_show(window: QWidget) -> None:
    """Fit ``window`` to the screen each time it is shown (its own events only: cheap)."""
    window.installEventFilter(_FitOnShow(window))
