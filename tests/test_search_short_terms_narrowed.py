"""A short term beside others is tested among the others' hits only, with the same answer.

The terms of a search are ANDed, so once "smart" has narrowed the commitments, the "g" of
"smart g" need only be tested among them (``FilterContext._reference_hits_among`` over
``ReferenceSearch.doc_ids_among``). Whatever the order and mix of short and long terms, the
window's filter must show what the straightforward filter (``bench/straightforward_filter``:
every term over the whole catalog, in SQL alone) shows, on the 2011 meeting with notes and
on a generated archive, and what the same filter shows without the narrowing.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.make_archive import make_archive
from bench.straightforward_filter import straightforward
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.filtering import (
    AnnotationIndex,
    Filter,
    FilterContext,
    NarrowingSearch,
    matching_ids,
)
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.store.reference.search import CombinedSearch, ReferenceSearch
from tests.ui_support import AS_OF

# short pieces (under three characters: tested in memory) and longer words, with ids,
# other forms (IPR) and a note's words among them
WORDS = ["s", "g", "re", "SF", "e", "王", "'", "-", "smart", "grid", "software", "IPR",
         "regulation", "SAFE-1", "quokka", "王岐山", "China's", "zq", "of", "the"]


class _Whole:
    """A search that answers every term over the whole index (no ``doc_ids_among``)."""

    def __init__(self, search: ReferenceSearch) -> None:
        self._search = search

    def commitment_ids(self, text: str | None) -> set[str]:
        return self._search.commitment_ids(text)

    def doc_ids(self, phrases: Sequence[str]):
        return self._search.doc_ids(phrases)


def _warmed(search: ReferenceSearch) -> ReferenceSearch:
    fast = ReferenceSearch(search._engine)
    fast.warm()
    return fast


def _check(catalog: Catalog, search: ReferenceSearch, notes: AnnotationIndex | None,
           texts: list[str]) -> None:
    narrowing = FilterContext(catalog, _warmed(search), notes)
    whole = FilterContext(catalog, _Whole(_warmed(search)), notes)
    straight = ReferenceSearch(search._engine)  # SQL alone, never warmed
    for text in texts:
        found = matching_ids(Filter(text=text), narrowing, AS_OF)
        if not Filter(text=text).searches:  # "' '": no term left once cleaned, no search
            assert found == set(catalog.ids), text
            continue
        facts = narrowing.last_hits.facts if narrowing.last_hits is not None else ()
        assert (found, facts) == straightforward(catalog, straight, notes, text), text
        assert found == matching_ids(Filter(text=text), whole, AS_OF), text
        assert facts == (whole.last_hits.facts if whole.last_hits is not None else ()), text


@pytest.fixture
def noted(service):
    service.add_note(commitment_id="2011-II-1", text="Quokka-level detail from the 王岐山 meeting")
    service.add_note(commitment_id="2011-SOFT-2", text="software audit: ask 王岐山's office")
    return service


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    path = make_archive(tmp_path_factory.mktemp("narrowed") / "archive.sqlite", meetings=20,
                        per_meeting=100)
    return open_reference(path)


TYPED = ["smart g", "smart gr", "software s", "software 王", "g smart", "SF e", "s re",
         "regulation e re", "IPR s", "SAFE-1 e", "quokka e", "smart zq", "grid '", "the s",
         "e", "re", "o", "t", "n", "a re"]  # alone: most commitments, the few others asked


def test_the_2011_meeting_with_notes(reference, noted) -> None:
    _check(reference.catalog, reference.search, noted, TYPED)


def test_a_generated_archive(archive) -> None:
    _check(archive.catalog, archive.search, None, TYPED)


def test_a_short_term_is_asked_among_the_others_hits(archive) -> None:
    """The narrowing is taken (so the tests above compare two different paths), and gives
    the whole answer met with the commitments asked about."""
    search = _warmed(archive.search)
    assert isinstance(search, NarrowingSearch)
    among = set(sorted(archive.catalog.ids)[::7])
    for phrases in (["g"], ["gr", "s"], ["re"], ["zq"], ["王"]):
        got = search.doc_ids_among(phrases, among)
        assert got is not None, phrases
        commitments, facts = search.doc_ids(phrases)
        assert got == (set(commitments) & among, facts), phrases
    assert search.doc_ids_among(["grid"], among) is None  # three characters: MATCH instead
    assert ReferenceSearch(archive.search._engine).doc_ids_among(["g"], among) is None
    assert CombinedSearch(search, search).doc_ids_among(["g"], among) == \
        search.doc_ids_among(["g"], among)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(queries=st.lists(st.lists(st.sampled_from(WORDS), min_size=2, max_size=4),
                        min_size=1, max_size=4))
def test_multi_word_queries_on_a_generated_archive(archive, queries) -> None:
    _check(archive.catalog, archive.search, None, [" ".join(q) for q in queries])


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(queries=st.lists(st.lists(st.sampled_from(WORDS), min_size=2, max_size=3),
                        min_size=1, max_size=3))
def test_multi_word_queries_on_the_2011_meeting(reference, noted, queries) -> None:
    _check(reference.catalog, reference.search, noted, [" ".join(q) for q in queries])


class _WithAStranger:
    """The real search, finding besides a commitment that no catalog holds (as an index
    out of step with its catalog would)."""

    def __init__(self, search: ReferenceSearch) -> None:
        self._search = search

    def commitment_ids(self, text: str | None) -> set[str]:
        return self._search.commitment_ids(text)

    def doc_ids(self, phrases: Sequence[str]):
        commitments, facts = self._search.doc_ids(phrases)
        return set(commitments) | {"1999-GONE-1"}, facts


def test_a_commitment_of_no_catalog_is_never_shown(archive) -> None:
    plain = FilterContext(archive.catalog, _Whole(_warmed(archive.search)))
    odd = FilterContext(archive.catalog, _WithAStranger(_warmed(archive.search)))
    for text in ["re", "e", "so", "regulation", "software s", "zq"]:
        found = matching_ids(Filter(text=text), odd, AS_OF)
        assert "1999-GONE-1" not in found, text
        assert found == matching_ids(Filter(text=text), plain, AS_OF), text
