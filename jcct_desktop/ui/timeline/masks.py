"""Shown sets as masks over the timeline's rows, for laying out a band at a time.

A mask holds, per band: its number (``LABEL`` bytes, none of them ON or END), one byte per
row (ON when shown) and END. It is read from the refilter's mask in source order
(``core.source_order``) by one fixed permutation, so no id is looked up. One
regular-expression pass finds the bands with a shown row, each as its own ``bytes`` (its
number and its rows' bytes), which keys the cache of its lanes (every band whole and every
row alone are in it from the start): a keystroke at 100,000 commitments then costs a few
passes in C over the mask and one dictionary lookup per shown band, and a Python step only
per band shown in a way not seen before.
"""

from __future__ import annotations

import gc
import re
from collections import deque
from collections.abc import Iterator
from itertools import chain, compress
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

from jcct_desktop.core.pieces import pieces
from jcct_desktop.core.source_order import source_order
from jcct_desktop.ui.timeline.packing import GAP_DAYS, pack

if TYPE_CHECKING:
    from jcct_desktop.ui.timeline.source import TimelineSource

ON = 1  # a shown row's byte
END = 2  # the byte that ends a band
LABEL = 3  # bytes of a band's number, in base 253 with digits 3..255
_BASE = 253
PAIRED_UP_TO = 4  # bands of up to so many rows have each pair of rows cached from the start
# a band with a shown row, from its first byte (not preceded by one of its own) to its END
_SHOWN = re.compile(rb"(?<![^\x02])[^\x01\x02]*\x01[^\x02]*")
Lanes = tuple[int, int, int, int]  # a band's lanes for a mask: how many, first and last day, band


def label(band: int) -> bytes:
    return bytes((3 + band // _BASE ** 2, 3 + band // _BASE % _BASE, 3 + band % _BASE))


class Masks:
    """The masks of one source: its template, where each of its bytes is read from, and the
    lanes cache."""

    def __init__(self, source: TimelineSource) -> None:
        self.source = source
        order = source_order(source.catalog)
        places = order.rows  # commitment id → its place in source order
        sizes = [source.band_rows[b + 1] - source.band_rows[b] for b in range(len(source.names))]
        template = bytearray()
        self.first_slots: list[int] = []  # per band: its first row's slot
        slots: list[int] = []  # per row
        for band, size in enumerate(sizes):
            template += label(band)
            self.first_slots.append(len(template))
            slots += range(len(template), len(template) + size)
            template += bytes(size)
            template.append(END)
        self.template = bytes(template)
        self.all_on = self.template.replace(b"\0", bytes([ON]))
        # a mask is read, byte by byte, from a source-order mask with the template after it:
        # a row's byte from its commitment's place, any other byte from the template itself
        size = len(order.ids)
        reads = list(range(size, size + len(template)))
        deque(map(reads.__setitem__, slots,
                  map(places.__getitem__, map(attrgetter("id"), source.commitments))), maxlen=0)
        self._reads = tuple(reads)  # numbers only: the cyclic collector does not scan it
        self._pick = itemgetter(*reads) if len(reads) > 1 else None  # one gives no tuple
        # the undated rows' places, to find the shown ones in a source-order mask
        self.undated_places = tuple(places[cid] for cid, _placed in source.undated)
        self.lanes = _LaneCounts(source)  # a shown band's part of a mask → its lanes
        # every band whole, known already: a set showing nearly everything looks these up
        full = source.full
        self.lanes.update(zip(self.shown_parts(self.all_on),
                              zip(map(itemgetter(0), full), map(itemgetter(1), full),
                                  map(itemgetter(2), full), range(len(full)), strict=True),
                              strict=True))
        for piece in pieces(chain(_single_rows(source, sizes), _row_pairs(source, sizes))):
            self.lanes.update(piece)
            # their tuples hold numbers only: untracked now, a piece at a time, not all in
            # the next young collection, on whichever thread (the window's, say) comes next
            gc.collect(0)
        self.lanes.room = len(self.lanes) + len(source.spans) + 1024  # and as many new ones

    def mask(self, in_source: bytes) -> bytes:
        """The template with the rows ON whose commitments ``in_source`` (a mask in the
        catalog's source order, ``core.source_order``) shows; no id is looked up."""
        read_from = in_source + self.template
        if self._pick is None:
            return bytes(read_from[r] for r in self._reads)
        return bytes(self._pick(read_from))

    @staticmethod
    def shown_parts(mask: bytes) -> list[bytes]:
        """Per band with a shown row, in order: its label and its rows' bytes."""
        return _SHOWN.findall(mask)


def _single_rows(source: TimelineSource, sizes: list[int]) -> Iterator[tuple[bytes, Lanes]]:
    """Each row shown alone in a band of several, with its lanes: a sparse set shows most
    bands so, and looking these up costs no Python step a band."""
    spans = source.spans
    for band, size in enumerate(sizes):
        if size < 2:
            continue  # a band of one row shown is the band whole
        head, first = label(band), source.band_rows[band]
        for k in range(size):
            start, end = spans[first + k]
            yield head + bytes(k) + b"\x01" + bytes(size - k - 1), (1, start, end, band)


def _row_pairs(source: TimelineSource, sizes: list[int]) -> Iterator[tuple[bytes, Lanes]]:
    """Each two rows shown together in a band of three to ``PAIRED_UP_TO``, with their lanes
    (as ``pack()`` places the second): after single rows the commonest part of a filtered
    set; bounded, as a band's pairs grow with the square of its rows."""
    spans = source.spans
    for band, size in enumerate(sizes):
        if not 3 <= size <= PAIRED_UP_TO:
            continue
        head, first = label(band), source.band_rows[band]
        for k in range(size - 1):
            start, end = spans[first + k]
            for j in range(k + 1, size):
                then, last = spans[first + j]
                yield (head + bytes(k) + b"\x01" + bytes(j - k - 1) + b"\x01" + bytes(size - j - 1),
                       (1 if end + GAP_DAYS < then else 2, min(start, then), max(end, last),
                        band))


class _LaneCounts(dict[bytes, Lanes]):
    """A shown band's part of a mask → its lanes, days and band, each computed when first
    asked; keyed by the part itself, so that a lookup builds no key."""

    def __init__(self, source: TimelineSource) -> None:
        super().__init__()
        self.source = source
        # bounded: each row alone, and a few more masks a band
        self.room = len(source.spans) + 4 * len(source.names) + 1024

    def __missing__(self, part: bytes) -> Lanes:
        src, rows = self.source, part[LABEL:]
        band = ((part[0] - 3) * _BASE + part[1] - 3) * _BASE + part[2] - 3  # band_of, inline
        shown = rows.count(ON)
        if shown == len(rows):
            count, first, last = src.full[band]
        elif shown == 1:  # the common case of a sparse set
            first, last = src.spans[src.band_rows[band] + rows.index(ON)]
            count = 1
        elif shown == 2:  # the commonest part not known already: one lane or two
            start = src.band_rows[band]
            at = rows.index(ON)
            first, last = src.spans[start + at]
            then, end = src.spans[start + rows.index(ON, at + 1)]
            count = 1 if last + GAP_DAYS < then else 2  # as pack() places the second
            first, last = min(first, then), max(last, end)
        else:
            start = src.band_rows[band]
            chosen = list(compress(src.spans[start:start + len(rows)], rows))
            count = pack(chosen)[1]
            first, last = min(f for f, _la in chosen), max(la for _f, la in chosen)
        found = count, first, last, band
        if len(self) < self.room:
            self[part] = found
        return found
