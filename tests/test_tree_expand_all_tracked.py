"""Expand all and Collapse all are followed by one resync of the open nodes, not by a slot
per node (Qt 6 sends expanded() for each one they open): what the window remembers is still
every node they opened or closed, and nodes opened by hand after them are tracked again."""

from __future__ import annotations

import pytest

from jcct_desktop.ui.tree.model import KEY_ROLE
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, build_window

pytestmark = OFFSCREEN_NOISE


def _open_keys(window) -> set[str]:
    view, model = window.tree, window.tree.tree_model()
    return {item.key for item in view._containers(model.root)
            if view.isExpanded(model.index_for_item(item))}


@pytest.fixture
def window(qtbot, reference, tmp_path):
    return build_window(qtbot, reference, tmp_path, as_of=AS_OF)


def test_expand_all_then_by_hand(window):
    tree, model = window.tree, window.tree.tree_model()
    tree.collapseAll()
    assert tree.expanded_keys() == set() == _open_keys(window)
    tree.expandAll()
    every = {item.key for item in tree._containers(model.root)}
    assert tree.expanded_keys() == every == _open_keys(window)
    sector = model.index_for_id("2011-SOFT-2").parent()
    tree.collapse(sector)  # by hand: tracked again after the bulk
    assert sector.data(KEY_ROLE) not in tree.expanded_keys()
    tree.expand(sector)
    assert sector.data(KEY_ROLE) in tree.expanded_keys()
    tree.collapseAll()
    tree.expand(model.index(0, 0))
    assert tree.expanded_keys() == {model.index(0, 0).data(KEY_ROLE)} == _open_keys(window)


def test_expand_all_of_a_large_tree_shows_the_busy_cursor_meanwhile(window, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from jcct_desktop.ui.tree import view

    monkeypatch.setattr(view, "BUSY_EXPANDING_FROM", 0)  # the 2011 meeting stands in
    tree = window.tree
    tree.collapseAll()
    seen: list[object] = []
    tree.expanded.connect(lambda _i: seen.append(
        QApplication.overrideCursor() and QApplication.overrideCursor().shape()))
    tree.expandAll()
    assert seen and set(seen) == {Qt.CursorShape.WaitCursor}
    assert QApplication.overrideCursor() is None  # restored after
