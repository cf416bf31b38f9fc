"""Issue 25: most keys typed into a word show the same set as the key before; the tree source
then gives the tree it built for it again instead of building another. What it gives is
always the tree a fresh source builds for that set (every node, label, count and marker,
every leaf in order), whatever came before: the same set again, another set, new standings,
a tree the model has taken apart."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.source_order import source_order
from jcct_desktop.core.standing import Standing, standing_book
from jcct_desktop.ui.tree import SectorTreeModel, TreeSource
from jcct_desktop.ui.tree.items import TreeItem
from tests.ui_support import AS_OF

Shape = tuple[object, ...]


def _states(catalog: Catalog, as_of=AS_OF) -> dict[str, Standing]:
    return standing_book(catalog.commitments, {}, as_of).values()


def _shape(item: TreeItem) -> Shape:
    """The whole tree, every node opened, as nested tuples."""
    return (item.kind, item.key, item.label, item.count, item.past, item.missed, item.soon,
            tuple(_shape(kid) for kid in item.children()))


def _fresh(catalog: Catalog, states, visible: set[str] | None) -> Shape:
    return _shape(TreeSource(catalog).build(states, visible))


def _some(catalog: Catalog, seed: int, share: float) -> set[str]:
    rng = random.Random(seed)
    return {c.id for c in catalog.commitments if rng.random() < share}


def test_the_same_set_again_is_the_same_tree(catalog):
    states = _states(catalog)
    source = TreeSource(catalog)
    order = source_order(catalog)
    visible = _some(catalog, 1, 0.3)
    first = source.build(states, visible, order.mask(visible))
    assert source.build(states, set(visible), order.mask(set(visible))) is first
    assert source.build(states, set(visible)) is first  # from the ids, the same mask
    assert _shape(first) == _fresh(catalog, states, visible)
    everything = source.build(states)
    assert everything is not first and source.build(states) is everything
    assert _shape(everything) == _fresh(catalog, states, None)


def test_new_standings_or_verdicts_make_a_new_tree(catalog):
    source = TreeSource(catalog)
    states = _states(catalog)
    first = source.build(states)
    later = _states(catalog, AS_OF.replace(year=AS_OF.year + 3))
    again = source.build(later)
    assert again is not first
    assert _shape(again) == _fresh(catalog, later, None)
    source.judge(lambda _cid: True)  # every partly met one a shortfall from now on
    judged = source.build(later)
    assert judged is not again


def test_a_tree_taken_apart_is_not_given_again(qapp, catalog):
    states = _states(catalog)
    source = TreeSource(catalog)
    model = SectorTreeModel()
    visible = _some(catalog, 2, 0.5)
    tree = source.build(states, visible)
    tree.dismantle()  # as the model does with a tree two rebuilds old
    again = source.build(states, visible)
    assert again is not tree
    model.set_tree(again, states)
    assert _shape(again) == _fresh(catalog, states, visible)


@settings(max_examples=25, deadline=None)
@given(steps=st.lists(st.tuples(st.integers(0, 3), st.sampled_from([0.0, 0.05, 0.4, 1.0])),
                      min_size=1, max_size=8))
def test_every_tree_given_is_the_fresh_one(catalog, steps):
    """Sets typed one after another, repeated or not (seeds 0-3 of a few shares), with the
    trees handed to a model as the window does: each is the tree a fresh source builds."""
    states = _states(catalog)
    source = TreeSource(catalog)
    order = source_order(catalog)
    model = SectorTreeModel()
    for seed, share in steps:
        visible = None if share == 1.0 else _some(catalog, seed, share)
        mask = order.everything if visible is None else order.mask(visible)
        tree = source.build(states, visible, mask)
        model.set_tree(tree, states)
        assert _shape(tree) == _fresh(catalog, states, visible)
