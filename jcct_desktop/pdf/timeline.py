"""The deadline timeline as vector graphics: one bar per milestone window, the as-of line.

Same standings, colours and glyphs as the app's timeline (``core.standing_words``). Long
timelines are cut into drawings of at most ``ROWS_PER_DRAWING`` rows sharing one axis, so they
flow across pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer

from jcct_desktop.core.briefing import Briefing, TimelineRow
from jcct_desktop.core.dates import long_date, month_short, short_date, short_month_year
from jcct_desktop.core.months import month_starts, next_month
from jcct_desktop.core.standing import Standing
from jcct_desktop.core.standing_words import ORDER, glyph, name
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.flow import Para
from jcct_desktop.pdf.front import heading, para
from jcct_desktop.pdf.summary import state_markup
from jcct_desktop.pdf.text import plain

TITLE = "Deadline timeline"
ROWS_PER_DRAWING = 30
ROW_H = 15.0  # one label line; a wrapped label adds LINE_H per line
LINE_H = 8.5
AXIS_H = 22.0
LABEL_SIZE = 7.0
MARGIN_DAYS = 20  # the axis runs this far beyond the deadline windows (at least)


class _Scale:
    def __init__(self, start: date, end: date, x0: float, x1: float) -> None:
        self.start, self.end, self.x0, self.x1 = start, end, x0, x1
        self.per_day = (x1 - x0) / max(1, (end - start).days)

    def x(self, day: date) -> float:
        return self.x0 + (day - self.start).days * self.per_day


def timeline(b: Briefing, sheet: S.Stylesheet, width: float) -> Iterator[Flowable]:
    """The chart, a drawing of ``ROWS_PER_DRAWING`` rows at a time, each made when the layout
    comes to it: made all at once, 10,000 commitments' charts held the layout (and a Cancel,
    a Ctrl+C, waiting for its next step) for 0.8 s of CPU before its first page."""
    rows = list(b.timeline)
    story: list[Flowable] = [
        heading(TITLE, sheet, "h1", key="timeline", level=0, toc_level=0),
    ]
    if not rows:
        yield from (*story, para("No commitment in scope has a dated deadline.", sheet, "body"),
                    *_undated(b, sheet))
        return
    legend = " · ".join(state_markup(s, sheet, "small") for s in ORDER
                        if s is not Standing.NO_DEADLINE)
    story += [
        para(f"{len(rows)} dated milestones, earliest deadline first. Bars span each deadline "
             f"window; diamonds mark a single day; a ringed dot, the day a milestone was met. "
             f"The red line marks the as-of date, "
             f"{long_date(b.cover.as_of)} (an arrow at the edge when it lies outside the "
             f"deadlines' span).", sheet, "small"),
        Para(legend, sheet["small"]),
        Spacer(1, 6),
    ]
    as_of = b.cover.as_of
    # the axis spans the deadline windows, not the as-of date: a packet as of today on a
    # 2011 meeting would otherwise squeeze every bar into its left edge
    first, last = min(r.earliest for r in rows), max(r.latest for r in rows)
    margin = timedelta(days=max(MARGIN_DAYS, (last - first).days // 30))
    start = (first - margin).replace(day=1)
    end = next_month(last + margin)
    label_w = width * 0.36
    scale = _Scale(start, end, label_w + 8, width - 4)
    # the heading, its legend and the first chart go together: never a title alone
    yield Spacer(1, 10)
    yield KeepTogether([*story, _drawing(rows[:ROWS_PER_DRAWING], scale, as_of, sheet, width,
                                         label_w)])
    yield Spacer(1, 6)
    for i in range(ROWS_PER_DRAWING, len(rows), ROWS_PER_DRAWING):
        yield _drawing(rows[i:i + ROWS_PER_DRAWING], scale, as_of, sheet, width, label_w)
        yield Spacer(1, 6)
    yield from _undated(b, sheet)


def _undated(b: Briefing, sheet: S.Stylesheet) -> list[Flowable]:
    """The milestones with no deadline stated, named under the chart (they have no bar)."""
    if not b.undated:
        return []
    count = len(b.undated)
    head = (f"{count} milestone{'s' if count != 1 else ''} with no deadline stated "
            f"(not drawn: the fact sheet gives {'them' if count != 1 else 'it'} no date):")
    items = [para(f"{glyph(r.state)} {r.id}: {r.label} — {name(r.state)}", sheet, "small")
             for r in b.undated]
    return [Spacer(1, 6), para(head, sheet, "small"), *items]


def _labels(rows: list[TimelineRow], font: str, width: float) -> list[list[str]]:
    """Each row's full label, wrapped to the label column (never cut)."""
    return [simpleSplit(f"{glyph(r.state)} {r.id}  {plain(r.label)}", font, LABEL_SIZE, width)
            or [""] for r in rows]


