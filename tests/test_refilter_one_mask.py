"""Issue 25: a refilter carries one mask in source order from the search to the views
(``core.filtering.matching_mask``, ``core.source_order.ShownIds``). What it shows, its tree,
its timeline layout and its counts are what the straightforward filter
(``bench/straightforward_filter.py``, the catalog walked commitment by commitment) gives,
for prefixes typed key by key, the other filters and standings, alone and together."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.make_archive import make_archive
from bench.straightforward_filter import straightforward
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.catalog_lookups import CatalogLookups
from jcct_desktop.core.filtering import Filter, FilterContext, matching_ids, matching_mask
from jcct_desktop.core.masks import chosen
from jcct_desktop.core.source_order import ShownIds, source_order
from jcct_desktop.core.standing import Standing
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.store.reference.search import ReferenceSearch
from jcct_desktop.ui.refilter import refilter
from jcct_desktop.ui.timeline import TimelineSource
from jcct_desktop.ui.tree import TreeSource
from tests.test_timeline_scale import assert_same
from tests.test_timeline_scale import straightforward as straightforward_layout
from tests.test_tree_fast_build import _plain_tree, _shape

AS_OF = date(2012, 6, 15)
WORDS = ("software", "regulation", "smart grid", "SFDA")  # bench_table.py's
TYPED = [word[:i] for word in WORDS for i in range(1, len(word) + 1)] + [
    "re", "IPR", "2001-003-SOFT", "zzqq", "s"]
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    path = make_archive(tmp_path_factory.mktemp("one-mask") / "archive.sqlite", meetings=20,
                        per_meeting=100)
    reference = open_reference(path)
    reference.search.warm()  # the in-memory search, as the window's worker has it
    return reference


def _straight_search(reference) -> ReferenceSearch:
    return ReferenceSearch(reference.search._engine)  # SQL alone, never warmed


def _oracle(catalog: Catalog, reference, flt: Filter, ctx: FilterContext) -> set[str]:
    """The filter walked commitment by commitment (the text through the straightforward
    filter, over the SQL-only search)."""
    found = set(catalog.ids)
    if flt.searches:
        found &= straightforward(catalog, _straight_search(reference), None, flt.text)[0]
    book = ctx.standings(AS_OF)
    return {c.id for c in map(catalog.commitment, found)
            if (not flt.sides or c.party.value in flt.sides)
            and (not flt.has_deadline or c.has_deadline)
            and (not flt.states or book.of(c.id).value in flt.states)
            and (not flt.meetings or c.meeting in flt.meetings)
            and (not flt.areas or flt.areas & set(c.areas))}


def _counts(catalog: Catalog, visible: Collection[str], states: Mapping[str, Standing]
            ) -> dict[Standing, int]:
    counts = dict.fromkeys(Standing, 0)
    for c in catalog.commitments:
        if c.id in visible:
            counts[states.get(c.id, Standing.NO_DEADLINE)] += 1
    return counts


def _assert_refiltered_as_walked(catalog: Catalog, done, want: set[str],
                                 states: Mapping[str, Standing], book) -> None:
    in_order = [c.id for c in catalog.commitments if c.id in want]
    assert done.visible is not None
    assert set(done.visible) == want and len(done.visible) == len(want)
    assert done.shown == in_order and list(done.shown) == in_order
    assert done.counts == _counts(catalog, want, states)
    assert _shape(done.tree) == _plain_tree(catalog, states,
                                            lambda cid: book.of(cid).shortfall, want)
    assert_same(done.layout, straightforward_layout(catalog, want), catalog)


def test_typed_prefixes_key_by_key(archive) -> None:
    """Each prefix as typing asks it (each narrowing from the one before, one context and
    one tree and timeline source for all): shown set, order, counts, tree and timeline."""
    catalog = archive.catalog
    ctx = FilterContext(catalog, archive.search)
    book = ctx.standings(AS_OF)
    states = book.values()
    trees, timelines = TreeSource(catalog), TimelineSource(catalog)
    trees.judge(lambda cid: book.of(cid).shortfall)
    for _ in range(2):  # the second time each term's hits and masks are remembered ones
        for text in TYPED:
            flt = Filter(text=text)
            done = refilter(flt, ctx, AS_OF, states, trees, timelines)
            want = _oracle(catalog, archive, flt, ctx)
            _assert_refiltered_as_walked(catalog, done, want, states, book)
            facts = straightforward(catalog, _straight_search(archive), None, text)[1]
            assert done.found_facts == facts, text


@SETTINGS
@given(data=st.data())
def test_other_filters_and_standings_with_and_without_a_search(archive, data) -> None:
    catalog = archive.catalog
    meetings = [m.id for m in catalog.meetings]
    areas = sorted({a for c in catalog.commitments for a in c.areas})
    flt = Filter(
        text=data.draw(st.sampled_from(["", "s", "so", "software", "SF", "smart g", "re",
                                        "zzqq"])),
        sides=frozenset(data.draw(st.sets(st.sampled_from(["China", "United States",
                                                           "both"])))),
        states=frozenset(data.draw(st.sets(st.sampled_from(list(Standing)), max_size=3))),
        has_deadline=data.draw(st.booleans()),
        meetings=frozenset(data.draw(st.sets(st.sampled_from(meetings), max_size=3))),
        areas=frozenset(data.draw(st.sets(st.sampled_from(areas), max_size=2)))
        if areas else frozenset(),
    )
    ctx = FilterContext(catalog, archive.search)
    want = _oracle(catalog, archive, flt, ctx)
    order = source_order(catalog)
    mask = matching_mask(flt, ctx, AS_OF)
    assert len(mask) == len(catalog.commitments)
    assert set(chosen(order.ids, mask)) == want == matching_ids(flt, ctx, AS_OF)
    if flt.is_empty:
        return
    book = ctx.standings(AS_OF)
    states = book.values()
    trees = TreeSource(catalog)
    trees.judge(lambda cid: book.of(cid).shortfall)
    done = refilter(flt, ctx, AS_OF, states, trees, TimelineSource(catalog))
    _assert_refiltered_as_walked(catalog, done, want, states, book)


def test_no_filter_shows_everything(archive) -> None:
    catalog = archive.catalog
    ctx = FilterContext(catalog, archive.search)
    states = ctx.standings(AS_OF).values()
    done = refilter(Filter(), ctx, AS_OF, states, TreeSource(catalog), TimelineSource(catalog))
    assert done.visible is None
    assert done.shown == [c.id for c in catalog.commitments]
    assert done.counts == _counts(catalog, set(catalog.ids), states)
    assert done.tree.count == len(catalog.commitments)


def test_the_kept_row_stays_shown(archive) -> None:
    """An edited row no longer matching stays shown, as ``keep`` asks; an id of no catalog
    adds nothing."""
    catalog = archive.catalog
    ctx = FilterContext(catalog, archive.search)
    states = ctx.standings(AS_OF).values()
    flt = Filter(text="software")
    found = matching_ids(flt, ctx, AS_OF)
    outside = next(c.id for c in catalog.commitments if c.id not in found)
    for keep, want in ((outside, found | {outside}), ("no-such-id", found)):
        done = refilter(flt, ctx, AS_OF, states, TreeSource(catalog), TimelineSource(catalog),
                        keep=keep)
        assert set(done.shown) == want
        assert done.tree.count == len(want) == len(done.visible or ())
        assert done.counts == _counts(catalog, want, states)
    # the search's own remembered hits are untouched by the kept row
    assert outside not in matching_ids(flt, ctx, AS_OF)


def test_shown_ids_read_from_the_mask(archive) -> None:
    catalog = archive.catalog
    order = source_order(catalog)
    ids = [c.id for c in catalog.commitments]
    some = set(ids[::7]) | {ids[-1]}
    shown = ShownIds(order, order.mask(some))
    in_order = [cid for cid in ids if cid in some]
    assert len(shown) == len(some) and bool(shown)
    assert list(shown) == in_order and shown == in_order and shown == tuple(in_order)
    assert shown[0] == in_order[0] and shown[-1] == ids[-1] and shown[1:3] == in_order[1:3]
    assert all(cid in shown for cid in some)
    assert ids[1] not in shown and "no-such-id" not in shown and 3 not in shown
    assert shown == ShownIds(order, order.mask(set(some)))
    assert shown != ShownIds(order, order.everything) and shown != in_order[1:]
    assert not ShownIds(order, order.mask(set())) and len(ShownIds(order, order.everything)) \
        == len(ids)


def test_a_mask_is_remembered_for_the_very_collection(archive) -> None:
    order = source_order(archive.catalog)
    group = tuple(archive.catalog.ids)[:50]
    assert order.mask_of(group) is order.mask_of(group)
    assert order.mask_of(list(group)) == order.mask_of(group)  # another object: made again
    assert order.with_one(order.mask(set()), group[3]) == order.mask({group[3]})
    assert order.with_one(order.mask(set()), "no-such-id") == order.mask(set())


def test_the_lookups_read_the_source_orders_ids(archive, catalog) -> None:
    """One tuple of the catalog's ids in source order serves the filters' lookups and the
    masks (the review finding: ``CatalogLookups.order`` duplicated ``SourceOrder.ids``)."""
    for each in (archive.catalog, catalog):
        lookups = CatalogLookups(each)
        assert lookups.order is source_order(each).ids
        assert list(lookups.order) == [c.id for c in each.commitments]
