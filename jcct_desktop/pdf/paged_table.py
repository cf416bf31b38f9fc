"""A table of thousands of rows (its header, if any, repeated on every page), laid out a page at
a time.

A reportlab ``Table`` split at a page break becomes the rows that fit and a new table of all
the rest, which is built, styled and measured again: at every page, so a 10,000-row table
cost time growing with the square of its length. ``PagedTable`` hands reportlab a table of
only the next rows (enough to pass the foot of the page), lets it split that, and keeps the
rest as a cheap window onto the same rows. The parts drawn are the tables reportlab would
have drawn: same rows per page, same styles. Its rows may be made as it reaches them
(``MadeRows``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar, overload

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from jcct_desktop.pdf.measured_table import MeasuredTable

Row = Sequence[Flowable]
# the style of a table of the header and ``count`` rows from row ``first`` (0: the first row
# after the header), as the whole table's style would have it for those rows
StyleFor = Callable[[int, int], TableStyle]

T = TypeVar("T")


class MadeRows(Sequence[Row], Generic[T]):
    """A table's rows made from ``items`` as the table reaches them, each forgotten once the
    table has gone past it: a table of 10,000 rows holds a page or two of rows made, not all
    of them from the start (~60,000 paragraphs, which every full collection of the layout
    walked). A row asked for again after that is made again, alike."""

    def __init__(self, items: Sequence[T], make: Callable[[T], Row]) -> None:
        self._items, self._make = items, make
        self._made: dict[int, Row] = {}

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            for passed in [n for n in self._made if n < start]:  # a table goes forward only
                del self._made[passed]
            return [self._row(n) for n in range(start, stop, step)]
        return self._row(range(len(self))[index])

    def _row(self, n: int) -> Row:
        row = self._made.get(n)
        if row is None:
            row = self._made[n] = self._make(self._items[n])
        return row


# Rows tried on a table's first page, then a few more than the page before held: doubled
# while they all fit (each try lays out the rows tried).
WINDOW = 32
MORE = 8


class PagedTable(Flowable):
    def __init__(self, head: Row | None, rows: Sequence[Row], col_widths: Sequence[float],
                 style_for: StyleFor, first: int = 0, window: int = WINDOW) -> None:
        super().__init__()
        self.hAlign = "CENTER"  # as a Table's
        self.head, self.rows, self.col_widths = head, rows, col_widths
        self.style_for, self.first, self.window = style_for, first, window
        self._table: Table | None = None

    def _window(self, count: int) -> Table:
        last = min(self.first + count, len(self.rows))
        head = [] if self.head is None else [list(self.head)]
        table = MeasuredTable([*head, *(list(r) for r in self.rows[self.first:last])],
                              colWidths=list(self.col_widths), repeatRows=len(head))
        table.setStyle(self.style_for(self.first, last - self.first))
        return table

    def _rest(self) -> int:
        return len(self.rows) - self.first

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """The size of the next rows: all the rest when they fit, else more than there is room
        for (so the frame asks for a split)."""
        count = self.window
        while True:
            table = self._window(count)
            width, height = table.wrapOn(self.canv, availWidth, availHeight)
            if height > availHeight or count >= self._rest():
                break
            count *= 2
        self._table = table
        self.width, self.height = width, height
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        table = self._table
        if table is None or getattr(table, "availWidth", None) != availWidth:
            self.wrap(availWidth, availHeight)
            table = self._table
        assert table is not None
        parts: list[Any] = table.split(availWidth, availHeight)
        if len(parts) < 2:
            return parts
        shown = len(parts[0]._cellvalues) - (self.head is not None)  # rows after the header
        if self.first + shown >= len(self.rows):
            return parts
        return [parts[0], PagedTable(self.head, self.rows, self.col_widths, self.style_for,
                                     self.first + shown, shown + MORE)]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        """The last rows, all on this page: drawn as their table, where it would be."""
        assert self._table is not None
        self._table.drawOn(canvas, x, y, _sW)
