"""The deadline timeline as a PNG for the Word memo: one row per milestone, its window as a bar
in its standing's colour AND marked with its glyph (legible in grey print), the as-of date as a
dashed line, month ticks along the top. Drawn with Pillow (ReportLab's bitmap renderer needs a
backend we do not ship); its alternative text says in words what the chart shows."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from PIL import Image, ImageDraw, ImageFont

from jcct_desktop.core import resources
from jcct_desktop.core.briefing.model import TimelineRow, UndatedRow
from jcct_desktop.core.dates import short_day, short_month_year
from jcct_desktop.core.model import NO_DEADLINE_STATED
from jcct_desktop.core.months import month_starts
from jcct_desktop.core.standing_words import LOOKS

WIDTH = 1400  # pixels: printed 16 cm wide, so about 220 dpi
LABEL_W = 360
ROW_H = 34
TOP = 46
MAX_ROWS = 60  # past this the chart would be unreadable on a page; the table holds them all


def timeline_png(rows: Sequence[TimelineRow], as_of: date,
                 undated: Sequence[UndatedRow] = ()) -> bytes:
    """The chart; milestones with no deadline stated follow as rows of their own, marked at
    the chart's left edge with "no deadline stated" (no bar: no window to draw)."""
    shown = list(rows[:MAX_ROWS])
    loose = list(undated[:max(0, MAX_ROWS - len(shown))])
    first = min([r.earliest for r in shown] + [as_of])
    last = max([r.latest for r in shown] + [as_of])
    span = max((last - first).days, 1)
    chart = WIDTH - LABEL_W - 20

    def x_of(day: date) -> float:
        return LABEL_W + (day - first).days / span * chart

    height = TOP + ROW_H * (len(shown) + len(loose)) + 10
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    small, label_font, glyph_font = _font(16), _font(17), _font(20)
    months = month_starts(first, last)
    step = max(1, len(months) // 12)
    for n, m in enumerate(months):
        x = x_of(max(m, first))
        draw.line((x, TOP - 6, x, height - 10), fill="#e3e6ea", width=1)
        name = short_month_year(m)
        if n % step == 0 and x + 3 + draw.textlength(name, font=small) < WIDTH:
            draw.text((x + 3, 8), name, fill="#333333", font=small)
    for i, r in enumerate(shown):
        y = TOP + i * ROW_H
        look = LOOKS[r.state]
        text = f"{r.id}: {r.label}"
        draw.text((8, y + ROW_H / 2), _fit(draw, text, label_font, LABEL_W - 16),
                  fill="#111111", font=label_font, anchor="lm")
        x0, x1 = x_of(r.earliest), max(x_of(r.latest), x_of(r.earliest) + 22)
        draw.rectangle((x0, y + 6, x1, y + ROW_H - 6), fill=look.colour, outline="#333333")
        ink = "#ffffff"
        draw.text(((x0 + x1) / 2, y + ROW_H / 2), look.glyph, fill=ink, font=glyph_font,
                  anchor="mm")
    for i, u in enumerate(loose, start=len(shown)):
        y = TOP + i * ROW_H
        look = LOOKS[u.state]
        draw.text((8, y + ROW_H / 2), _fit(draw, f"{u.id}: {u.label}", label_font, LABEL_W - 16),
                  fill="#111111", font=label_font, anchor="lm")
        draw.rounded_rectangle((LABEL_W, y + 6, LABEL_W + 30, y + ROW_H - 6), radius=8,
                               fill=look.colour, outline="#333333")
        draw.text((LABEL_W + 15, y + ROW_H / 2), look.glyph, fill="#ffffff", font=glyph_font,
                  anchor="mm")
        draw.text((LABEL_W + 40, y + ROW_H / 2), NO_DEADLINE_STATED, fill="#333333",
                  font=small, anchor="lm")
    ax = x_of(as_of)
    for y in range(TOP - 10, height - 10, 10):  # dashed: told apart from the month lines
        draw.line((ax, y, ax, y + 5), fill="#b00020", width=2)
    draw.text((ax + 4, TOP - 24), f"as of {short_day(as_of)}", fill="#b00020", font=small)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def alt_text(rows: Sequence[TimelineRow], as_of: date,
             undated: Sequence[UndatedRow] = ()) -> str:
    """"Deadline timeline as of 15 Jul 2012, 16 milestones: 2011-II-1 … (1 Dec 2011 – 1 Dec
    2011): overdue; …", then "7 with no deadline stated: 2011-SOFT-1 …: no deadline; …"."""
    parts = [f"{r.id} {r.label} ({short_day(r.earliest)} – {short_day(r.latest)}): "
             f"{LOOKS[r.state].name.lower()}" for r in rows]
    more = f" The chart shows the first {MAX_ROWS}." if len(rows) > MAX_ROWS else ""
    text = (f"Deadline timeline as of {short_day(as_of)}, {len(rows)} milestones: "
            + "; ".join(parts) + "." + more)
    if undated:
        text += (f" {len(undated)} with {NO_DEADLINE_STATED}: "
                 + "; ".join(f"{u.id} {u.label}: {LOOKS[u.state].name.lower()}"
                             for u in undated) + ".")
    return text


def _fit(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
         width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = resources.font("DejaVuSans.ttf")
    if path.is_file():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)
