"""Issue 25, the timeline's shown bands worked out in passes over the mask (masks.py): bands
of up to ``SMALL`` rows through their kinds' lane tables, bigger ones through the lanes cache
keyed by their part of the mask. An archive of few meetings with many commitments each has
sectors of both sizes: its layouts from the mask equal a straightforward pass, for
Hypothesis' shown sets (and the ones that show one band's rows only, or a single row)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.make_archive import make_archive
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.source_order import source_order
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui.timeline import TimelineSource, build_layout
from jcct_desktop.ui.timeline.masks import SMALL
from tests.test_timeline_scale import assert_same, straightforward


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Catalog:
    path = make_archive(tmp_path_factory.mktemp("mixed") / "archive.sqlite", meetings=8,
                        per_meeting=160, seed=9)
    return open_reference(path).catalog


def _sizes(source: TimelineSource) -> list[int]:
    return [source.band_rows[b + 1] - source.band_rows[b] for b in range(len(source.names))]


def test_the_archive_has_small_and_big_bands(mixed):
    sizes = _sizes(TimelineSource(mixed))
    assert any(size > SMALL for size in sizes)
    assert any(size <= SMALL for size in sizes)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1),
       share=st.sampled_from([0.0, 0.001, 0.01, 0.1, 0.4, 0.8, 0.99, 1.0]))
def test_the_layout_of_small_and_big_bands_is_the_straightforward_one(mixed, seed, share):
    rng = random.Random(seed)
    visible = {cid for cid in sorted(mixed.ids) if rng.random() < share}
    mask = source_order(mixed).mask(visible)
    assert_same(build_layout(TimelineSource(mixed), visible, mask),
                straightforward(mixed, visible), mixed)


@pytest.mark.parametrize("big", [True, False])
def test_one_band_shown_alone(mixed, big):
    """Only one band's rows (a big or a small one): its lanes and extent, nothing else."""
    source = TimelineSource(mixed)
    sizes = _sizes(source)
    band = next(b for b, size in enumerate(sizes) if (size > SMALL) == big)
    rows = range(source.band_rows[band], source.band_rows[band + 1])
    for visible in ({source.commitments[r].id for r in rows},
                    {source.commitments[r].id for r in rows[::2]},
                    {source.commitments[rows[-1]].id}):
        layout = build_layout(TimelineSource(mixed), visible,
                              source_order(mixed).mask(visible))
        assert_same(layout, straightforward(mixed, visible), mixed)
        assert [b.label for b in layout.bands] == [source.names[band]]


def test_the_extent_is_the_shown_rows_first_and_last_day(mixed):
    source = TimelineSource(mixed)
    rng = random.Random(3)
    for _ in range(20):
        picked = rng.sample(range(len(source.spans)), rng.randint(1, 5))
        visible = {source.commitments[r].id for r in picked}
        layout = build_layout(TimelineSource(mixed), visible,
                              source_order(mixed).mask(visible))
        assert layout.extent == (min(source.spans[r][0] for r in picked),
                                 max(source.spans[r][1] for r in picked) + 1)
