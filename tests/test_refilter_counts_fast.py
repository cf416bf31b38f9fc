"""Archive scale (issue 25): a refilter's shown ids and per-standing counts, taken from one
source-order mask of the visible set (``core.source_order``, ``core.masks``), are what a loop
over the catalog gives; the mask is the same whether it is found id by id or place by place;
checked with Hypothesis on the 2011 data and a small generated archive, and through
``ui.refilter.refilter`` itself."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.filtering import Filter, FilterContext
from jcct_desktop.core.masks import Reordering, chosen, membership, rows_of
from jcct_desktop.core.source_order import SourceOrder, source_order
from jcct_desktop.core.standing import Standing, standing_book
from jcct_desktop.ui.refilter import refilter, shown_in_order
from jcct_desktop.ui.timeline import TimelineSource
from jcct_desktop.ui.tree import TreeSource

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    from bench.make_archive import make_archive
    from jcct_desktop.store.reference.reader import open_reference

    path = make_archive(tmp_path_factory.mktemp("counts") / "a.sqlite", meetings=20,
                        per_meeting=100)
    return open_reference(path).catalog


def _plain(catalog: Catalog, visible: set[str] | None, states: Mapping[str, Standing]
           ) -> tuple[list[str], dict[Standing, int]]:
    shown = [c.id for c in catalog.commitments if visible is None or c.id in visible]
    counts = dict.fromkeys(Standing, 0)
    for cid in shown:
        counts[states.get(cid, Standing.NO_DEADLINE)] += 1
    return shown, counts


@pytest.mark.parametrize("which", ["2011", "archive"])
@SETTINGS
@given(data=st.data())
def test_the_shown_ids_and_counts_are_a_loop_over_the_catalog(which: str, data: st.DataObject,
                                                              catalog: Catalog,
                                                              archive: Catalog) -> None:
    chosen_catalog = catalog if which == "2011" else archive
    ids = sorted(chosen_catalog.ids)
    states = {cid: data.draw(st.sampled_from(list(Standing)))
              for cid in data.draw(st.lists(st.sampled_from(ids), max_size=300))}
    size = data.draw(st.sampled_from([0, 1, 5, len(ids) // 7, len(ids) // 5, len(ids)]))
    visible = None if data.draw(st.booleans()) and size == len(ids) else set(
        data.draw(st.lists(st.sampled_from(ids), min_size=size, max_size=size)))
    if visible is not None and data.draw(st.booleans()):
        visible.add("not-in-the-catalog")
    order = SourceOrder(chosen_catalog)
    mask = order.mask(visible)
    assert (order.shown(mask), order.counts(mask, states)) == _plain(chosen_catalog, visible,
                                                                     states)
    assert shown_in_order(chosen_catalog, visible) == _plain(chosen_catalog, visible, states)[0]
    assert list(order.counts(mask, states)) == list(Standing)  # in the order the bar reads


@SETTINGS
@given(size=st.integers(0, 60), seed=st.integers(0, 10_000), extra=st.booleans())
def test_a_mask_found_by_place_is_the_one_found_by_id(size: int, seed: int,
                                                      extra: bool) -> None:
    import random

    ids = [f"C-{i}" for i in range(60)]
    picked = set(random.Random(seed).sample(ids, size)) | ({"elsewhere"} if extra else set())
    want = bytes(cid in picked for cid in ids)
    assert membership(ids, rows_of(ids), picked) == want  # either way, by the set's size
    assert chosen(ids, want) == [cid for cid in ids if cid in picked]


@SETTINGS
@given(data=st.data())
def test_a_mask_reordered_is_each_place_read(data: st.DataObject) -> None:
    size = data.draw(st.integers(0, 80))
    # a new order of some of the old places (the tree leaves out what it does not show)
    places = data.draw(st.permutations(range(size)).flatmap(
        lambda p: st.integers(0, len(p)).map(lambda k: p[:k])))
    mask = bytes(data.draw(st.lists(st.sampled_from([0, 0, 0, 0, 0, 1]), min_size=size,
                                    max_size=size)))
    codes = bytes(data.draw(st.lists(st.integers(0, 8), min_size=size, max_size=size)))
    turn = Reordering(places)
    for _ in range(2):  # the second time with what the first one kept
        assert turn.mask(mask) == bytes(mask[p] for p in places)
        assert turn.every(codes) == bytes(codes[p] for p in places)


def test_counts_follow_new_standings(archive: Catalog) -> None:
    order = source_order(archive)
    assert source_order(archive) is order  # made once per catalog
    mask = order.mask(None)
    first = standing_book(archive.commitments, {}, date(2001, 1, 1)).values()
    later = standing_book(archive.commitments, {}, date(2030, 1, 1)).values()
    for states in (first, later, first):
        assert order.counts(mask, states) == _plain(archive, None, states)[1]
    assert order.counts(mask, first) != order.counts(mask, later)


@pytest.mark.parametrize("text", ["", "software", "grid", "zzzz-no-match"])
def test_refilter_shows_and_counts_as_a_loop_would(reference, text: str) -> None:
    catalog = reference.catalog
    context = FilterContext(catalog, reference.search)
    as_of = date(2012, 6, 15)
    states = context.standings(as_of).values()
    done = refilter(Filter(text=text), context, as_of, states, TreeSource(catalog),
                    TimelineSource(catalog))
    assert (done.shown, done.counts) == _plain(catalog, done.visible, states)
    assert done.tree.count == len(done.shown)
    if text == "software":
        assert 0 < len(done.shown) < len(catalog.commitments)


def test_the_order_goes_with_its_catalog(archive: Catalog) -> None:
    import gc
    import weakref

    from jcct_desktop.core import source_order as module

    copy = Catalog(archive.meetings, archive.sectors, archive.commitments, archive.facts,
                   archive.agencies)
    order = weakref.ref(source_order(copy))
    assert order() is not None
    del copy
    gc.collect()
    assert order() is None and module._last is None
