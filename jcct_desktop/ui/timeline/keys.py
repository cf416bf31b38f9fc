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
        ("Pan to earlier dates", ["Shift+Left"], pan(-1)),
        ("Pan to later dates", ["Shift+Right"], pan(1)),
        ("Focus the previous milestone", ["Left"], lambda: w.step_milestone(-1)),
        ("Focus the next milestone", ["Right"], lambda: w.step_milestone(1)),
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
    """Trigger the action bound to a bare key; True if there was one. A shortcut naming Shift
    (Shift+Left pans) wins over the bare key; otherwise Shift and the keypad are set aside
    ("+" needs Shift on many keyboards)."""
    if event.modifiers() & _CHORD:
        return False
    shifted = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)

    def bound(action: QAction, want_shift: bool | None) -> bool:
        for s in action.shortcuts():
            # PySide6's stub omits QKeySequence's indexing
            if s.count() != 1 or s[0].key() != event.key():  # type: ignore[index]
                continue
            has_shift = bool(s[0].keyboardModifiers()  # type: ignore[index]
                             & Qt.KeyboardModifier.ShiftModifier)
            if (want_shift is None and not has_shift) or has_shift == want_shift:
                return True
        return False

    for want in ((True, None) if shifted else (None,)):
        for action in actions:
            if bound(action, want):
                action.trigger()
                return True
    return False
