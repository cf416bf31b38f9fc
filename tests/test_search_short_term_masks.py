"""Short terms' masks made in C, and a short term that narrows nothing (issue 25, session 9).

``ShortTermScan.commitment_mask`` (a byte per text gathered into source order) must mark
exactly :meth:`ShortTermScan.holding`'s commitments, LIKE's way (ASCII case folded, nothing
else; cut at a NUL); ``ReferenceSearch.commitment_mask`` of short and long phrases mixed
exactly ``doc_ids``' commitments; ``CatalogLookups.homes_mask`` exactly the commitments of
those homes. A short term found in every commitment the earlier terms found ("g" of "smart
g") keeps their very set, so its remembered mask serves; the answers stay the
straightforward filter's (``bench/straightforward_filter.py``), with notes and without.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.make_archive import make_archive
from bench.straightforward_filter import straightforward
from jcct_desktop.core.catalog_lookups import CatalogLookups
from jcct_desktop.core.filtering import Filter, FilterContext, matching_ids, matching_mask
from jcct_desktop.core.source_order import source_order
from jcct_desktop.store.reference.index_rows import ShortTermScan
from jcct_desktop.store.reference.reader import open_reference
from tests.search_support import add_searched_notes
from tests.search_support import straight as _straight
from tests.search_support import warmed as _warmed
from tests.ui_support import AS_OF

# pieces of text and of terms: ASCII letters in both cases, a non-ASCII letter LIKE keeps
# apart from its other case, CJK, quotes, a NUL, a space
PIECES = ["a", "A", "b", "B", "ab", "É", "é", "王", "'", "’", '"', "\x00", " ", "%", "_"]


def _plain_mask(ids: list[str] | tuple[str, ...], chosen: set[str]) -> bytes:
    return bytes(i in chosen for i in ids)


@st.composite
def _scans(draw: st.DrawFn) -> tuple[list[tuple[str, str, str | None]], list[str]]:
    """Index rows (doc, kind, text or NULL), one row per commitment at most, and an order
    of commitment ids (some with no row)."""
    texts = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)
    rows: list[tuple[str, str, str | None]] = []
    for i in range(draw(st.integers(0, 25))):
        kind = draw(st.sampled_from(["commitment", "commitment", "fact"]))
        rows.append((f"c{i}" if kind == "commitment" else f"f{i}", kind,
                     draw(st.none() | texts)))
    ids = draw(st.permutations([f"c{i}" for i in range(30)]))
    return rows, list(ids[:draw(st.integers(2, 30))])


@settings(max_examples=300, deadline=None)
@given(_scans(), st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map("".join))
def test_a_short_terms_mask_is_its_holding_commitments(drawn, term) -> None:
    rows, ids = drawn
    scan = ShortTermScan(rows)
    want = _plain_mask(ids, set(scan.holding(term)[0]))
    assert scan.commitment_mask(term, tuple(ids)) == want
    assert scan.commitment_mask(term, tuple(ids)) == want  # the gather made once, kept
    # as SQLite's LIKE tests it: ASCII case folded, nothing else, each side read as a C
    # string (cut at a NUL)
    table = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

    def fold(text: str) -> str:
        return text.partition("\x00")[0].translate(table)

    assert want == _plain_mask(ids, {doc for doc, kind, text in rows if kind == "commitment"
                                     and text is not None and fold(term) in fold(text)})


def test_a_commitment_with_two_rows_gets_no_mask() -> None:
    scan = ShortTermScan([("c1", "commitment", "ab"), ("c1", "commitment", "cd")])
    assert scan.commitment_mask("a", ("c1", "c2")) is None  # as SQL does: every row tested


@pytest.fixture(scope="module")
def archive():
    from pathlib import Path
    from tempfile import mkdtemp

    path = make_archive(Path(mkdtemp(prefix="short-masks-")) / "archive.sqlite", meetings=20,
                        per_meeting=100)
    return open_reference(path)


MIXED = [["so"], ["g"], ["re", "software"], ["SF", "e"], ["王"], ["'"], ["zq", "smart"],
         ["S", "smart grid"], ["Re", "regulation"], ["IPR", "s"]]


@pytest.mark.parametrize("which", ["archive", "reference"])
def test_a_searchs_mask_of_short_and_long_phrases_is_its_doc_ids_commitments(
        which, request) -> None:
    opened = request.getfixturevalue(which)
    fast, straight = _warmed(opened.search), _straight(opened.search)
    ids = source_order(opened.catalog).ids
    for phrases in MIXED:
        want = _plain_mask(ids, set(straight.doc_ids(phrases)[0]))
        assert fast.commitment_mask(phrases, ids) == want, phrases
        fast.doc_ids(phrases)
        assert fast.commitment_mask(phrases, ids) == want, phrases  # after doc_ids, alike


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_homes_mask_is_its_homes_commitments(archive, data) -> None:
    lookups = CatalogLookups(archive.catalog)
    count = len(lookups.homes[1])
    homes = data.draw(st.sets(st.integers(0, count - 1), max_size=40) | st.just(
        set(range(count))))
    assert lookups.homes_mask(homes) == _plain_mask(lookups.order, set(lookups.at_homes(homes)))


TYPED = ["smart", "smart ", "smart g", "smart gr", "smart gri", "smart grid", "software s",
         "s software", "re", "re g", "re smart", "SF e", "smart '", "smart 王", "g", "SFDA s"]


@pytest.mark.parametrize("with_notes", [False, True])
def test_typed_prefixes_show_what_the_straightforward_filter_shows(archive, with_notes,
                                                                   service) -> None:
    notes = add_searched_notes(service) if with_notes else None
    ctx = FilterContext(archive.catalog, _warmed(archive.search), notes)
    straight = _straight(archive.search)
    order = source_order(archive.catalog)
    for text in TYPED:
        mask = matching_mask(Filter(text=text), ctx, AS_OF)
        found, facts = straightforward(archive.catalog, straight, notes, text)
        assert order.shown(mask) == [i for i in order.ids if i in found], text
        assert ctx.last_hits is not None and ctx.last_hits.facts == facts, text
        assert matching_ids(Filter(text=text), ctx, AS_OF) == found, text


def test_a_short_term_found_in_all_the_earlier_hits_keeps_their_set(archive) -> None:
    ctx = FilterContext(archive.catalog, _warmed(archive.search), None)
    smart = ctx.text_hits("smart").commitments
    assert smart and len(smart) < len(archive.catalog.ids)
    hits = ctx.text_hits("smart g")  # every "smart" text holds a "g"
    assert hits.commitments is smart
    assert hits.commitments == straightforward(archive.catalog, _straight(archive.search),
                                               None, "smart g")[0]


@settings(max_examples=300, deadline=None)
@given(_scans(), st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map("".join),
       st.data())
def test_a_short_term_among_some_commitments_and_facts_is_the_whole_answer_met(
        drawn, term, data) -> None:
    rows, ids = drawn
    scan = ShortTermScan(rows)
    every_fact = sorted({doc for doc, kind, _ in rows if kind == "fact"} | {"f-none"})
    among = data.draw(st.sets(st.sampled_from(ids)))
    facts_among = data.draw(st.sets(st.sampled_from(every_fact)))
    if data.draw(st.booleans()):
        scan.holding(data.draw(st.sampled_from(PIECES)))  # an earlier term narrows the test
    commitments, facts = scan.holding(term)
    assert scan.holding_among(term, among, facts_among) == (
        set(commitments) & among, set(facts) & facts_among)


@pytest.mark.parametrize("which", ["archive", "reference"])
def test_a_search_among_commitments_and_facts_is_its_doc_ids_met(which, request) -> None:
    opened = request.getfixturevalue(which)
    search = _warmed(opened.search)
    among = set(sorted(opened.catalog.ids)[::5])
    facts_among = {f.id for f in opened.catalog.facts[::3]}
    for phrases in (["g"], ["gr", "s"], ["re"], ["zq"], ["王"], ["'"], ["Re", "SF"],
                    ["grid"], ["GRID", "g"], ["smart grid"], ["IPR", "intellectual property"],
                    ["王岐山"], ["China's"], ["China’s"], ["zzqqxx"], ["SAFE-1", "so"]):
        commitments, facts = search.doc_ids(phrases)
        for _ in range(2):  # the second time with the documents' texts and rows kept
            assert search.doc_ids_among(phrases, among, facts_among) == (
                set(commitments) & among, set(facts) & facts_among), phrases
    assert search.doc_ids_among(["grid"], among) is None  # every fact asked: a MATCH then


AMONG_WORDS = ["g", "GR", "re", "s", "王", "'", "grid", "Grid", "smart grid", "software",
               "SOFT", "regulation", "王岐山", "China's", "China’s", "zzqqxx", "SFDA", "ation"]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(phrases=st.lists(st.sampled_from(AMONG_WORDS), min_size=1, max_size=3),
       step=st.integers(1, 9), fact_step=st.integers(1, 9))
def test_any_phrases_among_commitments_and_facts_are_the_whole_answer_met(
        archive, phrases, step, fact_step) -> None:
    search = _warmed(archive.search)
    among = set(sorted(archive.catalog.ids)[::step])
    facts_among = {f.id for f in archive.catalog.facts[::fact_step]}
    commitments, facts = _straight(archive.search).doc_ids(phrases)
    assert search.doc_ids_among(phrases, among, facts_among) == (
        set(commitments) & among, set(facts) & facts_among)


def test_a_set_of_every_commitment_is_known_whole_and_others_are_not(archive) -> None:
    lookups = CatalogLookups(archive.catalog)
    ids = sorted(archive.catalog.ids)
    whole = frozenset(ids)
    assert lookups.is_whole(whole) and lookups.is_whole(whole)  # the second time by identity
    assert lookups.is_whole(lookups.id_set)
    assert not lookups.is_whole(frozenset(ids[1:]))
    assert not lookups.is_whole(frozenset([*ids[1:], "2099-GONE-1"]))  # as many, not ours
    assert not lookups.is_whole(frozenset([*ids, "2099-GONE-1"]))


def test_facts_in_order_of_large_sets_asked_in_turn(archive) -> None:
    lookups = CatalogLookups(archive.catalog)
    every = frozenset(f.id for f in archive.catalog.facts)
    half = frozenset(f.id for f in archive.catalog.facts[::2])
    few = frozenset(f.id for f in archive.catalog.facts[:3])
    for asked in (every, half, few, every, half, few, every):  # large ones kept apart
        assert lookups.facts_in_order(asked) == tuple(
            f.id for f in archive.catalog.facts if f.id in asked)
