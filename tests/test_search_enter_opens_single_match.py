"""Enter in the search box with exactly one commitment shown selects it in the tree and shows
its text; with several shown, Enter only applies the search (nothing is selected for you)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jcct_desktop.ui.shortcuts import shortcut_rows
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, build_window

pytestmark = OFFSCREEN_NOISE
ONE = "2011-IPRND-1"


def _window(qtbot, reference, tmp_path, delay_ms: int):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    window.filters._typing.setInterval(delay_ms)
    window.focus_search()
    return window


def test_enter_with_one_match_selects_and_shows_it(qtbot, reference, tmp_path):
    window = _window(qtbot, reference, tmp_path, 60_000)  # Enter before any pause
    assert window.selected_commitment_id() is None
    qtbot.keyClicks(window.filters.search, ONE)
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Return)
    assert window.visible_commitment_ids() == [ONE]
    assert window.selected_commitment_id() == ONE
    title = window.catalog.commitment(ONE).title
    assert title in window.detail.browser.toPlainText()
    assert window.filters.search.text() == ONE  # the search stays as typed


def test_enter_after_the_search_ran_beside_the_window(qtbot, reference, tmp_path):
    window = _window(qtbot, reference, tmp_path, 10)
    qtbot.keyClicks(window.filters.search, ONE)
    qtbot.waitUntil(lambda: not window.filter_pending())
    assert window.visible_commitment_ids() == [ONE] and window.selected_commitment_id() is None
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Return)
    assert window.selected_commitment_id() == ONE


def test_enter_with_several_matches_selects_nothing(qtbot, reference, tmp_path):
    window = _window(qtbot, reference, tmp_path, 60_000)
    qtbot.keyClicks(window.filters.search, "software")
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Return)
    assert len(window.visible_commitment_ids()) > 1
    assert window.selected_commitment_id() is None


def test_the_key_is_listed_in_the_shortcuts_dialog(qtbot, reference, tmp_path):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF, show=False)
    assert ("In fields", "Search now; open the one match",
            "Enter (in the search box)") in shortcut_rows(window)
