"""The filters' per-catalog lookups give exactly what walking the catalog gives.

``bench/straightforward_filter.py`` is the filter as it was written before the lookups: every
sector, fact and commitment walked per term, over the SQL-only search. The window's filter
(``matching_ids`` with ``core/catalog_lookups.py`` and the in-memory search) must show the
same commitments and facts on the 2011 meeting with notes, on a generated archive, with an
imported meeting, alone and with the other filters; the shown order and the counts too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.straightforward_filter import straightforward
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.filtering import AnnotationIndex, Filter, FilterContext, matching_ids
from jcct_desktop.core.source_order import source_order
from jcct_desktop.core.standing import Standing
from jcct_desktop.ui.refilter import shown_in_order
from tests.search_support import add_searched_notes, generated_archive, with_jcct_23
from tests.search_support import straight as _straight
from tests.search_support import warmed as _warmed
from tests.ui_support import AS_OF

TYPED = [
    "s", "so", "sof", "software", "S", "IPR", "intellectual property", "IT", "王", "王岐山",
    "2011-SAFE-1", "SAFE-1", "safe-1", "jcct-23-IPR", "2000-001", "2001-003-SOFT",
    "unlicensed", "quokka", "software 王岐山", "smart g", "smart grid", "SF", "SFDA", "re",
    "China's", "China’s", "U.S.-China", "e", "zzqqxx", "state-owned", "legalization",
]


def _alike(catalog: Catalog, search, notes: AnnotationIndex | None, typed: list[str],
           straight) -> None:
    ctx = FilterContext(catalog, search, notes)
    for text in typed:
        found = matching_ids(Filter(text=text), ctx, AS_OF)
        facts = ctx.last_hits.facts if ctx.last_hits is not None else ()
        assert (found, facts) == straightforward(catalog, straight, notes, text), text


@pytest.fixture
def noted(service):
    return add_searched_notes(service)


def test_the_2011_meeting_with_notes(reference, noted) -> None:
    fast = _warmed(reference.search)
    _alike(reference.catalog, fast, noted, TYPED, _straight(reference.search))
    _alike(reference.catalog, fast, noted, TYPED[::-1], _straight(reference.search))
    ctx = FilterContext(reference.catalog, fast, noted)
    assert matching_ids(Filter(text="quokka"), ctx, AS_OF) == {"2011-II-1"}  # not 2099-GONE-1


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return generated_archive(tmp_path_factory, "filters")


def test_a_generated_archive(archive) -> None:
    _alike(archive.catalog, _warmed(archive.search), None, TYPED, _straight(archive.search))
    ctx = FilterContext(archive.catalog, _warmed(archive.search))
    assert matching_ids(Filter(text="s"), ctx, AS_OF) == set(archive.catalog.ids)


def test_an_imported_meeting(data_dir: Path, tmp_path: Path, capsys) -> None:
    both, straight = with_jcct_23(data_dir, tmp_path, capsys)
    both.search.warm()
    _alike(both.catalog, both.search, None, TYPED, straight)


def _walked(catalog: Catalog, flt: Filter, ctx: FilterContext) -> set[str]:
    """The other filters applied commitment by commitment, as they were."""
    found = set(catalog.ids)
    if flt.searches:
        found &= straightforward(catalog, _straight(ctx.search), None, flt.text)[0]
    commitments = [catalog.commitment(i) for i in found]
    return {c.id for c in commitments
            if (not flt.sides or c.party.value in flt.sides)
            and (not flt.has_deadline or c.has_deadline)
            and (not flt.meetings or c.meeting in flt.meetings)
            and (not flt.areas or flt.areas & set(c.areas))}


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_other_filters_with_and_without_a_search(archive, data) -> None:
    catalog = archive.catalog
    warmed_archive_search = _warmed(archive.search)
    meetings = [m.id for m in catalog.meetings]
    areas = sorted({a for c in catalog.commitments for a in c.areas})
    flt = Filter(
        text=data.draw(st.sampled_from(["", "s", "software", "SF", "smart g", "zzqq"])),
        sides=frozenset(data.draw(st.sets(st.sampled_from(["China", "United States",
                                                           "both"])))),
        has_deadline=data.draw(st.booleans()),
        meetings=frozenset(data.draw(st.sets(st.sampled_from(meetings), max_size=3))),
        areas=frozenset(data.draw(st.sets(st.sampled_from(areas), max_size=2)))
        if areas else frozenset(),
    )
    ctx = FilterContext(catalog, warmed_archive_search)
    assert matching_ids(flt, ctx, AS_OF) == _walked(catalog, flt, ctx)


def test_the_shown_order_and_the_counts(archive) -> None:
    catalog = archive.catalog
    ctx = FilterContext(catalog, archive.search)
    states = ctx.standings(AS_OF).values()
    everything = [c.id for c in catalog.commitments]
    for visible in (None, set(), {"no-such-id"}, set(everything[::3]), set(everything[:7]),
                    set(everything[-40:]) | {"no-such-id"}, set(everything),
                    set(everything) | {"no-such-id"}, set(everything[1:]) | {"no-such-id"}):
        shown = shown_in_order(catalog, visible)
        assert shown == [c for c in everything if visible is None or c in visible]
        counts = dict.fromkeys(Standing, 0)
        for cid in shown:
            counts[states.get(cid, Standing.NO_DEADLINE)] += 1
        order = source_order(catalog)
        assert order.counts(order.mask(visible), states) == counts
        assert list(order.counts(order.mask(visible), states)) == list(Standing)


class CaseKeepingSearch:
    """Finds a phrase as typed, ASCII case folded only (as SQLite's LIKE does)."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts

    def commitment_ids(self, text: str | None) -> set[str]:
        return set()

    def doc_ids(self, phrases: Sequence[str]) -> tuple[set[str], set[str]]:
        def fold(t: str) -> str:
            return "".join(ch.lower() if ch.isascii() else ch for ch in t)

        return {cid for cid, text in self.texts.items()
                if any(fold(p) in fold(text) for p in phrases)}, set()


def test_forms_told_apart_by_more_than_ascii_case_are_asked_again(reference) -> None:
    """É and é (or Ü and ü) are different searches: the remembered answer to one is never
    the other's."""
    catalog = reference.catalog
    first, second = catalog.commitments[0].id, catalog.commitments[1].id
    search = CaseKeepingSearch({first: "École", second: "école über STRASSE"})
    ctx = FilterContext(catalog, search)
    for typed, expected in [("É", {first}), ("é", {second}), ("É", {first}),
                            ("Ü", set()), ("ü", {second}), ("Ü", set()),
                            ("strasse", {second}), ("STRASSE", {second})]:
        assert matching_ids(Filter(text=typed), ctx, AS_OF) == expected, typed


def test_one_set_of_lookups_per_context_and_its_workers(reference, archive) -> None:
    ctx = FilterContext(reference.catalog, reference.search)
    assert ctx.lookups is ctx.lookups
    assert ctx.for_worker(reference.search, None).lookups is ctx.lookups
    assert FilterContext(archive.catalog, archive.search).lookups is not ctx.lookups
    assert ctx.lookups.all_ids() == set(reference.catalog.ids)
    day = date(2012, 1, 1)
    assert matching_ids(Filter(), ctx, day) == set(reference.catalog.ids)
