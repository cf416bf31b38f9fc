"""The catalog's commitments in source order: which of them a filter shows, and how many of
those stand each way, counted over masks (``core.masks``) rather than per id."""

from __future__ import annotations

import weakref
from collections.abc import Collection, Mapping
from functools import cached_property
from operator import attrgetter

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.masks import (
    STANDINGS,
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
        # a tuple of strings: the cyclic collector stops scanning it (a list it scans whole)
        self.ids = tuple(map(attrgetter("id"), catalog.commitments))
        # for the last standings seen (they change by date or note, not by keystroke): each
        # commitment's standing as a code, and per standing which commitments stand so, as bits
        self._coded: tuple[Mapping[str, Standing], bytes] | None = None
        self._tallied: tuple[Mapping[str, Standing], tuple[int, ...]] | None = None

    @cached_property
    def rows(self) -> dict[str, int]:
        """Each commitment's place in source order (made when a filter first needs it)."""
        return rows_of(self.ids)

    def mask(self, visible: Collection[str] | None) -> bytes:
        """1 for each commitment shown (all of them for None), in source order."""
        if visible is None:
            return b"\x01" * len(self.ids)
        return membership(self.ids, self.rows, visible)

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
