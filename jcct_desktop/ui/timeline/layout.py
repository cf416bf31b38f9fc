"""Where things go on the timeline, in plain Python (testable without a window).

Rows ("lanes") are grouped by sector in source order. Within a sector each commitment keeps
its milestones on one lane; commitments whose spans do not overlap share a lane (packing.py).
Milestones the source dates nowhere have no place on the time axis: they go to a last band,
"No date stated", one lane per commitment, drawn as markers pinned to the left of the chart
(no bar). The rows are gathered once per catalog (source.py); a layout of any shown set is
made from them and lays out each band only when it is read (shown.py, masks.py), so that a
keystroke or a paint at 100,000 commitments does not visit every one.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from jcct_desktop.core import dates
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.source_order import source_order
from jcct_desktop.ui.timeline.packing import GAP_DAYS as GAP_DAYS
from jcct_desktop.ui.timeline.records import Band as Band
from jcct_desktop.ui.timeline.records import Mark as Mark
from jcct_desktop.ui.timeline.records import TimelineLayout as TimelineLayout
from jcct_desktop.ui.timeline.shown import UNDATED_BAND as UNDATED_BAND
from jcct_desktop.ui.timeline.shown import shown_layout
from jcct_desktop.ui.timeline.source import TimelineSource as TimelineSource

LANE_HEIGHT = 24
AXIS_HEIGHT = 40
GUTTER_WIDTH = 210
DIAMOND = 12  # px across a single-day milestone
MIN_BAR = 4  # px: very short windows stay clickable
UNDATED_WIDTH = 26  # px of an undated milestone's marker
UNDATED_GAP = 6


def build_layout(source: Catalog | TimelineSource, visible: Collection[str] | None = None,
                 in_source: bytes | None = None) -> TimelineLayout:
    """The layout of ``visible`` (None: everything); its bands are laid out when first read.
    ``in_source`` is ``visible`` as a mask in source order when the caller has it
    (``core.source_order``): the rows are then found without looking up an id.
    Treat the result as read-only: the unfiltered one is shared between calls, and so is the
    last filtered one while the same set is asked for."""
    if not isinstance(source, TimelineSource):
        source = TimelineSource(source)
    if visible is None:
        if source.everything is None:
            source.everything = shown_layout(source, None)
        return source.everything
    order = source_order(source.catalog)
    if in_source is None or len(in_source) != len(order.ids):
        in_source = order.mask(visible if isinstance(visible, set | frozenset) else set(visible))
    if in_source.count(1) == len(in_source):  # every commitment shown: the whole layout
        return build_layout(source)
    last = source.last_shown
    if last is not None and last[0] == in_source:  # most keys typed into a word change nothing
        return last[1]
    layout = shown_layout(source, in_source)
    source.last_shown = in_source, layout
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
