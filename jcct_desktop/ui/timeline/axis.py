"""Where the axis labels and the as-of badge go, in plain Python so placement is testable.

The axis has two rows: years on top, months below. The badge naming the as-of date must never
hide a label: it takes a free spot in the year row beside its line, else the bottom of the chart.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from jcct_desktop.core import months
from jcct_desktop.core.dates import month_short
from jcct_desktop.ui.timeline.layout import AXIS_HEIGHT, Viewport

ROW = AXIS_HEIGHT / 2  # each axis row's height
MIN_MONTH_PX = 22  # below this a month gets no label
FULL_MONTH_PX = 34  # from here months are "Jan", below it "J"
BADGE_GAP = 3  # px between the as-of line and a badge beside it
MARGIN = 2


class Rect(NamedTuple):
    left: float
    top: float
    right: float
    bottom: float

    def intersects(self, other: Rect) -> bool:
        return (self.left < other.right and other.left < self.right
                and self.top < other.bottom and other.top < self.bottom)


class Label(NamedTuple):
    text: str
    span: Rect  # the box the text is centred in
    ink: Rect  # where the text itself lands


def month_starts(first: float, last: float) -> list[date]:
    """The first day of every month between two ordinals (the viewport's days)."""
    last_day = date.fromordinal(max(1, min(int(last), date.max.toordinal())))
    return months.month_starts(date.fromordinal(max(1, int(first))), last_day)


def grid_days(first: float, last: float, months_too: bool, year_step: int = 1) -> list[date]:
    """The days a grid line is drawn on: every month start as ``month_starts`` gives them,
    or only the years' (a zoomed-out archive spans centuries: no walk through its months),
    and of those only every ``year_step``-th (2000, 2010, … when years are a few pixels)."""
    if months_too:
        return month_starts(first, last)
    start = date.fromordinal(max(1, int(first)))
    end = date.fromordinal(max(1, min(int(last), date.max.toordinal())))
    from_year = start.year if start.month == 1 else start.year + 1
    from_year += -from_year % year_step
    return [date(year, 1, 1) for year in range(from_year, end.year + 1, year_step)]


YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)


def year_step(vp: Viewport, label_width: float) -> int:
    """How many years apart the year lines and labels go: one a year while a year has room
    for its label, else every 2nd, 5th, 10th … year (round years, as a printed axis does),
    so that two centuries zoomed out still read "2000  2050  2100" instead of nothing."""
    px_per_year = 365.25 / vp.days_per_px
    for step in YEAR_STEPS:
        if step * px_per_year > label_width + 8:
            return step
    return YEAR_STEPS[-1]


def _centred(text: str, span: Rect, width: float, height: float) -> Label:
    mid_x, mid_y = (span.left + span.right) / 2, (span.top + span.bottom) / 2
    ink = Rect(mid_x - width / 2, mid_y - height / 2, mid_x + width / 2, mid_y + height / 2)
    return Label(text, span, ink)


def year_labels(vp: Viewport, measure: Callable[[str], float], height: float) -> list[Label]:
    """Years centred on their visible part, so the current year's label is always on screen;
    zoomed out too far for that, every ``year_step``-th year labelled beside its line."""
    out = []
    first = date.fromordinal(max(1, int(vp.start))).year
    last = date.fromordinal(max(1, min(int(vp.end), date.max.toordinal()))).year
    step = year_step(vp, measure("0000"))
    if step > 1:
        for day in grid_days(vp.start, vp.end, months_too=False, year_step=step):
            x = vp.x_of(day.toordinal()) + 3
            width = measure(str(day.year))
            if x >= vp.chart_left and x + width <= vp.width:
                out.append(_centred(str(day.year), Rect(x, 2, x + width, ROW), width, height))
        return out
    for year in range(first, last + 1):
        left = max(vp.x_of(date(year, 1, 1).toordinal()), vp.chart_left)
        right = min(vp.x_of(date(year + 1, 1, 1).toordinal()), vp.width)
        if right - left <= 8:  # no room for any text: not measured (centuries zoomed out)
            continue
        width = measure(str(year))
        if right - left > width + 8:
            out.append(_centred(str(year), Rect(left, 2, right, ROW), width, height))
    return out


def month_labels(vp: Viewport, measure: Callable[[str], float], height: float) -> list[Label]:
    px_per_month = 30.4 / vp.days_per_px
    if px_per_month < MIN_MONTH_PX:
        return []
    out = []
    for d in month_starts(vp.start, vp.end):
        name = month_short(d.month) if px_per_month >= FULL_MONTH_PX else month_short(d.month)[0]
        x = vp.x_of(d.toordinal())
        out.append(_centred(name, Rect(x, ROW, x + px_per_month, AXIS_HEIGHT),
                            measure(name), height))
    return out


def badge_text(vp: Viewport, as_of: date) -> str:
    """An arrow points the way when the as-of date is scrolled off the chart."""
    x = vp.x_of(as_of.toordinal() + 0.5)
    text = f"as of {as_of.isoformat()}"
    if x < vp.chart_left:
        return f"← {text}"
    if x > vp.width:
        return f"{text} →"
    return text


def badge_rect(vp: Viewport, as_of: date, width: float, height: float,
               labels: list[Label]) -> Rect:
    """A free spot in the year row (centred on the line, then right, then left of it), then
    in the month row (free when months are too narrow to be named: small or scaled screens),
    else beside the line at the bottom of the chart, where it can cover a sliver of a lane."""
    x = min(max(vp.x_of(as_of.toordinal() + 0.5), vp.chart_left), vp.width)
    taken = [label.ink for label in labels]
    for row_top in (0.0, ROW):
        top = row_top + (ROW - height) / 2
        for left in (x - width / 2, x + BADGE_GAP, x - BADGE_GAP - width):
            box = _inside(vp, Rect(left, top, left + width, top + height))
            if not any(box.intersects(ink) for ink in taken):
                return box
    bottom = vp.height - MARGIN
    right_side = x + BADGE_GAP + width <= vp.width - MARGIN
    left = x + BADGE_GAP if right_side else x - BADGE_GAP - width
    return _inside(vp, Rect(left, bottom - height, left + width, bottom))


def _inside(vp: Viewport, box: Rect) -> Rect:
    """Slide a box sideways so it stays over the chart, not the sector gutter or off the edge."""
    width = box.right - box.left
    left = min(max(box.left, vp.chart_left + MARGIN), vp.width - width - MARGIN)
    return Rect(left, box.top, left + width, box.bottom)
