"""A search returns its first page first: the best hits, in the order the whole ranking has,
page after page; ``count`` says how many there are in all."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from bench.make_archive import make_archive
from jcct_desktop.store.reference.imported_meetings import open_with_imports
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.store.reference.search import PAGE, ReferenceSearch
from tests.imported_support import import_jcct_23

QUERIES = ["software", "IPR", "王岐山", "王", "IT", "U.S.-China", "smart grid", "catalogue",
           "don't", "SFDA June", "zzqqxx", '"', "counterfeit drugs"]
EVERYTHING = 10**9


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Five generated meetings: 500 commitments sharing a few dozen sentences, so many
    hits rank equal and the order among them matters."""
    path = make_archive(tmp_path_factory.mktemp("archive") / "archive-500.sqlite",
                        meetings=5, per_meeting=100)
    return open_reference(path)


def _pages(search, text: str) -> list:
    found, offset = [], 0
    while True:
        page = search.search(text, limit=PAGE, offset=offset)
        found += page
        if len(page) < PAGE:
            return found
        offset += PAGE


@pytest.mark.parametrize("fts", [True, False])
def test_pages_follow_the_whole_ranking(archive, fts: bool) -> None:
    search = ReferenceSearch(archive.search._engine, use_fts=fts)
    for text in QUERIES:
        everything = search.search(text, limit=EVERYTHING)
        assert search.search(text) == everything[:PAGE], text  # the first page by default
        assert _pages(search, text) == everything, text
        assert search.count(text) == len(everything), text
        ranks = [h.rank for h in everything]
        assert ranks == sorted(ranks), text
    assert search.count("software") > PAGE  # the archive holds more than one page of it


def test_equal_ranks_keep_source_order(archive) -> None:
    """Each meeting repeats the same sentences: equal ranks, listed in the order of the
    source (meeting by meeting), never by the text of their ids."""
    order = {c.id: i for i, c in enumerate(archive.catalog.commitments)}
    hits = [h for h in archive.search.search("software", limit=EVERYTHING)
            if h.kind == "commitment"]
    for before, after in pairwise(hits):
        if before.rank == after.rank:
            assert order[before.doc] < order[after.doc]


def test_the_first_page_on_the_2011_meeting(reference) -> None:
    for text in QUERIES:
        everything = reference.search.search(text, limit=EVERYTHING)
        assert reference.search.search(text) == everything[:PAGE], text
        assert reference.search.count(text) == len(everything), text


def test_pages_across_an_imported_meeting(data_dir: Path, tmp_path: Path, capsys) -> None:
    import_jcct_23(data_dir, tmp_path)
    capsys.readouterr()
    both = open_with_imports(data_dir)
    for text in ("legalization", "software", "IPR", "state-owned"):
        everything = both.search.search(text, limit=EVERYTHING)
        assert _pages(both.search, text) == everything, text
        assert both.search.count(text) == len(everything), text
    docs = {h.doc for h in both.search.search("legalization")}
    assert {"jcct-23-SL-1", "2011-SOFT-2"} <= docs
