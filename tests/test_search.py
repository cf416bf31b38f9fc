import pytest

from jcct_desktop.core.search import highlight_spans, parse_query
from jcct_desktop.store.reference.search import ReferenceSearch

HOSTILE = [
    "U.S.-China",
    "don't",
    "IPR:",
    '"',
    '"unbalanced',
    "(",
    "((a) OR",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(a b)",
    "*",
    "-",
    "^",
    "col:umn",
    "a AND",
    "' OR 1=1 --",
    "%",
    "_",
    "\\",
    "\x00\x07 control",
    "<b>bold</b>",
    "😀",
    "مرحبا",
    "王",
    "王岐",
    " " * 50,
    "x" * 5000,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(reference, query: str) -> None:
    hits = reference.search.search(query)
    assert isinstance(hits, list)
    like = ReferenceSearch(reference.search._engine, use_fts=False)
    assert isinstance(like.search(query), list)


def test_ranked_match_and_prefix(reference) -> None:
    hits = reference.search.search("catalogue")
    # Both name catalogues; the one whose title says so ranks first (titles weigh 10x).
    assert [h.doc for h in hits[:2]] == ["2011-VATS-1", "2011-II-1"]
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    # A prefix of a word finds the word (the trigram index matches substrings).
    assert "2011-NEV-1" in reference.search.commitment_ids("mastery")
    assert "2011-NEV-1" in reference.search.commitment_ids("maste")


def test_punctuated_terms_find_their_text(reference) -> None:
    assert "2011-SOFT-4" in reference.search.commitment_ids(
        "U.S.-China"
    ) or reference.search.search("U.S.-China")
    assert "2011-IPRE-1" in reference.search.commitment_ids("IPR:")


def test_chinese_name_finds_wang_qishan(reference) -> None:
    ids = reference.search.commitment_ids("王岐山")
    assert {"2011-IPRE-1", "2011-SOFT-1", "2011-SOFT-2"} <= ids
    # Two characters are below the trigram minimum: the LIKE path still answers.
    assert {"2011-IPRE-1"} <= reference.search.commitment_ids("王岐")


def test_short_terms_use_like(reference) -> None:
    q = parse_query("IT 2012")
    assert q.fts_terms == ("2012",) and q.like_terms == ("IT",)
    assert reference.search.commitment_ids("IT 2012")


def test_fts_and_like_paths_agree(reference) -> None:
    like = ReferenceSearch(reference.search._engine, use_fts=False)
    for query in ["software", "SFDA 2012", "smart grid", "王岐山", "spring"]:
        fts_ids = reference.search.commitment_ids(query)
        if query == "王岐山":  # only the index carries the glossary's Chinese names
            continue
        assert fts_ids == like.commitment_ids(query), query


def test_highlights_every_term_whatever_its_case() -> None:
    q = parse_query("grid SMART")
    text = "Smart grid standards for the smart grid"
    assert highlight_spans(text, q) == [(0, 5), (6, 10), (29, 34), (35, 39)]
    assert highlight_spans(text, parse_query("missing")) == []
    assert parse_query("").is_empty and parse_query('" * ( )').is_empty


def test_straight_apostrophe_finds_curly_source_text(reference) -> None:
    like = ReferenceSearch(reference.search._engine, use_fts=False)
    for search in (reference.search, like):
        straight = {h.doc for h in search.search("China's market")}
        curly = {h.doc for h in search.search("China’s market")}
        assert straight == curly and "2011-INNOV-F2" in straight


@pytest.mark.parametrize("query", ["s", "a", "software", "王", "王岐山", "%_"])
def test_filter_answers_are_unlimited_and_agree_with_ranked_search(reference, query) -> None:
    ranked = {h.doc for h in reference.search.search(query, limit=10**9) if h.kind == "commitment"}
    assert reference.search.commitment_ids(query) == ranked


def test_like_fallback_search_survives_a_huge_term(reference) -> None:
    from jcct_desktop.store.reference.search import ReferenceSearch

    search = ReferenceSearch(reference.search._engine, use_fts=False)
    assert search.search("x" * 60_000) == []
    assert search.commitment_ids("政" * 60_000) == set()
