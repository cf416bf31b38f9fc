"""A term's hits made as masks first, its sets of ids read from them (issue 25, session 10).

``ReferenceSearch.doc_masks`` (a byte per text or rowid, gathered into source and fact
order in C) must mark exactly ``doc_ids``' commitments and facts, LIKE's way for a short
term (ASCII case folded, nothing else; cut at a NUL) and the MATCH's for a longer one;
``MaskedIds`` (a set read from a mask, made a frozenset only when needed) must answer every
set question as the frozenset of its members would; and the filter, now built from those
masks, must show what the straightforward filter (``bench/straightforward_filter.py``) and
the same filter over the search's sets of ids show, key after key, with notes and without.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from itertools import compress

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.straightforward_filter import straightforward
from jcct_desktop.core.filtering import Filter, FilterContext, matching_ids, matching_mask
from jcct_desktop.core.masks import MaskedIds, membership, rows_of
from jcct_desktop.core.source_order import source_order
from jcct_desktop.store.reference.index_rows import DocTable, ShortTermScan, gatherer
from jcct_desktop.store.reference.search import ReferenceSearch
from tests.search_support import add_searched_notes, generated_archive
from tests.search_support import straight as _straight
from tests.search_support import warmed as _warmed
from tests.ui_support import AS_OF

# pieces of text and of terms: ASCII letters in both cases, a non-ASCII letter LIKE keeps
# apart from its other case, CJK, quotes, a NUL, a space, LIKE's wildcards
PIECES = ["a", "A", "b", "B", "ab", "É", "é", "王", "'", "’", '"', "\x00", " ", "%", "_"]


def _plain_mask(ids: Sequence[str], chosen: set[str]) -> bytes:
    return bytes(i in chosen for i in ids)


# -- MaskedIds: a frozenset read from a mask -----------------------------------------------
@st.composite
def _orders(draw: st.DrawFn) -> tuple[tuple[str, ...], dict[str, int]]:
    """An order of ids (an id there twice, sometimes, as a fact's may be) and each id's
    place (the last, as ``fact_places_in_order`` gives it)."""
    ids = draw(st.lists(st.sampled_from([f"i{n}" for n in range(12)]), max_size=14,
                        unique=not draw(st.booleans())))
    return tuple(ids), {i: place for place, i in enumerate(ids)}


@st.composite
def _masked_pairs(draw: st.DrawFn) -> tuple[MaskedIds, MaskedIds, frozenset[str]]:
    """Two sets read from masks over one order (an id there twice marked alike at both of
    its places), and a plain set with ids of the order and others."""
    ids, places = draw(_orders())
    names = sorted(set(ids))

    def masked() -> MaskedIds:
        members = draw(st.sets(st.sampled_from(names))) if names else set()
        return MaskedIds(ids, _plain_mask(ids, members), places)

    others = draw(st.sets(st.sampled_from([*names, "x1", "x2"])))
    return masked(), masked(), frozenset(others)


OPERATORS = [operator.and_, operator.or_, operator.sub, operator.xor, operator.eq,
             operator.ne, operator.le, operator.lt, operator.ge, operator.gt]


@settings(max_examples=300, deadline=None)
@given(_masked_pairs())
def test_a_masked_set_answers_as_the_frozenset_of_its_members(drawn) -> None:
    one, two, plain = drawn
    a, b = frozenset(compress(one.ids, one.mask)), frozenset(compress(two.ids, two.mask))
    assert len(one) == len(a) and set(one) == a and sorted(one) == sorted(a)
    assert all((i in one) == (i in a) for i in [*one.ids, "x1", 3, None])
    for op in OPERATORS:
        assert op(one, two) == op(a, b), op
        assert op(one, plain) == op(a, plain), op
        assert op(plain, one) == op(plain, a), op
        assert op(one, set(plain)) == op(a, plain), op
        assert op(set(plain), one) == op(plain, a), op
    assert one.isdisjoint(two) == a.isdisjoint(b)
    assert one.isdisjoint(plain) == a.isdisjoint(plain)
    assert (one == list(a)) is False  # a set never equals a list
    assert one.as_frozenset() == a
    met = one & two
    assert isinstance(met, MaskedIds) and met.mask == bytes(
        x & y for x, y in zip(one.mask, two.mask, strict=True))


def test_a_masked_set_is_its_own_mask_in_its_order() -> None:
    ids = tuple(f"i{n}" for n in range(20))
    mask = bytes([1, 0] * 10)
    found = MaskedIds(ids, mask, rows_of(ids))
    # the filters' order hands its own mask back (``core.masks.membership``)
    assert membership(ids, rows_of(ids), found) is mask
    assert membership(tuple(list(ids)), rows_of(ids), found) == mask  # another: looked up
    more = found | {"i1"}  # a few more of the order: a mask still
    assert isinstance(more, MaskedIds) and more == set(ids[::2]) | {"i1"}
    assert (found | {"zz"}) == set(ids[::2]) | {"zz"}  # an id of no place: a plain set
    with pytest.raises(TypeError):
        hash(found)


# -- the gathers: bytes picked by place --------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.integers(1, 40).flatmap(lambda size: st.tuples(
    st.just(size), st.lists(st.integers(0, size - 1), max_size=50)
    | st.sets(st.integers(0, size - 1)).map(sorted),  # in order: dropped, not picked
    st.lists(st.integers(0, 1), min_size=size, max_size=size))))
def test_a_gather_picks_the_bytes_at_its_places(drawn) -> None:
    size, places, bits = drawn
    hit = bytearray(bits)
    assert gatherer(list(places), size)(hit) == bytes(hit[p] for p in places)


# -- the short terms' and the rows' masks --------------------------------------------------
@st.composite
def _scans(draw: st.DrawFn) -> tuple[list[tuple[str, str, str | None]], list[str], list[str]]:
    """Index rows (doc, kind, text or NULL), one row per document at most; an order of
    commitment ids and one of fact ids (some with no row, a fact id there twice)."""
    texts = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)
    rows: list[tuple[str, str, str | None]] = []
    for i in range(draw(st.integers(0, 25))):
        kind = draw(st.sampled_from(["commitment", "commitment", "fact"]))
        rows.append((f"c{i}" if kind == "commitment" else f"f{i}", kind,
                     draw(st.none() | texts)))
    ids = draw(st.permutations([f"c{i}" for i in range(30)]))
    facts = draw(st.lists(st.sampled_from([f"f{i}" for i in range(30)]), max_size=12))
    return rows, list(ids[:draw(st.integers(2, 30))]), facts


@settings(max_examples=300, deadline=None)
@given(_scans(), st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map("".join),
       st.booleans())
def test_a_short_terms_masks_are_its_holding_documents(drawn, term, earlier) -> None:
    rows, ids, facts = drawn
    scan = ShortTermScan(rows)
    if earlier:
        scan.holding(term[:1])  # a shorter term answered first narrows the test
    commitments, fact_ids = ShortTermScan(rows).holding(term)
    want = (_plain_mask(ids, set(commitments)), _plain_mask(facts, set(fact_ids)))
    assert scan.doc_masks(term, tuple(ids), tuple(facts)) == want
    # as SQLite's LIKE tests it: ASCII case folded, nothing else, cut at a NUL
    table = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

    def fold(text: str) -> str:
        return text.partition("\x00")[0].translate(table)

    held = {doc for doc, _, text in rows if text is not None and fold(term) in fold(text)}
    assert want == (_plain_mask(ids, held), _plain_mask(facts, held))


def test_a_document_with_two_rows_gets_no_masks() -> None:
    assert ShortTermScan([("c1", "commitment", "ab"), ("c1", "commitment", "cd")]).doc_masks(
        "a", ("c1", "c2"), ()) is None
    assert ShortTermScan([("f1", "fact", "ab"), ("f1", "fact", "cd")]).doc_masks(
        "a", ("c1", "c2"), ("f1",)) is None
    assert DocTable([(1, "c1", "commitment"), (2, "c1", "commitment")]).doc_masks(
        [1], ("c1", "c2"), ()) is None


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_doc_tables_masks_are_its_split_documents(data) -> None:
    rowids = data.draw(st.lists(st.integers(0, 200), unique=True, max_size=40))
    names = [f"d{i}" for i in range(30)]
    docs = data.draw(st.permutations(names))[:len(rowids)] if len(rowids) <= 30 else \
        data.draw(st.lists(st.sampled_from(names), min_size=len(rowids),
                           max_size=len(rowids)))
    rows = [(r, doc, data.draw(st.sampled_from(["commitment", "fact"])))
            for r, doc in zip(rowids, docs, strict=True)]
    asked = data.draw(st.lists(st.sampled_from(rowids), max_size=40)) if rowids else []
    table = DocTable(rows)
    commitment_rows = sorted((r, d) for r, d, kind in rows if kind == "commitment")
    # the commitments in rowid order (as the index is written: a gather by dropping), or
    # shuffled, with ids of no row
    ids = [d for _, d in commitment_rows] if data.draw(st.booleans()) else \
        data.draw(st.permutations(names))
    facts = data.draw(st.lists(st.sampled_from(names), max_size=10))
    masks = table.doc_masks(asked, tuple(ids), tuple(facts))
    kinds = [(d, kind) for _, d, kind in rows]
    if len(set(kinds)) < len(kinds):
        assert masks is None  # a document with two rows: no one gather says so
        return
    split = table.split(asked)
    assert masks == (_plain_mask(ids, split[0]), _plain_mask(facts, split[1]))


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return generated_archive(tmp_path_factory, "hits-as-masks")


PHRASES = [["so"], ["g"], ["re"], ["e"], ["zq"], ["王"], ["'"], ["%"], ["_"], ["SF", "e"],
           ["re", "software"], ["software"], ["sof"], ["regulation"], ["zzqqxx"],
           ["IPR", "intellectual property"], ["2011-SAFE-1"], ["China's"], ["China’s"],
           ["王岐山"], ["smart grid"], [], [""], ["\x00"]]


@pytest.mark.parametrize("which", ["archive", "reference"])
def test_a_searchs_masks_are_its_doc_ids(which, request) -> None:
    opened = request.getfixturevalue(which)
    fast, straight = _warmed(opened.search), _straight(opened.search)
    ids = source_order(opened.catalog).ids
    facts = tuple(f.id for f in opened.catalog.facts)
    assert straight.doc_masks(["so"], ids, facts) is None  # not warmed: the sets' path
    for phrases in PHRASES:
        commitments, fact_ids = straight.doc_ids(phrases)
        want = (_plain_mask(ids, set(commitments)), _plain_mask(facts, set(fact_ids)))
        for _ in range(2):  # the second time from what the first kept
            assert fast.doc_masks(phrases, ids, facts) == want, phrases


# -- the filter made of masks ----------------------------------------------------------------
class _Sets:
    """The same warmed search with no masks to give: the filter takes its sets' path."""

    def __init__(self, search: ReferenceSearch) -> None:
        self._search = search

    def commitment_ids(self, text: str | None) -> set[str]:
        return self._search.commitment_ids(text)

    def doc_ids(self, phrases: Sequence[str]):
        return self._search.doc_ids(phrases)

    def doc_ids_among(self, phrases, among, facts_among=None):
        return self._search.doc_ids_among(phrases, among, facts_among)


WORDS = ["s", "so", "re", "e", "g", "SF", "王", "'", "%", "_", "zq", "smart", "grid",
         "software", "regulation", "IPR", "2011-SAFE-1", "SAFE-1", "quokka", "王岐山",
         "China's", "China’s", "É", "é", "zzqqxx", "the"]


def _typed(text: str) -> list[str]:
    return [text[:end] for end in range(1, len(text) + 1)]


def _check_alike(opened, notes, texts: list[str]) -> None:
    masked = FilterContext(opened.catalog, _warmed(opened.search), notes)
    sets = FilterContext(opened.catalog, _Sets(_warmed(opened.search)), notes)
    straight = _straight(opened.search)
    order = source_order(opened.catalog)
    for text in texts:
        flt = Filter(text=text)
        mask = matching_mask(flt, masked, AS_OF)
        found = matching_ids(flt, masked, AS_OF)
        if not flt.searches:
            assert found == set(opened.catalog.ids), text
            continue
        facts = masked.last_hits.facts if masked.last_hits is not None else ()
        assert (found, facts) == straightforward(opened.catalog, straight, notes, text), text
        assert order.shown(mask) == [i for i in order.ids if i in found], text
        assert mask == matching_mask(flt, sets, AS_OF), text
        assert sets.last_hits is not None and sets.last_hits.facts == facts, text


@pytest.mark.parametrize("with_notes", [False, True])
def test_words_typed_key_by_key_show_what_the_straightforward_filter_shows(
        archive, with_notes, service) -> None:
    notes = add_searched_notes(service) if with_notes else None
    typed = [key for word in ["software", "regulation", "smart grid", "SFDA", "re g",
                              "SF e", "s 王岐山", "2011-SAFE-1", "IPR", "e zq", "quokka s"]
             for key in _typed(word)]
    _check_alike(archive, notes, typed)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join))
def test_any_words_on_the_2011_meeting_with_notes(reference, service, text) -> None:
    notes = add_searched_notes(service)
    _check_alike(reference, notes, _typed(text))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join))
def test_any_words_on_a_generated_archive(archive, text) -> None:
    _check_alike(archive, None, _typed(text))


def test_a_term_typed_on_that_finds_the_same_is_handed_the_same_set(archive) -> None:
    ctx = FilterContext(archive.catalog, _warmed(archive.search), None)
    softwa = ctx.text_hits("softwa").commitments
    assert isinstance(softwa, MaskedIds)
    assert ctx.text_hits("softwar").commitments is softwa  # its mask is its own, kept
    assert ctx.text_hits("s").commitments is ctx.lookups.id_set  # in every commitment
    assert not ctx.text_hits("zzqqxx").commitments
