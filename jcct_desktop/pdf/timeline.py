"""The deadline timeline as vector graphics: one bar per milestone window, the as-of line.

Same standings, colours and glyphs as the app's timeline (``core.standing_words``). Long
timelines are cut into drawings of at most ``ROWS_PER_DRAWING`` rows sharing one axis, so they
flow across pages.
"""

from __future__ import annotations

from datetime import date, timedelta

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from jcct_desktop.core.briefing import Briefing, TimelineRow
from jcct_desktop.core.standing import Standing
from jcct_desktop.core.standing_words import ORDER, glyph
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.flow import Para
from jcct_desktop.pdf.front import heading, para
from jcct_desktop.pdf.summary import state_markup
from jcct_desktop.pdf.text import plain

TITLE = "Deadline timeline"
ROWS_PER_DRAWING = 40
ROW_H = 13.0
AXIS_H = 20.0
LABEL_SIZE = 7.0


class _Scale:
    def __init__(self, start: date, end: date, x0: float, x1: float) -> None:
        self.start, self.end, self.x0, self.x1 = start, end, x0, x1
        self.per_day = (x1 - x0) / max(1, (end - start).days)

    def x(self, day: date) -> float:
        return self.x0 + (day - self.start).days * self.per_day


def timeline(b: Briefing, sheet: S.Stylesheet, width: float) -> list[Flowable]:
    rows = list(b.timeline)
    story: list[Flowable] = [
        heading(TITLE, sheet, "h1", key="timeline", level=0, toc_level=0),
    ]
    if not rows:
        return [*story, para("No commitment in scope has a dated deadline.", sheet, "body")]
    legend = " · ".join(state_markup(s, sheet, "small") for s in ORDER
                        if s is not Standing.NO_DEADLINE)
    story += [
        para(f"{len(rows)} dated milestones, earliest deadline first. Bars span each deadline "
             f"window; diamonds mark a single day; a ringed dot, the day a milestone was met. "
             f"The red line marks the as-of date, "
             f"{b.cover.as_of:%B %-d, %Y}.", sheet, "small"),
        Para(legend, sheet["small"]),
        Spacer(1, 6),
    ]
    as_of = b.cover.as_of
    start = min(min(r.earliest for r in rows), as_of).replace(day=1)
    last = max(max(r.latest for r in rows), as_of)
    end = (last.replace(day=28) + timedelta(days=4)).replace(day=1)  # first of next month
    label_w = width * 0.42
    scale = _Scale(start, end, label_w + 8, width - 4)
    for i in range(0, len(rows), ROWS_PER_DRAWING):
        story.append(_drawing(rows[i:i + ROWS_PER_DRAWING], scale, as_of, sheet, width, label_w))
        story.append(Spacer(1, 6))
    return story


def _drawing(rows: list[TimelineRow], scale: _Scale, as_of: date, sheet: S.Stylesheet,
             width: float, label_w: float) -> Drawing:
    font = sheet.fonts.sans
    height = AXIS_H + len(rows) * ROW_H + 4
    d = Drawing(width, height, initialFontName=font)  # else renderPDF names Helvetica
    top = height - AXIS_H
    d.add(Rect(scale.x0, 2, scale.x1 - scale.x0, top - 2, fillColor=S.SHADE, strokeColor=None))
    for tick, text in _ticks(scale, font):
        x = scale.x(tick)
        d.add(Line(x, 2, x, top + 3, strokeColor=S.RULE, strokeWidth=0.4))
        d.add(String(x + 1.5, top + 5, text, fontName=font, fontSize=6.5, fillColor=S.GREY))
    for n, row in enumerate(rows):
        y = top - (n + 1) * ROW_H + 3
        label = _fit(f"{glyph(row.state)} {row.id}  {plain(row.label)}", font, label_w)
        d.add(String(0, y + 1.5, label, fontName=font, fontSize=LABEL_SIZE, fillColor=S.INK))
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
    x = scale.x(as_of)
    d.add(Line(x, 0, x, top + 3, strokeColor=S.AS_OF, strokeWidth=1.2))
    d.add(String(x + 2, 3, f"as of {as_of:%b %-d, %Y}", fontName=font, fontSize=6,
                 fillColor=S.AS_OF))
    return d


def _met_marker(d: Drawing, x: float, y: float, state: Standing, font: str) -> None:
    """The day a milestone was met: a ringed dot with the standing's glyph, as in the app."""
    d.add(Circle(x, y, 4.6, fillColor=S.state_colour(state), strokeColor=colors.white,
                 strokeWidth=1))
    d.add(String(x, y - 2.2, glyph(state), fontName=font, fontSize=6, fillColor=colors.white,
                 textAnchor="middle"))


def _ticks(scale: _Scale, font: str) -> list[tuple[date, str]]:
    """Month ticks, thinned so labels never collide; years when the span is long."""
    months: list[date] = []
    day = scale.start
    while day < scale.end:
        months.append(day)
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
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
            ticks.append((m, f"{m:%b %Y}" if m.month == 1 or m is months[0] else f"{m:%b}"))
    return ticks


def _fit(text: str, font: str, width: float) -> str:
    if stringWidth(text, font, LABEL_SIZE) <= width:
        return text
    while text and stringWidth(text + "…", font, LABEL_SIZE) > width:
        text = text[:-1]
    return text.rstrip() + "…"
