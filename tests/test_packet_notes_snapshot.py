"""The notes a packet is built with (``ui.briefing.dialog.annotations_of``, on the GUI thread at
the Save click): found from the notes, not by asking for every commitment of the archive, and
exactly what asking for every commitment gives, on the 2011 data and a generated archive."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings

from bench.make_archive import make_archive
from jcct_desktop.core.briefing import AnnotationView, PlainAnnotations
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui.briefing.dialog import annotations_of
from tests.packet_host_support import WholeCatalogShown


class Host(WholeCatalogShown):
    """The window's API the dialog asks for, holding the officer's notes (``HasNotes``)."""

    def __init__(self, catalog: Catalog, notes: PlainAnnotations | None) -> None:
        self.catalog = catalog
        self.notes = notes
        self.settings = QSettings()
        self.own_files = OwnFiles(None)

    def briefing_annotations(self) -> PlainAnnotations | None:
        return self.notes


def _asking_every_commitment(host: Host) -> PlainAnnotations:
    """The straightforward reading: each commitment of the catalog asked for its notes."""
    notes = host.briefing_annotations()
    if notes is None:
        return PlainAnnotations()
    found = {i: notes.for_commitment(i) for i in host.catalog.ids}
    return PlainAnnotations({i: a for i, a in found.items() if a is not None})


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    path = make_archive(tmp_path_factory.mktemp("archive") / "a.sqlite", meetings=20,
                        per_meeting=100)
    return open_reference(Path(path)).catalog


views = st.builds(AnnotationView, status=st.sampled_from(["Not assessed", "In progress"]),
                  tags=st.lists(st.text(max_size=5), max_size=2).map(tuple),
                  starred=st.booleans())
# notes of commitments no longer in the catalog (a meeting removed) or never in it
strangers = st.text(min_size=1, max_size=12)


def _notes(catalog: Catalog) -> st.SearchStrategy[dict[str, AnnotationView]]:
    ids = sorted(catalog.ids)
    return st.dictionaries(st.one_of(st.sampled_from(ids), strangers), views, max_size=40)


@pytest.mark.parametrize("which", ["2011", "archive"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_notes_are_those_of_the_catalogs_commitments(which, catalog, archive, data):
    chosen = catalog if which == "2011" else archive
    by_id = data.draw(_notes(chosen))
    host = Host(chosen, PlainAnnotations(by_id))
    got = annotations_of(host)
    assert got == _asking_every_commitment(host)
    assert set(got.by_id) == {i for i in by_id if i in chosen.ids}
    assert got.starred_ids() == {i for i, a in by_id.items() if a.starred and i in chosen.ids}


def test_no_notes_open_gives_none(catalog):
    assert annotations_of(Host(catalog, None)) == PlainAnnotations()
