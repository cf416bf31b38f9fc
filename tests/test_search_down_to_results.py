"""Down in the search box moves on to the results: the tree takes the keys, on the first
shown commitment (selected, its text shown), or on the selected one when it is still shown;
a search still typed or running beside the window is finished first, so Down never lands on
the previous result. With nothing shown the key stays in the box and the status bar says
why; Alt+Down and the other keys stay the field's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jcct_desktop.ui.shortcuts import shortcut_rows
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, build_window

pytestmark = OFFSCREEN_NOISE


def _window(qtbot, reference, tmp_path, delay_ms: int):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    window.filters._typing.setInterval(delay_ms)
    window.activateWindow()  # offscreen: focus follows only in the active window
    window.focus_search()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.filters.search)
    return window


def test_down_before_the_pause_selects_the_first_result(qtbot, reference, tmp_path):
    window = _window(qtbot, reference, tmp_path, 60_000)  # Down before any pause
    qtbot.keyClicks(window.filters.search, "software")
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Down)
    shown = window.visible_commitment_ids()
    assert 1 < len(shown) < len(window.catalog.commitments)  # the search was applied first
    assert window.selected_commitment_id() == shown[0]
    assert QApplication.focusWidget() is window.tree
    assert window.catalog.commitment(shown[0]).title in window.detail.browser.toPlainText()
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)  # the tree has the keys now
    assert window.selected_commitment_id() != shown[0]


def test_down_after_the_search_ran_beside_the_window(qtbot, reference, tmp_path):
    window = _window(qtbot, reference, tmp_path, 10)
    qtbot.keyClicks(window.filters.search, "smart grid")
    qtbot.waitUntil(lambda: not window.filter_pending())
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Down)
    assert window.selected_commitment_id() == window.visible_commitment_ids()[0]
    assert QApplication.focusWidget() is window.tree


def test_a_shown_selection_is_kept(qtbot, reference, tmp_path):
    window = _window(qtbot, reference, tmp_path, 60_000)
    qtbot.keyClicks(window.filters.search, "software")
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Return)
    last = window.visible_commitment_ids()[-1]
    window.select_commitment(last)
    window.focus_search()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.filters.search)
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Down)
    assert window.selected_commitment_id() == last
    assert QApplication.focusWidget() is window.tree


def test_a_hidden_selection_gives_way_to_the_first_result(qtbot, reference, tmp_path):
    window = _window(qtbot, reference, tmp_path, 60_000)
    window.select_commitment("2011-IPRND-1")
    window.focus_search()
    qtbot.keyClicks(window.filters.search, "smart grid")
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Down)
    shown = window.visible_commitment_ids()
    assert "2011-IPRND-1" not in shown
    assert window.selected_commitment_id() == shown[0]


def test_nothing_shown_keeps_the_key_in_the_box(qtbot, reference, tmp_path):
    window = _window(qtbot, reference, tmp_path, 60_000)
    qtbot.keyClicks(window.filters.search, "zzqxv")
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Down)
    assert window.visible_commitment_ids() == []
    assert QApplication.focusWidget() is window.filters.search
    assert "no commitment is shown" in window.statusBar().currentMessage()


def test_alt_down_is_not_taken(qtbot, reference, tmp_path):
    window = _window(qtbot, reference, tmp_path, 60_000)
    qtbot.keyClicks(window.filters.search, "software")
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is window.filters.search
    assert window.selected_commitment_id() is None


def test_the_key_is_listed_in_the_shortcuts_dialog(qtbot, reference, tmp_path):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF, show=False)
    assert ("In fields", "On to the results (the first one selected)",
            "Down (in the search box)") in shortcut_rows(window)
