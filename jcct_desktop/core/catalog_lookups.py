"""What the filters look up in a catalog on every keystroke, worked out once per catalog.

A search for "s" at 100,000 commitments asks which of 39,000 sectors are named with an "s",
which commitments sit beside 18,000 facts, which ids are typed in part, and then orders
what it found: each of those walked the whole catalog per term. Here each is a table made
on first use (or by :meth:`CatalogLookups.prepare`, on the search worker), so a question
costs what its answer holds, asked of C-level set and string operations.

The catalog is immutable, so one set of tables serves a filter context and the contexts it
makes for the search worker. The tables are tuples and dicts of strings, which the cyclic
garbage collector stops scanning once it has seen them (sets it scans element by element on
every full collection: at 100,000 commitments, a stall of the window).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Set
from functools import cached_property
from itertools import chain, compress, repeat
from operator import itemgetter
from typing import cast

from jcct_desktop.core import pieces
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.masks import GroupPlaces, MaskedIds, marked
from jcct_desktop.core.source_order import source_order

Ids = tuple[str, ...]
# homes holding fewer commitments than one in so many: their mask is made place by place
# (about 60 ns a commitment here), not by a gather over every commitment (about 2 ms at
# 100,000)
FEW_AT_HOMES = 3
# commitment → home; each home's commitments; the homes under each name, beside each place
Homes = tuple[dict[str, int], tuple[Ids, ...], tuple[tuple[int, ...], ...],
              tuple[tuple[int, ...], ...]]
Places = tuple[dict[str, int], tuple[tuple[str, str], ...], tuple[Ids | None, ...],
               frozenset[int]]


class CatalogLookups:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        # the answers for the facts last asked about, by identity: a term typed on that
        # finds the same rows hands over the very same set of facts (``_same_facts``)
        self._ordered: tuple[Collection[str], tuple[str, ...]] | None = None
        # the answers for a few large sets of facts (by identity): a search's set of every
        # fact ("s", "r", "S" each find them all) comes back word after word
        self._ordered_many: dict[int, tuple[Collection[str], tuple[str, ...]]] = {}
        # sets found to hold exactly the catalog's ids, kept (by identity) so the same set
        # found again is not compared again
        self._whole: tuple[Set[str], ...] = ()
        self._placed: tuple[Iterable[str], set[int]] | None = None

    def prepare(self) -> None:
        """Make every table now (on a worker, before the first search needs them)."""
        for name in ("order", "id_set", "fact_order", "fact_places_in_order", "sector_names",
                     "fact_places", "_place_of_each_fact", "homes", "_home_places",
                     "_home_gather",
                     "dashed_ids", "by_party",
                     "with_deadline", "by_meeting", "by_area"):
            getattr(self, name)

    # -- the catalog's ids and their order -----------------------------------------------
    @cached_property
    def order(self) -> Ids:
        """The catalog's ids in source order: the one tuple of ``core.source_order`` (interned,
        so a search that interns the ids it reads hands back these very objects)."""
        return source_order(self.catalog).ids

    @cached_property
    def id_set(self) -> frozenset[str]:
        # the one large set kept: membership in a set costs a third of a dict's here
        return frozenset(self.order)

    def all_ids(self) -> set[str]:
        return set(self.id_set)

    def in_catalog(self, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` the catalog holds."""
        found: set[str] = set()
        pieces.update(found, filter(self.id_set.__contains__, ids))
        return found

    def within_catalog(self, ids: Set[str]) -> Set[str]:
        """Those of ``ids`` the catalog holds: ``ids`` itself when it holds all of them."""
        if ids is self.id_set or ids <= self.id_set:
            return ids
        return self.in_catalog(ids)

    @cached_property
    def fact_order(self) -> Ids:
        return tuple(f.id for f in self.catalog.facts)

    def facts_in_order(self, fact_ids: Collection[str]) -> tuple[str, ...]:
        """Those of ``fact_ids`` the catalog holds, in source order. ``fact_ids`` is never
        changed after (a search's kept set, or one made for this call): the answer for the
        very set asked last is given again."""
        last = self._ordered  # one read: the window's thread may ask too
        if last is not None and last[0] is fact_ids:
            return last[1]
        many = self._ordered_many.get(id(fact_ids))
        if many is not None and many[0] is fact_ids:
            return many[1]
        place = self.fact_places_in_order
        if isinstance(fact_ids, MaskedIds) and fact_ids.ids is self.fact_order:
            ordered = tuple(compress(self.fact_order, fact_ids.mask))  # read off its mask
        elif len(fact_ids) * 16 < len(place) == len(self.fact_order):  # a few: sorted, no pass
            ordered = tuple(sorted(filter(place.__contains__, fact_ids), key=place.__getitem__))
        else:
            ordered = tuple(filter(fact_ids.__contains__, self.fact_order))
        self._ordered = (fact_ids, ordered)
        if len(fact_ids) * 4 > len(place):  # large: kept longer than the last one
            if len(self._ordered_many) >= 8:
                self._ordered_many.clear()
            self._ordered_many[id(fact_ids)] = (fact_ids, ordered)
        return ordered

    def facts_masked(self, mask: bytes) -> MaskedIds:
        """The facts a mask over :attr:`fact_order` marks, as a set read from the mask."""
        return MaskedIds(self.fact_order, mask, self.fact_places_in_order)

    def facts_mask(self, fact_ids: Collection[str]) -> bytes:
        """1 for each fact of :attr:`fact_order` among ``fact_ids``, else 0."""
        return bytes(map(frozenset(fact_ids).__contains__, self.fact_order))

    def is_whole(self, ids: Set[str]) -> bool:
        """Whether ``ids`` are exactly the catalog's ids (a set never changed after: the
        answer is kept for the very set)."""
        if ids is self.id_set or any(ids is known for known in self._whole):
            return True
        if len(ids) != len(self.id_set) or ids != self.id_set:
            return False
        self._whole = (*self._whole[-3:], ids)
        return True

    @cached_property
    def fact_places_in_order(self) -> dict[str, int]:
        """Each fact's place in source order (fewer entries than facts: an id twice)."""
        return {fid: i for i, fid in enumerate(self.fact_order)}

    # -- what a term finds besides the text -----------------------------------------------
    @cached_property
    def sector_names(self) -> tuple[Ids, tuple[Ids, ...]]:
        """Each distinct folded sector name, and the commitments under every sector (or
        group) of that name."""
        under: dict[str, set[str]] = {}
        for sector in self.catalog.sectors:
            ids = under.setdefault(sector.name.casefold(), set())
            ids.update(c.id for c in self.catalog.commitments_in(sector))
            for child in self.catalog.subsectors(sector):
                ids.update(c.id for c in self.catalog.commitments_in(child))
        return tuple(under), tuple(tuple(ids) for ids in under.values())

    @cached_property
    def fact_places(self) -> Places:
        """Where an officer reads each fact: fact id → the index of its (meeting, sector);
        the commitments under each of those sectors (or groups), None for no known sector;
        and the indexes of those with none. Places are ints: a search's thousands of facts
        then hash as ints, not as pairs of strings."""
        at: dict[tuple[str, str], int] = {}
        fact_at = {f.id: at.setdefault((f.meeting, f.sector), len(at))
                   for f in self.catalog.facts}
        known = {(s.meeting, s.code) for s in self.catalog.sectors}
        beside = tuple(tuple(c.id for c in self.catalog.commitments_under(
            self.catalog.sector(*place))) if place in known else None for place in at)
        unknown = frozenset(i for i, ids in enumerate(beside) if ids is None)
        return fact_at, tuple(at), beside, unknown

    def _places_of(self, fact_ids: Iterable[str]) -> set[int]:
        """The indexes of the facts' places; fails for a fact of no known sector, as
        reading it beside its sector would."""
        fact_at, places, _, unknown = self.fact_places
        found: set[int]
        if isinstance(fact_ids, MaskedIds) and fact_ids.ids is self.fact_order:
            found = set(compress(self._place_of_each_fact, fact_ids.mask))  # no id looked up
        else:
            looked_up = set(map(fact_at.get, fact_ids))
            looked_up.discard(None)  # a fact of another catalog
            found = cast(set[int], looked_up)
        for i in found & unknown:
            self.catalog.sector(*places[i])
        return found

    @cached_property
    def _place_of_each_fact(self) -> tuple[int, ...]:
        """The place (``fact_places``) of each fact of :attr:`fact_order`, as its id is
        looked up there (an id twice: the place its last fact gave it)."""
        return tuple(map(self.fact_places[0].__getitem__, self.fact_order))

    @cached_property
    def homes(self) -> Homes:
        """Commitments grouped by home: the sector names (indexes into ``sector_names``)
        they sit under and the fact places (indexes, ``fact_places``) they are read beside,
        alike for every commitment of a sector. Gives commitment → home, each home's
        commitments, and the homes under each name and beside each place: what a term's
        names and facts find is then a union of homes, asked at C speed."""
        named: dict[str, list[int]] = {}
        for i, ids in enumerate(self.sector_names[1]):
            for cid in ids:
                named.setdefault(cid, []).append(i)
        beside: dict[str, list[int]] = {}
        for i, under in enumerate(self.fact_places[2]):
            for cid in under or ():
                beside.setdefault(cid, []).append(i)
        at: dict[tuple[tuple[int, ...], tuple[int, ...]], int] = {}
        members: list[list[str]] = []
        home_of: dict[str, int] = {}
        for cid in self.order:
            home = at.setdefault((tuple(named.get(cid, ())), tuple(beside.get(cid, ()))),
                                 len(at))
            if home == len(members):
                members.append([])
            members[home].append(cid)
            home_of[cid] = home
        by_name: list[list[int]] = [[] for _ in self.sector_names[0]]
        by_place: list[list[int]] = [[] for _ in self.fact_places[1]]
        for home, (names, places) in enumerate(at):
            for i in names:
                by_name[i].append(home)
            for i in places:
                by_place[i].append(home)
        for table in (named, beside):  # freed one list at a time: 200,000 at once hold
            while table:                # the interpreter lock for tens of milliseconds
                table.popitem()
        # generators, not map: the window's thread gets the lock between items
        return (home_of, tuple(tuple(m) for m in members), tuple(tuple(h) for h in by_name),
                tuple(tuple(h) for h in by_place))

    def homes_found(self, folded_forms: Iterable[str], fact_ids: Collection[str]) -> set[int]:
        """The homes whose commitments a term finds besides their text: under a sector (or
        group) whose folded name holds one of the forms, or read beside one of the facts
        (under its sector or group). ``fact_ids`` is never changed after (as for
        :meth:`facts_in_order`)."""
        _, _, by_name, by_place = self.homes
        names = self.sector_names[0]
        found: set[int] = set()
        for form in folded_forms:
            pieces.update(found, *compress(by_name, map(str.__contains__, names,
                                                        repeat(form))))
        last = self._placed  # one read: the window's thread may ask too
        if last is None or last[0] is not fact_ids:  # never changed after, as above
            last = self._placed = (fact_ids, self._places_of(fact_ids))
        pieces.update(found, *map(by_place.__getitem__, last[1]))
        return found

    @cached_property
    def _home_places(self) -> GroupPlaces:
        """Each home's commitments' places in source order."""
        return GroupPlaces(map(self.homes[0].__getitem__, self.order), len(self.homes[1]))

    @cached_property
    def _home_gather(self) -> itemgetter[tuple[int, ...]] | None:
        """Picks, from a byte per home, each commitment's in source order (None for one
        commitment or none: ``itemgetter`` of one place gives no tuple)."""
        home_of = self.homes[0]
        return itemgetter(*map(home_of.__getitem__, self.order)) if len(self.order) > 1 \
            else None

    def homes_mask(self, homes: Collection[int]) -> bytes:
        """1 for each commitment (in source order) whose home is one of ``homes``, else 0:
        made in C (a byte per home, then one gather), not by looking up their ids; a few
        commitments are looked up by place, the rest never read."""
        places = self._home_places
        if places.count(homes) * FEW_AT_HOMES < len(self.order):
            return places.mask(len(self.order), homes)
        hit = marked(len(self.homes[1]), homes)
        gather = self._home_gather
        if gather is None:
            return bytes(hit[self.homes[0][cid]] for cid in self.order)
        return bytes(gather(hit))

    def at_homes(self, homes: Iterable[int]) -> Iterator[str]:
        """The commitments of these homes (each once: a commitment has one home)."""
        return chain.from_iterable(map(self.homes[1].__getitem__, homes))

    def among_homes(self, homes: Set[int], among: Iterable[str]) -> list[str]:
        """Those of ``among`` (commitments of the catalog) whose home is one of ``homes``."""
        home_of = self.homes[0]
        found: list[str] = []
        for piece in pieces.pieces(among):  # the window gets the lock between pieces
            found += compress(piece, map(homes.__contains__, map(home_of.__getitem__, piece)))
        return found

    @cached_property
    def dashed_ids(self) -> tuple[Ids, Ids]:
        """Every commitment's and fact's folded id between hyphens ("-2011-safe-1-")."""
        return (tuple(f"-{cid.casefold()}-" for cid in self.order),
                tuple(f"-{fid.casefold()}-" for fid in self.fact_order))

    def named_by_id(self, wanted: Collection[str]) -> tuple[set[str], set[str]]:
        """(commitments, facts) whose id holds one of the folded ``wanted`` as whole parts."""
        commitments, facts = self.dashed_ids
        found_c: set[str] = set()
        found_f: set[str] = set()
        for w in wanted:
            part = f"-{w}-"
            found_c.update(compress(self.order, map(str.__contains__, commitments,
                                                    repeat(part))))
            found_f.update(compress(self.fact_order, map(str.__contains__, facts,
                                                         repeat(part))))
        return found_c, found_f

    # -- the other filters ------------------------------------------------------------------
    @cached_property
    def by_party(self) -> dict[str, Ids]:
        return _grouped((c.party.value, c.id) for c in self.catalog.commitments)

    @cached_property
    def with_deadline(self) -> Ids:
        return tuple(c.id for c in self.catalog.commitments if c.has_deadline)

    @cached_property
    def by_meeting(self) -> dict[str, Ids]:
        return _grouped((c.meeting, c.id) for c in self.catalog.commitments)

    @cached_property
    def by_area(self) -> dict[str, Ids]:
        return _grouped((a, c.id) for c in self.catalog.commitments for a in c.areas)

    @staticmethod
    def any_of(groups: dict[str, Ids], keys: Iterable[str]) -> set[str]:
        """The ids in any of the named groups."""
        return set().union(*(groups.get(k, ()) for k in keys))


def _grouped(pairs: Iterable[tuple[str, str]]) -> dict[str, Ids]:
    groups: dict[str, list[str]] = {}
    for key, cid in pairs:
        groups.setdefault(key, []).append(cid)
    return {key: tuple(ids) for key, ids in groups.items()}
