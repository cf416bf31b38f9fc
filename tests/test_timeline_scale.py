"""Issue 25, the timeline at archive scale: the lazily laid-out layout (bands laid out when read,
lane counts cached per band and shown rows) is exactly the one a straightforward pass over the
catalog makes (same marks, bands, lanes, lookups, span and "No date stated" band), for random
shown sets of the 2011 meeting and of a generated archive; and a paint reads only the bands on
screen."""

from __future__ import annotations

import random
from collections.abc import Collection
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.ui.timeline import TimelineSource, TimelineWidget, build_layout
from jcct_desktop.ui.timeline.layout import GAP_DAYS, UNDATED_BAND, Band, Mark, TimelineLayout
from tests.search_support import generated_archive


@dataclass
class Straight:
    """The layout, laid out in one plain pass: what the lazy one must equal."""

    marks: list[Mark] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    by_lane: list[list[Mark]] = field(default_factory=list)
    lanes_of: dict[str, int] = field(default_factory=dict)
    undated_lane_of: dict[str, int] = field(default_factory=dict)
    undated_first_lane: int | None = None
    span: tuple[int, int] | None = None


def straightforward(catalog: Catalog, visible: Collection[str] | None) -> Straight:
    """Per sector in source order, each shown commitment with a dated milestone on the first
    lane whose last span ends more than GAP_DAYS before its own starts; then one lane per
    shown commitment with undated milestones; the span from the dated marks."""
    out = Straight()
    shown = None if visible is None else set(visible)
    undated = []
    for sector in catalog.sectors:
        ends: list[int] = []
        first = len(out.by_lane)
        for c in catalog.commitments_in(sector):
            if shown is not None and c.id not in shown:
                continue
            dated = [(i, m) for i, m in enumerate(c.milestones) if m.window is not None]
            if len(dated) < len(c.milestones):
                undated.append((c.id, [(i, m) for i, m in enumerate(c.milestones)
                                       if m.window is None]))
            if not dated:
                continue
            start = min(m.window.earliest.toordinal() for _i, m in dated)
            end = max(m.window.latest.toordinal() for _i, m in dated)
            lane = next((k for k, e in enumerate(ends) if e + GAP_DAYS < start), len(ends))
            if lane == len(ends):
                ends.append(end)
                out.by_lane.append([])
            ends[lane] = end
            marks = [Mark(c.id, i, m, first + lane) for i, m in dated]
            out.lanes_of[c.id] = first + lane
            out.marks += marks
            out.by_lane[first + lane] += marks
        if ends:
            out.bands.append(Band(sector.name, first, len(ends)))
    if undated:
        out.undated_first_lane = first = len(out.by_lane)
        for lane, (cid, placed) in enumerate(undated, start=first):
            marks = [Mark(cid, i, m, lane, slot) for slot, (i, m) in enumerate(placed)]
            out.by_lane.append(marks)
            out.marks += marks
            if cid in out.lanes_of:
                out.undated_lane_of[cid] = lane
            else:
                out.lanes_of[cid] = lane
        out.bands.append(Band(UNDATED_BAND, first, len(undated)))
    dated_marks = [m for m in out.marks if m.dated]
    if dated_marks:
        out.span = min(m.start for m in dated_marks), max(m.end for m in dated_marks)
    return out


def assert_same(got: TimelineLayout, want: Straight, catalog: Catalog) -> None:
    # lookups first, on the fresh layout: each lays out only its own band
    for cid in sorted(catalog.ids)[:: max(1, len(catalog.ids) // 300)]:
        assert (cid in got.lanes_of) == (cid in want.lanes_of), cid
        assert got.lanes_of.get(cid) == want.lanes_of.get(cid), cid
        assert got.undated_lane_of.get(cid) == want.undated_lane_of.get(cid), cid
        want_marks = [m for m in want.marks if m.commitment_id == cid]
        assert got.marks_of(cid) == want_marks, cid
    assert got.lane_count == len(want.by_lane)
    assert got.span == want.span
    assert got.undated_first_lane == want.undated_first_lane
    assert bool(got.marks) == bool(want.marks)
    assert [got.by_lane[lane] for lane in range(got.lane_count)] == want.by_lane
    assert list(got.bands) == want.bands
    assert dict(got.lanes_of) == want.lanes_of and list(got.lanes_of) == list(want.lanes_of)
    assert dict(got.undated_lane_of) == want.undated_lane_of
    assert list(got.marks) == want.marks


def _some(ids: list[str], seed: int, share: float) -> set[str]:
    rng = random.Random(seed)
    return {cid for cid in ids if rng.random() < share}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Catalog:
    return generated_archive(tmp_path_factory, "archive").catalog


@pytest.fixture(scope="module")
def sources(catalog, archive) -> dict[str, tuple[Catalog, TimelineSource]]:
    """One source per catalog, as the window keeps one: its caches carry over between tests."""
    return {"2011": (catalog, TimelineSource(catalog)),
            "archive": (archive, TimelineSource(archive))}


@pytest.mark.parametrize("which", ["2011", "archive"])
def test_everything_shown_is_laid_out_as_the_straightforward_pass_does(sources, which):
    catalog, source = sources[which]
    want = straightforward(catalog, None)
    assert_same(build_layout(source), want, catalog)
    assert_same(build_layout(source, set(catalog.ids)), want, catalog)
    assert_same(build_layout(source, [*catalog.ids, "NO-SUCH-1"]), want, catalog)
    assert want.marks  # both catalogs have deadlines to lay out
    if which == "2011":
        assert want.undated_first_lane is not None  # and 2011 has undated milestones


@pytest.mark.parametrize("which", ["2011", "archive"])
@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1),
       share=st.sampled_from([0.0, 0.002, 0.05, 0.3, 0.6, 0.95, 0.999, 1.0]))
