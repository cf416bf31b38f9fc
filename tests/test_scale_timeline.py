"""Archive scale: a filtered timeline is laid out from the shown commitments alone (found by
id, not by scanning every row), and comes out exactly as laid out by scanning every row."""

from __future__ import annotations

import random

import pytest

from jcct_desktop.ui.timeline.layout import (
    GAP_DAYS,
    Band,
    Mark,
    TimelineLayout,
    TimelineSource,
    build_layout,
)


def _scanning_every_row(source: TimelineSource, visible: set[str]) -> TimelineLayout:
    """The layout as built before issue 25: every sector's rows filtered by membership."""
    layout = TimelineLayout()
    days: list[int] = []
    for name, rows in source.sectors:
        chosen = [r for r in rows if r[0] in visible]
        if not chosen:
            continue
        ends: list[int] = []
        first = layout.lane_count
        for cid, start, end, milestones in chosen:
            days += [start, end]
            lane = next((i for i, e in enumerate(ends) if e + GAP_DAYS < start), None)
            if lane is None:
                lane = len(ends)
                ends.append(end)
                layout.by_lane.append([])
            ends[lane] = end
            layout.lanes_of[cid] = first + lane
            marks = [Mark(cid, i, m, first + lane) for i, m in milestones]
            layout.marks += marks
            layout.by_lane[first + lane] += marks
        layout.bands.append(Band(name, first, len(ends)))
        layout.lane_count += len(ends)
    if days:
        layout.extent = (min(days), max(days) + 1)
    return layout


@pytest.mark.parametrize("share", [1.0, 0.5, 0.05, 0.0])
def test_a_filtered_layout_is_the_one_a_full_scan_makes(tmp_path, share):
    from bench.make_archive import make_archive
    from jcct_desktop.store.reference.reader import open_reference

    catalog = open_reference(make_archive(tmp_path / "a.sqlite", meetings=4,
                                          per_meeting=60)).catalog
    source = TimelineSource(catalog)
    ids = list(catalog.ids)
    visible = set(random.Random(3).sample(ids, int(share * len(ids))))
    got = build_layout(source, visible)
    want = _scanning_every_row(source, visible)
    assert got.marks == want.marks and got.bands == want.bands
    assert got.by_lane == want.by_lane and got.lanes_of == want.lanes_of
    assert got.lane_count == want.lane_count and got.span == want.span
    assert build_layout(source, list(visible)).marks == want.marks  # any collection, same
    if share:
        assert got.marks  # the archive's deadlines are laid out at all
