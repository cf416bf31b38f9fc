"""Which commitments a view shows: search text, side, standing, and annotation filters.

Pure logic over the catalog; the search index and the annotation store are passed in as
protocols so this module needs neither SQLite nor Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from jcct_desktop.core import cancel
from jcct_desktop.core.annotations.assessments import current
from jcct_desktop.core.annotations.model import Annotation, Assessment, assessment_records
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.search import parse_query
from jcct_desktop.core.standing import Standing, StandingBook, records_by_id, standing_book


class TextSearch(Protocol):
    def commitment_ids(self, text: str | None) -> set[str]: ...
    def doc_ids(self, phrases: Sequence[str]) -> tuple[set[str], set[str]]: ...


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

    commitments: frozenset[str]
    facts: tuple[str, ...]  # fact ids, source order


@dataclass
class FilterContext:
    catalog: Catalog
    search: TextSearch
    annotations: AnnotationIndex | None = None
    _annotations: list[Annotation] | None = field(default=None, repr=False)
    _book: StandingBook | None = field(default=None, repr=False)

    def for_worker(self, search: TextSearch,
                   annotations: AnnotationIndex | None) -> FilterContext:
        """A context for one piece of work on another thread: its own search and notes
        reader (SQLite connections belong to a thread), this context's notes snapshot and
        standing book as they are now, and the cache of reference hits shared (the reference
        data never change, so either thread may fill it)."""
        other = FilterContext(self.catalog, search, annotations,
                              _annotations=self._annotations, _book=self._book)
        other._cache = self._cache
        return other

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
            found |= set(self.catalog.ids) - touched
        return found

    def follow_up_due_ids(self, as_of: date) -> set[str]:
        return {a.commitment_id for a in self.all_annotations()
                if a.follow_up is not None and a.follow_up <= as_of}
    _cache: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    last_hits: TextHits | None = None  # of the last search, for views showing its facts

    def text_matches(self, text: str) -> set[str]:
        return set(self.text_hits(text).commitments)

    def text_hits(self, text: str) -> TextHits:
        """Every term (or one of its other forms: IPR, intellectual property) must be found.

        Term by term, each in a commitment's text or title, its sector's name, a fact of its
        sector, or the officer's notes on it: "software 王岐山" finds a commitment whose source
        says software and whose note names 王岐山; "unlicensed" finds the software sector.
        """
        commitments: set[str] | None = None
        facts: set[str] | None = None
        for term in parse_query(text).all_terms:
            cancel.check()  # a newer search supersedes this one: stop between terms
            forms = self.catalog.thesaurus.alternatives(term)
            in_reference, term_facts = self._reference_hits(forms)
            found = set(in_reference)
            if self.annotations is not None:
                for form in forms:
                    found |= self.annotations.search_notes(form)
            commitments = found if commitments is None else commitments & found
            facts = set(term_facts) if facts is None else facts & term_facts
        ordered = tuple(f.id for f in self.catalog.facts if f.id in (facts or ()))
        self.last_hits = TextHits(frozenset(commitments or ()), ordered)
        return self.last_hits

    def _reference_hits(self, forms: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
        """(commitments, facts) for one term's forms; cached: the reference data never change."""
        key = "\x1f".join(forms).casefold()
        found = self._cache.get(key)  # one read: another thread may clear the cache meanwhile
        if found is None:
            ids, fact_ids = self.search.doc_ids(forms)
            named_ids, named_facts = self._named_by_id(forms)
            fact_ids = fact_ids | named_facts
            found = (frozenset(ids | named_ids | self._under_named_sectors(forms)
                               | self._beside_facts(fact_ids)), frozenset(fact_ids))
            if len(self._cache) > 512:
                self._cache.clear()
            self._cache[key] = found
        return found

    def _named_by_id(self, forms: tuple[str, ...]) -> tuple[set[str], set[str]]:
        """(commitments, facts) whose id is typed whole or by whole parts: ``2011-SAFE-1``,
        ``SAFE-1``, ``jcct-23-SL``. Ids are how notes, packets and colleagues cite an item,
        and no source text holds them. Only hyphenated forms with a letter count, so a word
        ("safe") or a year ("2011") is never read as an id."""
        wanted = [f.casefold() for f in forms
                  if "-" in f and any(ch.isalpha() for ch in f)]
        if not wanted:
            return set(), set()

        def named(item_id: str) -> bool:
            parts = f"-{item_id.casefold()}-"
            return any(f"-{w}-" in parts for w in wanted)

        return ({c.id for c in self.catalog.commitments if named(c.id)},
                {f.id for f in self.catalog.facts if named(f.id)})

    def _under_named_sectors(self, forms: tuple[str, ...]) -> set[str]:
        folded = [f.casefold() for f in forms]
        return {c.id for s in self.catalog.sectors
                if any(f in s.name.casefold() for f in folded)
                for c in self.catalog.commitments_under(s)}

    def _beside_facts(self, fact_ids: set[str]) -> set[str]:
        """The commitments an officer reads a fact beside: its sector's (or group's)."""
        found: set[str] = set()
        for fid in fact_ids:
            fact = self.catalog.fact(fid)
            if fact is not None:
                sector = self.catalog.sector(fact.meeting, fact.sector)
                found |= {c.id for c in self.catalog.commitments_under(sector)}
        return found


def matching_ids(flt: Filter, ctx: FilterContext, as_of: date) -> set[str]:
    ids: Iterable[str] = ctx.catalog.ids
    result = set(ids)
    if flt.searches:
        result &= ctx.text_matches(flt.text)
    cancel.check()
    if flt.sides:
        result = {i for i in result if ctx.catalog.commitment(i).party.value in flt.sides}
    if flt.has_deadline:
        result = {i for i in result if ctx.catalog.commitment(i).has_deadline}
    if flt.states:
        cancel.check()
        book = ctx.standings(as_of)
        result = {i for i in result if book.of(i).value in flt.states}
    if flt.follow_up_due:
        result &= ctx.follow_up_due_ids(as_of)
    if flt.meetings:
        result = {i for i in result if ctx.catalog.commitment(i).meeting in flt.meetings}
    if flt.areas:
        result = {i for i in result if flt.areas & set(ctx.catalog.commitment(i).areas)}
    ann = ctx.annotations
    if ann is not None:
        if flt.starred:
            result &= ann.starred_ids()
        if flt.status:  # the assessment in force on the As-of date, as the badges show
            result &= ctx.assessed_ids(flt.status, as_of)
        if flt.tag:
            result &= ann.ids_by_tag(flt.tag)
    return result
