"""A jurisdictional milestone's provinces in the packet (issue 26): a vector tile-grid map,
each tile filled in its standing colour AND marked with its glyph (legible in grey print), the
laggards listed beside it in words."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, Table

from jcct_desktop.core.jurisdictions import Tile
from jcct_desktop.core.standing import Standing
from jcct_desktop.core.standing_words import LOOKS
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.front import para
from jcct_desktop.pdf.measured_table import MeasuredTable

CELL = 15.0  # points per tile, gap included
GAP = 1.5


def province_map(tiles: Sequence[Tile], sheet: S.Stylesheet, width: float) -> Table:
    """The map on the left, the missing provinces (not met, then not assessed) on the right."""
    drawing = _drawing(tiles, sheet.fonts.sans)
    missing = [t for t in tiles if t.place.counted and t.standing != Standing.MET.value]
    not_met = [t.place.name for t in missing if t.standing != Standing.NO_DEADLINE.value]
    unknown = [t.place.name for t in missing if t.standing == Standing.NO_DEADLINE.value]
    lines: list[Flowable] = [para("PROVINCES NOT MET", sheet, "label")]
    if not missing:
        lines.append(para("None: every province is assessed as met.", sheet, "cell"))
    if not_met:
        lines.append(para(f"Not (fully) met ({len(not_met)}): {', '.join(not_met)}", sheet,
                          "cell"))
    if unknown:
        lines.append(para(f"Not assessed ({len(unknown)}): {', '.join(unknown)}", sheet,
                          "cell"))
    key = " · ".join(f"{LOOKS[v].glyph} {w}" for v, w in (
        (Standing.MET, "met"), (Standing.PARTLY_MET, "partly met"),
        (Standing.NOT_MET, "not met")))
    lines.append(para(f"{key} · blank: not assessed; Hong Kong, Macao and Taiwan (grey "
                      "outline) are outside the count", sheet, "cell_small"))
    table = MeasuredTable([[drawing, lines]],
                          colWidths=[drawing.width + 8, width - drawing.width - 8])
    table.setStyle(S.table_style(sheet, [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                         ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _drawing(tiles: Sequence[Tile], font: str) -> Drawing:
    rows = 1 + max((t.place.row for t in tiles), default=0)
    cols = 1 + max((t.place.col for t in tiles), default=0)
    d = Drawing(cols * CELL, rows * CELL, initialFontName=font)  # else renderPDF names Helvetica
    side = CELL - GAP
    for t in tiles:
        x = t.place.col * CELL
        y = (rows - 1 - t.place.row) * CELL  # row 0 is the north: the top of the drawing
        assessed = t.place.counted and t.standing != Standing.NO_DEADLINE.value
        fill = colors.HexColor(LOOKS[Standing(t.standing)].colour) if assessed else colors.white
        stroke = colors.HexColor("#333333") if t.place.counted else colors.HexColor("#999999")
        d.add(Rect(x, y, side, side, fillColor=fill, strokeColor=stroke, strokeWidth=0.5))
        ink = colors.white if assessed else colors.HexColor("#333333")
        d.add(String(x + side / 2, y + side - 5.5, t.place.code[3:], fontName=font,
                     fontSize=4.5, fillColor=ink, textAnchor="middle"))
        if assessed:
            d.add(String(x + side / 2, y + 2, LOOKS[Standing(t.standing)].glyph, fontName=font,
                         fontSize=6, fillColor=ink, textAnchor="middle"))
    return d
