"""The timeline's rows, gathered once per catalog as columns any shown set is laid out from.

A row is a commitment with at least one dated milestone, kept with its span (first and last
day, as ordinals); rows are grouped in bands, one per sector, in source order. Commitments
with undated milestones are kept apart for the "No date stated" band.

A shown set is a mask over the rows (``template``: one byte a row, 1 when shown, a separator
after each band), so that finding each band's shown rows is done by ``bytes`` methods rather
than a Python step per row; a band's lanes for one mask are cached (``lanes``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from collections.abc import Collection, Iterable
from itertools import chain, compress, repeat
from operator import add, attrgetter, itemgetter, sub

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.model import Commitment, Milestone
from jcct_desktop.ui.timeline.packing import GAP_DAYS, pack
from jcct_desktop.ui.timeline.records import TimelineLayout

ON = 1  # a shown row's byte in a mask
END = 2  # the byte that ends a band in a mask
Placed = tuple[tuple[int, Milestone], ...]  # each milestone with its position in the commitment
Row = tuple[str, int, int, Placed]  # commitment id, first day, last day, dated milestones
Lanes = tuple[int, int, int]  # a band's lanes for a mask: how many, first day, last day


class TimelineSource:
    """Per sector, its commitments with deadlines and their spans, gathered once."""

    def __init__(self, catalog: Catalog) -> None:
        self.names: list[str] = []  # per band: its sector's name
        self.band_rows: list[int] = [0]  # band b's rows are band_rows[b]:band_rows[b + 1]
        self.full: list[Lanes] = []  # per band, every row shown
        self.undated: list[tuple[str, Placed]] = []  # in source order, by sector
        self.undated_with_dates: set[str] = set()  # those of them with dated milestones too
        spans: dict[int, tuple[int, int]] = {}  # id(window) → its days: archives repeat them
        rows: list[tuple[Commitment, int, int]] = []  # one step a commitment: 100,000 at start
        append = rows.append
        for sector in catalog.sectors:
            start = len(rows)
            for c in catalog.commitments_in(sector):
                ms = c.milestones
                if len(ms) == 1:  # the common case, without the loop below
                    w = ms[0].window
                    if w is not None:
                        try:
                            append((c, *spans[id(w)]))
                        except KeyError:
                            spans[id(w)] = w.earliest.toordinal(), w.latest.toordinal()
                            append((c, *spans[id(w)]))
                        continue
                elif not ms:
                    continue
                first, last, undated = 0, 0, False
                for m in ms:
                    w = m.window
                    if w is None:
                        undated = True
                        continue
                    try:
                        f, la = spans[id(w)]
                    except KeyError:
                        f, la = spans[id(w)] = w.earliest.toordinal(), w.latest.toordinal()
                    if not first:  # no ordinal is 0
                        first, last = f, la
                    else:
                        first = f if f < first else first
                        last = la if la > last else last
                if first:
                    append((c, first, last))
                if undated:
                    if first:
                        self.undated_with_dates.add(c.id)
                    self.undated.append((c.id, tuple((i, m) for i, m in enumerate(ms)
                                                     if m.window is None)))
            if len(rows) > start:
                self.names.append(sector.name)
                self.band_rows.append(len(rows))
                self.full.append(_full_lanes(rows, start))
        self.rows = rows  # per row: its commitment (marks are made when painted), its days
        bands = len(self.names)
        # a row's slot in a mask: its index plus one END for each band before it
        self.band_slots = list(map(add, self.band_rows, range(bands)))  # of its first row
        mask = bytearray(len(rows) + bands + 1)  # the last byte: ids without a row
        for end in map(add, self.band_rows[1:], range(bands)):
            mask[end] = END
        self.template = bytes(mask)
        self.spare = len(mask) - 1
        self._slots: dict[str, int] | None = None
        self._row_ids: frozenset[str] = frozenset()
        self.lanes = _LaneCounts(self)  # (band, its part of a mask) → its lanes
        self.everything: TimelineLayout | None = None  # the unfiltered layout, made once

    @property
    def slot(self) -> dict[str, int]:
        """Commitment id → its row's slot in a mask; made when first asked (by the first
        filtered layout, on the search worker), not at start: it reads every row again."""
        if self._slots is None:
            sizes = map(sub, self.band_rows[1:], self.band_rows)
            ends_before = chain.from_iterable(map(repeat, range(len(self.names)), sizes))
            ids = map(attrgetter("id"), map(itemgetter(0), self.rows))
            slots = dict(zip(ids, map(add, range(len(self.rows)), ends_before), strict=True))
            self._row_ids = frozenset(slots)
            self._slots = slots
        return self._slots

    def mask(self, visible: Collection[str]) -> bytearray:
        """The template with the rows of ``visible`` ON."""
        held = visible if isinstance(visible, set | frozenset) else set(visible)
        slot = self.slot
        if 2 * len(held) < len(self.rows):  # few shown: set each
            mask = bytearray(self.template)
            on: Iterable[int] = map(slot.get, held, repeat(self.spare))
            deque(map(mask.__setitem__, on, repeat(ON)), maxlen=0)
            mask[self.spare] = 0
        else:  # most shown: clear the others, found by a set difference (stored hashes only)
            mask = bytearray(self.template.replace(b"\0", bytes([ON])))
            mask[self.spare] = 0
            deque(map(mask.__setitem__, map(slot.__getitem__, self._row_ids - held),
                      repeat(0)), maxlen=0)
        return mask

    @property
    def sectors(self) -> list[tuple[str, list[Row]]]:
        """Per band: its sector's name and its rows (made on asking: tests and exports)."""
        return [(name, [self._row(r) for r in range(self.band_rows[b], self.band_rows[b + 1])])
                for b, name in enumerate(self.names)]

    def _row(self, r: int) -> Row:
        c, first, last = self.rows[r]
        return c.id, first, last, self.dated(r)

    def dated(self, r: int) -> Placed:
        """Row ``r``'s dated milestones with their positions."""
        return tuple((i, m) for i, m in enumerate(self.rows[r][0].milestones)
                     if m.window is not None)

    def band_at(self, slot: int) -> int:
        """The band a mask slot belongs to."""
        return bisect_right(self.band_slots, slot) - 1

    def shown_rows(self, band: int, part: bytes | None) -> list[int]:
        """The band's rows shown by its part of a mask (None: every row)."""
        rows = range(self.band_rows[band], self.band_rows[band + 1])
        return list(rows) if part is None else list(compress(rows, part))

    def packing(self, band: int, part: bytes | None) -> list[int]:
        """Each shown row's lane, counted from the band's first."""
        rows = self.shown_rows(band, part)
        return pack(self.rows[r][1:] for r in rows)[0]


