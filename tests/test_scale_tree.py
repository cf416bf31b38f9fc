"""Archive scale: the tree counts its overdue and due-soon rows from the marked ids and finds a
commitment's row through its sector, with no work per leaf; the results are the same as
counting every leaf (checked here against a count made straight from the catalog)."""

from __future__ import annotations

import random
from datetime import date

import pytest

from jcct_desktop.core.standing import Standing, standing_book
from jcct_desktop.ui.tree.items import NodeKind, TreeItem, TreeSource


def _walk(item: TreeItem):
    yield item
    if item.kind is not NodeKind.COMMITMENT:
        for child in item.children():
            yield from _walk(child)


def _leaves_under(item: TreeItem) -> list[str]:
    return [n.key for n in _walk(item) if n.kind is NodeKind.COMMITMENT]


@pytest.mark.parametrize("as_of", [date(2012, 6, 1), date(2013, 1, 1)])
@pytest.mark.parametrize("share", [None, 0.3, 0.0])
def test_counts_and_rows_match_a_count_of_every_leaf(reference, as_of, share):
    catalog = reference.catalog
    states = standing_book(catalog.commitments, {}, as_of).values()
    flagged = [s for s in states.values() if s in (Standing.OVERDUE, Standing.DUE_SOON)]
    assert flagged  # the dates chosen leave something to mark
    ids = list(catalog.ids)
    visible = None if share is None else set(random.Random(7).sample(ids, int(share * len(ids))))
    root = TreeSource(catalog).build(states, visible)
    shown = ids if visible is None else [i for i in ids if i in visible]
    assert sorted(_leaves_under(root)) == sorted(shown)
    for node in _walk(root):
        if node.kind is NodeKind.COMMITMENT:
            continue
        under = _leaves_under(node)
        assert node.count == len(under)
        assert node.past == sum(states.get(i) is Standing.OVERDUE for i in under)
        assert node.soon == sum(states.get(i) is Standing.DUE_SOON for i in under)
    for cid in shown:
        leaf = root.locate(cid)
        assert leaf is not None and leaf.key == cid
    hidden = [i for i in ids if visible is not None and i not in visible]
    assert all(root.locate(i) is None for i in hidden[:50])


def test_a_rebuild_makes_no_group_until_its_meeting_is_opened(tmp_path):
    from bench.make_archive import make_archive
    from jcct_desktop.store.reference.reader import open_reference

    catalog = open_reference(make_archive(tmp_path / "a.sqlite", meetings=3,
                                          per_meeting=20)).catalog
    root = TreeSource(catalog).build({}, None)
    meetings = root.children()
    assert [m.key for m in meetings] == [m.id for m in catalog.meetings]
    assert not any(m.built for m in meetings)
    assert [m.count for m in meetings] == [20, 20, 20]
    assert all(m.child_count() > 0 for m in meetings) and not any(m.built for m in meetings)
    last = catalog.commitments[-1].id
    assert root.locate(last).key == last  # opens the meeting that holds it, and only that one
    assert [m.built for m in meetings] == [False, False, True]
    assert sum(g.count for g in meetings[2].children()) == 20
