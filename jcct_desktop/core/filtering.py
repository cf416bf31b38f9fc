"""Which commitments a view shows: search text, side, deadline state, and annotation filters.

Pure logic over the catalog; the search index and the annotation store are passed in as
protocols so this module needs neither SQLite nor Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Protocol

from jcct_desktop.core.annotations.model import Assessment
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.search import parse_query
from jcct_desktop.core.status import DeadlineState, commitment_state


class TextSearch(Protocol):
    def commitment_ids(self, text: str | None) -> set[str]: ...


class AnnotationIndex(Protocol):
    """What filters need from annotations (the annotation service provides it)."""

    def starred_ids(self) -> set[str]: ...
    def ids_by_assessment(self, status: str) -> set[str]: ...
    def ids_by_tag(self, tag: str) -> set[str]: ...
    def search_notes(self, text: str) -> set[str]: ...


@dataclass(frozen=True)
class Filter:
    text: str = ""
    sides: frozenset[str] = frozenset()  # "China" / "United States" / "both"; empty = all
    states: frozenset[DeadlineState] = frozenset()  # empty = all
    has_deadline: bool = False
    starred: bool = False
    status: str | None = None  # assessment status
    tag: str | None = None

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
    _cache: dict[str, set[str]] = field(default_factory=dict)

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
        result = {
            i
            for i in result
            if commitment_state(ctx.catalog.commitment(i), as_of).state in flt.states
        }
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