def _drawing(rows: list[TimelineRow], scale: _Scale, as_of: date, sheet: S.Stylesheet,
             width: float, label_w: float) -> Drawing:
    font = sheet.fonts.sans
    labels = _labels(rows, font, label_w)
    heights = [ROW_H + (len(lines) - 1) * LINE_H for lines in labels]
    height = AXIS_H + sum(heights) + 14
    d = Drawing(width, height, initialFontName=font)  # else renderPDF names Helvetica
    top = height - AXIS_H
    d.add(Rect(scale.x0, 12, scale.x1 - scale.x0, top - 12, fillColor=S.SHADE,
               strokeColor=None))
    for tick, text in _ticks(scale, font):
        x = scale.x(tick)
        d.add(Line(x, 12, x, top + 3, strokeColor=S.RULE, strokeWidth=0.4))
        if x + stringWidth(text, font, 6.5) <= scale.x1 + 2:
            d.add(String(x + 1.5, top + 5, text, fontName=font, fontSize=6.5,
                         fillColor=S.GREY))
    d.add(String(scale.x1, top + 14, short_month_year(scale.end - timedelta(days=1)), fontName=font,
                 fontSize=6.5, fillColor=S.GREY, textAnchor="end"))  # the axis's end, dated
    y_top = top
    for row, lines, h in zip(rows, labels, heights, strict=True):
        y = y_top - ROW_H + 3  # the bar sits beside the label's first line
        for k, line in enumerate(lines):
            d.add(String(0, y + 1.5 - k * LINE_H, line, fontName=font, fontSize=LABEL_SIZE,
                         fillColor=S.INK))
        y_top -= h
        colour = S.state_colour(row.state)
        x0 = scale.x(row.earliest)
        if row.earliest == row.latest:
            cx, cy, r = x0, y + 4, 4
            d.add(Polygon([cx, cy + r, cx + r, cy, cx, cy - r, cx - r, cy],
                          fillColor=colour, strokeColor=None))
        else:
            x1 = scale.x(row.latest + timedelta(days=1))
            d.add(Rect(x0, y, max(2.0, x1 - x0), 8, fillColor=colour, strokeColor=None))
        if row.met_on is not None and scale.start <= row.met_on <= scale.end:
            _met_marker(d, scale.x(row.met_on), y + 4, row.state, font)
    _as_of(d, scale, as_of, top, font)
    return d


def _as_of(d: Drawing, scale: _Scale, as_of: date, top: float, font: str) -> None:
    """The as-of line inside the axis; outside it, an arrow at the nearer edge with the date."""
    text = f"as of {short_date(as_of)}"
    if scale.start <= as_of < scale.end:
        x = scale.x(as_of)
        d.add(Line(x, 10, x, top + 3, strokeColor=S.AS_OF, strokeWidth=1.2))
        right = x + 2 + stringWidth(text, font, 6) <= scale.x1
        d.add(String(x + 2 if right else x - 2, 2, text, fontName=font, fontSize=6,
                     fillColor=S.AS_OF, textAnchor="start" if right else "end"))
        return
    after = as_of >= scale.end
    x = scale.x1 if after else scale.x0
    tip, back = (x, x - 7) if after else (x, x + 7)
    d.add(Polygon([tip, 6, back, 10, back, 2], fillColor=S.AS_OF, strokeColor=None))
    label = f"{text} →" if after else f"← {text}"
    d.add(String(back - 2 if after else back + 2, 3, label, fontName=font, fontSize=6,
                 fillColor=S.AS_OF, textAnchor="end" if after else "start"))


def _met_marker(d: Drawing, x: float, y: float, state: Standing, font: str) -> None:
    """The day a milestone was met: a ringed dot with the standing's glyph, as in the app."""
    d.add(Circle(x, y, 4.6, fillColor=S.state_colour(state), strokeColor=colors.white,
                 strokeWidth=1))
    d.add(String(x, y - 2.2, glyph(state), fontName=font, fontSize=6, fillColor=colors.white,
                 textAnchor="middle"))


def _ticks(scale: _Scale, font: str) -> list[tuple[date, str]]:
    """Month ticks, thinned so labels never collide; years when the span is long."""
    months = [m for m in month_starts(scale.start, scale.end) if m < scale.end]
    room = stringWidth("Mmm 2099", font, 6.5) + 6
    for step in (1, 2, 3, 6, 12, 24, 60, 120):
        if step * 30 * scale.per_day >= room:
            break
    ticks = []
    for m in months:
        if step >= 12:
            if m.month == 1 and m.year % (step // 12) == 0:
                ticks.append((m, str(m.year)))
        elif (m.month - 1) % step == 0:
            named = m.month == 1 or m is months[0]
            ticks.append((m, short_month_year(m) if named else month_short(m.month)))
    return ticks


