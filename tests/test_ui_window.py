"""The real window on the bundled data: selection, timeline clicks, search, as-of, settings."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QUrl

from jcct_desktop.core.standing import Standing
from jcct_desktop.ui.tree.model import ID_ROLE, STATE_ROLE
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, build_window, temp_settings

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def window(qtbot, reference, tmp_path):
    return build_window(qtbot, reference, tmp_path, as_of=AS_OF)


def _leaf_ids(window) -> set[str]:
    model = window.tree.tree_model()
    return {cid for cid in (c.id for c in window.catalog.commitments)
            if model.index_for_id(cid).isValid()}


def test_selecting_in_the_tree_shows_the_commitment(window, qtbot):
    index = window.tree.tree_model().index_for_id("2011-SOFT-2")
    with qtbot.waitSignal(window.commitmentSelected) as blocker:
        window.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert blocker.args == ["2011-SOFT-2"]
    text = window.detail.plain_text()
    assert "Government software legalization" in text
    assert "2011-SOFT-2" in text
    assert "Open — 167 days left" in text  # 2011-SOFT-2 as of 2012-01-15
    assert window.selected_commitment_id() == "2011-SOFT-2"
    assert window.timeline.selected == "2011-SOFT-2"


def test_clicking_a_milestone_in_the_timeline_selects_it_in_the_tree(window, qtbot):
    timeline = window.timeline
    vp = timeline.viewport
    target = next(m for m in timeline.layout_data.marks
                  if m.commitment_id != window.selected_commitment_id()
                  and 0 < vp.mark_centre(m)[1] < vp.height
                  and vp.chart_left < vp.mark_centre(m)[0] < vp.width)
    x, y = vp.mark_centre(target)
    with qtbot.waitSignal(window.commitmentSelected):
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=timeline.rect().topLeft()
                         + type(timeline.rect().topLeft())(x, y))
    assert window.tree.currentIndex().data(ID_ROLE) == target.commitment_id
    assert window.detail.commitment_id == target.commitment_id


def test_typing_in_search_filters_the_tree_and_clearing_restores_it(window, qtbot):
    everything = len(window.catalog.commitments)
    assert len(_leaf_ids(window)) == everything
    window.focus_search()
    qtbot.keyClicks(window.filters.search, "software")
    qtbot.waitUntil(lambda: 0 < len(_leaf_ids(window)) < everything)
    assert all("SOFT" in cid for cid in _leaf_ids(window)) or _leaf_ids(window)
    assert set(window.visible_commitment_ids()) == _leaf_ids(window)
    assert window.current_filter().text == "software"
    assert "Showing" in window.counts.text()
    window.clear_filters()
    assert len(_leaf_ids(window)) == everything


def test_search_terms_are_highlighted_in_the_detail_pane(window):
    window.set_search_text("catalogues")
    window.select_commitment("2011-II-1")
    assert "#ffe58a" in window.detail.browser.toHtml()


def test_selection_survives_a_filter_change_when_it_can(window):
    assert window.select_commitment("2011-SOFT-2")
    window.filters.deadline_check.setChecked(True)
    assert window.selected_commitment_id() == "2011-SOFT-2"
    window.filters.side.setCurrentIndex(2)  # United States only: SOFT-2 is China's
    assert window.selected_commitment_id() is None
    assert window.select_commitment("2011-SOFT-2")  # clears the filters to show it
    assert window.current_filter().is_empty


@pytest.mark.parametrize("query", ["U.S.-China", '"', "AND", "(", "*", "<b>", "NEAR(", "王岐山"])
def test_hostile_queries_never_raise(window, query):
    window.set_search_text(query)
    assert isinstance(window.visible_commitment_ids(), list)


def test_changing_the_as_of_date_changes_the_states_shown(window, qtbot):
    model = window.tree.tree_model()
    assert model.index_for_id("2011-SOFT-2").data(STATE_ROLE) == Standing.OPEN
    assert window.select_commitment("2011-SOFT-2")
    with qtbot.waitSignal(window.asOfChanged):
        window.set_as_of(date(2014, 6, 1))
    assert model.index_for_id("2011-SOFT-2").data(STATE_ROLE) == Standing.OVERDUE
    assert "Overdue — closed on 31 Dec 2013, 5 months ago" in window.detail.plain_text()
    assert "as of 2014-06-01" in window.counts.text()
    window.filters.state_actions[Standing.OVERDUE].setChecked(True)
    assert "2011-SOFT-2" in window.visible_commitment_ids()


def test_links_to_other_commitments_of_the_sector_select_them(window, qtbot):
    window.select_commitment("2011-SOFT-1")
    with qtbot.waitSignal(window.commitmentSelected) as blocker:
        window.detail.browser.anchorClicked.emit(QUrl("commitment:2011-SOFT-3"))
    assert blocker.args == ["2011-SOFT-3"]


def test_settings_are_restored(qtbot, reference, tmp_path):
    first = build_window(qtbot, reference, tmp_path, as_of=None)
    first.set_as_of(date(2012, 3, 1))
    first.select_commitment("2011-CD-2")
    first.resize(701, 603)
    first.splitters["top"].setSizes([260, 440])
    first.close()
    second = build_window(qtbot, reference, tmp_path, as_of=None)
    assert second.as_of() == date.today()  # an unpinned as-of date is not kept
    assert second.selected_commitment_id() == "2011-CD-2"
    assert second.size().width() == 701
    assert second.splitters["top"].sizes()[0] == 260
    assert temp_settings(tmp_path).value("asOf/date") is None


def test_edit_menu_has_undo_and_redo_with_standard_shortcuts(window):
    undo, redo = window.actions_by_name["undo"], window.actions_by_name["redo"]
    assert undo.shortcut().matches(undo.shortcut()) and not undo.shortcut().isEmpty()
    assert not redo.shortcut().isEmpty()
    assert window.actions_by_name["export"].shortcut().toString() == "Ctrl+E"
    assert window.actions_by_name["find"].shortcut().toString() == "Ctrl+F"
