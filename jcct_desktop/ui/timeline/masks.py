"""Shown sets as masks over the timeline's rows, for laying out a band at a time.

A mask is read from the refilter's mask in source order (``core.source_order``) by one fixed
permutation, so no id is looked up. It has two regions:

- every band of up to ``SMALL`` rows (at 100,000 commitments, all of them) has ``SMALL``
  slots, one byte per row (ON when shown), the rest 0. Big-integer arithmetic folds each
  band's slots into one byte, its rows' bits (which of them are shown), and one
  ``bytes.translate`` per group of band kinds turns that into the band's lane count: a
  band's kind is its lane count for each set of its rows, worked out once. So a keystroke
  at 100,000 commitments costs a few passes in C over the mask and no Python step a band.
- each bigger band has its number (``LABEL`` bytes, none of them ON or END), one byte per
  row and END; one regular-expression pass finds those with a shown row, each as its own
  ``bytes``, which keys the cache of its lanes (every band whole is in it from the start).

The shown rows' first and last days are found by walking the rows in order of their first
(last) day until a shown one: in C, and short unless the set is very sparse.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from itertools import accumulate, compress
from operator import itemgetter
from typing import TYPE_CHECKING

from jcct_desktop.core.source_order import source_order
from jcct_desktop.ui.timeline.packing import GAP_DAYS, pack

if TYPE_CHECKING:
    from jcct_desktop.ui.timeline.source import TimelineSource

ON = 1  # a shown row's byte
END = 2  # the byte that ends a big band
LABEL = 3  # bytes of a big band's number, in base 253 with digits 3..255
_BASE = 253
SMALL = 4  # bands of up to so many rows have their lane counts per set of rows worked out
_KINDS_A_TABLE = 15  # band kinds per translate table (its high nibble; 0: not of the group)
# a big band with a shown row, from its first byte (not preceded by one of its own) to its END
_SHOWN = re.compile(rb"(?<![^\x02])[^\x01\x02]*\x01[^\x02]*")
Lanes = tuple[int, int, int, int]  # a big band's lanes for a mask: how many, first/last day, band


def label(band: int) -> bytes:
    return bytes((3 + band // _BASE ** 2, 3 + band // _BASE % _BASE, 3 + band % _BASE))


class ShownBands:
    """What a mask shows, band by band: the shown bands in order, each one's first lane
    (and, last, the dated lanes' end), and the shown rows' first and last day."""

    def __init__(self, bands: Sequence[int], starts: Sequence[int],
                 extent: tuple[int, int] | None) -> None:
        self.bands = bands
        self.starts = starts
        self.extent = extent


class Masks:
    """The masks of one source: its template, where each of its bytes is read from, the band
    kinds' lane tables, and the big bands' lanes cache."""

    def __init__(self, source: TimelineSource) -> None:
        self.source = source
        order = source_order(source.catalog)
        places = order.rows  # commitment id → its place in source order
        count = len(source.names)
        sizes = [source.band_rows[b + 1] - source.band_rows[b] for b in range(count)]
        self.small_end = SMALL * count  # the small bands' region; the big ones' after it
        template = bytearray(self.small_end)
        if any(size > SMALL for size in sizes):
            template.append(END)  # the first big band's label follows an END, as the others
        self.first_slots: list[int] = []  # per band: its first row's slot
        self.big: list[int] = []  # the bands of more than SMALL rows
        for band, size in enumerate(sizes):
            if size <= SMALL:
                self.first_slots.append(SMALL * band)
                continue
            self.big.append(band)
            template += label(band)
            self.first_slots.append(len(template))
            template += bytes(size)
            template.append(END)
        self.template = bytes(template)
        slots = [first + k for first, size in zip(self.first_slots, sizes, strict=True)
                 for k in range(size)]  # per row
        # a mask is read, byte by byte, from a source-order mask with the template after it:
        # a row's byte from its commitment's place, any other byte from the template itself
        size = len(order.ids)
        reads = list(range(size, size + len(template)))
        for slot, commitment in zip(slots, source.commitments, strict=True):
            reads[slot] = places[commitment.id]
        self._reads = tuple(reads)  # numbers only: the cyclic collector does not scan it
        self._pick = itemgetter(*reads) if len(reads) > 1 else None  # one gives no tuple
        # the undated rows' places, to find the shown ones in a source-order mask
        self.undated_places = tuple(places[cid] for cid, _placed in source.undated)
        self._kinds(sizes)
        self._numbers = tuple(range(count))  # the bands' numbers, made once, not per key
        # the rows' slots by first day, and by last day from the latest: the first shown
        # one of each is the set's extent
        spans = source.spans
        by_first = sorted(range(len(spans)), key=lambda r: spans[r][0])
        by_last = sorted(range(len(spans)), key=lambda r: -spans[r][1])
        self._by_first = tuple(map(slots.__getitem__, by_first))
        self._firsts = tuple(spans[r][0] for r in by_first)
        self._by_last = tuple(map(slots.__getitem__, by_last))
        self._lasts = tuple(spans[r][1] for r in by_last)
        self.lanes = _LaneCounts(source)  # a shown big band's part of a mask → its lanes
        full = source.full
        self.lanes.update((label(b) + b"\x01" * sizes[b], (*full[b], b)) for b in self.big)

    def _kinds(self, sizes: list[int]) -> None:
        """Each small band's kind (its lane count per set of its rows) in the high nibble of
        a byte, per group of kinds; and per group, the table from that byte and the rows'
        bits to the lane count."""
        kinds: dict[tuple[int, ...], int] = {}
        kind_of = [kinds.setdefault(_lane_counts(self.source, band, size), len(kinds))
                   if size <= SMALL else -1 for band, size in enumerate(sizes)]
        self._groups: list[tuple[int, bytes]] = []  # per group: its nibbles, its table
        for group in range(0, len(kinds), _KINDS_A_TABLE):
            nibbles = bytes((k - group + 1) << 4 if group <= k < group + _KINDS_A_TABLE else 0
                            for k in kind_of)
            table = bytearray(256)
            for counts, k in kinds.items():
                if group <= k < group + _KINDS_A_TABLE:
                    table[(k - group + 1) << 4:((k - group + 1) << 4) + len(counts)] = counts
            self._groups.append((int.from_bytes(nibbles, "little"), bytes(table)))

    def mask(self, in_source: bytes) -> bytes:
        """The template with the rows ON whose commitments ``in_source`` (a mask in the
        catalog's source order, ``core.source_order``) shows; no id is looked up."""
        read_from = in_source + self.template
        if self._pick is None:
            return bytes(read_from[r] for r in self._reads)
        # through a bytearray: it takes the tuple of small numbers in half the time bytes
        # does, and the copy to bytes (hashable, for the big bands' cache) is a memcpy
        return bytes(bytearray(self._pick(read_from)))

    def shown_bands(self, mask: bytes, shown: int) -> ShownBands:
        """The bands ``mask`` (showing ``shown`` rows) shows rows of, their first lanes, and
        its rows' extent."""
        count = len(self.source.names)
        if not shown:
            return ShownBands((), [0], None)
        # each small band's slots folded into its first: bit k for its row k shown
        slots = int.from_bytes(mask[:self.small_end], "little")
        rows = slots | slots >> 7 | slots >> 14 | slots >> 21
        bits = int.from_bytes(rows.to_bytes(self.small_end, "little")[::SMALL], "little")
        folded = 0  # each band's lane count, a byte a band
        for nibbles, table in self._groups:
            folded |= int.from_bytes((bits | nibbles).to_bytes(count, "little").translate(table),
                                     "little")
        lanes: Sequence[int] = folded.to_bytes(count, "little")
        if self.big:
            parts = _SHOWN.findall(mask, self.small_end)
            if parts:
                lanes = list(lanes)  # a big band may have more lanes than a byte holds
                for part in parts:
                    found = self.lanes[part]
                    lanes[found[3]] = found[0]
        # arrays, not a tuple and a list: a key's result is kept until the next, and the
        # cyclic collector walks an array (no object per number) in one step, not number
        # by number
        bands = array("l", compress(self._numbers, lanes))
        starts = array("l", accumulate(compress(lanes, lanes), initial=0))
        first = next(compress(self._firsts, map(mask.__getitem__, self._by_first)))
        last = next(compress(self._lasts, map(mask.__getitem__, self._by_last)))
        return ShownBands(bands, starts, (first, last + 1))


def _lane_counts(source: TimelineSource, band: int, size: int) -> tuple[int, ...]:
    """A small band's lane count for each set of its rows (bit k: its row k shown), as
    ``pack()`` gives it."""
    start = source.band_rows[band]
    spans = source.spans[start:start + size]
    counts = [0] * (1 << size)
    for rows in range(1, 1 << size):
        shown = [spans[k] for k in range(size) if rows >> k & 1]
        if len(shown) == 1:
            counts[rows] = 1
        elif len(shown) == 2:  # as pack() places the second
            counts[rows] = 1 if shown[0][1] + GAP_DAYS < shown[1][0] else 2
        elif len(shown) == size:
            counts[rows] = source.full[band][0]
        else:
            counts[rows] = pack(shown)[1]
    return tuple(counts)


class _LaneCounts(dict[bytes, Lanes]):
    """A shown big band's part of a mask → its lanes, days and band, each computed when
    first asked; keyed by the part itself, so that a lookup builds no key."""

    def __init__(self, source: TimelineSource) -> None:
        super().__init__()
        self.source = source
        self.room = 4 * len(source.names) + 1024  # bounded: a few masks a band

    def __missing__(self, part: bytes) -> Lanes:
        src, rows = self.source, part[LABEL:]
        band = ((part[0] - 3) * _BASE + part[1] - 3) * _BASE + part[2] - 3  # band_of, inline
        start = src.band_rows[band]
        chosen = list(compress(src.spans[start:start + len(rows)], rows))
        count = pack(chosen)[1]
        found = count, min(f for f, _la in chosen), max(la for _f, la in chosen), band
        if len(self) < self.room:
            self[part] = found
        return found
