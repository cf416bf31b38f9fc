"""Sets of commitments and their standings as one byte per commitment, in a fixed order of ids.

A filter at 100,000 commitments counts and marks every shown one on each keystroke: as bytes
(``bytes.count``, ``bytes.translate``) and as integers (``&``, ``int.bit_count``) that work
runs in C, not once per commitment in Python.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import chain, compress, repeat
from operator import is_, itemgetter
from typing import Any

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
    if isinstance(chosen, MaskedIds) and chosen.ids is ids:  # its own mask: nothing looked up
        return chosen.mask
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


def marked(size: int, places: Iterable[int]) -> bytearray:
    """``size`` bytes, 1 at each of ``places``, else 0."""
    found = bytearray(size)
    # a loop: twice as fast as bytearray.__setitem__ mapped over them (no bound-method
    # call per place), and the window's thread gets the interpreter lock meanwhile
    for place in places:
        found[place] = 1
    return found


class GroupPlaces:
    """The places of each of some groups' members in an order, for a mask of a few groups'
    members made place by place: one array of numbers (no int object per place, which a
    loop over tuples of ints reads from all over memory) and where each group's start."""

    __slots__ = ("_flat", "_starts", "sizes")

    def __init__(self, group_of_each: Iterable[int], groups: int) -> None:
        """``group_of_each``: per place of the order, its group (``groups`` or more: in
        none)."""
        members: list[list[int]] = [[] for _ in range(groups + 1)]
        for place, group in enumerate(group_of_each):
            members[min(group, groups)].append(place)
        members.pop()  # those in no group
        self._flat = array("I", chain.from_iterable(members))
        self.sizes = tuple(map(len, members))
        starts = [0]
        for size in self.sizes:
            starts.append(starts[-1] + size)
        self._starts = tuple(starts)

    def count(self, groups: Iterable[int]) -> int:
        """How many places these groups' members hold."""
        return sum(map(self.sizes.__getitem__, groups))

    def mask(self, size: int, groups: Iterable[int]) -> bytes:
        """``size`` bytes, 1 at the places of these groups' members."""
        found = bytearray(size)
        flat, starts = self._flat, self._starts
        for group in groups:
            for place in flat[starts[group]:starts[group + 1]]:
                found[place] = 1
        return bytes(found)


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


