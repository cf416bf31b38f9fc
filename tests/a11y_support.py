"""Walking the accessibility tree Qt hands a screen reader (AT-SPI, UIA), in-process."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QWidget

NAME = QAccessible.Text.Name


def walk(iface: QAccessibleInterface | None, into_views: bool = False
         ) -> Iterator[QAccessibleInterface]:
    """Every interface under ``iface``; the rows of item views only with ``into_views``
    (a tree's cells are many, and walked by their own tests)."""
    if iface is None or not iface.isValid():
        return
    yield iface
    obj = iface.object()
    if not into_views and isinstance(obj, QAbstractItemView | QComboBox):
        return
    for i in range(iface.childCount()):
        yield from walk(iface.child(i), into_views)


def spoken_name(iface: QAccessibleInterface) -> str:
    """The name a screen reader says. On Linux Qt names a combo box by its current value and
    leaves its purpose to the label that has it as buddy (the Label relation): both count."""
    labels = [rel[0].text(NAME) for rel in iface.relations(QAccessible.RelationFlag.Label)]
    own = iface.text(NAME)
    if iface.role() == QAccessible.Role.ComboBox:
        obj = iface.object()
        named = obj.accessibleName() if isinstance(obj, QWidget) else ""
        return " ".join(t.strip() for t in [*labels, named] if t.strip()) or ""
    return (own or " ".join(labels)).strip()


def focus_stops(window: QWidget) -> list[tuple[QWidget, QAccessibleInterface]]:
    """The visible controls of a window the keyboard can reach, with their interfaces."""
    found = []
    for iface in walk(QAccessible.queryAccessibleInterface(window)):
        obj = iface.object()
        state = iface.state()
        if (isinstance(obj, QWidget) and obj.isVisible() and obj.isEnabled()
                and state.focusable and not state.invisible and obj.window() is window):
            found.append((obj, iface))
    return found
