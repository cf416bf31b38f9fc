"""Properties of search-query quoting (core.search), checked with Hypothesis against a real
SQLite FTS5 table with the reference index's trigram tokenizer, and against the bundled
reference database itself: no typed text makes an FTS syntax error (or any other error), and
every quoted term finds the text it was typed from."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jcct_desktop.core.search import SearchQuery, parse_query

# FTS5 operators, quotes and punctuation people type, mixed into arbitrary text
SYNTAX = st.sampled_from(['"', "'", "*", "^", ":", "(", ")", "-", "+", "AND", "OR", "NOT",
                          "NEAR", "NEAR(", "{", "}", ",", ".", "’", "“", "\\", "%", "_", " "])
TYPED = st.text(max_size=60) | st.lists(SYNTAX | st.text(max_size=6), max_size=12).map("".join)
SETTINGS = settings(max_examples=300, deadline=None)


@pytest.fixture(scope="module")
def index() -> Iterator[sqlite3.Connection]:
    """An in-memory FTS5 table shaped like the reference's search index."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE idx USING fts5(doc UNINDEXED, body, "
                     "tokenize='trigram')")
    except sqlite3.OperationalError as missing:
        pytest.skip(f"this SQLite has no FTS5 trigram tokenizer: {missing}")
    yield conn
    conn.close()


def _found(index: sqlite3.Connection, body: str, expression: str) -> bool:
    index.execute("DELETE FROM idx")
    index.execute("INSERT INTO idx VALUES ('d', ?)", (body,))
    return index.execute("SELECT doc FROM idx WHERE idx MATCH ?", (expression,)).fetchall() \
        == [("d",)]


@SETTINGS
@given(TYPED)
def test_no_typed_text_makes_an_fts_syntax_error(index, text: str) -> None:
    query = parse_query(text)
    expression = query.match_expression()
    if expression is None:
        assert not query.fts_terms
        return
    index.execute("SELECT doc FROM idx WHERE idx MATCH ?", (expression,)).fetchall()


@SETTINGS
@given(TYPED)
def test_every_quoted_term_finds_the_text_it_was_typed_from(index, text: str) -> None:
    query = parse_query(text)
    for term in query.fts_terms:
        assert len(term) >= 3  # trigram: shorter terms go to LIKE
        one = SearchQuery((term,), ())
        assert _found(index, term, one.match_expression() or ""), term
        assert _found(index, f"before {term} after", one.match_expression() or ""), term
    if query.fts_terms:  # all of them at once, in a text that holds each
        assert _found(index, " | ".join(reversed(query.fts_terms)),
                      query.match_expression() or "")


@settings(max_examples=100, deadline=None)
@given(TYPED)
def test_the_reference_search_answers_any_typed_text(reference, text: str) -> None:
    """The window's two ways in: the ranked search, and the filter (each typed term and its
    other forms, through ``doc_ids``)."""
    from jcct_desktop.core.filtering import FilterContext

    hits = reference.search.search(text)
    assert all(h.kind in ("commitment", "fact") for h in hits)
    ids = reference.search.commitment_ids(text)
    assert {h.doc for h in hits if h.kind == "commitment"} <= ids  # a page of the same
    found = FilterContext(reference.catalog, reference.search).text_hits(text)
    assert found.commitments <= set(reference.catalog.ids)
