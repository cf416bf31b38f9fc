"""Archive scale (issue 25): a rebuild counts each meeting's shown commitments over the
source-order mask when every meeting's commitments are one run in source order (no turning of
the mask into tree order per keystroke), and over the tree-order mask otherwise or when few are
shown (turned one by one, so that their meetings are opened without reordering); either way
the tree is the straightforward one (``tests/test_tree_fast_build``), leaves are found by id,
and a meeting's markers, counted when first read, are those of its groups."""

from __future__ import annotations

import dataclasses
from itertools import zip_longest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.source_order import SourceOrder
from jcct_desktop.ui.tree import items
from jcct_desktop.ui.tree.items import MeetingItem, NodeKind, TreeSource
from tests.test_tree_fast_build import SETTINGS, _case, _leaves, _plain_tree, _shape


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    from bench.make_archive import make_archive
    from jcct_desktop.store.reference.reader import open_reference

    path = make_archive(tmp_path_factory.mktemp("runs") / "a.sqlite", meetings=6,
                        per_meeting=40)
    return open_reference(path).catalog


def _interleaved(catalog: Catalog) -> Catalog:
    """The same catalog with the meetings' commitments taken in turn: no meeting one run."""
    runs = [[c for c in catalog.commitments if c.meeting == m.id] for m in catalog.meetings]
    mixed = tuple(c for turn in zip_longest(*runs) for c in turn if c is not None)
    return dataclasses.replace(catalog, commitments=mixed)


def _reversed(catalog: Catalog) -> Catalog:
    """The meetings' runs in the opposite order, each run backwards: still one run each."""
    return dataclasses.replace(catalog, commitments=catalog.commitments[::-1])


@pytest.fixture(scope="module")
def variants(archive: Catalog) -> dict[str, tuple[Catalog, TreeSource]]:
    made = {"as made": archive, "interleaved": _interleaved(archive),
            "reversed": _reversed(archive)}
    return {name: (cat, TreeSource(cat)) for name, cat in made.items()}


def test_the_layout_follows_the_source_order(variants) -> None:
    assert variants["as made"][1]._layout().in_source
    assert variants["reversed"][1]._layout().in_source
    catalog, reversed_ = variants["reversed"]
    # each run backwards: every meeting of more than one is reordered when opened
    assert all(reversed_._pick(at) is not None for at, m in enumerate(catalog.meetings)
               if sum(c.meeting == m.id for c in catalog.commitments) > 1)
    assert not variants["interleaved"][1]._layout().in_source


@pytest.mark.parametrize("which", ["as made", "interleaved", "reversed"])
@pytest.mark.parametrize("few", [1, 10**9], ids=["shown sets taken as few",
                                                 "shown sets taken as many"])
@SETTINGS
@given(data=st.data())
def test_the_tree_is_the_straightforward_one_in_any_source_order(which: str, few: int,
                                                                 data: st.DataObject,
                                                                 variants) -> None:
    catalog, source = variants[which]
    states, short, visible = data.draw(_case(catalog))
    source.judge(short.__contains__)
    want = _plain_tree(catalog, states, short.__contains__, visible)
    order = SourceOrder(catalog)
    kept, items._FEW = items._FEW, few  # the threshold between the two ways
    try:
        _check(source, catalog, states, visible, order, want)
    finally:
        items._FEW = kept


def _check(source: TreeSource, catalog: Catalog, states, visible, order: SourceOrder,
           want) -> None:
    for given_mask in (None, order.mask(visible)):
        # the markers read before the meetings are opened, and after
        root = source.build(states, visible, given_mask)
        early = [(m.past, m.missed, m.soon) for m in root.children()]
        assert _shape(root) == want
        assert early == [tuple(m[4:7]) for m in want[-1]]
        # found by id, each build afresh: finding opens meetings
        root = source.build(states, visible, given_mask)
        for cid, parent in _leaves(want):
            leaf = root.locate(cid)
            assert leaf is not None and leaf.key == cid and leaf.parent is not None
            assert leaf.parent.key == parent and leaf.parent.child(leaf.row) is leaf
        hidden = sorted(catalog.ids - {cid for cid, _p in _leaves(want)})
        assert all(root.locate(cid) is None for cid in hidden[:30])


def test_a_meeting_left_unopened_is_counted_but_not_made(variants) -> None:
    catalog, source = variants["interleaved"]
    root = source.build({})
    meetings = root.children()
    assert all(isinstance(m, MeetingItem) and m.kind is NodeKind.MEETING for m in meetings)
    assert [m.count for m in meetings] == [
        sum(c.meeting == m.id for c in catalog.commitments) for m in catalog.meetings]
    assert not any(m.built for m in meetings)
    assert meetings[2].child_count() == len(catalog.groups(catalog.meetings[2].id))
    assert not meetings[2].built  # counting its groups made none
