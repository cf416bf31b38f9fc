"""A term's hits as a mask in source order, made from the index's rowids (issue 25).

``DocTable.commitment_mask`` and ``ReferenceSearch.commitment_mask`` must give the mask of
exactly the commitments ``doc_ids`` gives; ``matching_mask``, which now meets its terms'
masks rather than one mask of their met ids, must show what the straightforward filter
(``bench/straightforward_filter.py``) finds, key after key, with notes and without.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.make_archive import make_archive
from bench.straightforward_filter import straightforward
from jcct_desktop.core.filtering import Filter, FilterContext, matching_mask
from jcct_desktop.core.source_order import source_order
from jcct_desktop.store.reference.index_rows import DocTable
from jcct_desktop.store.reference.reader import open_reference
from tests.search_support import add_searched_notes
from tests.search_support import straight as _straight
from tests.search_support import warmed as _warmed
from tests.ui_support import AS_OF

LONG_TERMS = ["software", "sof", "regulation", "smart grid", "SFDA", "intellectual property",
              "IPR", "China's", "China’s", "U.S.-China", "zzqqxx", "state-owned", "王岐山",
              "2011-SAFE-1", "SAFE-1", "unlicensed", "ation", "the"]
WORDS = ["software", "s", "so", "smart", "g", "grid", "regul", "SF", "SFDA", "re", "e",
         "quokka", "王岐山", "IPR", "2011-SAFE-1", "zzqqxx", "China's", "audit", "the"]


def _plain_mask(ids: Sequence[str], chosen: set[str]) -> bytes:
    return bytes(i in chosen for i in ids)


@st.composite
def _doc_tables(draw: st.DrawFn) -> tuple[list[tuple[int, str, str]], list[int], list[str]]:
    """Index rows (rowid, doc, kind), some rowids asked, and an order of commitment ids
    (some without a row, the rows' in any order)."""
    rowids = draw(st.lists(st.integers(0, 200), unique=True, max_size=40))
    docs = st.sampled_from([f"c{i}" for i in range(30)])
    rows = [(r, draw(docs), draw(st.sampled_from(["commitment", "commitment", "fact"])))
            for r in rowids]
    asked = draw(st.lists(st.sampled_from(rowids), max_size=40)) if rowids else []
    ids = draw(st.permutations([f"c{i}" for i in range(35)]))
    return rows, asked, list(ids[:draw(st.integers(0, 35))])


@settings(max_examples=300, deadline=None)
@given(_doc_tables())
def test_a_doc_tables_mask_is_its_split_commitments(drawn) -> None:
    rows, asked, ids = drawn
    table = DocTable(rows)
    assert table.split(asked) == (  # by place in C, as by a dictionary lookup per row
        {doc for r, doc, kind in rows if kind == "commitment" and r in asked},
        {doc for r, doc, kind in rows if kind == "fact" and r in asked})
    commitment_rows = [doc for _, doc, kind in rows if kind == "commitment"]
    mask = table.commitment_mask(asked, tuple(ids))
    if len(set(commitment_rows)) < len(commitment_rows) or not ids:
        assert mask is None  # a commitment with two rows: no one gather says so
        return
    assert mask == _plain_mask(ids, table.split(asked)[0])
    assert table.commitment_mask((), tuple(ids)) == bytes(len(ids))
    assert table.commitment_mask([10**6], tuple(ids)) is None  # a row never read
    # a rowid past the last (which ids without a row read) marks none of them
    assert table.commitment_mask([*asked, table._size], tuple(ids)) == mask


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    path = make_archive(tmp_path_factory.mktemp("term-masks") / "archive.sqlite",
                        meetings=20, per_meeting=100)
    return open_reference(path)


@pytest.mark.parametrize("which", ["archive", "reference"])
def test_a_searchs_mask_is_its_doc_ids_commitments(which, request) -> None:
    opened = request.getfixturevalue(which)
    fast, straight = _warmed(opened.search), _straight(opened.search)
    ids = source_order(opened.catalog).ids
    assert _straight(opened.search).commitment_mask(["software"], ids) is None  # not warmed
    for short in (["so"], ["so", "software"], ["g", "re"]):  # tested in memory: alike
        assert fast.commitment_mask(short, ids) == _plain_mask(
            ids, set(straight.doc_ids(short)[0])), short
    for typed in LONG_TERMS:
        forms = list(opened.catalog.thesaurus.alternatives(typed))
        want = _plain_mask(ids, set(straight.doc_ids(forms)[0]))
        assert fast.commitment_mask(forms, ids) == want, typed  # its own MATCH
        fast.doc_ids(forms)
        assert fast.commitment_mask(forms, ids) == want, typed  # doc_ids' rowids
    fast.doc_ids(["software"])
    forms = list(opened.catalog.thesaurus.alternatives("regulation"))
    assert fast.commitment_mask(forms, ids) == _plain_mask(  # not the last MATCH's rowids
        ids, set(straight.doc_ids(forms)[0]))


@pytest.fixture
def noted(service):
    return add_searched_notes(service)


def _alike(opened, notes, texts: list[str]) -> None:
    """Typed in turn into one context (its caches and remembered masks kept), each text's
    mask shows what the straightforward filter finds."""
    ctx = FilterContext(opened.catalog, _warmed(opened.search), notes)
    ctx.prepare()
    straight = _straight(opened.search)
    order = source_order(opened.catalog)
    for text in texts:
        found, _ = straightforward(opened.catalog, straight, notes, text)
        assert matching_mask(Filter(text=text), ctx, AS_OF) == _plain_mask(order.ids, found), \
            text


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
                min_size=1, max_size=6))
def test_several_terms_masks_met_key_after_key(archive, texts) -> None:
    _alike(archive, None, texts)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
                min_size=1, max_size=6))
def test_several_terms_with_notes_on_the_2011_meeting(reference, noted, texts) -> None:
    _alike(reference, noted, texts)


def test_the_typed_words_prefix_by_prefix(archive, reference, noted) -> None:
    typed = [w[:n] for w in ("software", "regulation", "smart grid", "SFDA", "software 王岐山")
             for n in range(1, len(w) + 1)]
    _alike(archive, None, typed)
    _alike(reference, noted, typed)
    _alike(reference, noted, typed[::-1])
