"""The catalog's commitments in source order: which of them a filter shows, and how many of
those stand each way, counted over masks (``core.masks``) rather than per id."""

from __future__ import annotations

import sys
import weakref
from collections.abc import Collection, Iterator, Mapping, Sequence
from functools import cached_property
from operator import attrgetter
from typing import overload

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.masks import (
    STANDINGS,
    MaskedIds,
    as_bits,
    chosen,
    having,
    membership,
    rows_of,
    standing_codes,
)
from jcct_desktop.core.standing import Standing


class SourceOrder:
    """The ids of one catalog's commitments in source order, gathered once."""

    def __init__(self, catalog: Catalog) -> None:
        # a tuple of strings: the cyclic collector stops scanning it (a list it scans whole).
        # Interned: a search that interns the ids it reads (store/reference/index_rows.py)
        # hands back these very objects, which set lookups then match by identity. The
        # filters' lookups (core.catalog_lookups) read this same tuple.
        self.ids = tuple(map(sys.intern, map(attrgetter("id"), catalog.commitments)))
        # for the last standings seen (they change by date or note, not by keystroke): each
        # commitment's standing as a code, and per standing which commitments stand so, as bits
        self._coded: tuple[Mapping[str, Standing], bytes] | None = None
        self._tallied: tuple[Mapping[str, Standing], tuple[int, ...]] | None = None
        # masks of collections asked for again and again (a term's cached hits, the groups
        # of the side and meeting filters), by identity; each kept with its collection
        self._masks: dict[int, tuple[Collection[str], bytes]] = {}

    @cached_property
    def everything(self) -> bytes:
        """The mask showing every commitment."""
        return b"\x01" * len(self.ids)

    @cached_property
    def rows(self) -> dict[str, int]:
        """Each commitment's place in source order (made when a filter first needs it)."""
        return rows_of(self.ids)

    def mask(self, visible: Collection[str] | None) -> bytes:
        """1 for each commitment shown (all of them for None), in source order."""
        if visible is None:
            return b"\x01" * len(self.ids)
        return membership(self.ids, self.rows, visible)

    def mask_of(self, chosen: Collection[str]) -> bytes:
        """:meth:`mask`, remembered for the very collection: for those that are never
        changed and asked for key after key (a search's cached hits, a lookup's groups)."""
        if isinstance(chosen, MaskedIds) and chosen.ids is self.ids:
            return chosen.mask  # its own: nothing to remember
        kept = self._masks.get(id(chosen))  # one read: the window's thread may ask too
        if kept is not None and kept[0] is chosen:
            return kept[1]
        mask = self.mask(chosen)
        if len(self._masks) >= 64:
            self._masks.clear()
        self._masks[id(chosen)] = (chosen, mask)
        return mask

    def masked(self, mask: bytes) -> MaskedIds:
        """The commitments the mask shows, as a set read from the mask (``MaskedIds``)."""
        return MaskedIds(self.ids, mask, self.rows)

    def remember(self, chosen: Collection[str], mask: bytes) -> None:
        """Keep ``mask`` (made elsewhere: it must be :meth:`mask` of ``chosen``) as
        :meth:`mask_of` the very collection."""
        if len(self._masks) >= 64:
            self._masks.clear()
        self._masks[id(chosen)] = (chosen, mask)

    def with_one(self, mask: bytes, commitment_id: str) -> bytes:
        """The mask with one more commitment shown (none more for an id not in the catalog)."""
        row = self.rows.get(commitment_id)
        if row is None or mask[row]:
            return mask
        return mask[:row] + b"\x01" + mask[row + 1:]

    def shown(self, mask: bytes) -> list[str]:
        """The ids the mask shows, in source order."""
        return chosen(self.ids, mask)

    def codes(self, states: Mapping[str, Standing]) -> bytes:
        """Each commitment's standing as its code (``core.masks.STANDINGS``), in source order."""
        coded = self._coded
        if coded is None or coded[0] is not states:
            coded = self._coded = (states, standing_codes(self.ids, states))
        return coded[1]

    def counts(self, mask: bytes, states: Mapping[str, Standing]) -> dict[Standing, int]:
        """Of the commitments the mask shows, how many stand each way (no deadline when
        ``states`` has none)."""
        tallied = self._tallied  # read once: the search worker may count beside the window
        if tallied is None or tallied[0] is not states:
            codes = self.codes(states)
            tallied = (states, tuple(as_bits(having(codes, (value,))) for value in STANDINGS))
            self._tallied = tallied
        shown = as_bits(mask)
        return {value: (shown & bits).bit_count() for value, bits in zip(STANDINGS, tallied[1],
                                                                         strict=True)}


class ShownIds(Sequence[str]):
    """The ids a mask shows, in source order, read from the mask when asked: what a refilter
    hands the window, so that no set or list of up to 100,000 ids is made, copied or scanned
    by the cyclic collector per keystroke. Compares equal to a list of the same ids."""

    __slots__ = ("_count", "_listed", "mask", "order")

    def __init__(self, order: SourceOrder, mask: bytes) -> None:
        self.order, self.mask = order, mask
        self._count: int | None = None
        self._listed: list[str] | None = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.mask.count(1)
        return self._count

    def __contains__(self, commitment_id: object) -> bool:
        row = self.order.rows.get(commitment_id) if isinstance(commitment_id, str) else None
        return row is not None and self.mask[row] == 1

    def _list(self) -> list[str]:
        listed = self._listed
        if listed is None:  # made twice at worst, by two threads, alike
            listed = self._listed = self.order.shown(self.mask)
        return listed

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        return self._list()[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self._list())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ShownIds):
            return self.mask == other.mask and self.order.ids == other.order.ids
        if isinstance(other, list | tuple):
            return self._list() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ShownIds({len(self)} of {len(self.mask)})"


# the last catalog's order: a refilter asks for it on every keystroke, a catalog never changes
_last: tuple[weakref.ref[Catalog], SourceOrder] | None = None


def source_order(catalog: Catalog) -> SourceOrder:
    """The catalog's :class:`SourceOrder`, made once for the catalog most recently asked about."""
    global _last
    last = _last
    if last is None or last[0]() is not catalog:
        last = (weakref.ref(catalog, _forget), SourceOrder(catalog))
        _last = last
    return last[1]


def _forget(gone: weakref.ref[Catalog]) -> None:
    """A catalog no longer used: its order (and the standings it counted) go with it."""
    global _last
    if _last is not None and _last[0] is gone:
        _last = None
