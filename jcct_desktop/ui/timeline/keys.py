"""The timeline's own keys as QActions on the widget, so Help → Keyboard shortcuts lists them.

Their shortcuts work while the timeline (or a child) has focus (Qt.WidgetWithChildrenShortcut);
the table shows them under SECTION. The widget's keyPressEvent triggers the same actions, so a
key sent straight to it (tests, a focus quirk) does what the shortcut does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence

from jcct_desktop.ui.shortcuts import SECTION_PROPERTY
from jcct_desktop.ui.timeline.layout import LANE_HEIGHT

if TYPE_CHECKING:
    from jcct_desktop.ui.timeline.widget import TimelineWidget

SECTION = "Timeline"
_CHORD = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
          | Qt.KeyboardModifier.MetaModifier)


def add_key_actions(w: TimelineWidget) -> list[QAction]:
    def pan(sign: int) -> Callable[[], None]:
        return lambda: w.pan(sign * w.viewport.chart_width / 8)

    def rows(sign: int, page: bool = False) -> Callable[[], None]:
        return lambda: w.scroll_rows(sign * (w.page_step() if page else LANE_HEIGHT))

    table: list[tuple[str, list[str], Callable[[], None]]] = [
        ("Zoom in", ["+", "="], w.zoom_in),
        ("Zoom out", ["-", "_"], w.zoom_out),
        ("Pan to earlier dates", ["Left"], pan(-1)),
        ("Pan to later dates", ["Right"], pan(1)),
        ("Focus the commitment above", ["Up"], lambda: w.move_focus(-1)),
        ("Focus the commitment below", ["Down"], lambda: w.move_focus(1)),
        ("Open the focused commitment", ["Return", "Enter", "Space"], w.open_focused),
        ("Scroll rows up a page", ["PgUp"], rows(-1, page=True)),
        ("Scroll rows down a page", ["PgDown"], rows(1, page=True)),
        ("Fit every milestone", ["Home", "0"], w.fit_all),
    ]
    actions: list[QAction] = []
    for text, shortcuts, slot in table:
        action = QAction(text, w)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setProperty(SECTION_PROPERTY, SECTION)
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        w.addAction(action)
        actions.append(action)
    return actions


def trigger_for(actions: list[QAction], event: QKeyEvent) -> bool:
    """Trigger the action bound to a bare key (Shift and keypad aside); True if there was one."""
    if event.modifiers() & _CHORD:
        return False
    for action in actions:
        if any(s.count() == 1 and s[0].key() == event.key() for s in action.shortcuts()):
            action.trigger()
            return True
    return False
