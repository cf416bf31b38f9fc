"""Which commitments a view shows: search text, side, standing, and annotation filters.

Pure logic over the catalog; the search index and the annotation store are passed in as
protocols so this module needs neither SQLite nor Qt.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, runtime_checkable

from jcct_desktop.core import cancel, pieces
from jcct_desktop.core.annotations.assessments import current
from jcct_desktop.core.annotations.model import Annotation, Assessment, assessment_records
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.catalog_lookups import CatalogLookups
from jcct_desktop.core.masks import MaskedIds, as_bits, having
from jcct_desktop.core.search import parse_query
from jcct_desktop.core.source_order import SourceOrder, source_order
from jcct_desktop.core.standing import Standing, StandingBook, records_by_id, standing_book


class TextSearch(Protocol):
    def commitment_ids(self, text: str | None) -> set[str]: ...
    def doc_ids(self, phrases: Sequence[str]) -> tuple[Set[str], Set[str]]:
        """(commitment ids, fact ids) holding any phrase: sets the caller must not change
        (a search may keep and hand them out again). Phrases differing only in the case of
        ASCII letters find the same."""


@runtime_checkable
class NarrowingSearch(Protocol):
    def doc_ids_among(self, phrases: Sequence[str], among: Set[str],
                      facts_among: Set[str] | None = None
                      ) -> tuple[set[str], Set[str]] | None:
        """``doc_ids`` with its commitments met with ``among`` (a new set) and its facts
        whole, or met with ``facts_among`` when given, asked of those alone; None when the
        search cannot answer so."""


# a term's hits fewer than one in so many commitments: their mask is made id by id, which
# then costs less than a mask made from the search's rows (a pass over every row)
FEW_HITS = 40


@runtime_checkable
class MaskingSearch(Protocol):
    def commitment_mask(self, phrases: Sequence[str], ids: Sequence[str]) -> bytes | None:
        """1 for each of ``ids`` among ``doc_ids``' commitments, else 0 (made without a set
        of ids); None when the search cannot answer so."""


@runtime_checkable
class DocMaskingSearch(Protocol):
    def doc_masks(self, phrases: Sequence[str], ids: Sequence[str],
                  fact_ids: Sequence[str]) -> tuple[bytes, bytes] | None:
        """(1 for each of ``ids`` among ``doc_ids``' commitments, 1 for each of
        ``fact_ids`` among its facts), made without a set of ids; None when the search
        cannot answer so."""


@runtime_checkable
class Warmable(Protocol):
    def warm(self) -> None:
        """Read now what the first search would read (the reference search's rows)."""


class AnnotationIndex(Protocol):
    """What filters need from annotations (the annotation service provides it)."""

    def starred_ids(self) -> set[str]: ...
    def ids_by_tag(self, tag: str) -> set[str]: ...
    def search_notes(self, text: str) -> set[str]: ...
    def all(self) -> list[Annotation]: ...


@dataclass(frozen=True)
class Filter:
    text: str = ""
    sides: frozenset[str] = frozenset()  # "China" / "United States" / "both"; empty = all
    states: frozenset[Standing] = frozenset()  # empty = all
    has_deadline: bool = False
    starred: bool = False
    status: str | None = None  # assessment status
    tag: str | None = None
    follow_up_due: bool = False  # a follow-up date on or before the as-of date
    meetings: frozenset[str] = frozenset()  # meeting ids ("jcct-22"); empty = all
    areas: frozenset[str] = frozenset()  # issue areas: any of them; empty = all

    @property
    def is_empty(self) -> bool:
        return self == Filter()

    @property
    def searches(self) -> bool:
        """Whether the text holds a term to search for: text that is empty once cleaned (only
        spaces, or invisible characters such as U+200B) is no search, and shows everything."""
        return bool(parse_query(self.text).all_terms)


@dataclass(frozen=True)
class TextHits:
    """What a search found: commitments to show, and the facts that hold every term."""

    commitments: Set[str]  # of the catalog; shared with the search's cache: not to be changed
    facts: tuple[str, ...]  # fact ids, source order
    # each term's commitments (``commitments`` is what they all hold): masks are met term by
    # term, a kept term's mask remembered, rather than one made of a new set per key
    terms: tuple[Set[str], ...] = ()


@dataclass
class FilterContext:
    catalog: Catalog
    search: TextSearch
    annotations: AnnotationIndex | None = None
    _annotations: list[Annotation] | None = field(default=None, repr=False)
    _book: StandingBook | None = field(default=None, repr=False)
    _lookups: CatalogLookups | None = field(default=None, repr=False)

    def for_worker(self, search: TextSearch,
                   annotations: AnnotationIndex | None) -> FilterContext:
        """A context for one piece of work on another thread: its own search and notes
        reader (SQLite connections belong to a thread), this context's notes snapshot and
        standing book as they are now, and the cache of reference hits shared (the reference
        data never change, so either thread may fill it)."""
        other = FilterContext(self.catalog, search, annotations,
                              _annotations=self._annotations, _book=self._book,
                              _lookups=self.lookups)
        other._cache = self._cache
        other._narrowed = self._narrowed
        return other

    @property
    def lookups(self) -> CatalogLookups:
        """The catalog's lookups, made once (their tables as first asked for)."""
        if self._lookups is None:
            self._lookups = CatalogLookups(self.catalog)
        return self._lookups

    def prepare(self) -> None:
        """Make now what the first search would make (per catalog and per database): for a
        worker after start, so the first key typed does not wait for it."""
        self.lookups.prepare()
        if isinstance(self.search, Warmable):
            self.search.warm()
        if isinstance(self.search, DocMaskingSearch):  # its gathers into source order
            self.search.doc_masks((), source_order(self.catalog).ids, self.lookups.fact_order)
        elif isinstance(self.search, MaskingSearch):
            self.search.commitment_mask((), source_order(self.catalog).ids)

    def forget(self) -> None:
        """Annotations changed: standings and follow-ups are read afresh on next use."""
        self._annotations, self._book = None, None

    def prime(self, annotations: list[Annotation]) -> None:
        """Every annotation, read elsewhere (on a worker, after an import): used as read."""
        self._annotations, self._book = annotations, None

    def all_annotations(self) -> list[Annotation]:
        if self._annotations is None:
            self._annotations = self.annotations.all() if self.annotations is not None else []
        return self._annotations

    def standings(self, as_of: date) -> StandingBook:
        """Every commitment's standing (core.standing), kept until the date or notes change."""
        if self._book is None or self._book.as_of != as_of:
            records = records_by_id(self.all_annotations())
            self._book = standing_book(self.catalog.commitments, records, as_of)
        return self._book

    def assessed_ids(self, status: str, as_of: date) -> set[str]:
        """Ids whose assessment in force on ``as_of`` has this status (as the tree's badge
        shows it); "not assessed" takes every commitment with none in force."""
        wanted = Assessment(status)
        found = {a.commitment_id for a in self.all_annotations()
                 if current(assessment_records(a), as_of).status is wanted}
        if wanted is Assessment.NOT_ASSESSED:  # untouched commitments have no row at all
            touched = {a.commitment_id for a in self.all_annotations()}
            found |= self.lookups.all_ids() - touched
        return found

    def follow_up_due_ids(self, as_of: date) -> set[str]:
        return {a.commitment_id for a in self.all_annotations()
                if a.follow_up is not None and a.follow_up <= as_of}
    _cache: dict[str, tuple[Set[str], Set[str]]] = field(default_factory=dict)
    # a term's hits among earlier terms' (by the term's key): those very sets (by identity)
    # and what was found among them, for the same key typed again ("smart g" at each key)
    _narrowed: dict[str, tuple[Set[str], Set[str] | None, Set[str], Set[str]]] = field(
        default_factory=dict)
    # the last term's commitments made of the search's set and more (``_same_as_before``)
    _made: tuple[Set[str], Set[str], Set[str]] | None = field(default=None, repr=False)
    # the last few sets made of masks (``_made_alike``)
    _masks_made: tuple[MaskedIds, ...] = field(default=(), repr=False)
    last_hits: TextHits | None = None  # of the last search, for views showing its facts

    def text_hits(self, text: str) -> TextHits:
        """Every term (or one of its other forms: IPR, intellectual property) must be found.

        Term by term, each in a commitment's text or title, its sector's name, a fact of its
        sector, or the officer's notes on it: "software 王岐山" finds a commitment whose source
        says software and whose note names 王岐山; "unlicensed" finds the software sector.
        """
        every = self.lookups.id_set
        commitments: Set[str] | None = None
        facts: Set[str] | None = None
        terms: list[Set[str]] = []
        for term in parse_query(text).all_terms:
            cancel.check()  # a newer search supersedes this one: stop between terms
            forms = self.catalog.thesaurus.alternatives(term)
            # a commitment must hold every term: once earlier terms have narrowed the
            # commitments, a short term ("g" of "smart g") is tested among them alone
            narrowed = None if commitments is None or commitments is every \
                else self._reference_hits_among(forms, commitments, facts)
            found, term_facts = narrowed or self._reference_hits(forms)
            # asked among them and all found ("g" of "smart g"): the earlier set stands
            all_among = narrowed is not None and len(found) == len(commitments or ())
            if self.annotations is not None:
                noted = self.lookups.in_catalog(  # a note may outlive its commitment
                    set().union(*(self.annotations.search_notes(f) for f in forms)))
                if not noted <= found:
                    found = found | noted
            terms.append(found)
            # the terms are ANDed; a term found in every commitment ("s") narrows nothing
            if commitments is None or commitments is every:
                commitments = found
            elif all_among:
                pass  # the very set kept, its mask remembered, not a copy's made anew
            elif found is not every:
                met = commitments & found
                if len(met) != len(commitments):  # else the earlier set, as above
                    commitments = met
            if facts is None:
                facts = term_facts
            elif facts is not term_facts:
                met_facts = facts & term_facts
                if len(met_facts) != len(facts):  # else the very set kept: its order known
                    facts = met_facts
        ordered = self.lookups.facts_in_order(facts) if facts else ()
        self.last_hits = TextHits(frozenset() if commitments is None else commitments, ordered,
                                  tuple(terms))
        return self.last_hits

    def _reference_hits(self, forms: tuple[str, ...]) -> tuple[Set[str], Set[str]]:
        """(commitments of the catalog, facts) for one term's forms; cached: the reference
        data never change.

        Besides the text: sectors named with a form, facts' sectors, ids typed in part.
        """
        # a search answers alike for forms differing only in ASCII case (LIKE and the
        # trigram index both fold it); no other folding is safe: LIKE keeps É and é apart
        key = _cache_key(forms)
        found = self._cache.get(key)  # one read: another thread may clear the cache meanwhile
        if found is None:
            found = self._masked_hits(forms) or self._set_hits(forms)
            if len(self._cache) > 512:
                self._cache.clear()
            self._cache[key] = found
        return found

    def _masked_hits(self, forms: tuple[str, ...]) -> tuple[Set[str], Set[str]] | None:
        """:meth:`_reference_hits` made of masks, in C, when the search gives its hits so
        (``DocMaskingSearch``): the commitments and facts are sets read from their masks
        (``MaskedIds``), no set of ids made; None when the search cannot answer so."""
        if not isinstance(self.search, DocMaskingSearch):
            return None
        lookups = self.lookups
        order = source_order(self.catalog)
        masks = self.search.doc_masks(forms, order.ids, lookups.fact_order)
        if masks is None:
            return None
        mask, fact_mask = masks
        named_ids, named_facts = lookups.named_by_id(_id_parts(forms))
        if named_facts:
            fact_mask = (as_bits(fact_mask) | as_bits(lookups.facts_mask(named_facts))
                         ).to_bytes(len(fact_mask), "little")
        facts = self._made_alike(lookups.facts_masked(fact_mask))
        if 0 not in mask:  # every commitment found in the text ("s"): nothing to add
            return lookups.id_set, facts
        # those found besides the text: of a home holding the term, or named by id
        homes = lookups.homes_found([f.casefold() for f in forms], facts)
        if homes or named_ids:
            bits = as_bits(mask)
            if homes:
                bits |= as_bits(lookups.homes_mask(homes))
            if named_ids:
                bits |= as_bits(order.mask(named_ids))
            mask = bits.to_bytes(len(mask), "little")
            if 0 not in mask:
                return lookups.id_set, facts
        return self._made_alike(order.masked(mask)), facts

    def _made_alike(self, found: MaskedIds) -> MaskedIds:
        """``found``, or the very set an earlier term found when it has the same mask: a
        term typed on (``softw`` after ``soft``) that finds the same commitments (or
        facts) is handed the same set, so what is kept by identity serves again."""
        made = self._masks_made  # one read: the window's thread may search too
        for last in made:
            if last.ids is found.ids and last.mask == found.mask:
                return last
        self._masks_made = (*made[-3:], found)
        return found

    def _set_hits(self, forms: tuple[str, ...]) -> tuple[Set[str], Set[str]]:
        """:meth:`_reference_hits` made of the search's sets of ids."""
        lookups = self.lookups
        ids, fact_ids = self.search.doc_ids(forms)
        named_ids, named_facts = lookups.named_by_id(_id_parts(forms))
        if not named_facts <= fact_ids:  # the search's sets are shared: a new one
            fact_ids = fact_ids | named_facts
        every = lookups.id_set
        missing: frozenset[str] | None = None
        if lookups.is_whole(ids):  # the search's set of every commitment ("s", "r")
            missing = frozenset()
            in_catalog = ids
        elif 2 * len(ids) > len(every):  # what is missing says too whether all are ours
            missing = every.difference(ids)
            in_catalog = ids if len(ids) + len(missing) == len(every) \
                else lookups.in_catalog(ids)
        else:
            in_catalog = lookups.within_catalog(ids)
        of_ids = in_catalog  # those of the search's ids in the catalog
        more: Set[str] = frozenset()  # and those added to them
        homes: set[int] = set()
        if len(in_catalog) < len(every):  # else nothing is left to add
            homes = lookups.homes_found([f.casefold() for f in forms], fact_ids)
            in_catalog, more = _with_more(in_catalog, every, named_ids, homes, lookups,
                                          missing)
        whole = len(in_catalog) == len(every)  # "s": every commitment, no copy
        found = (every if whole else self._same_as_before(of_ids, more, in_catalog),
                 fact_ids)
        if not whole and not any(found[0] is kept for kept, _ in self._cache.values()):
            self._remember_mask(forms, of_ids, (more, named_ids, homes), found[0])
        return found

    def _same_as_before(self, of_ids: Set[str], more: Set[str], found: Set[str]) -> Set[str]:
        """``found`` (``of_ids`` and ``more``), or the very set an earlier term found when it
        is made of the same: a term typed on (``softw`` after ``soft``) is handed the very
        set of the search's rows when they are the same, and then its commitments (and
        their mask, remembered by identity) are the earlier ones'."""
        if found is of_ids:
            return found
        last = self._made  # one read: the window's thread may search too
        if last is not None and last[0] is of_ids and last[1] == more:
            return last[2]
        self._made = (of_ids, more, found)
        return found

    def _remember_mask(self, forms: tuple[str, ...], of_ids: Set[str],
                       added: tuple[Set[str], set[str], set[int]], found: Set[str]) -> None:
        """The mask of a term's commitments made from the search's rows, in C, and
        remembered with them: ``found`` is ``of_ids`` (the search's commitments in the
        catalog) and ``more`` (named by id, of a home holding the term: ``added`` is
        ``more``, the ids named and the homes). Not for a few: their mask is made quicker
        id by id, when first asked."""
        more, named_ids, homes = added
        order = source_order(self.catalog)
        if not isinstance(self.search, MaskingSearch) \
                or len(of_ids) * FEW_HITS < len(order.ids):
            return
        mask = self.search.commitment_mask(forms, order.ids)  # of ``of_ids``
        if mask is None:
            return
        if more and len(more) * FEW_HITS < len(order.ids):  # a few: looked up by id
            mask = (as_bits(mask) | as_bits(order.mask(more))).to_bytes(len(mask), "little")
        elif more:  # ``more`` is those named and those of the homes (some found already)
            bits = as_bits(mask) | as_bits(self.lookups.homes_mask(homes))
            if named_ids:
                bits |= as_bits(order.mask(self.lookups.in_catalog(named_ids)))
            mask = bits.to_bytes(len(mask), "little")
        order.remember(found, mask)

    def _reference_hits_among(self, forms: tuple[str, ...], among: Set[str],
                              facts_among: Set[str] | None = None
                              ) -> tuple[Set[str], Set[str]] | None:
        """:meth:`_reference_hits` with its commitments met with ``among`` (commitments of
        the catalog), each part asked of ``among`` alone; None when the search cannot
        answer so or the whole answer is kept already. With ``facts_among`` (the earlier
        terms' facts), the facts are met with them too, unless the term's homes are asked
        (those of its every fact): the texts of the earlier hits alone are then tested."""
        key = _cache_key(forms)
        if not isinstance(self.search, NarrowingSearch) or key in self._cache:
            return None
        kept = self._narrowed.get(key)  # one read: another thread may clear it meanwhile
        if kept is not None and kept[0] is among and kept[1] is facts_among:
            return kept[2], kept[3]
        got = self._narrowed_hits(forms, among, facts_among)
        if got is not None:
            if len(self._narrowed) >= 64:
                self._narrowed.clear()
            self._narrowed[key] = (among, facts_among, *got)
        return got

    def _narrowed_hits(self, forms: tuple[str, ...], among: Set[str],
                       facts_among: Set[str] | None) -> tuple[Set[str], Set[str]] | None:
        """:meth:`_reference_hits_among`, asked of the search."""
        assert isinstance(self.search, NarrowingSearch)
        lookups = self.lookups
        named_ids, named_facts = lookups.named_by_id(_id_parts(forms))
        named = set(filter(among.__contains__, named_ids))
        got = None
        if facts_among is not None:
            got = self.search.doc_ids_among(forms, among, facts_among)
            if got is not None and len(got[0] | named) < len(among):
                got = None  # some are left for the homes: they need every fact, asked so
            elif got is not None:
                met_named = named_facts.intersection(facts_among)
                return got[0] | named, got[1] | met_named if met_named else got[1]
        if got is None:
            got = self.search.doc_ids_among(forms, among)
        if got is None:
            return None
        found, fact_ids = got
        if not named_facts <= fact_ids:  # the search's sets are shared: a new one
            fact_ids = fact_ids | named_facts
        found.update(named)
        if len(found) < len(among):  # else none is left to add: no homes asked
            homes = lookups.homes_found([f.casefold() for f in forms], fact_ids)
            rest = among if not found else [c for c in among if c not in found]
            found.update(lookups.among_homes(homes, rest))
        return found, fact_ids


def _with_more(found: Set[str], every: frozenset[str], named_ids: set[str], homes: set[int],
               lookups: CatalogLookups, missing: frozenset[str] | None
               ) -> tuple[Set[str], Set[str]]:
    """``found`` with the commitments typed by id and those of the ``homes`` added, and
    those added (some maybe in ``found`` already; none when it is returned as it is);
    ``missing``, when known, is ``every`` less ``found``."""
    others = len(every) - len(found)
    if len(homes) * len(every) < others * len(lookups.homes[1]):  # about fewer to list
        more: set[str] = set(named_ids)
        pieces.update(more, lookups.at_homes(homes))
        return (found, frozenset()) if more <= found else (found | more, more)
    # most of the others are to be added ("re"): ask each of the others instead
    if missing is None:
        missing = every.difference(found)
    more = set(filter(missing.__contains__, named_ids))
    more.update(lookups.among_homes(homes, missing))
    if len(more) == len(missing):
        return every, more
    return (found | more, more) if more else (found, frozenset())


def _cache_key(forms: tuple[str, ...]) -> str:
    return "\x1f".join(f.lower() if f.isascii() else f for f in forms)


def _id_parts(forms: tuple[str, ...]) -> list[str]:
    """The folded forms that may be typed ids."""
    # ids are typed whole or by whole parts: 2011-SAFE-1, SAFE-1, jcct-23-SL. Only
    # hyphenated forms with a letter count, so "safe" or "2011" is never read as one.
    return [f.casefold() for f in forms if "-" in f and any(ch.isalpha() for ch in f)]


def matching_ids(flt: Filter, ctx: FilterContext, as_of: date) -> set[str]:
    lookups = ctx.lookups
    # what a search found narrows first: no set of the whole catalog is made for it
    result = set(ctx.text_hits(flt.text).commitments) if flt.searches else lookups.all_ids()
    cancel.check()
    if flt.sides:
        result &= lookups.any_of(lookups.by_party, flt.sides)
    if flt.has_deadline:
        result.intersection_update(lookups.with_deadline)
    if flt.states:
        cancel.check()
        book = ctx.standings(as_of)
        result = {i for i in result if book.of(i).value in flt.states}
    if flt.follow_up_due:
        result &= ctx.follow_up_due_ids(as_of)
    if flt.meetings:
        result &= lookups.any_of(lookups.by_meeting, flt.meetings)
    if flt.areas:
        result &= lookups.any_of(lookups.by_area, flt.areas)
    ann = ctx.annotations
    if ann is not None:
        if flt.starred:
            result &= ann.starred_ids()
        if flt.status:  # the assessment in force on the As-of date, as the badges show
            result &= ctx.assessed_ids(flt.status, as_of)
        if flt.tag:
            result &= ann.ids_by_tag(flt.tag)
    return result


def matching_mask(flt: Filter, ctx: FilterContext, as_of: date) -> bytes:
    """:func:`matching_ids` as a mask in source order (``core.source_order``): the same
    commitments, with no set of ids made or copied. Each part is a mask, remembered for the
    collections asked again key after key (a term's cached hits, the groups of the side,
    deadline, meeting and area filters), and the parts are met as integers, in C."""
    lookups = ctx.lookups
    order = source_order(ctx.catalog)
    parts: list[bytes] = []
    if flt.searches:
        text_hits = ctx.text_hits(flt.text)
        # a term's hits as the cache keeps them come again at the next key, their mask
        # remembered: when every term's are so, their masks are met (in C); a set met with
        # notes or among earlier terms' is new each time, and then the one met set's made
        kept = [found[0] for found in list(ctx._cache.values())]
        terms = [t for t in text_hits.terms if t is not lookups.id_set]  # "s" narrows nothing
        if text_hits.terms and all(any(t is k for k in kept) for t in terms):
            parts += map(order.mask_of, terms)
        else:
            hits = text_hits.commitments
            parts.append(order.mask_of(hits) if any(hits is k for k in kept)
                         else order.mask(hits))
    cancel.check()
    if flt.sides:
        parts.append(_any_of(order, lookups.by_party, flt.sides))
    if flt.has_deadline:
        parts.append(order.mask_of(lookups.with_deadline))
    if flt.states:
        cancel.check()
        parts.append(having(order.codes(_values_of(ctx.standings(as_of))), flt.states))
    if flt.follow_up_due:
        parts.append(order.mask(ctx.follow_up_due_ids(as_of)))
    if flt.meetings:
        parts.append(_any_of(order, lookups.by_meeting, flt.meetings))
    if flt.areas:
        parts.append(_any_of(order, lookups.by_area, flt.areas))
    ann = ctx.annotations
    if ann is not None:
        if flt.starred:
            parts.append(order.mask(ann.starred_ids()))
        if flt.status:
            parts.append(order.mask(ctx.assessed_ids(flt.status, as_of)))
        if flt.tag:
            parts.append(order.mask(ann.ids_by_tag(flt.tag)))
    if not parts:
        return order.everything
    if len(parts) == 1:
        return parts[0]
    bits = as_bits(parts[0])
    for part in parts[1:]:
        bits &= as_bits(part)
    return bits.to_bytes(len(order.ids), "little")


def _any_of(order: SourceOrder, groups: dict[str, tuple[str, ...]], keys: Set[str]) -> bytes:
    """The mask of the ids in any of the named groups (each group's mask remembered)."""
    found = [order.mask_of(groups[k]) for k in keys if k in groups]
    if not found:
        return bytes(len(order.ids))
    bits = 0
    for part in found:
        bits |= as_bits(part)
    return bits.to_bytes(len(order.ids), "little")


# the standings of the last book asked, by id: a filter on standings asks them per key
_last_values: tuple[StandingBook, dict[str, Standing]] | None = None


def _values_of(book: StandingBook) -> dict[str, Standing]:
    """``book.values()``, made once per book (the same dictionary each time, so the source
    order's codes of it are made once too)."""
    global _last_values
    last = _last_values  # one read: the window's thread may ask too
    if last is None or last[0] is not book:
        last = _last_values = (book, book.values())
    return last[1]