class MaskedIds(AbstractSet[str]):
    """The ids of a fixed order that a mask marks, as a set that is read from the mask.

    A search's hits at 100,000 commitments are a mask first (made in C from the index's
    rows); a set of up to 100,000 strings costs 3-4 ms to make and is walked by every full
    collection, and most keys never need one: the filters meet masks. So membership, size
    and iteration read the mask, masks of the same order are met and joined as integers,
    and the frozenset is made only when another kind of set is met with this one. Never
    changed after it is made (the filters' caches keep it, and its mask, by identity).
    """

    __slots__ = ("_frozen", "_listed", "ids", "mask", "places")

    def __init__(self, ids: Sequence[str], mask: bytes, places: Mapping[str, int]) -> None:
        """``mask``: a byte per id of ``ids``, 1 for a member; ``places``: each id's place
        in ``ids`` (for an id there twice, one of them: the mask has the same byte at
        both)."""
        self.ids, self.mask, self.places = ids, mask, places
        self._frozen: frozenset[str] | None = None
        self._listed: tuple[str, ...] | None = None  # the members in order, once read

    def _unique(self) -> bool:
        return len(self.places) == len(self.ids)

    def as_frozenset(self) -> frozenset[str]:
        """The members as a frozenset, made on first use (twice at worst, by two threads,
        alike)."""
        frozen = self._frozen
        if frozen is None:
            frozen = self._frozen = frozenset(self._members())
        return frozen

    def _members(self) -> tuple[str, ...]:
        """The members in order (an id twice: twice), read off the mask once: a tuple of
        strings, which the cyclic collector stops scanning once it has seen it."""
        listed = self._listed
        if listed is None:
            listed = self._listed = tuple(chosen(self.ids, self.mask))
        return listed

    def __len__(self) -> int:
        return self.mask.count(1) if self._unique() else len(self.as_frozenset())

    def __contains__(self, item: object) -> bool:
        place = self.places.get(item) if isinstance(item, str) else None
        return place is not None and self.mask[place] == 1

    def __iter__(self) -> Iterator[str]:
        return iter(self._members() if self._unique() else self.as_frozenset())

    def _same_order(self, other: object) -> bool:
        return isinstance(other, MaskedIds) and other.ids is self.ids

    def _joined(self, bits: int) -> MaskedIds:
        return MaskedIds(self.ids, bits.to_bytes(len(self.ids), "little"), self.places)

    def _in_order(self, other: Iterable[object]) -> bytes | None:
        """The mask of ``other`` in this order; None when one of them is not of it."""
        found = bytearray(len(self.ids))
        places = self.places
        for item in other:
            place = places.get(item) if isinstance(item, str) else None
            if place is None:
                return None
            found[place] = 1
        if not self._unique():  # an id twice: each of its places
            return bytes(map(found.__getitem__, map(places.__getitem__, self.ids)))
        return bytes(found)

    def _few(self, other: Collection[Any]) -> bool:
        """Whether ``other`` is small beside this set and no frozenset of it is made yet:
        then its ids are asked one by one, no set made (else the frozenset is made, once,
        and met in C)."""
        return self._frozen is None and len(other) * 8 < len(self)

    @staticmethod
    def _plain(other: Iterable[Any]) -> AbstractSet[Any]:
        if isinstance(other, MaskedIds):
            return other.as_frozenset()
        return other if isinstance(other, set | frozenset) else frozenset(other)

    def __eq__(self, other: object) -> bool:
        if self._same_order(other):
            assert isinstance(other, MaskedIds)
            return self.mask == other.mask
        if not isinstance(other, AbstractSet):
            return NotImplemented
        return self.as_frozenset() == self._plain(other)

    __hash__ = None  # type: ignore[assignment]

    def __le__(self, other: AbstractSet[Any]) -> bool:
        if self._same_order(other):
            assert isinstance(other, MaskedIds)
            return as_bits(self.mask) & ~as_bits(other.mask) == 0
        if not isinstance(other, AbstractSet):
            return NotImplemented
        if isinstance(other, set | frozenset):
            return other.issuperset(self)  # this one read in C, no set made
        return self.as_frozenset() <= self._plain(other)

    def __ge__(self, other: AbstractSet[Any]) -> bool:
        if self._same_order(other):
            assert isinstance(other, MaskedIds)
            return as_bits(other.mask) & ~as_bits(self.mask) == 0
        if not isinstance(other, AbstractSet):
            return NotImplemented
        if self._few(other):
            return all(map(self.__contains__, other))
        return self.as_frozenset() >= self._plain(other)

    def __lt__(self, other: AbstractSet[Any]) -> bool:
        return self <= other and self != other

    def __gt__(self, other: AbstractSet[Any]) -> bool:
        return self >= other and self != other

    def __and__(self, other: Iterable[Any]) -> AbstractSet[Any]:
        if self._same_order(other):
            assert isinstance(other, MaskedIds)
            return self._joined(as_bits(self.mask) & as_bits(other.mask))
        if isinstance(other, Collection) and self._few(other):
            return frozenset(filter(self.__contains__, other))
        return self.as_frozenset() & self._plain(other)

    __rand__ = __and__

    def __or__(self, other: Iterable[Any]) -> AbstractSet[Any]:
        if self._same_order(other):
            assert isinstance(other, MaskedIds)
            return self._joined(as_bits(self.mask) | as_bits(other.mask))
        if isinstance(other, Collection) and self._few(other):
            added = self._in_order(other)
            if added is not None:
                return self._joined(as_bits(self.mask) | as_bits(added))
        return self.as_frozenset() | self._plain(other)

    __ror__ = __or__

    def __sub__(self, other: Iterable[Any]) -> AbstractSet[Any]:
        if self._same_order(other):
            assert isinstance(other, MaskedIds)
            return self._joined(as_bits(self.mask) & ~as_bits(other.mask))
        return self.as_frozenset() - self._plain(other)

    def __rsub__(self, other: Iterable[Any]) -> AbstractSet[Any]:
        return self._plain(other) - self.as_frozenset()

    def __xor__(self, other: Iterable[Any]) -> AbstractSet[Any]:
        if self._same_order(other):
            assert isinstance(other, MaskedIds)
            return self._joined(as_bits(self.mask) ^ as_bits(other.mask))
        return self.as_frozenset() ^ self._plain(other)

    __rxor__ = __xor__

    def isdisjoint(self, other: Iterable[Any]) -> bool:
        if self._same_order(other):
            assert isinstance(other, MaskedIds)
            return as_bits(self.mask) & as_bits(other.mask) == 0
        return not any(map(self.__contains__, other))

    def __repr__(self) -> str:
        return f"MaskedIds({len(self)} of {len(self.ids)})"
