"""A finished packet's PDF document (every page and object of it) is freed when the packet is
written, by reference counting: not left, through the reference cycles of reportlab's text
objects and of the document template (both held the canvas), to a full collection that walks
it all (a second or more at 10,000 commitments, at the command's exit or in the window), nor
kept for good when the window has frozen its objects (``gc.freeze``) before."""

from __future__ import annotations

import gc
import io
import weakref
from collections.abc import Iterator
from datetime import date

import pytest
from reportlab.pdfbase.pdfdoc import PDFDocument

from jcct_desktop.core.briefing import Briefing, BriefingOptions, build_briefing
from jcct_desktop.pdf.render import write_packet


@pytest.fixture(scope="module")
def briefing(reference) -> Briefing:
    return build_briefing(reference.catalog, BriefingOptions(
        as_of=date(2012, 3, 1), deterministic=True, include_history=True))


@pytest.fixture
def documents(monkeypatch) -> list[weakref.ref[PDFDocument]]:
    made: list[weakref.ref[PDFDocument]] = []
    init = PDFDocument.__init__

    def recorded(self, *args, **kwargs):
        init(self, *args, **kwargs)
        made.append(weakref.ref(self))

    monkeypatch.setattr(PDFDocument, "__init__", recorded)
    return made


@pytest.fixture
def no_collections() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_the_written_packets_canvas_is_freed_at_once(briefing, documents, no_collections):
    pages = write_packet(briefing, io.BytesIO())
    assert pages > 8 and documents  # long enough for a contents page: a document per try
    assert all(ref() is None for ref in documents)


def test_nor_kept_when_objects_were_frozen_before(briefing, documents, no_collections):
    gc.freeze()  # as the window does once built
    try:
        write_packet(briefing, io.BytesIO())
        assert documents and all(ref() is None for ref in documents)
    finally:
        gc.unfreeze()
