"""Shown sets as masks over the timeline's rows, for laying out a band at a time.

A mask holds, per band: its number (``LABEL`` bytes, none of them ON or END), one byte per
row (ON when shown) and END. One regular-expression pass finds the bands with a shown row,
each as its own ``bytes`` (its number and its rows' bytes), which keys the cache of its
lanes: a keystroke at 100,000 commitments then costs a few passes in C over the mask and one
dictionary lookup per shown band, not a Python step per row.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Collection, Iterable
from itertools import compress, repeat
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

from jcct_desktop.ui.timeline.packing import pack

if TYPE_CHECKING:
    from jcct_desktop.ui.timeline.source import TimelineSource

ON = 1  # a shown row's byte
END = 2  # the byte that ends a band
LABEL = 3  # bytes of a band's number, in base 253 with digits 3..255
_BASE = 253
# a band with a shown row, from its first byte (not preceded by one of its own) to its END
_SHOWN = re.compile(rb"(?<![^\x02])[^\x01\x02]*\x01[^\x02]*")
Lanes = tuple[int, int, int, int]  # a band's lanes for a mask: how many, first and last day, band


def label(band: int) -> bytes:
    return bytes((3 + band // _BASE ** 2, 3 + band // _BASE % _BASE, 3 + band % _BASE))


class Masks:
    """The masks of one source: its template, each row's slot in it, and the lanes cache."""

    def __init__(self, source: TimelineSource) -> None:
        self.source = source
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
        template.append(0)  # the spare byte: where ids without a row are set
        self.spare = len(template) - 1
        self.template = bytes(template)
        self.all_on = self.template.replace(b"\0", bytes([ON]))  # the spare is reset
        ids = map(attrgetter("id"), source.commitments)
        self.slot = dict(zip(ids, slots, strict=True))  # commitment id → its row's slot
        self.row_ids = frozenset(self.slot)
        self.lanes = _LaneCounts(source)  # a shown band's part of a mask → its lanes
        # every band whole, known already: a set showing nearly everything looks these up
        full = source.full
        self.lanes.update(zip(self.shown_parts(bytearray(self.all_on[:-1])),
                              zip(map(itemgetter(0), full), map(itemgetter(1), full),
                                  map(itemgetter(2), full), range(len(full)), strict=True),
                              strict=True))

    def mask(self, visible: Collection[str]) -> bytearray:
        """The template with the rows of ``visible`` ON."""
        held = visible if isinstance(visible, set | frozenset) else set(visible)
        slot = self.slot
        if 2 * len(held) < len(self.slot):  # few shown: set each
            mask = bytearray(self.template)
            on: Iterable[int] = map(slot.get, held, repeat(self.spare))
            deque(map(mask.__setitem__, on, repeat(ON)), maxlen=0)
        else:  # most shown: clear the others, found by a set difference (stored hashes only)
            mask = bytearray(self.all_on)
            deque(map(mask.__setitem__, map(slot.__getitem__, self.row_ids - held),
                      repeat(0)), maxlen=0)
        mask[self.spare] = 0
        return mask

    @staticmethod
    def shown_parts(mask: bytearray) -> list[bytes]:
        """Per band with a shown row, in order: its label and its rows' bytes."""
        return _SHOWN.findall(mask)


def rows_of(part: bytes) -> bytes:
    """A shown band's rows' bytes, without its label."""
    return part[LABEL:]


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
        else:
            start = src.band_rows[band]
            chosen = list(compress(src.spans[start:start + len(rows)], rows))
            count = pack(chosen)[1]
            first, last = min(f for f, _la in chosen), max(la for _f, la in chosen)
        found = count, first, last, band
        if len(self) < self.room:
            self[part] = found
        return found
