"""A cancelled packet's document is freed when the cancel comes out of the layout, as a
finished packet's is (``test_packet_canvas_freed.py``): not kept by the exception's traceback.

reportlab re-raises what an action of the layout raises (the end of a page, where our step
runs) through ``annotateException``, whose frame holds the exception: the exception, its
traceback and every frame of the layout (the document, its canvas, the story) made a cycle
that only a collection freed. In the window the next packet's freeze came first and kept it
for good; on the command line it lived until exit. Checked with the collector off, so only
reference counting (and the layout's own collection on the way out, in the window) frees it.
"""

from __future__ import annotations

import gc
import io
import weakref
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfdoc import PDFDocument

from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.core.progress import Cancelled
from jcct_desktop.pdf.render import packet_bytes, render_packet
from jcct_desktop.pdf.template import PacketTemplate
from tests import packet_support
from tests.packet_support import record_made

# steps into the 2011 packet with its history (~365 steps): the first page, pages ending
# (reportlab's annotated re-raise), commitments placed, and writing out
STOP_AT = (2, 5, 30, 100, 300)


# the 2011 packet with its history; the collector off
briefing, no_collections = packet_support.history_2011, packet_support.no_collections


@pytest.fixture
def made(monkeypatch) -> dict[str, list[weakref.ref[object]]]:
    """Weak references to every PDF document and packet template made meanwhile."""
    return {"documents": record_made(monkeypatch, PDFDocument),
            "templates": record_made(monkeypatch, PacketTemplate)}


def _stop_at(n: int, exc: type[BaseException]):
    calls = [0]

    def step(placed: int, total: int) -> None:
        calls[0] += 1
        if calls[0] >= n:
            raise exc

    return step, calls


def _alive(refs: list[weakref.ref[object]]) -> int:
    return sum(r() is not None for r in refs)


@pytest.mark.parametrize("at", STOP_AT)
def test_a_cancelled_packet_in_the_window_leaves_nothing(briefing, made, no_collections, at):
    """As the window builds it: its objects frozen before (``ui.app``), Cancel raising
    ``Cancelled`` from the step, the worker dropping it."""
    gc.freeze()
    try:
        step, calls = _stop_at(at, Cancelled)
        with pytest.raises(Cancelled):
            packet_bytes(briefing, step)
        assert calls[0] == at
        assert made["documents"], "stopped before any document was made"
        assert _alive(made["documents"]) == 0  # its pages, its objects, its canvas
        assert _alive(made["templates"]) == 0  # the layout's collection took its cycles
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("at", STOP_AT)
def test_an_interrupted_export_leaves_nothing(briefing, made, no_collections, tmp_path: Path,
                                              at):
    """As ``export pdf`` writes it, Ctrl+C arriving in the layout: the document is freed by
    reference counting as the interrupt comes out, and no temporary file is left."""
    step, calls = _stop_at(at, KeyboardInterrupt)
    target = tmp_path / "packet.pdf"
    with pytest.raises(KeyboardInterrupt):
        render_packet(briefing, target, own_files=OwnFiles(None), step=step)
    assert calls[0] == at and made["documents"]
    assert _alive(made["documents"]) == 0
    assert list(tmp_path.iterdir()) == []


def test_the_packet_built_after_a_cancel_is_whole(briefing, no_collections):
    """Clearing the cancelled layout's frames takes nothing from the next build."""
    step, _ = _stop_at(30, Cancelled)
    with pytest.raises(Cancelled):
        packet_bytes(briefing, step)
    data, pages = packet_bytes(briefing)
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(data)).pages) == pages > 8
