"""A layout of the shown commitments that lays out each band only when it is read.

Building one finds which bands have shown rows and how many lanes each takes (masks.py: in
passes in C over a mask of the rows, through each band's lane counts per set of its rows
worked out once); which lane each commitment is on, and its marks, are worked out for a
band when a paint, a lookup or a test first reads it. So a keystroke at 100,000
commitments costs no Python step per shown band, and a paint makes the marks of the lanes
on screen."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from itertools import accumulate, compress
from operator import itemgetter
from typing import overload

from jcct_desktop.ui.timeline.masks import ON
from jcct_desktop.ui.timeline.records import Band, Mark, TimelineLayout
from jcct_desktop.ui.timeline.source import Placed, TimelineSource

UNDATED_BAND = "No date stated"

_mark = tuple.__new__  # Mark(...) without the Python frame of its __new__


def shown_layout(source: TimelineSource, in_source: bytes | None) -> TimelineLayout:
    """The layout of the commitments ``in_source`` shows (a mask in the catalog's source
    order, ``core.source_order``; None: every commitment), its bands laid out when read."""
    shown = _Shown(source, in_source)
    return TimelineLayout(marks=_Marks(shown), bands=_Bands(shown), lane_count=shown.lane_count,
                          by_lane=_Lanes(shown), lanes_of=_LaneOf(shown),
                          undated_lane_of=shown.undated_lane_of,
                          undated_first_lane=shown.undated_first, extent=shown.extent)


class _Shown:
    """Which bands show which rows, and on how many lanes; each band's marks when asked."""

    def __init__(self, source: TimelineSource, in_source: bytes | None) -> None:
        self.source = source
        self.mask: bytes | None = None  # None: every row shown
        if in_source is not None:
            masks = source.masks
            mask = masks.mask(in_source)
            shown_rows = mask.count(ON)
            if shown_rows < len(source.spans):
                self.mask = mask
                # the shown bands, each one's first lane (and, last, the dated lanes' end)
                # and the extent, in passes over the mask in C (masks.py)
                shown = masks.shown_bands(mask, shown_rows)
                self.bands: Sequence[int] = shown.bands
                self.starts: Sequence[int] = shown.starts
                self.extent = shown.extent
        if self.mask is None:
            full = source.full
            self.bands = range(len(source.names))
            self.starts = list(accumulate(map(itemgetter(0), full), initial=0))
            self.extent = None if not full else (min(map(itemgetter(1), full)),
                                                 max(map(itemgetter(2), full)) + 1)
        self.dated_lanes = self.starts[-1]
        self.marks_by_band: dict[int, tuple[list[list[Mark]], list[Mark]]] = {}
        self._undated(in_source)

    def _undated(self, in_source: bytes | None) -> None:
        """The "No date stated" band: a lane per shown commitment with undated milestones."""
        self.undated_first: int | None = None
        self.undated_lanes: list[list[Mark]] = []
        self.undated_lane_of: dict[str, int] = {}  # of those with dated milestones too
        self.undated_only: dict[str, int] = {}  # of those with none
        rows: list[tuple[str, Placed]] = self.source.undated
        if rows and in_source is not None:
            rows = list(compress(rows, map(in_source.__getitem__,
                                           self.source.masks.undated_places)))
        self.lane_count = self.dated_lanes
        if not rows:
            return
        first = self.undated_first = self.lane_count
        for lane, (cid, milestones) in enumerate(rows, start=first):
            self.undated_lanes.append([Mark(cid, i, m, lane, at)
                                       for at, (i, m) in enumerate(milestones)])
            if cid in self.source.undated_with_dates:
                self.undated_lane_of[cid] = lane
            else:
                self.undated_only[cid] = lane
        self.lane_count += len(rows)

    def rows_shown(self, i: int) -> bytes | None:
        """The ``i``-th shown band's rows' bytes in the mask (None: every row)."""
        if self.mask is None:
            return None
        src, band = self.source, self.bands[i]
        first = src.masks.first_slots[band]  # the band's part of the mask, after its label
        return self.mask[first:first + src.band_rows[band + 1] - src.band_rows[band]]

    def has_dated(self, row: int | None) -> bool:
        """Whether a row (of a commitment's dated milestones) is shown."""
        if row is None or self.mask is None:
            return row is not None
        masks, band = self.source.masks, self.source.band_at(row)
        return self.mask[masks.first_slots[band] + row - self.source.band_rows[band]] == ON

    def lane_marks(self, lane: int) -> list[Mark]:
        if self.undated_first is not None and lane >= self.undated_first:
            return self.undated_lanes[lane - self.undated_first]
        i = bisect_right(self.starts, lane) - 1
        return self.band_marks(i)[lane - self.starts[i]]

    def band_marks(self, i: int) -> list[list[Mark]]:
        """The marks of the ``i``-th shown band, per lane (laid out the first time)."""
        return self._laid_out(i)[0]

    def _laid_out(self, i: int) -> tuple[list[list[Mark]], list[Mark]]:
        """The ``i``-th shown band's marks per lane, and in its rows' order."""
        found = self.marks_by_band.get(i)
        if found is None:
            src, band, part = self.source, self.bands[i], self.rows_shown(i)
            first = self.starts[i]
            by_lane: list[list[Mark]] = [[] for _ in range(self.starts[i + 1] - first)]
            in_order: list[Mark] = []
            for r, lane in zip(src.shown_rows(band, part), src.packing(band, part),
                               strict=True):
                cid = src.commitments[r].id
                made = [_mark(Mark, (cid, k, m, first + lane, -1)) for k, m in src.dated(r)]
                by_lane[lane] += made
                in_order += made
            found = self.marks_by_band[i] = (by_lane, in_order)
        return found

    def every_mark(self) -> list[Mark]:
        """Every mark: dated ones band by band and row by row, then undated ones."""
        every = [m for i in range(len(self.bands)) for m in self._laid_out(i)[1]]
        return every + [m for lane in self.undated_lanes for m in lane]

    def lane_of(self, cid: str) -> int | None:
        """The lane of ``cid``'s dated milestones, else of its undated ones; None: not shown."""
        src = self.source
        row = src.row_of(cid)
        if row is None or not self.has_dated(row):
            return self.undated_only.get(cid)
        band = src.band_at(row)
        i = band if self.mask is None else bisect_right(self.bands, band) - 1
        part = self.rows_shown(i)
        k = row - src.band_rows[band]  # its place among the band's rows
        shown_before = k if part is None else part.count(ON, 0, k)
        return self.starts[i] + src.packing(band, part)[shown_before]

    def every_lane(self) -> dict[str, int]:
        """Commitment id → lane for everything shown, dated rows in order, then undated."""
        lanes: dict[str, int] = {}
        src = self.source
        for i, band in enumerate(self.bands):
            part = self.rows_shown(i)
            for r, lane in zip(src.shown_rows(band, part), src.packing(band, part),
                               strict=True):
                lanes[src.commitments[r].id] = self.starts[i] + lane
        lanes.update(self.undated_only)
        return lanes


