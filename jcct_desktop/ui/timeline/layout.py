"""Where things go on the timeline, in plain Python (testable, and cheap for 10k marks).

Rows ("lanes") are grouped by sector in source order. Within a sector each commitment keeps
its milestones on one lane; commitments whose spans do not overlap share a lane. Milestones the
source dates nowhere have no place on the time axis: they go to a last band, "No date stated",
one lane per commitment, drawn as markers pinned to the left of the chart (no bar).
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
UNDATED_BAND = "No date stated"
UNDATED_WIDTH = 26  # px of an undated milestone's marker
UNDATED_GAP = 6


class Mark(NamedTuple):  # immutable like a frozen dataclass, several times cheaper to make
    commitment_id: str
    index: int  # type: ignore[assignment]  # position of the milestone (hides tuple.index)
    milestone: Milestone
    lane: int
    slot: int = -1  # an undated milestone's place in its lane (-1: dated, placed by its days)

    @property
    def dated(self) -> bool:
        return self.milestone.window is not None

    @property
    def start(self) -> int:
        """First day (ordinal); only a dated mark has days, an undated one is placed by slot."""
        window = self.milestone.window
        if window is None:
            raise ValueError(f"{self.commitment_id}: an undated milestone has no days")
        return window.earliest.toordinal()

    @property
    def end(self) -> int:  # exclusive, in days: an inclusive window covers its last day
        window = self.milestone.window
        if window is None:
            raise ValueError(f"{self.commitment_id}: an undated milestone has no days")
        return window.latest.toordinal() + 1

    @property
    def is_day(self) -> bool:
        return self.milestone.window is not None and self.milestone.window.is_day


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
    # commitment id → its lane in the "No date stated" band, when it also has dated milestones
    undated_lane_of: dict[str, int] = field(default_factory=dict)
    undated_first_lane: int | None = None  # where the "No date stated" band starts
    extent: tuple[int, int] | None = None  # the span, when already known (build_layout)

    @property
    def span(self) -> tuple[int, int] | None:
        if self.extent is None:
            dated = [m for m in self.marks if m.dated]
            if not dated:
                return None
            self.extent = min(m.start for m in dated), max(m.end for m in dated)
        return self.extent

    def lanes_of_commitment(self, commitment_id: str) -> list[int]:
        """The commitment's lanes: its dated one, then its one in the "No date stated" band."""
        lanes = [self.lanes_of.get(commitment_id), self.undated_lane_of.get(commitment_id)]
        return [lane for lane in lanes if lane is not None]

    def marks_of(self, commitment_id: str) -> list[Mark]:
        """The commitment's marks: its dated ones, then its undated ones."""
        return [m for lane in self.lanes_of_commitment(commitment_id) for m in self.by_lane[lane]
                if m.commitment_id == commitment_id]


Placed = tuple[tuple[int, Milestone], ...]  # each milestone with its position in the commitment
Row = tuple[str, int, int, Placed]  # commitment id, first day, last day, dated milestones


class TimelineSource:
    """Per sector, its commitments with deadlines and their spans, gathered once."""

    def __init__(self, catalog: Catalog) -> None:
        self.sectors: list[tuple[str, list[Row]]] = []
        self.undated: list[tuple[str, Placed]] = []  # in source order, by sector
        for sector in catalog.sectors:
            rows = []
            for c in catalog.commitments_in(sector):
                ms = c.milestones
                if not ms:
                    continue
                windows = [m.window for m in ms if m.window is not None]
                if len(windows) == len(ms):  # nearly always: every milestone dated
                    dated: Placed = tuple(enumerate(ms))
                else:
                    dated = tuple((i, m) for i, m in enumerate(ms) if m.window is not None)
                    self.undated.append((c.id, tuple((i, m) for i, m in enumerate(ms)
                                                     if m.window is None)))
                if windows:
                    rows.append((c.id, min(w.earliest.toordinal() for w in windows),
                                 max(w.latest.toordinal() for w in windows), dated))
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
            made = [_mark(Mark, (cid, i, m, absolute, -1)) for i, m in milestones]
            marks += made
            by_lane[absolute] += made
        layout.bands.append(Band(name, first, len(lane_ends)))
        layout.lane_count += len(lane_ends)
    _add_undated(layout, source, visible)
    if first_day is not None and last_day is not None:
        layout.extent = (first_day, last_day + 1)  # a mark ends the day after its last
    return layout


def _add_undated(layout: TimelineLayout, source: TimelineSource,
                 visible: Collection[str] | None) -> None:
    """The "No date stated" band: a lane per commitment with undated milestones."""
    shown = None if visible is None else set(visible)
    rows = [r for r in source.undated if shown is None or r[0] in shown]
    if not rows:
        return
    first = layout.lane_count
    for lane, (cid, milestones) in enumerate(rows, start=first):
        marks = [Mark(cid, i, m, lane, slot) for slot, (i, m) in enumerate(milestones)]
        layout.by_lane.append(marks)
        layout.marks += marks
        if cid in layout.lanes_of:
            layout.undated_lane_of[cid] = lane
        else:
            layout.lanes_of[cid] = lane
    layout.bands.append(Band(UNDATED_BAND, first, len(rows)))
    layout.undated_first_lane = first
    layout.lane_count += len(rows)


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
        if not mark.dated:  # pinned: an undated milestone has no place on the time axis
            pin = float(self.chart_left + UNDATED_GAP + mark.slot * (UNDATED_WIDTH + UNDATED_GAP))
            return pin, top + 5, pin + UNDATED_WIDTH, top + LANE_HEIGHT - 5
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
        dated = [m for m in marks if m.dated]  # undated ones are always in view across
        if dated:
            first = min(m.start for m in dated)
            last = max(m.end for m in dated)
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
            if self.max_scroll(lane_count) - self.scroll_y < LANE_HEIGHT:
                # near the end: to the very end, so the last lane shows whole, not cut off
                self.scroll_y = self.max_scroll(lane_count)
        self.scroll_y = max(0, min(self.scroll_y, self.max_scroll(lane_count)))
