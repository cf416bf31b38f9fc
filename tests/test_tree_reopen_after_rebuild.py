"""Issue 25: after a rebuild the view opens again the nodes the officer had open, walking only
the meetings that hold one (a 100,000-commitment rebuild has 1,000 meetings); what it opens is
what a walk of every node opens (the straightforward way: each node whose key was open)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from jcct_desktop.core.standing import standing_book
from jcct_desktop.ui.tree import SectorTreeModel, TreeSource
from jcct_desktop.ui.tree.items import TreeItem
from jcct_desktop.ui.tree.view import SectorTreeView
from tests.ui_support import AS_OF


def _every_container(root: TreeItem) -> list[TreeItem]:
    """Every meeting, group and sector, each meeting opened."""
    found, stack = [], list(reversed(root.children()))
    while stack:
        item = stack.pop()
        if item.commitment_id is None:
            found.append(item)
            stack += reversed(item.children()) if item.kind.name != "SECTOR" else []
    return found


def _open(view: SectorTreeView) -> set[str]:
    model = view.tree_model()
    return {item.key for item in _every_container(model.root)
            if view.isExpanded(model.index_for_item(item))}


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), share=st.sampled_from([0.0, 0.1, 0.5, 1.0]),
       visible_share=st.sampled_from([None, 0.3]))
def test_the_open_nodes_come_back_as_a_full_walk_finds_them(qapp, catalog, seed, share,
                                                            visible_share):
    states = standing_book(catalog.commitments, {}, AS_OF).values()
    source = TreeSource(catalog)
    rng = random.Random(seed)
    keys = {item.key for item in _every_container(source.build(states)) if rng.random() < share}
    keys.add("no-such-meeting/NOPE")  # a key saved by an older run, gone from the data
    visible = None if visible_share is None else {
        c.id for c in catalog.commitments if rng.random() < visible_share}
    view = SectorTreeView(SectorTreeModel())
    view._first_fill = False
    view.remember_expanded(keys)
    root = source.build(states, visible)
    view.replace_tree(root, states, None)  # unfiltered rules: the officer's arrangement
    want = {item.key for item in _every_container(root) if item.key in keys}
    assert _open(view) == want
