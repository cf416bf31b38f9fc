"""Help → Keyboard shortcuts: made from the window's actions, read-only, opened by F1 or Ctrl+/."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication

from jcct_desktop.ui.shortcuts import (
    FIELD_KEYS,
    ShortcutsDialog,
    command_name,
    keys,
    plain,
    shortcut_rows,
)
from tests.ui_support import AS_OF, build_window

# offscreen cannot raise a window either (raising an open dialog again)
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                       "does not support raise")


@pytest.fixture
def window(qtbot, reference, tmp_path):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _dialog(window) -> ShortcutsDialog | None:
    dialog = window.findChild(ShortcutsDialog, "shortcutsDialog")
    return dialog if dialog is not None and dialog.isVisible() else None


def _table(dialog: ShortcutsDialog) -> list[tuple[str, str, str]]:
    t = dialog.table
    return [tuple(t.item(r, c).text() for c in range(3)) for r in range(t.rowCount())]


@pytest.mark.parametrize("key", ["F1", "Ctrl+/"])
def test_f1_and_ctrl_slash_open_it(window, qtbot, key):
    seq = QKeySequence(key)[0]
    qtbot.keyClick(window.tree, seq.key(), seq.keyboardModifiers())
    qtbot.waitUntil(lambda: _dialog(window) is not None)


def test_every_action_with_a_shortcut_is_listed_and_nothing_else(window):
    window.actions_by_name["shortcuts"].trigger()
    dialog = _dialog(window)
    assert dialog is not None
    rows = _table(dialog)
    expected = {(command_name(a), keys(a)) for a in window.findChildren(QAction) if keys(a)}
    from_actions = [row for row in rows if row[0] != "In fields"]  # keys typed in a field
    assert {(command, shortcut) for _menu, command, shortcut in from_actions} == expected
    assert rows[len(from_actions):] == list(FIELD_KEYS)
    by_command = {command: shortcut for _menu, command, shortcut in rows}
    assert by_command["Find…"] == QKeySequence("Ctrl+F").toString(
        QKeySequence.SequenceFormat.NativeText)
    assert "F1" in by_command["Keyboard shortcuts"] and "/" in by_command["Keyboard shortcuts"]
    assert "Ctrl+Shift+Z" in by_command["Redo"].replace("Shift+Ctrl", "Ctrl+Shift")
    sections = {"File", "Edit", "View", "Help", "Timeline", "Other", "In fields"}
    assert {menu for menu, _c, _s in rows} <= sections
    assert "&" not in "".join(command for _m, command, _s in rows)


def test_a_new_shortcut_shows_up_by_itself(window):
    window.actions_by_name["expand"].setShortcut(QKeySequence("Ctrl+Shift+E"))
    rows = shortcut_rows(window)
    assert ("View", "Expand all", QKeySequence("Ctrl+Shift+E").toString(
        QKeySequence.SequenceFormat.NativeText)) in rows
    window.actions_by_name["shortcuts"].trigger()
    assert ("View", "Expand all") in {(m, c) for m, c, _s in _table(_dialog(window))}


def test_the_table_is_read_only(window, qtbot):
    window.actions_by_name["shortcuts"].trigger()
    table = _dialog(window).table
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    for r in range(table.rowCount()):
        for c in range(3):
            assert not table.item(r, c).flags() & Qt.ItemFlag.ItemIsEditable
    window.actions_by_name["shortcuts"].trigger()  # again: the same dialog, not a second one
    assert len(window.findChildren(ShortcutsDialog)) == 1


def test_mnemonics_are_stripped_but_literal_ampersands_kept():
    assert plain("&Find…") == "Find…"
    assert plain("Q&&A &notes") == "Q&A notes"


def test_the_timelines_own_keys_are_listed_under_timeline(window):
    rows = shortcut_rows(window)
    timeline = {command: shortcut for menu, command, shortcut in rows if menu == "Timeline"}
    assert timeline["Zoom in"].startswith("+") and timeline["Zoom out"].startswith("-")
    assert timeline["Pan to earlier dates"] == "Shift+Left"
    assert timeline["Pan to later dates"] == "Shift+Right"
    assert timeline["Focus the previous milestone"] == "Left"
    assert timeline["Focus the next milestone"] == "Right"
    assert timeline["Focus the commitment above"] == "Up"
    assert timeline["Focus the commitment below"] == "Down"
    assert timeline["Open the focused commitment"] == "Return or Enter or Space"
    assert timeline["Fit every milestone"] == "Home or 0"
    assert "PgUp" in timeline["Scroll rows up a page"]
    for action in window.timeline.key_actions:
        assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut


def test_timeline_keys_work_only_while_the_timeline_has_focus(window, qtbot):
    timeline = window.timeline
    start = timeline.viewport.start
    window.tree.setFocus()
    qtbot.waitUntil(window.tree.hasFocus)
    qtbot.keyClick(window.tree, Qt.Key.Key_Right)  # the tree's key, not the timeline's
    assert timeline.viewport.start == start
    timeline.setFocus()
    qtbot.waitUntil(timeline.hasFocus)
    pan = next(a for a in timeline.key_actions if a.text() == "Pan to later dates")
    with qtbot.waitSignal(pan.triggered):  # to the window: only the shortcut can act
        qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert timeline.viewport.start > start
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert timeline.viewport.start <= start


def test_undo_and_redo_are_listed_by_name_not_by_their_next_step(window):
    """The undo action's text follows the stack ("Undo Change tags"): the table says Undo."""
    from PySide6.QtGui import QUndoCommand

    window.undo_stack.push(QUndoCommand("Change tags"))
    assert window.actions_by_name["undo"].text() == "&Undo Change tags"
    commands = {command for _m, command, _s in shortcut_rows(window)}
    assert {"Undo", "Redo"} <= commands
    assert not any(c.startswith(("Undo ", "Redo ")) for c in commands)
    assert ("In fields", "Clear the search", "Escape (in the search box)") in shortcut_rows(window)


def test_no_two_items_of_a_menu_share_a_mnemonic(window):
    """Alt+F, I must open one item, not cycle between two (QA: Import notes / fact sheet)."""
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        letters = [a.text().replace("&&", "").split("&")[1][0].casefold()
                   for a in menu.actions() if "&" in a.text().replace("&&", "")]
        assert len(letters) == len(set(letters)), (menu_action.text(), letters)


def test_tab_follows_the_filter_row_as_it_reads(qtbot, make_window):
    """Tab goes along the filter row in screen order, the notes filters (shown only with notes
    open) included, then into the tree."""
    window = make_window(as_of=None)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    f = window.filters
    f.search.setFocus()
    qtbot.waitUntil(f.search.hasFocus)
    seen = []
    for _ in range(14):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        if seen[-1] is window.tree:
            break
    expected = [w for w in (f.side, f.state_button, f.deadline_check,
                            *window.meeting_filter.widgets(), f.starred_check, f.assessment,
                            f.tag, f.follow_up_check) if w.isVisible()]
    in_row = [w for w in seen if w in expected]
    assert f.follow_up_check.isVisible() and in_row == expected
    assert seen[-1] is window.tree
