"""The tree's open groups and sectors: kept across runs, and back as they were after a filter."""

from __future__ import annotations

import pytest

from jcct_desktop.ui import window_settings
from jcct_desktop.ui.tree.model import KEY_ROLE
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, build_window, temp_settings

pytestmark = OFFSCREEN_NOISE


def _open_keys(window) -> set[str]:
    view, model = window.tree, window.tree.tree_model()
    return {item.key for item in view._containers(model.root)
            if view.isExpanded(model.index_for_item(item))}


def _sector_of(window, cid: str):
    return window.tree.tree_model().index_for_id(cid).parent()


@pytest.fixture
def window(qtbot, reference, tmp_path):
    return build_window(qtbot, reference, tmp_path, as_of=AS_OF)


def test_expansion_is_remembered_across_runs(window, qtbot, reference, tmp_path):
    soft = _sector_of(window, "2011-SOFT-2")
    assert window.tree.isExpanded(soft)  # a first run opens everything (small data)
    window.tree.collapse(soft)
    wanted = _open_keys(window)
    assert soft.data(KEY_ROLE) not in wanted
    window.close()
    again = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    assert _open_keys(again) == wanted
    assert again.tree.expanded_keys() >= wanted


def test_collapse_all_is_remembered_too(window, qtbot, reference, tmp_path):
    window.tree.collapseAll()
    assert window.tree.expanded_keys() == set()
    window.close()
    assert window_settings.remembered_expansion(temp_settings(tmp_path)) == set()
    again = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    assert _open_keys(again) == set()


def test_a_filter_opens_its_matches_and_clearing_restores_the_arrangement(window, qtbot):
    window.tree.collapseAll()
    model = window.tree.tree_model()
    meeting = model.index(0, 0)
    window.tree.expand(meeting)  # only the meeting open: groups and sectors closed
    arranged = _open_keys(window)
    window.set_search_text("software")
    shown = window.visible_commitment_ids()
    assert shown
    for cid in shown:  # every match is in sight, not inside a closed sector
        parent = _sector_of(window, cid)
        while parent.isValid():
            assert window.tree.isExpanded(parent)
            parent = parent.parent()
    window.tree.collapse(_sector_of(window, shown[0]))  # fiddling while filtered...
    window.clear_filters()
    assert _open_keys(window) == arranged  # ...is forgotten: the arrangement is back
    assert window.tree.expanded_keys() == arranged


def test_a_damaged_setting_falls_back_to_the_defaults(tmp_path):
    settings = temp_settings(tmp_path)
    settings.setValue(window_settings.TREE_EXPANDED, "{not json")
    assert window_settings.remembered_expansion(settings) is None
    settings.setValue(window_settings.TREE_EXPANDED, '{"a": 1}')
    assert window_settings.remembered_expansion(settings) is None