def test_a_shown_set_is_laid_out_as_the_straightforward_pass_does(sources, which, seed, share):
    catalog, source = sources[which]
    visible = _some(sorted(catalog.ids), seed, share)
    want = straightforward(catalog, visible)
    assert_same(build_layout(source, visible), want, catalog)
    # the same set again (the source's cached lane counts), and as another collection
    assert_same(build_layout(source, sorted(visible)), want, catalog)


def test_a_set_of_whole_and_partly_shown_sectors(sources):
    """Whole sectors shown, others partly, others not at all: each kind of band."""
    catalog, source = sources["archive"]
    sectors = [s for s in catalog.sectors if catalog.commitments_in(s)]
    visible: set[str] = set()
    for k, sector in enumerate(sectors):
        ids = [c.id for c in catalog.commitments_in(sector)]
        visible |= set(ids) if k % 3 == 0 else set(ids[::2]) if k % 3 == 1 else set()
    assert_same(build_layout(source, visible), straightforward(catalog, visible), catalog)


def test_a_first_paint_lays_out_only_the_bands_on_screen(qtbot, archive):
    catalog, source = archive, TimelineSource(archive)  # its own: no layout read before
    layout = build_layout(source, set(catalog.ids) - {sorted(catalog.ids)[0]})
    widget = TimelineWidget(catalog)
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.set_layout(layout)
    widget.show()
    qtbot.waitExposed(widget)
    widget.grab()  # paints
    laid_out = layout.by_lane.shown.marks_by_band  # type: ignore[attr-defined]
    on_screen = {i for i, _band in layout.bands_on(widget.viewport.visible_lanes(
        layout.lane_count))}
    assert laid_out and set(laid_out) <= on_screen
    assert len(layout.bands) > 10 * len(on_screen)  # far more bands than the screen shows
    widget.viewport.scroll_y = widget.viewport.max_scroll(layout.lane_count)
    widget.grab()  # scrolled to the end: the last bands, and still not the ones between
    assert len(laid_out) <= 2 * len(on_screen) + 2
    assert len(layout.bands) - 1 in laid_out  # the archive has no undated band


def _step_over_every_lane(layout: TimelineLayout, current: str | None, sign: int) -> str | None:
    """Up/Down as it was defined: every commitment sorted by lane, one step along."""
    order = sorted(layout.lanes_of, key=layout.lanes_of.__getitem__)
    if not order:
        return None
    if current not in layout.lanes_of:
        return order[0] if sign > 0 else order[-1]
    index = order.index(current) + sign
    return order[max(0, min(len(order) - 1, index))]


@pytest.mark.parametrize("which", ["2011", "archive"])
@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), share=st.sampled_from([0.0, 0.01, 0.2, 1.0]))
def test_up_and_down_step_as_over_every_lane(sources, which, seed, share):
    from jcct_desktop.ui.timeline import focus

    catalog, source = sources[which]
    ids = sorted(catalog.ids)
    visible = None if share == 1.0 else _some(ids, seed, share)
    rng = random.Random(seed)
    everything = build_layout(source, visible)
    ends = [_step_over_every_lane(everything, None, 1), _step_over_every_lane(everything, None, -1)]
    for current in [None, "NO-SUCH-1", *ends, *rng.sample(ids, 30)]:
        for sign in (1, -1):
            layout = build_layout(source, visible)  # a fresh one: nothing laid out yet
            want = _step_over_every_lane(everything, current, sign)
            assert focus.step(layout, current, sign) == want, (current, sign)


def test_the_whole_layout_and_its_lookups_need_no_masks(archive, qtbot):
    """At start (everything shown, a commitment selected) nothing maps every id: the masks
    are made by the first filtered layout, on the search worker."""
    source = TimelineSource(archive)
    layout = build_layout(source)
    widget = TimelineWidget(archive)
    qtbot.addWidget(widget)
    widget.set_layout(layout)
    some = sorted(archive.ids)[::97]
    for cid in some:
        widget.set_selected(cid)
    widget.grab()
    assert source._masks is None
    assert [layout.lanes_of.get(cid) for cid in some] == [
        straightforward(archive, None).lanes_of.get(cid) for cid in some]
    build_layout(source, set(some))
    assert source._masks is not None


@settings(max_examples=200, deadline=None)
@given(first=st.integers(1, 3_650_000), days=st.integers(0, 80_000), months_too=st.booleans())
def test_the_grid_of_a_zoomed_out_axis_walks_years_not_months(first, days, months_too):
    """An archive two centuries long is drawn with year lines only: found without walking
    every month between, the same days as the month starts that fall on January 1."""
    from jcct_desktop.ui.timeline import axis

    last = min(first + days, 3_652_059)
    every_month = axis.month_starts(first + 0.5, last + 0.5)
    want = every_month if months_too else [d for d in every_month if d.month == 1]
    assert axis.grid_days(first + 0.5, last + 0.5, months_too) == want


def test_the_same_shown_set_again_is_the_same_layout_and_a_changed_one_is_new(sources):
    """Typing on in a word often shows the same commitments: that layout is given again;
    the set is copied, so a set changed in place afterwards is laid out anew."""
    catalog, source = sources["archive"]
    ids = sorted(catalog.ids)
    visible = set(ids[::7])
    first = build_layout(source, visible)
    assert build_layout(source, set(visible)) is first
    assert build_layout(source, sorted(visible)) is first
    visible.update(ids[1::7])
    again = build_layout(source, visible)
    assert again is not first
    assert_same(again, straightforward(catalog, visible), catalog)
    visible.clear()
    assert_same(build_layout(source, visible), straightforward(catalog, set()), catalog)
