"""Phrases with control characters reach SQLite safely on both search paths."""

from __future__ import annotations

import pytest

from jcct_desktop.core.search import MAX_TERM_CHARS, clean_phrase
from jcct_desktop.store.reference.search import CombinedSearch, ReferenceSearch


@pytest.fixture(params=[True, False], ids=["fts", "like"], scope="module")
def search(request, reference):
    return ReferenceSearch(reference.search._engine, use_fts=request.param)


def test_a_nul_inside_a_phrase_reads_as_a_space(search):
    assert search.doc_ids(["smart\x00grid"]) == search.doc_ids(["smart grid"])
    commitments, facts = search.doc_ids(["smart\x00grid"])
    assert commitments == {"2011-SG-1", "2011-SG-2"} and facts == {"2011-SG-F1"}


def test_a_phrase_of_control_characters_alone_finds_nothing(search):
    # SQLite ends a string at NUL: '%\0%' would have been '%' and matched every row.
    assert search.doc_ids(["\x00", "\x01\x7f", "\u200b"]) == (set(), set())


@pytest.mark.parametrize("phrase", ["IP\x00R", "\x00smart grid\x00", "\u202esmart grid",
                                    "smart\tgrid\r\n", "x" * 60_000, '"\x00"', "智能\x00电网"])
def test_hostile_phrases_never_raise_and_agree_on_both_paths(reference, phrase):
    fts = ReferenceSearch(reference.search._engine, use_fts=True)
    like = ReferenceSearch(reference.search._engine, use_fts=False)
    assert fts.doc_ids([phrase]) == like.doc_ids([phrase])


def test_the_combined_search_is_as_safe(reference):
    combined = CombinedSearch(reference.search)
    assert combined.doc_ids(["smart\x00grid"])[0] == {"2011-SG-1", "2011-SG-2"}


def test_clean_phrase_keeps_the_words_and_caps_the_length():
    assert clean_phrase("  intellectual\x00 property\u200b ") == "intellectual property"
    assert clean_phrase("China’s") == "China's"
    assert len(clean_phrase("y" * (MAX_TERM_CHARS * 3))) == MAX_TERM_CHARS