def _full_lanes(rows: list[tuple[Commitment, int, int]], start: int) -> Lanes:
    """A band's lanes and days with every row shown; its rows are ``rows[start:]``."""
    _c, first, last = rows[start]
    lane_ends = [last]  # per lane: the last day used (as pack() does, without its calls)
    for _c, f, la in rows[start + 1:]:
        first = f if f < first else first
        last = la if la > last else last
        for lane, used in enumerate(lane_ends):
            if used + GAP_DAYS < f:
                lane_ends[lane] = la
                break
        else:
            lane_ends.append(la)
    return len(lane_ends), first, last


class _LaneCounts(dict[tuple[int, bytes], Lanes]):
    """(band, its part of a mask) → its lanes and days, each computed once when first asked."""

    def __init__(self, source: TimelineSource) -> None:
        super().__init__()
        self.source = source
        # bounded: each row alone, and a few more masks a band
        self.room = len(source.rows) + 4 * len(source.names) + 1024

    def __missing__(self, key: tuple[int, bytes]) -> Lanes:
        band, part = key
        src = self.source
        shown = part.count(ON)
        if shown == len(part):
            return src.full[band]
        first_row = src.band_rows[band]
        if shown == 1:  # the common case of a sparse set
            _c, first, last = src.rows[first_row + part.index(ON)]
            found = 1, first, last
        else:
            rows = [src.rows[r] for r in compress(range(first_row, first_row + len(part)), part)]
            firsts, lasts = [r[1] for r in rows], [r[2] for r in rows]
            found = pack(zip(firsts, lasts, strict=True))[1], min(firsts), max(lasts)
        if len(self) < self.room:
            self[key] = found
        return found
