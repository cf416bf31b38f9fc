"""An archive two centuries long, fitted to the window: the axis still names years (every
2nd, 5th, 10th … round year, beside its line, never overlapping), its grid lines follow the
same step, and a day mark's label stops before the next mark on its lane instead of printing
over it (seen at 100,000 commitments: "00000-NEW-34" written over a dozen others)."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.ui.timeline import TimelineWidget, Viewport, build_layout, paint
from jcct_desktop.ui.timeline.axis import YEAR_STEPS, grid_days, year_labels, year_step
from jcct_desktop.ui.timeline.layout import GUTTER_WIDTH


def _measure(text: str) -> float:
    return 7.0 * len(text)  # about a 9-point sans serif


def _centuries(width: int) -> Viewport:
    vp = Viewport(width=GUTTER_WIDTH + width, height=300)
    vp.fit((date(2000, 1, 1).toordinal(), date(2199, 12, 31).toordinal()))
    return vp


@pytest.mark.parametrize("width", [400, 800, 1400, 3000])
def test_two_centuries_fitted_still_name_round_years(width):
    vp = _centuries(width)
    labels = year_labels(vp, _measure, 14)
    step = year_step(vp, _measure("0000"))
    assert step > 1 and step in YEAR_STEPS
    years = [int(label.text) for label in labels]
    assert len(years) >= 2, years  # 2000 and at least one more
    assert all(year % step == 0 for year in years)
    assert years == sorted(years) and 2000 in years
    inks = [label.ink for label in labels]
    assert all(a.right <= b.left for a, b in pairwise(inks))  # no overlap
    assert all(vp.chart_left <= ink.left and ink.right <= vp.width for ink in inks)
    grid = grid_days(vp.start, vp.end, months_too=False, year_step=step)
    assert {d.year for d in grid} >= set(years)
    assert all(d.year % step == 0 and (d.month, d.day) == (1, 1) for d in grid)


@settings(max_examples=200, deadline=None)
@given(days_per_px=st.floats(0.02, 2000), start=st.integers(700_000, 760_000),
       width=st.integers(200, 3000))
def test_year_labels_never_overlap_at_any_zoom(days_per_px, start, width):
    vp = Viewport(width=GUTTER_WIDTH + width, height=300, start=start, days_per_px=days_per_px)
    labels = year_labels(vp, _measure, 14)
    inks = sorted((label.ink for label in labels), key=lambda r: r.left)
    assert all(a.right <= b.left for a, b in pairwise(inks))
    # a year wide enough for its label is labelled, one by one, as before
    if 365.25 / days_per_px > _measure("0000") + 8:
        assert year_step(vp, _measure("0000")) == 1


@settings(max_examples=100, deadline=None)
@given(first=st.integers(1, 3_600_000), days=st.integers(0, 80_000),
       step=st.sampled_from(YEAR_STEPS))
def test_a_stepped_grid_is_the_yearly_grid_thinned(first, days, step):
    last = first + days
    every = grid_days(first + 0.5, last + 0.5, months_too=False)
    assert grid_days(first + 0.5, last + 0.5, months_too=False, year_step=step) == [
        d for d in every if d.year % step == 0]


def test_a_day_marks_label_stops_before_the_next_mark():
    rects = [(10.0, 0.0, 20.0, 10.0), (60.0, 0.0, 70.0, 10.0), (500.0, 0.0, 510.0, 10.0)]
    assert paint._room_after(rects, 0, 24.0) == 60.0 - 24.0 - 4
    assert paint._room_after(rects, 1, 74.0) == 200.0  # the next is far: the usual room
    assert paint._room_after(rects, 2, 514.0) == 200.0  # the lane's last
    crowded = [(10.0, 0.0, 20.0, 10.0), (12.0, 0.0, 22.0, 10.0)]  # centuries zoomed out
    assert paint._room_after(crowded, 0, 24.0) < 0  # under the next mark: no label


@pytest.fixture(scope="module")
def long_archive(tmp_path_factory) -> Catalog:
    from bench.make_archive import make_archive
    from jcct_desktop.store.reference.reader import open_reference

    path = make_archive(tmp_path_factory.mktemp("long") / "a.sqlite", meetings=50,
                        per_meeting=40)
    return open_reference(path).catalog


def test_the_painted_window_names_years_and_no_label_runs_over_a_mark(
        qtbot, long_archive, monkeypatch):
    """The real widget, fitted to the whole archive: year labels painted, and every drawn
    day-mark label ends before the next mark on its lane starts."""
    drawn_years: list[list[str]] = []
    real_years = paint.axis_year_labels

    def years_spy(p, vp):
        labels = real_years(p, vp)
        drawn_years.append([label.text for label in labels])
        return labels

    widths: list[tuple[float, float]] = []
    real_room = paint._room_after

    def room_spy(rects, i, x):
        room = real_room(rects, i, x)
        if i + 1 < len(rects):
            widths.append((x + room, rects[i + 1][0]))
        return room

    monkeypatch.setattr(paint, "axis_year_labels", years_spy)
    monkeypatch.setattr(paint, "_room_after", room_spy)
    widget = TimelineWidget(long_archive)
    qtbot.addWidget(widget)
    widget.resize(1000, 400)
    layout = build_layout(long_archive)
    widget.set_layout(layout)
    with qtbot.waitSignal(widget.painted):
        widget.show()
    crowded = next(lane for lane in range(layout.lane_count)
                   if any(m.is_day for m in layout.by_lane[lane][:-1]))
    widget.viewport.scroll_y = widget.viewport.lane_top(crowded) - widget.viewport.lane_top(0)
    with qtbot.waitSignal(widget.painted):
        widget.update()
    assert drawn_years and len(drawn_years[-1]) >= 2, drawn_years
    assert widths  # day marks were labelled
    # where the next mark is near, the label ends before it (past it: no label at all)
    assert all(end <= next_left for end, next_left in widths)
