"""A reportlab Table that measures its rows once per width.

reportlab measures a table (every cell wrapped, every row's height summed) on each ``wrap`` and
``split``: a commitment's tables are measured by ``KeepTogether`` and again by the frame that
places them, and once more when they split. Without cells spanning rows a table's measure
depends on the width alone (each cell is wrapped at its column's width and an unbounded
height), so a second measure at the same width is skipped; with spanned cells the available
height counts too (reportlab may stop measuring at the foot of the page).
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Table


class MeasuredTable(Table):
    _spanCmds: Any  # reportlab's (untyped): the SPAN commands of the table's style
    _measured: tuple[float, float | None] | None = None  # what the last measure was for

    def _calc(self, availWidth: float, availHeight: float) -> None:
        key = (availWidth, availHeight if self._spanCmds else None)
        if self._measured == key:
            return
        super()._calc(availWidth, availHeight)
        self._measured = key

    def setStyle(self, tblstyle: Any) -> None:
        super().setStyle(tblstyle)
        self._measured = None  # paddings may have changed
