"""A finished packet's PDF document (every page and object of it) is freed when the packet is
written, by reference counting: not left, through the reference cycles of reportlab's text
objects and of the document template (both held the canvas), to a full collection that walks
it all (a second or more at 10,000 commitments, at the command's exit or in the window), nor
kept for good when the window has frozen its objects (``gc.freeze``) before."""

from __future__ import annotations

import gc
import io
import weakref

import pytest
from reportlab.pdfbase.pdfdoc import PDFDocument

from jcct_desktop.pdf.render import write_packet
from tests import packet_support
from tests.packet_support import record_made

# the 2011 packet with its history; the collector off
briefing, no_collections = packet_support.history_2011, packet_support.no_collections


@pytest.fixture
def documents(monkeypatch) -> list[weakref.ref[PDFDocument]]:
    return record_made(monkeypatch, PDFDocument)


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
