"""A term typed one more letter is searched among the last term's rows, with the same answer.

``soft`` then ``softw``: the second term's rows are among the first's, so the warmed search
tests them in memory (``store/reference/phrase_rows.py``) instead of a MATCH over the whole
index. Every key must find what a fresh search finds and what the SQL alone finds (the
MATCH), and the filter what the straightforward filter finds (``bench/straightforward_filter``),
whatever is typed: words of the data, case changes, apostrophes, CJK, control characters,
thesaurus terms, several words, keys taken back; on the 2011 meeting with notes, a generated
archive, an imported meeting (two databases) and hand-made rows that probe the trigram
tokenizer's folding (which is not LIKE's: it folds É to é, the Kelvin sign to k).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine

from bench.straightforward_filter import straightforward
from jcct_desktop.core.filtering import Filter, FilterContext, matching_ids, matching_mask
from jcct_desktop.core.source_order import source_order
from jcct_desktop.store.reference.models import FTS_DDL
from jcct_desktop.store.reference.phrase_rows import PhraseRows, TrigramFold, trigram_option
from jcct_desktop.store.reference.search import CombinedSearch, ReferenceSearch
from tests.search_support import add_searched_notes, generated_archive, straight, with_jcct_23
from tests.ui_support import AS_OF


class CountingSearch(ReferenceSearch):
    """The real warmed search, counting the MATCHes it runs (so a test knows the narrowing
    was taken, and the answers compared come from two different paths)."""

    def __init__(self, search: ReferenceSearch) -> None:
        super().__init__(search._engine)
        self.matches = 0
        self.warm()

    def _match_rowids(self, match: str) -> list[int]:
        self.matches += 1
        return super()._match_rowids(match)


def _keys(text: str) -> list[str]:
    """Each prefix of ``text``, as typed key by key."""
    return [text[:end] for end in range(1, len(text) + 1)]


def _words(search: ReferenceSearch, count: int = 300) -> list[str]:
    """Words of the index's titles and texts (every so many), for typing."""
    with search._engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT title, body FROM search_index").all()
    found = {w for title, body in rows for w in re.split(r"\s+", f"{title} {body}") if w}
    ordered = sorted(found)
    return ordered[::max(1, len(ordered) // count)]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return generated_archive(tmp_path_factory, "typed-on")


# -- the search's rows: each key against the MATCH ------------------------------------------
TYPED = ["software", "regulation", "smart grid", "SFDA", "Software", "SOFTWARE", "softwares",
         "intellectual property", "China's", "China’s", "王岐山", "Wang Qishan", "IPR",
         "transparency", "grid", "zzqq", "the", "e-commerce", "2011-SAFE-1", "U.S.-China"]


def _each_key_alike(search: ReferenceSearch, texts: Sequence[str]) -> CountingSearch:
    typing = CountingSearch(search)
    in_sql = straight(search)
    for text in texts:
        for key in [*_keys(text), *reversed(_keys(text)[:-1])]:  # typed, then taken back
            found = typing.doc_ids([key])
            assert found == in_sql.doc_ids([key]), key
            assert found == CountingSearch(search).doc_ids([key]), key
    return typing


def test_the_2011_meeting_each_key_as_the_match(reference) -> None:
    typing = _each_key_alike(reference.search, TYPED)
    assert typing._phrases is not None and typing._phrases.usable


def test_a_generated_archive_each_key_as_the_match(archive) -> None:
    _each_key_alike(archive.search, TYPED)


def test_a_word_typed_on_is_one_match(archive) -> None:
    """``sof`` is a MATCH; ``soft`` to ``software`` are tested among its rows, and a key
    taken back is no search at all of the index."""
    typing = CountingSearch(archive.search)
    for key in _keys("software"):
        typing.doc_ids([key])
    assert typing.matches == 1
    commitments, facts = typing.doc_ids(["softw"])
    assert typing.matches == 1
    assert (commitments, facts) == straight(archive.search).doc_ids(["softw"])
    # the same rows as the key before: the very same sets (their masks are kept by identity)
    assert typing.doc_ids(["softwa"])[0] is typing.doc_ids(["softwar"])[0]


def test_other_forms_together_narrow_each_from_an_earlier_one(reference) -> None:
    typing = CountingSearch(reference.search)
    in_sql = straight(reference.search)
    for phrases in (["IPR", "intellectual property"], ["IPRs", "intellectual property r"],
                    ["IPRs", "zzqq"], ["China's market", "IPRs"]):
        assert typing.doc_ids(phrases) == in_sql.doc_ids(phrases), phrases
    assert typing.matches == 3  # the second is narrowed; "zzqq" and "China's…" are new


def test_rows_that_are_most_of_the_index_are_asked_of_the_match(archive, monkeypatch) -> None:
    """A term whose earlier term's rows are most of the index ("the", in nearly every row
    of the generated archive) is asked of the MATCH, unless the index's distinct texts are
    few enough to test them all."""
    phrases = CountingSearch(archive.search)._phrases
    assert phrases is not None
    texts, rows = len(phrases._rowids), phrases._count
    for share, matches in ((texts / rows, 2), ((texts - 1) / rows, 3)):
        monkeypatch.setattr(PhraseRows, "SCAN_SHARE", share)
        typing = CountingSearch(archive.search)
        for typed in ("the", "then", "sof", "soft"):
            typing.doc_ids([typed])
            assert typing.doc_ids([typed]) == straight(archive.search).doc_ids([typed])
        # every text tested: "then" among "the"'s rows; else it too is a MATCH ("soft"
        # is among "sof"'s few rows either way)
        assert typing.matches == matches, share


def test_several_databases_answer_alike(data_dir: Path, tmp_path: Path, capsys) -> None:
    both, in_sql = with_jcct_23(data_dir, tmp_path, capsys)
    assert isinstance(both.search, CombinedSearch)
    both.search.warm()
    for text in TYPED[:6]:
        for key in _keys(text):
            assert both.search.doc_ids([key]) == in_sql.doc_ids([key]), key


def test_not_warmed_the_sql_answers(archive) -> None:
    cold = ReferenceSearch(archive.search._engine)
    for key in _keys("softwa"):
        assert cold.doc_ids([key]) == straight(archive.search).doc_ids([key])
    assert cold._phrases is None


def test_kept_rows_are_bounded(archive) -> None:
    typing = CountingSearch(archive.search)
    assert typing._phrases is not None
    for n in range(3 * PhraseRows.REMEMBERED):
        typing.doc_ids([f"q{n:03d}"])
    assert len(typing._phrases._found) <= PhraseRows.REMEMBERED


# -- hand-made rows: the tokenizer's folding, and title and body apart -----------------------
ROWS = [
    ("c-1", "commitment", "Énergie", "ÉCOLE and école"),
    ("c-2", "commitment", "STRASSE", "Straße"),
    ("c-3", "commitment", "王岐山", "Wang Qishan met"),
    ("c-4", "commitment", "it's", "100% of a_b and c\\d"),
    ("c-5", "commitment", "", ""),
    ("c-6", "commitment", "Smart", "grid rules"),  # "smart grid" only across the two
    ("c-7", "commitment", "Kelvin", "\u212a and k"),
    ("c-8", "commitment", "İstanbul", "ǅemal ǆ ǄA"),
    ("c-9", "commitment", None, "software"),
    ("f-1", "fact", "", "école SS É"),
    ("f-2", "fact", "", "ſoftware long s, ǅ title case"),
    ("f-3", "fact", "smart grid", "Smart Grid"),
]


def _hand_made(folder: Path, rows: list[tuple[str, str, str | None, str]]) -> ReferenceSearch:
    path = folder / "rows.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(FTS_DDL)
    conn.executemany("INSERT INTO search_index VALUES (?, ?, ?, ?)", rows)
    conn.commit()
    conn.close()
    return ReferenceSearch(create_engine(f"sqlite:///{path}"))


@pytest.fixture(scope="module")
def hand_made(tmp_path_factory) -> ReferenceSearch:
    return _hand_made(tmp_path_factory.mktemp("folds"), ROWS)


HAND_TYPED = ["énergies", "ÉNERGIE", "écoles", "ÉCOLE a", "straße", "STRASSE", "strass",
              "smart grid", "Smart g", "smart grids", "t gr", "kelvin", "\u212a and k",
              "K AND K", "İstanbul", "istanbul", "ǅemal", "ǆemal", "Ǆemal", "ſoftware",
              "software", "SOFTWARES", "王岐山", "it's a", "100% of", "a_b and"]


def test_hand_made_rows_each_key_as_the_match(hand_made) -> None:
    typing = _each_key_alike(hand_made, HAND_TYPED)
    assert typing._phrases is not None and typing._phrases.usable
    assert typing.matches < sum(len(t) - 2 for t in HAND_TYPED)  # some were narrowed


def test_a_phrase_across_title_and_body_is_not_found(hand_made) -> None:
    typing = CountingSearch(hand_made)
    for key in _keys("smart grid"):
        typing.doc_ids([key])
    assert typing.doc_ids(["smart grid"]) == (set(), {"f-3"})
    assert typing.matches == 1


def test_texts_with_a_nul_are_not_narrowed(tmp_path) -> None:
    search = _hand_made(tmp_path, [*ROWS, ("c-0", "commitment", "NUL", "soft\x00ware")])
    typing = CountingSearch(search)
    assert typing._phrases is not None and not typing._phrases.usable
    for key in _keys("software"):
        assert typing.doc_ids([key]) == straight(search).doc_ids([key]), key
    assert typing.matches == len("software") - 2


def test_the_fold_is_sqlites() -> None:
    option = trigram_option(FTS_DDL)
    assert option == "trigram"
    fold = TrigramFold(option)
    assert fold.usable
    assert fold.fold("ÉCOLE Straße \u212a") == "école straße k"
    assert trigram_option("CREATE VIRTUAL TABLE x USING fts5(a, tokenize='unicode61')") is None
    assert trigram_option(None) is None
    assert not TrigramFold("trigram case_sensitive 1").usable  # ASCII case kept: no narrowing


# -- any typing, key by key: the search and the filter -------------------------------------
FORMS = ["IPR", "intellectual property", "王岐山", "Wang Qishan", "China's", "China’s",
         "quokka", "SAFE-1", "e-commerce", "\x00", "\u200b", "\t"]


@st.composite
def typed(draw: st.DrawFn, words: list[str]) -> list[str]:
    """Keys typed: a few words (of the data, or thesaurus terms, CJK, apostrophes, control
    characters), some letters' case changed, typed key by key, sometimes a key taken back."""
    chosen = draw(st.lists(st.sampled_from(words + FORMS), min_size=1, max_size=3))
    text = " ".join(chosen)
    flips = draw(st.sets(st.integers(0, max(0, len(text) - 1)), max_size=4))
    text = "".join(ch.swapcase() if i in flips else ch for i, ch in enumerate(text))
    keys = _keys(text)
    back = draw(st.integers(0, min(3, len(keys) - 1)))
    return keys + list(reversed(keys[-1 - back:-1]))


def _search_alike(search: ReferenceSearch, data: st.DataObject) -> None:
    keys = data.draw(typed(_words(search)))
    typing = CountingSearch(search)
    in_sql = straight(search)
    for key in keys:
        assert typing.doc_ids([key]) == in_sql.doc_ids([key]), key


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_typing_on_a_generated_archive(archive, data) -> None:
    _search_alike(archive.search, data)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_typing_on_the_2011_meeting(reference, data) -> None:
    _search_alike(reference.search, data)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=st.lists(st.text(st.sampled_from(list("sSoOfFtTwWaArReEgG ’'-%_éÉßSKk王岐山"
                                                    "\u212aſǅİ")), min_size=1, max_size=8),
                     min_size=1, max_size=3))
def test_any_letters_on_hand_made_rows(hand_made, keys) -> None:
    typing = CountingSearch(hand_made)
    in_sql = straight(hand_made)
    for key in (k for text in keys for k in _keys(text)):
        assert typing.doc_ids([key]) == in_sql.doc_ids([key]), key


def _filter_alike(catalog, search: ReferenceSearch, notes, keys: list[str]) -> None:
    ctx = FilterContext(catalog, CountingSearch(search), notes)
    in_sql = straight(search)
    order = source_order(catalog)
    for key in keys:
        mask = matching_mask(Filter(text=key), ctx, AS_OF)
        found = matching_ids(Filter(text=key), ctx, AS_OF)
        if not Filter(text=key).searches:
            assert found == set(catalog.ids), key
            continue
        assert set(order.shown(mask)) == found, key
        facts = ctx.last_hits.facts if ctx.last_hits is not None else ()
        assert (found, facts) == straightforward(catalog, in_sql, notes, key), key


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_filter_key_by_key_on_the_2011_meeting(reference, service, data) -> None:
    if not service.all():
        add_searched_notes(service)
    keys = data.draw(typed(_words(reference.search, 60)))
    _filter_alike(reference.catalog, reference.search, service, keys)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_filter_key_by_key_on_a_generated_archive(archive, data) -> None:
    keys = data.draw(typed(_words(archive.search, 60)))
    _filter_alike(archive.catalog, archive.search, None, keys)


def test_the_benchmark_words_key_by_key(archive, reference, service) -> None:
    add_searched_notes(service)
    for data, notes in ((archive, None), (reference, service)):
        for word in ("software", "regulation", "smart grid", "SFDA", "IPR", "quokka 王岐山"):
            _filter_alike(data.catalog, data.search, notes,
                          _keys(word) + list(reversed(_keys(word)[:-1])))


# -- a key taken back is the earlier term's, kept ------------------------------------------
class _AskCount:
    """The real warmed search, counting the filter's questions of it."""

    def __init__(self, search: ReferenceSearch) -> None:
        self.search = CountingSearch(search)
        self.asked: list[tuple[str, ...]] = []

    def commitment_ids(self, text: str | None) -> set[str]:
        return self.search.commitment_ids(text)

    def doc_ids(self, phrases: Sequence[str]):
        self.asked.append(tuple(phrases))
        return self.search.doc_ids(phrases)


def test_a_key_taken_back_asks_nothing_of_the_search(archive) -> None:
    asking = _AskCount(archive.search)
    ctx = FilterContext(archive.catalog, asking)
    for key in _keys("software"):
        matching_mask(Filter(text=key), ctx, AS_OF)
    asked = len(asking.asked)
    for key in reversed(_keys("software")[:-1]):
        found = matching_mask(Filter(text=key), ctx, AS_OF)
        assert set(source_order(archive.catalog).shown(found)) == \
            straightforward(archive.catalog, straight(archive.search), None, key)[0], key
    assert len(asking.asked) == asked
