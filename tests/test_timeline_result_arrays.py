"""A shown set's timeline keeps its bands and their first lanes as arrays: the result lives
until the next key, and the cyclic collector walks an array in one step, not number by number
(a tuple and a list of tens of thousands of numbers at 100,000 commitments were a fifth of
what the collection after a key walked). The layout is what it was
(tests/test_timeline_from_mask.py)."""

from __future__ import annotations

import gc

from jcct_desktop.core.source_order import source_order
from jcct_desktop.ui.timeline import TimelineSource, build_layout
from tests.search_support import generated_archive
from tests.test_timeline_scale import assert_same, straightforward


def test_a_shown_sets_bands_are_walked_in_one_step_and_laid_out_as_before(tmp_path_factory) -> None:
    catalog = generated_archive(tmp_path_factory, "archive").catalog
    visible = set(sorted(catalog.ids)[::3])
    layout = build_layout(TimelineSource(catalog), visible, source_order(catalog).mask(visible))
    shown = layout.by_lane.shown  # type: ignore[attr-defined]  # behind the lazy lanes
    assert shown.mask is not None and len(shown.bands) > 1
    # what the collector visits in each: its type alone, however many bands
    assert len(gc.get_referents(shown.bands)) <= 1 and len(gc.get_referents(shown.starts)) <= 1
    assert shown.starts[0] == 0 and list(shown.starts) == sorted(shown.starts)
    assert_same(layout, straightforward(catalog, visible), catalog)
