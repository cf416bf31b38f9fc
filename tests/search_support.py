"""What the search and filter fast-path tests share: the same database's search answered in
SQL alone and warmed as the window's, a generated archive, and an imported meeting with the
SQL-only search over both its parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.make_archive import make_archive
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.reference.imported_meetings import open_with_imports
from jcct_desktop.store.reference.reader import ReferenceData, open_reference
from jcct_desktop.store.reference.search import CombinedSearch, ReferenceSearch
from tests.imported_support import import_jcct_23


def straight(search: ReferenceSearch) -> ReferenceSearch:
    """The same database's search in SQL alone (never warmed)."""
    return ReferenceSearch(search._engine)


def warmed(search: ReferenceSearch) -> ReferenceSearch:
    """The same database's search with its rows in memory, as the window's."""
    fast = ReferenceSearch(search._engine)
    fast.warm()
    return fast


def generated_archive(tmp_path_factory: pytest.TempPathFactory, folder: str) -> ReferenceData:
    """A generated archive (2,000 commitments): many copies of the same sentences."""
    path = make_archive(tmp_path_factory.mktemp(folder) / "archive.sqlite", meetings=20,
                        per_meeting=100)
    return open_reference(path)


def with_jcct_23(data_dir: Path, work: Path,
                 capsys: pytest.CaptureFixture[str]) -> tuple[ReferenceData, CombinedSearch]:
    """The 2011 meeting with the 23rd imported (not warmed), and the SQL-only search over
    the same two databases."""
    import_jcct_23(data_dir, work)
    capsys.readouterr()
    both = open_with_imports(data_dir)
    assert isinstance(both.search, CombinedSearch)
    in_sql = CombinedSearch(*(straight(p) for p in both.search.parts
                              if isinstance(p, ReferenceSearch)))
    return both, in_sql


def add_searched_notes(service: AnnotationService) -> AnnotationService:
    """Notes the fast-path tests search: a term in English and in Chinese, and a note on a
    commitment the catalog does not hold."""
    service.add_note(commitment_id="2011-II-1", text="Quokka-level detail from the 王岐山 meeting")
    service.add_note(commitment_id="2011-SOFT-2", text="software audit: ask 王岐山's office")
    service.add_note(commitment_id="2099-GONE-1", text="a quokka on a commitment not here")
    return service
