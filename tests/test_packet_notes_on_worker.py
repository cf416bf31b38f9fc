"""The officer's notes for a packet are read on the packet's worker, over a read-only connection
of its own (``ui.briefing.notes_on_worker``): the Save click no longer reads every note on the
GUI thread, and the worker reads exactly what the GUI thread read (the 2011 data and a
generated archive, a real notes database).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QThreadPool

from bench.make_archive import make_archive
from jcct_desktop.core.annotations.store import AnnotationReader
from jcct_desktop.core.briefing import PlainAnnotations
from jcct_desktop.core.briefing.from_annotations import snapshot
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.annotations.worker_reader import worker_reader
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui.briefing import export_packet
from jcct_desktop.ui.briefing.dialog import annotations_of
from jcct_desktop.ui.briefing.notes_on_worker import read_notes

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _annotate(service: AnnotationService, ids: list[str]) -> None:
    """Notes of every kind on ``ids``, and on a commitment no catalog has."""
    for n, cid in enumerate(ids):
        service.add_note(commitment_id=cid, text=f"note {n} on {cid}: 汽车 & <b>")
        if n % 2:
            service.set_starred(commitment_id=cid, starred=True)
        if n % 3 == 0:
            service.record_assessment(commitment_id=cid, status="in_progress",
                                      evidence=f"evidence {n}")
    service.add_note(commitment_id="1999-GONE-1", text="an orphan")


def _on_a_thread(work):
    """``work()`` run on a thread of its own, as the packet's worker runs it."""
    out: list[object] = []
    thread = threading.Thread(target=lambda: out.append(work()))
    thread.start()
    thread.join()
    return out[0]


def _straightforward(service: AnnotationService, catalog: Catalog) -> PlainAnnotations:
    """Every note read and shaped on the calling thread, then kept for the catalog's ids."""
    views = snapshot(service)
    return PlainAnnotations({i: a for i in catalog.ids
                             if (a := views.for_commitment(i)) is not None})


def test_the_window_read_on_a_worker_gives_what_the_gui_thread_read(window, service, catalog):
    _annotate(service, [c.id for c in catalog.commitments[::7]])
    opener = window.notes_for_worker()
    assert opener is not None
    for with_history in (False, True):
        notes, stored = _on_a_thread(lambda h=with_history: read_notes(opener, catalog, h))
        assert notes == annotations_of(window)
        assert notes.starred_ids() and "1999-GONE-1" not in notes.by_id
        assert stored == (window.stored_annotations() if with_history else [])


@pytest.fixture
def archive(tmp_path: Path) -> Catalog:
    path = make_archive(tmp_path / "a.sqlite", meetings=20, per_meeting=100)
    return open_reference(Path(path)).catalog


def test_on_a_generated_archive_the_worker_reads_what_the_gui_thread_read(
        archive, service):
    _annotate(service, [c.id for c in archive.commitments[::37]])

    @contextmanager
    def opener() -> Iterator[AnnotationReader]:
        reader = worker_reader(service)
        try:
            yield reader
        finally:
            reader.engine.dispose()

    notes, stored = _on_a_thread(lambda: read_notes(opener, archive, True))
    assert notes == _straightforward(service, archive)
    assert len(notes.by_id) == len(archive.commitments[::37])
    assert stored == service.all()


def test_the_save_click_reads_no_note_on_the_gui_thread(qtbot, window, service, catalog,
                                                        monkeypatch):
    cid = catalog.commitments[0].id
    _annotate(service, [cid])
    gui = threading.get_ident()
    read_on: list[int] = []
    for cls in {type(service), type(worker_reader(service))}:
        everything = cls.all
        monkeypatch.setattr(cls, "all", lambda self, f=everything: read_on.append(
            threading.get_ident()) or f(self))
    dialog = export_packet(window, window.settings, only=cid)
    qtbot.addWidget(dialog)
    assert QThreadPool.globalInstance().waitForDone(60_000)
    read_on.clear()
    with qtbot.waitSignal(dialog.built, timeout=60_000):
        dialog.preview_button.click()
        in_the_click = [t for t in read_on if t == gui]
    assert in_the_click == []  # (the window's own views read the notes as they change)
    assert any(t != gui for t in read_on)  # the worker read them
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(dialog.pdf or b"")).pages)
    # the notes are in the packet: the one note (written today) is after its as-of date
    assert "1 note written after" in text
