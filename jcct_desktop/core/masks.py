"""Sets of commitments and their standings as one byte per commitment, in a fixed order of ids.

A filter at 100,000 commitments counts and marks every shown one on each keystroke: as bytes
(``bytes.count``, ``bytes.translate``) and as integers (``&``, ``int.bit_count``) that work
runs in C, not once per commitment in Python.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import compress, repeat
from operator import is_, itemgetter

from jcct_desktop.core.standing import Standing

STANDINGS: tuple[Standing, ...] = tuple(Standing)  # a standing's code is its index here
# by identity: Enum's __hash__ is Python code, a dictionary keyed by the members calls it once
# per commitment
_CODE_BY_ID = {id(value): code for code, value in enumerate(STANDINGS)}


def standing_codes(ids: Sequence[str], states: Mapping[str, Standing]) -> bytes:
    """Per id, the code of its standing (no deadline when ``states`` has none)."""
    found: Iterable[Standing]
    if len(states) == len(ids) and all(map(is_, states, ids)):
        found = states.values()  # the book's own order (source order): nothing looked up
    else:
        found = map(states.get, ids, repeat(Standing.NO_DEADLINE))
    return bytes(map(_CODE_BY_ID.__getitem__, map(id, found)))


def having(codes: bytes, wanted: Collection[Standing]) -> bytes:
    """1 where the code is one of ``wanted``, else 0."""
    table = bytes(value in wanted for value in STANDINGS).ljust(256, b"\0")
    return codes.translate(table)


def membership(ids: Sequence[str], rows: Mapping[str, int], chosen: Collection[str]) -> bytes:
    """1 where the id is in ``chosen``, else 0; ``rows`` is each id's place in ``ids``."""
    # either way every id looked up costs a cache miss or two at 100,000: look up the fewer.
    # A sequence (a lookup's groups are tuples) is never asked `in`: that scans it, once per
    # id (100,000 × 50,000: the first "Has a deadline" at 100,000 froze the window 6 minutes)
    if len(chosen) * 6 < len(ids) or not isinstance(chosen, AbstractSet | Mapping):
        found = bytearray(len(ids))
        place = rows.get
        for cid in chosen:
            row = place(cid)
            if row is not None:
                found[row] = 1
        return bytes(found)
    return bytes(map(chosen.__contains__, ids))


def ones(mask: bytes) -> list[int]:
    """Where the mask is 1, found by ``bytes.find`` (for a mask with few)."""
    places, find = [], mask.find
    place = find(1)
    while place >= 0:
        places.append(place)
        place = find(1, place + 1)
    return places


def chosen(ids: Sequence[str], mask: bytes) -> list[str]:
    """The ids the mask marks, in order."""
    if mask.count(1) * 16 < len(mask):  # few: the rest never touched
        return list(map(ids.__getitem__, ones(mask)))
    return list(compress(ids, mask))


def rows_of(ids: Sequence[str]) -> dict[str, int]:
    """Each id's place in ``ids``."""
    return dict(zip(ids, range(len(ids)), strict=True))


def as_bits(mask: bytes | bytearray) -> int:
    """A 0/1 mask as one integer (a bit per byte), for ``&`` and ``int.bit_count``."""
    return int.from_bytes(mask, "little")


def both(mask: bytes, bits: int) -> bytes:
    """The mask where ``bits`` (:func:`as_bits` of another mask of the same length) is set too."""
    return (as_bits(mask) & bits).to_bytes(len(mask), "little")


class Reordering:
    """Masks from one order into another: the new order's byte ``i`` is the old one's
    ``places[i]`` (an old place may be left out)."""

    def __init__(self, places: Sequence[int]) -> None:
        # tuples of numbers: the cyclic collector stops scanning them (a list it scans whole)
        self._places = tuple(places)
        self._pick = itemgetter(*places) if len(places) > 1 else None  # one gives no tuple
        self._back: tuple[int, ...] | None = None  # per old place, its new one (-1: left out)

    def new_place(self, old: int) -> int:
        """Where an old place went (-1: left out)."""
        back = self._backwards(old + 1)
        return back[old] if old < len(back) else -1

    def _backwards(self, size: int) -> tuple[int, ...]:
        """Per old place, its new one (-1: left out), at least ``size`` of them."""
        back = self._back
        if back is None or len(back) < size:
            filling = [-1] * max(size, max(self._places, default=-1) + 1)
            deque(map(filling.__setitem__, self._places, range(len(self._places))), maxlen=0)
            back = self._back = tuple(filling)
        return back

    def every(self, data: bytes) -> bytes:
        """Any bytes (codes, say) in the new order."""
        if self._pick is None:
            return bytes(data[p] for p in self._places)
        return bytes(self._pick(data))

    def mask(self, mask: bytes) -> bytes:
        """A 0/1 mask in the new order."""
        places = self._places
        if mask.count(1) * 16 >= len(places):
            return self.every(mask)
        back = self._backwards(len(mask))  # few: placed one by one, the rest never read
        found = bytearray(len(places))
        for old in ones(mask):
            if back[old] >= 0:
                found[back[old]] = 1
        return bytes(found)
