"""Issue 25: the timeline laid out from the refilter's source-order mask (its rows read from
the mask by a fixed permutation, no id looked up) is the layout a straightforward pass over
the catalog makes, and the one the shown ids give; on the 2011 meeting (with its undated
milestones) and on a generated archive, for Hypothesis' shown sets."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.source_order import source_order
from jcct_desktop.ui.timeline import TimelineSource, build_layout
from tests.search_support import generated_archive
from tests.test_timeline_scale import assert_same, straightforward


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Catalog:
    return generated_archive(tmp_path_factory, "archive").catalog


@pytest.fixture(scope="module")
def catalogs(catalog, archive) -> dict[str, Catalog]:
    return {"2011": catalog, "archive": archive}


def _some(ids: list[str], seed: int, share: float) -> set[str]:
    rng = random.Random(seed)
    return {cid for cid in ids if rng.random() < share}


@pytest.mark.parametrize("which", ["2011", "archive"])
@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1),
       share=st.sampled_from([0.0, 0.002, 0.05, 0.3, 0.6, 0.95, 0.999, 1.0]))
def test_the_layout_from_the_mask_is_the_layout_from_the_ids(catalogs, which, seed, share):
    catalog = catalogs[which]
    visible = _some(sorted(catalog.ids), seed, share)
    mask = source_order(catalog).mask(visible)
    want = straightforward(catalog, visible)
    # a fresh source each way: neither layout is the other's cached one
    assert_same(build_layout(TimelineSource(catalog), visible, mask), want, catalog)
    assert_same(build_layout(TimelineSource(catalog), visible), want, catalog)


def test_the_undated_band_follows_the_mask(catalog):
    """2011 has commitments with undated milestones: the mask picks which are shown."""
    source = TimelineSource(catalog)
    undated = [cid for cid, _placed in source.undated]
    assert len(undated) > 1
    visible = set(undated[::2])
    layout = build_layout(source, visible, source_order(catalog).mask(visible))
    assert_same(layout, straightforward(catalog, visible), catalog)
    assert layout.undated_first_lane is not None


def test_a_mask_of_another_length_is_not_taken(catalogs):
    """A mask that is not of this catalog's order is ignored: the ids decide."""
    catalog = catalogs["archive"]
    visible = set(sorted(catalog.ids)[::5])
    wrong = b"\x01" * (len(catalog.ids) + 1)
    layout = build_layout(TimelineSource(catalog), visible, wrong)
    assert_same(layout, straightforward(catalog, visible), catalog)


def test_the_same_mask_again_is_the_same_layout(catalogs):
    catalog = catalogs["archive"]
    source, order = TimelineSource(catalog), source_order(catalog)
    ids = sorted(catalog.ids)
    visible = set(ids[::3])
    first = build_layout(source, visible, order.mask(visible))
    assert build_layout(source, set(visible), order.mask(set(visible))) is first
    visible.discard(ids[0])
    again = build_layout(source, visible, order.mask(visible))
    assert again is not first
    assert_same(again, straightforward(catalog, visible), catalog)


def test_every_small_band_kind_counts_the_lanes_packing_gives(catalogs):
    """Each band of up to ``SMALL`` rows has its lane count for every set of its rows worked
    out at the start (its kind): each is what ``pack()`` gives those rows."""
    from itertools import compress

    from jcct_desktop.ui.timeline.masks import SMALL, _lane_counts
    from jcct_desktop.ui.timeline.packing import pack

    for catalog in catalogs.values():
        source = TimelineSource(catalog)
        for band in range(len(source.names)):
            start, end = source.band_rows[band], source.band_rows[band + 1]
            if end - start > SMALL:
                continue
            counts = _lane_counts(source, band, end - start)
            assert len(counts) == 1 << (end - start)
            for rows, count in enumerate(counts):
                chosen = list(compress(source.spans[start:end],
                                       [rows >> k & 1 for k in range(end - start)]))
                assert count == pack(chosen)[1], (band, rows)
