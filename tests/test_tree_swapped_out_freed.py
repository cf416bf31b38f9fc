"""Issue 25: a tree swapped out of the model is taken apart (one rebuild late), so reference
counting frees it and no pass of the cyclic collector on the window's thread has to; the tree
shown, and the one before it, stay whole and the model answers from the one shown."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from jcct_desktop.core.standing import Standing, standing_book
from jcct_desktop.ui.tree import SectorTreeModel, TreeSource
from jcct_desktop.ui.tree.items import TreeItem
from jcct_desktop.ui.tree.model import ID_ROLE
from tests.ui_support import AS_OF


def _states(catalog) -> dict[str, Standing]:
    return standing_book(catalog.commitments, {}, AS_OF).values()


@contextmanager
def _collector_off() -> Iterator[None]:
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _items_alive() -> int:
    return sum(isinstance(o, TreeItem) for o in gc.get_objects())


def _opened(root: TreeItem) -> int:
    """Every meeting, group and sector opened (leaves made too): the nodes it holds."""
    count, stack = 0, [root]
    while stack:
        item = stack.pop()
        count += 1
        stack += item.children()
    return count


def test_trees_swapped_out_are_freed_without_the_collector(qapp, catalog):
    states = _states(catalog)
    source = TreeSource(catalog)
    model = SectorTreeModel()
    visible = [None, {c.id for c in catalog.commitments[::2]},
               {c.id for c in catalog.commitments[1::3]}]
    with _collector_off():
        model.set_tree(source.build(states), states)
        before = _items_alive()
        sizes = []
        for rebuild in range(12):
            root = source.build(states, visible[rebuild % 3])
            sizes.append(_opened(root))  # every node made, parents and leaves pointing up
            model.set_tree(root, states)
            del root
        alive = _items_alive()
    # the shown tree and the one before it (and the model's own empty one), not twelve
    assert alive - before <= sizes[-1] + sizes[-2] + 1
    assert alive - before < sum(sizes) / 3


def test_the_tree_shown_and_the_one_before_stay_whole(qapp, catalog):
    states = _states(catalog)
    source = TreeSource(catalog)
    model = SectorTreeModel()
    everything = source.build(states)
    odd = {c.id for c in catalog.commitments[1::2]}
    model.set_tree(everything, states)
    model.set_tree(source.build(states, odd), states)
    model.set_tree(source.build(states, odd), states)  # `everything` is taken apart now
    previous = model.root
    model.set_tree(source.build(states), states)
    # the one before the shown is whole: every commitment found, under its parents
    assert previous.count == len(odd)
    assert all(previous.locate(cid) is not None for cid in odd)
    # the shown one answers every commitment
    for c in catalog.commitments:
        index = model.index_for_id(c.id)
        assert index.isValid() and index.data(ID_ROLE) == c.id
    assert everything.children() == [] and everything.locate(catalog.commitments[0].id) is None


def test_setting_the_same_tree_again_keeps_it(qapp, catalog):
    states = _states(catalog)
    source = TreeSource(catalog)
    model = SectorTreeModel()
    root = source.build(states)
    for _ in range(3):
        model.set_tree(root, states)
    other = source.build(states)
    model.set_tree(other, states)
    model.set_tree(root, states)  # back to the first: shown, so not taken apart
    assert model.root is root and root.count == len(catalog.commitments)
    assert all(root.locate(c.id) is not None for c in catalog.commitments)
