"""Where things go on the timeline, in plain Python (testable, and cheap for 10k marks).

Rows ("lanes") are grouped by sector in source order. Within a sector each commitment keeps
its milestones on one lane; commitments whose spans do not overlap share a lane.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from jcct_desktop.core import dates
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.model import Milestone

LANE_HEIGHT = 24
AXIS_HEIGHT = 40
GUTTER_WIDTH = 210
DIAMOND = 12  # px across a single-day milestone
MIN_BAR = 4  # px: very short windows stay clickable
GAP_DAYS = 20  # keep marks on one lane apart so labels do not touch


class Mark(NamedTuple):  # immutable like a frozen dataclass, several times cheaper to make
    commitment_id: str
    index: int  # type: ignore[assignment]  # position of the milestone (hides tuple.index)
    milestone: Milestone
    lane: int

    @property
    def start(self) -> int:
        return self.milestone.window.earliest.toordinal()

    @property
    def end(self) -> int:  # exclusive, in days: an inclusive window covers its last day
        return self.milestone.window.latest.toordinal() + 1

    @property
    def is_day(self) -> bool:
        return self.milestone.window.is_day


@dataclass(frozen=True, slots=True)
class Band:
    label: str  # sector name
    first_lane: int
    lane_count: int


@dataclass
class TimelineLayout:
    marks: list[Mark] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    lane_count: int = 0
    by_lane: list[list[Mark]] = field(default_factory=list)
    lanes_of: dict[str, int] = field(default_factory=dict)  # commitment id → lane
    extent: tuple[int, int] | None = None  # the span, when already known (build_layout)

    @property
    def span(self) -> tuple[int, int] | None:
        if not self.marks:
            return None
        if self.extent is None:
            self.extent = min(m.start for m in self.marks), max(m.end for m in self.marks)
        return self.extent

    def marks_of(self, commitment_id: str) -> list[Mark]:
        lane = self.lanes_of.get(commitment_id)
        if lane is None:
            return []
        return [m for m in self.by_lane[lane] if m.commitment_id == commitment_id]


Row = tuple[str, int, int, tuple[Milestone, ...]]  # commitment id, first day, last day, milestones


class TimelineSource:
    """Per sector, its commitments with deadlines and their spans, gathered once."""

    def __init__(self, catalog: Catalog) -> None:
        self.sectors: list[tuple[str, list[Row]]] = []
        for sector in catalog.sectors:
            rows = [_row(c.id, c.milestones) for c in catalog.commitments_in(sector)
                    if c.milestones]
            if rows:
                self.sectors.append((sector.name, rows))
        # commitment id → (its band, its row there): a filtered layout visits only the shown
        # commitments, not every row of the archive
        self.place = {row[0]: (band, i) for band, (_name, rows) in enumerate(self.sectors)
                      for i, row in enumerate(rows)}
        self.everything: TimelineLayout | None = None  # the unfiltered layout, made once

    def shown(self, visible: Collection[str] | None) -> list[tuple[str, list[Row]]]:
        """Per band with something shown, in source order: its shown rows in source order."""
        if visible is None:
            return self.sectors
        rows: dict[int, list[int]] = {}
        for cid in visible if isinstance(visible, set | frozenset) else set(visible):
            found = self.place.get(cid)
            if found is not None:
                rows.setdefault(found[0], []).append(found[1])
        return [(self.sectors[band][0], [self.sectors[band][1][i] for i in sorted(rows[band])])
                for band in sorted(rows)]


def build_layout(source: Catalog | TimelineSource,
                 visible: Collection[str] | None = None) -> TimelineLayout:
    """Treat the result as read-only: the unfiltered one is shared between calls."""
    if not isinstance(source, TimelineSource):
        source = TimelineSource(source)
    if visible is None:
        if source.everything is None:
            source.everything = _build(source, None)
        return source.everything
    return _build(source, visible)


_mark = tuple.__new__  # Mark(...) without the Python frame of its __new__: 100,000 at start


def _row(cid: str, milestones: tuple[Milestone, ...]) -> Row:
    if len(milestones) == 1:  # most: no min and max to take
        window = milestones[0].window
        return cid, window.earliest.toordinal(), window.latest.toordinal(), milestones
    return (cid, min(m.window.earliest.toordinal() for m in milestones),
            max(m.window.latest.toordinal() for m in milestones), milestones)


def _build(source: TimelineSource, visible: Collection[str] | None) -> TimelineLayout:
    # one pass over the shown rows, no call per row it can avoid: at 100,000 commitments
    # this is part of the window's first paint
    layout = TimelineLayout()
    marks, by_lane, lanes_of = layout.marks, layout.by_lane, layout.lanes_of
    first_day, last_day = None, None
    for name, chosen in source.shown(visible):
        lane_ends: list[int] = []  # per lane of this band: the last day used
        first = layout.lane_count
        starts = min(row[1] for row in chosen)
        ends = max(row[2] for row in chosen)
        first_day = starts if first_day is None or starts < first_day else first_day
        last_day = ends if last_day is None or ends > last_day else last_day
        for cid, start, end, milestones in chosen:
            for lane, e in enumerate(lane_ends):
                if e + GAP_DAYS < start:
                    lane_ends[lane] = end
                    break
            else:
                lane = len(lane_ends)
                lane_ends.append(end)
                by_lane.append([])
            absolute = first + lane
            lanes_of[cid] = absolute
            if len(milestones) == 1:
                mark = _mark(Mark, (cid, 0, milestones[0], absolute))
                marks.append(mark)
                by_lane[absolute].append(mark)
            else:
                made = [_mark(Mark, (cid, i, m, absolute)) for i, m in enumerate(milestones)]
                marks += made
                by_lane[absolute] += made
        layout.bands.append(Band(name, first, len(lane_ends)))
        layout.lane_count += len(lane_ends)
    if first_day is not None and last_day is not None:
        layout.extent = (first_day, last_day + 1)  # a mark ends the day after its last
    return layout


@dataclass
class Viewport:
    """Maps days to pixels: ``x = chart_left + (day - start) / days_per_px``."""

    width: int = 800  # whole widget
    height: int = 300
    start: float = float(date(2011, 1, 1).toordinal())
    days_per_px: float = 1.0
    scroll_y: int = 0  # px scrolled down the lanes

    @property
    def chart_left(self) -> int:
        return GUTTER_WIDTH

    @property
    def chart_width(self) -> int:
        return max(1, self.width - GUTTER_WIDTH)

    @property
    def end(self) -> float:
        return self.start + self.chart_width * self.days_per_px

    def x_of(self, day: float) -> float:
        return self.chart_left + (day - self.start) / self.days_per_px

    def day_at(self, x: float) -> float:
        return self.start + (x - self.chart_left) * self.days_per_px

    def lane_top(self, lane: int) -> int:
        return AXIS_HEIGHT + lane * LANE_HEIGHT - self.scroll_y

    def lane_at(self, y: float) -> int:
        return int((y + self.scroll_y - AXIS_HEIGHT) // LANE_HEIGHT)

    def visible_lanes(self, lane_count: int) -> range:
        first = max(0, self.lane_at(AXIS_HEIGHT))
        last = min(lane_count, self.lane_at(self.height) + 1)
        return range(first, max(first, last))

    def content_height(self, lane_count: int) -> int:
        return AXIS_HEIGHT + lane_count * LANE_HEIGHT

    def max_scroll(self, lane_count: int) -> int:
        return max(0, self.content_height(lane_count) - self.height)

    def mark_rect(self, mark: Mark) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of a bar, or the box around a diamond."""
        top = self.lane_top(mark.lane)
        mid = top + LANE_HEIGHT / 2
        if mark.is_day:
            cx = self.x_of(mark.start + 0.5)
            return cx - DIAMOND / 2, mid - DIAMOND / 2, cx + DIAMOND / 2, mid + DIAMOND / 2
        left, right = self.x_of(mark.start), self.x_of(mark.end)
        if right - left < MIN_BAR:
            grow = (MIN_BAR - (right - left)) / 2
            left, right = left - grow, right + grow
        return left, top + 5, right, top + LANE_HEIGHT - 5

    def mark_centre(self, mark: Mark) -> tuple[int, int]:
        left, top, right, bottom = self.mark_rect(mark)
        return round((left + right) / 2), round((top + bottom) / 2)

    def hits(self, layout: TimelineLayout, x: float, y: float) -> list[Mark]:
        """Marks under a point (the chart area only)."""
        lane = self.lane_at(y)
        if x < self.chart_left or y < AXIS_HEIGHT or not 0 <= lane < layout.lane_count:
            return []
        found = []
        for mark in layout.by_lane[lane]:
            left, _top, right, _bottom = self.mark_rect(mark)
            if left - 2 <= x <= right + 2:
                found.append(mark)
        return found

    # -- navigation -----------------------------------------------------------------------
    def fit(self, span: tuple[int, int] | None) -> None:
        """Show the whole span with a month of air on each side."""
        if span is None:
            today = dates.today().toordinal()
            span = (today - 180, today + 180)
        first, last = span[0] - 31, span[1] + 31
        self.start = float(first)
        self.days_per_px = max(0.02, (last - first) / self.chart_width)

    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom by ``factor`` (>1 zooms in) keeping the day under ``anchor_x`` in place."""
        anchor_x = self.chart_left + self.chart_width / 2 if anchor_x is None else anchor_x
        day = self.day_at(anchor_x)
        self.days_per_px = min(60.0, max(0.02, self.days_per_px / factor))
        self.start = day - (anchor_x - self.chart_left) * self.days_per_px

    def pan(self, dx_px: float) -> None:
        self.start += dx_px * self.days_per_px

    def ensure_visible(self, marks: list[Mark], lane_count: int) -> None:
        """Scroll (not zoom unless needed) so the marks are on screen."""
        if not marks:
            return
        first = min(m.start for m in marks)
        last = max(m.end for m in marks)
        if last - first > self.chart_width * self.days_per_px:
            self.fit((first, last))
        elif first < self.start or last > self.end:
            self.start = (first + last) / 2 - self.chart_width * self.days_per_px / 2
        lane = marks[0].lane
        top = AXIS_HEIGHT + lane * LANE_HEIGHT
        if top - self.scroll_y < AXIS_HEIGHT:
            self.scroll_y = top - AXIS_HEIGHT
        elif top + LANE_HEIGHT - self.scroll_y > self.height:
            # whole lanes: a row half hidden under the axis looks broken
            self.scroll_y = -(-(top + LANE_HEIGHT - self.height) // LANE_HEIGHT) * LANE_HEIGHT
        self.scroll_y = max(0, min(self.scroll_y, self.max_scroll(lane_count)))
