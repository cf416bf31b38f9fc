"""A paragraph with a vertical bar beside it: how a commitment's own words are quoted.

It prints what a one-cell table with a ``LINEBEFORE`` rule prints (the same text in the same
place, the same bar), without a table: no cell styles, no row measuring, no line commands to
interpret, for a flowable every commitment has.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable

from jcct_desktop.pdf.flow import Para


class BarredQuote(Flowable):
    """``para`` indented by ``left`` inside ``width`` (set to the right of the frame, as a
    right-aligned table of that width is), padded by ``top`` and ``bottom``, a bar of
    ``bar_width`` in ``bar_colour`` on its left edge. Like a table's one cell, it does not
    split."""

    def __init__(self, para: Para, width: float, *, left: float, top: float, bottom: float,
                 bar_width: float, bar_colour: colors.Color) -> None:
        super().__init__()
        self.para = para
        self.width = width
        self.left, self.top, self.bottom = left, top, bottom
        self.bar_width, self.bar_colour = bar_width, bar_colour
        self.hAlign = "RIGHT"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # the cell's width, computed as a table computes it (no right padding)
        _, text_height = self.para.wrap(self.width - self.left - 0, availHeight)
        self.height = text_height + self.top + self.bottom
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        canv = self.canv
        # a table's cell sits at its bottom padding; its rule is drawn after it, round-capped
        self.para.drawOn(canv, self.left, self.bottom)
        canv.saveState()
        canv.setLineCap(1)
        canv.setLineJoin(1)
        canv.setStrokeColor(self.bar_colour)
        canv.setLineWidth(self.bar_width)
        canv.line(0, 0, 0, self.height)
        canv.restoreState()