class _Lanes(Sequence[list[Mark]]):
    """Per lane, its marks (a band's are made when one of its lanes is first read)."""

    def __init__(self, shown: _Shown) -> None:
        self.shown = shown

    def __len__(self) -> int:
        return self.shown.lane_count

    @overload
    def __getitem__(self, lane: int) -> list[Mark]: ...
    @overload
    def __getitem__(self, lane: slice) -> list[list[Mark]]: ...

    def __getitem__(self, lane: int | slice) -> list[Mark] | list[list[Mark]]:
        if isinstance(lane, slice):
            return [self[i] for i in range(len(self))[lane]]
        if lane < 0:
            lane += len(self)
        if not 0 <= lane < len(self):
            raise IndexError(lane)
        return self.shown.lane_marks(lane)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


class _Marks(Sequence[Mark]):
    """Every mark, dated ones band by band and row by row, then undated ones; made when
    first read in full (truth is asked without that: any lane has a mark)."""

    def __init__(self, shown: _Shown) -> None:
        self.shown = shown
        self._all: list[Mark] | None = None

    def _every(self) -> list[Mark]:
        if self._all is None:
            self._all = self.shown.every_mark()
        return self._all

    def __bool__(self) -> bool:
        return self.shown.lane_count > 0

    def __len__(self) -> int:
        return len(self._every())

    @overload
    def __getitem__(self, i: int) -> Mark: ...
    @overload
    def __getitem__(self, i: slice) -> list[Mark]: ...

    def __getitem__(self, i: int | slice) -> Mark | list[Mark]:
        return self._every()[i]

    def __iter__(self) -> Iterator[Mark]:
        return iter(self._every())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and self._every() == list(other)

    __hash__ = None  # type: ignore[assignment]


class _Bands(Sequence[Band]):
    """The shown bands, made when read: a paint reads the few on screen."""

    def __init__(self, shown: _Shown) -> None:
        self.shown = shown
        self._made: dict[int, Band] = {}  # one Band per place, however often read

    def __len__(self) -> int:
        return len(self.shown.bands) + (self.shown.undated_first is not None)

    @overload
    def __getitem__(self, i: int) -> Band: ...
    @overload
    def __getitem__(self, i: slice) -> list[Band]: ...

    def __getitem__(self, i: int | slice) -> Band | list[Band]:
        if isinstance(i, slice):
            return [self[k] for k in range(len(self))[i]]
        if i < 0:
            i += len(self)
        band = self._made.get(i)
        if band is None:
            band = self._made[i] = self._band(i)
        return band

    def _band(self, i: int) -> Band:
        shown = self.shown
        if i == len(shown.bands) and shown.undated_first is not None:
            return Band(UNDATED_BAND, shown.undated_first, len(shown.undated_lanes))
        if not 0 <= i < len(shown.bands):
            raise IndexError(i)
        first = shown.starts[i]
        return Band(shown.source.names[shown.bands[i]], first, shown.starts[i + 1] - first)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


class _LaneOf(Mapping[str, int]):
    """Commitment id → lane; a lookup lays out only that commitment's band."""

    def __init__(self, shown: _Shown) -> None:
        self.shown = shown
        self._all: dict[str, int] | None = None

    def __getitem__(self, cid: str) -> int:
        lane = self.shown.lane_of(cid)
        if lane is None:
            raise KeyError(cid)
        return lane

    def __contains__(self, cid: object) -> bool:
        if not isinstance(cid, str):
            return False
        shown = self.shown
        return shown.has_dated(shown.source.row_of(cid)) or cid in shown.undated_only

    def _every(self) -> dict[str, int]:
        if self._all is None:
            self._all = self.shown.every_lane()
        return self._all

    def __iter__(self) -> Iterator[str]:
        return iter(self._every())

    def __len__(self) -> int:
        return len(self._every())
