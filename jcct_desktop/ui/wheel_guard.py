"""The mouse wheel scrolls; it never changes a value by passing over a field.

Rolling the wheel down the notes pane turned "View: Our assessment" into "China reports" as the
combo passed under the pointer, and the next Enter recorded China's claim as ours. The rule for
the whole app: a combo box, spin box or slider that does not have the keyboard focus hands a
wheel event on to what holds it (the scroll area scrolls) and keeps its value. Clicked or
tabbed into, it takes the wheel as usual. Such widgets also stop taking focus from the wheel.

``guard(root)`` covers the value widgets under ``root`` and every dialog later shown with
``root`` as its parent (the window's dialogs): one event filter per value widget, none on the
application, so no Python runs for the app's other events.
"""

from __future__ import annotations

from PySide6.QtCore import QChildEvent, QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QSlider, QWidget

GUARDED = (QComboBox, QAbstractSpinBox, QSlider)  # not QScrollBar: scrolling is its value


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            if isinstance(watched, GUARDED) and not watched.hasFocus():
                assert isinstance(event, QWheelEvent)
                pass_on(watched, event)
                return True  # never the field's own handler
        elif kind == QEvent.Type.ChildPolished:  # a dialog of the window, shown the first time
            assert isinstance(event, QChildEvent)
            child = event.child()
            if isinstance(child, QWidget) and child.isWindow():
                guard(child)
        return False


_GUARD: _WheelGuard | None = None


def _the_guard() -> _WheelGuard:
    global _GUARD
    if _GUARD is None:
        _GUARD = _WheelGuard(QApplication.instance())
    return _GUARD


def guard(root: QWidget) -> None:
    """Apply the wheel rule to the value widgets under ``root`` (and to ``root``'s dialogs)."""
    the_guard = _the_guard()
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if isinstance(widget, GUARDED):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a wheel gives it no focus
            widget.installEventFilter(the_guard)  # installing twice keeps one
    if root.isWindow():
        root.installEventFilter(the_guard)


def pass_on(widget: QWidget, event: QWheelEvent) -> None:
    """Send the wheel to the widget's ancestors, nearest first, until one takes it (the
    scroll area's viewport scrolls the pane)."""
    local = event.position()
    target = widget
    while not target.isWindow():
        local = QPointF(target.mapToParent(local))
        parent = target.parentWidget()
        if parent is None:
            break
        target = parent
        moved = QWheelEvent(local, event.globalPosition(), event.pixelDelta(),
                            event.angleDelta(), event.buttons(), event.modifiers(),
                            event.phase(), event.inverted(), event.source())
        moved.setAccepted(False)
        QApplication.sendEvent(target, moved)
        if moved.isAccepted():
            break
    event.accept()
