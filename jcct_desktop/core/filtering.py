"""Which commitments a view shows: search text, side, standing, and annotation filters.

Pure logic over the catalog; the search index and the annotation store are passed in as
protocols so this module needs neither SQLite nor Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Protocol

from jcct_desktop.core.annotations.model import Annotation, Assessment
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.search import parse_query
from jcct_desktop.core.standing import Standing, StandingBook, records_by_id, standing_book


class TextSearch(Protocol):
    def commitment_ids(self, text: str | None) -> set[str]: ...


class AnnotationIndex(Protocol):
    """What filters need from annotations (the annotation service provides it)."""

    def starred_ids(self) -> set[str]: ...
    def ids_by_assessment(self, status: str) -> set[str]: ...
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

    def with_text(self, text: str) -> Filter:
        return replace(self, text=text)


@dataclass
class FilterContext:
    catalog: Catalog
    search: TextSearch
    annotations: AnnotationIndex | None = None
    _annotations: list[Annotation] | None = field(default=None, repr=False)
    _book: StandingBook | None = field(default=None, repr=False)

    def forget(self) -> None:
        """Annotations changed: standings and follow-ups are read afresh on next use."""
        self._annotations, self._book = None, None

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

    def follow_up_due_ids(self, as_of: date) -> set[str]:
        return {a.commitment_id for a in self.all_annotations()
                if a.follow_up is not None and a.follow_up <= as_of}

    def text_matches(self, text: str) -> set[str]:
        """Commitments where every term is found in the source text, the title or the notes.

        Term by term, so "software 王岐山" finds a commitment whose source says software and
        whose note names 王岐山.
        """
        if self.annotations is None:
            return set(self.search.commitment_ids(text))
        hits: set[str] | None = None
        for term in parse_query(text).all_terms:
            found = set(self.search.commitment_ids(term)) | self.annotations.search_notes(term)
            hits = found if hits is None else hits & found
            if not hits:
                break
        return hits or set()


def matching_ids(flt: Filter, ctx: FilterContext, as_of: date) -> set[str]:
    ids: Iterable[str] = ctx.catalog.ids
    result = set(ids)
    if flt.text.strip():
        result &= ctx.text_matches(flt.text)
    if flt.sides:
        result = {i for i in result if ctx.catalog.commitment(i).party.value in flt.sides}
    if flt.has_deadline:
        result = {i for i in result if ctx.catalog.commitment(i).has_deadline}
    if flt.states:
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
        if flt.status == Assessment.NOT_ASSESSED:
            # the store keeps rows only for touched commitments: untouched ones count too
            assessed = [ann.ids_by_assessment(s) for s in Assessment if s != flt.status]
            result -= set().union(*assessed)
        elif flt.status:
            result &= ann.ids_by_assessment(flt.status)
        if flt.tag:
            result &= ann.ids_by_tag(flt.tag)
    return result
