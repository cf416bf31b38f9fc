"""The typed search's fast paths give exactly what the straightforward SQL gives.

Once warmed (its index rows read), ``ReferenceSearch.doc_ids`` reads rowids from MATCH and
tests terms under three characters in memory, narrowing a term from a shorter one's matches;
a search not warmed (the command line's) answers the same questions in SQL alone, as before.
They must agree on the 2011 meeting, on a generated archive, with an imported meeting
(``CombinedSearch``), and on hand-made rows that probe LIKE's folding (ASCII case only,
É/é, ß/SS, 王, apostrophes, LIKE's own wildcards).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine

from jcct_desktop.core import cancel
from jcct_desktop.store.reference import search as reference_search
from jcct_desktop.store.reference.models import FTS_DDL
from jcct_desktop.store.reference.search import CombinedSearch, ReferenceSearch
from tests.search_support import generated_archive, with_jcct_23
from tests.search_support import straight as _straight
from tests.search_support import warmed as _warmed

TYPED = [
    "s", "so", "sof", "software", "S", "SO", "Software", "IPR", "ipr", "IT", "it", "I",
    "王", "王岐", "王岐山", "岐山", "Wang Qishan", "China's", "China’s", "it's", "’", "'",
    "2011-SAFE-1", "SAFE-1", "safe", "-", "--", "U.S.-China", "U.", ".", "%", "_", "a%",
    "_b", "\\", "ab\\", "smart grid", "smart g", "SFDA", "SF", "re", "r", "unlicensed",
    "intellectual property", "É", "é", "ß", "SS", "…", "–", "zq", "zzqqxx", "0", "20",
    "2011", "  ", "\x00", "a\x00b",
]


def _same(fast: ReferenceSearch | CombinedSearch, straight: ReferenceSearch | CombinedSearch,
          forms: list[str]) -> tuple[set[str], set[str]]:
    found = fast.doc_ids(forms)
    assert found == straight.doc_ids(forms), forms
    return found


def test_the_2011_meeting_answers_alike(reference) -> None:
    fast, straight = _warmed(reference.search), _straight(reference.search)
    assert fast.uses_fts
    for typed in TYPED:
        _same(fast, straight, list(reference.catalog.thesaurus.alternatives(typed)))
    for typed in TYPED:  # asked again: now from what the first round remembered
        _same(fast, straight, [typed])
    assert _same(fast, straight, ["IPR", "intellectual property"])[0]
    assert "2011-SOFT-2" in _same(fast, straight, ["so"])[0]
    assert _same(fast, straight, ["王"])[0] == _same(fast, straight, ["王岐山"])[0] != set()
    assert _same(fast, straight, ["’"]) == _same(fast, straight, ["'"]) != (set(), set())


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return generated_archive(tmp_path_factory, "fast")


def test_a_generated_archive_answers_alike(archive) -> None:
    fast, straight = _warmed(archive.search), _straight(archive.search)
    for typed in TYPED:
        _same(fast, straight, list(archive.catalog.thesaurus.alternatives(typed)))
    assert len(_same(fast, straight, ["s"])[0]) == len(archive.catalog.commitments)
    assert 0 < len(_same(fast, straight, ["SF"])[0]) < len(archive.catalog.commitments)


def test_an_imported_meeting_answers_alike(data_dir: Path, tmp_path: Path, capsys) -> None:
    both, straight = with_jcct_23(data_dir, tmp_path, capsys)
    assert len(straight.parts) == 2
    both.search.warm()  # read now, as the window has its search thread do
    for typed in [*TYPED, "state-owned", "jcct-23-IPR", "legalization", "st", "SL"]:
        _same(both.search, straight, list(both.catalog.thesaurus.alternatives(typed)))
    ids, _ = _same(both.search, straight, ["st"])  # a short term, found in both parts
    assert "jcct-23-SL-1" in ids and any(i.startswith("2011-") for i in ids)


# -- hand-made rows: LIKE's folding, character by character ---------------------------------
ROWS = [
    ("c-1", "commitment", "Énergie", "ÉCOLE and école"),
    ("c-2", "commitment", "STRASSE", "Straße"),
    ("c-3", "commitment", "王岐山", "Wang Qishan met"),
    ("c-4", "commitment", "it's", "100% of a_b and c\\d"),
    ("c-5", "commitment", "", ""),
    ("c-6", "commitment", "NUL", "before\x00after"),
    ("c-7", "commitment", "Kelvin", "\u212a and k"),
    ("f-1", "fact", "", "école SS É"),
    ("f-2", "fact", "", "ſ long s, ǅ title case"),
]


@pytest.fixture(scope="module")
def hand_made(tmp_path_factory) -> ReferenceSearch:
    path = tmp_path_factory.mktemp("rows") / "rows.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(FTS_DDL)
    conn.executemany("INSERT INTO search_index VALUES (?, ?, ?, ?)", ROWS)
    conn.commit()
    conn.close()
    search = ReferenceSearch(create_engine(f"sqlite:///{path}"))
    search.warm()
    return search


@pytest.mark.parametrize("typed", [
    "É", "é", "Éc", "éC", "ÉC", "ß", "SS", "ss", "Ss", "王", "王岐", "it", "'s", "%", "_",
    "0%", "a_", "\\", "c\\", "e", "E", "a", "NU", "be", "af", "r\x00", "K", "k", "\u212a",
    "ſ", "ǅ", "ǆ", "Ǆ", " ", "t ", " a", "S,",
])  # fmt: skip
def test_short_terms_fold_as_like_does(hand_made, typed: str) -> None:
    assert hand_made.doc_ids([typed]) == _straight(hand_made).doc_ids([typed])


def test_like_folds_ascii_case_only(hand_made) -> None:
    straight = _straight(hand_made)
    assert _same(hand_made, straight, ["É"]) == ({"c-1"}, {"f-1"})
    assert _same(hand_made, straight, ["é"]) == ({"c-1"}, {"f-1"})  # "école": é as typed
    assert _same(hand_made, straight, ["ÉC"]) == ({"c-1"}, set())  # "ÉCOLE"; "école" no
    assert _same(hand_made, straight, ["ß"]) == ({"c-2"}, set())
    assert _same(hand_made, straight, ["ss"]) == ({"c-2"}, {"f-1"})  # never "ß"
    assert _same(hand_made, straight, ["af"]) == (set(), set())  # after a NUL: unseen
    assert _same(hand_made, straight, ["_"]) == ({"c-4"}, set())  # a character, no wildcard


def test_several_forms_at_once(hand_made) -> None:
    straight = _straight(hand_made)
    assert _same(hand_made, straight, ["É", "ß", "Wang Qishan"]) == (
        {"c-1", "c-2", "c-3"}, {"f-1"})


ALPHABET = st.sampled_from(list("sSoOfFtTwWaArReEgG ’'-%_é ÉßSK王岐山\u212a"))


@settings(max_examples=60, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture])
@given(word=st.text(ALPHABET, min_size=1, max_size=6))
def test_typing_a_word_key_by_key_narrows_exactly(archive, hand_made, word: str) -> None:
    """Each prefix asked in turn (a longer one narrowed from a shorter one's matches) finds
    what a fresh search and the SQL find."""
    for search in (archive.search, hand_made):
        typing = _warmed(search)
        straight = _straight(search)
        for end in range(1, len(word) + 1):
            prefix = word[:end]
            found = typing.doc_ids([prefix])
            assert found == _warmed(search).doc_ids([prefix]), prefix
            assert found == straight.doc_ids([prefix]), prefix


def test_a_cancelled_short_term_stops_part_way(archive, monkeypatch) -> None:
    """The in-memory test of a short term stops at its next look at the token; the next
    search answers in full."""
    monkeypatch.setattr("jcct_desktop.store.reference.index_rows.SCAN_CHUNK", 1)
    search = _warmed(archive.search)
    token = cancel.CancelToken()
    token.cancel()
    with cancel.scope(token), pytest.raises(cancel.Cancelled):
        search.doc_ids(["zq"])
    assert search.doc_ids(["zq"]) == _straight(search).doc_ids(["zq"])


def test_a_warm_up_reads_to_the_end_under_a_cancelled_search(archive) -> None:
    """The rows are read once for every later search: a warm-up asked inside work already
    superseded still reads them all."""
    search = ReferenceSearch(archive.search._engine)
    token = cancel.CancelToken()
    token.cancel()
    with cancel.scope(token):
        search.warm()
    for typed in ("s", "SF", "software"):
        assert search.doc_ids([typed]) == _straight(search).doc_ids([typed])


def test_a_cancelled_match_stops_inside_sqlite(reference, monkeypatch) -> None:
    monkeypatch.setattr(reference_search, "CANCEL_CHECK_STEPS", 1)
    search = _warmed(reference.search)
    token = cancel.CancelToken()
    with cancel.scope(token):
        assert "2011-SOFT-2" in search.doc_ids(["software"])[0]
        token.cancel()
        with pytest.raises(cancel.Cancelled):
            search.doc_ids(["software"])
    assert "2011-SOFT-2" in search.doc_ids(["software"])[0]
