"""The packet's pages are written as compressed binary streams, not ASCII85 text: a smaller
file that reads back to the same pages, text and links as reportlab's default encoding."""

from __future__ import annotations

import contextlib
import io
from datetime import date

from pypdf import PdfReader
from reportlab import rl_config

from jcct_desktop.core.briefing import BriefingOptions, build_briefing
from jcct_desktop.pdf import render
from jcct_desktop.pdf.render import write_packet

AS_OF = date(2012, 3, 1)


def _packet(reference) -> bytes:
    out = io.BytesIO()
    write_packet(build_briefing(reference.catalog, BriefingOptions(
        as_of=AS_OF, deterministic=True, include_history=True)), out)
    return out.getvalue()


def _read(data: bytes) -> list[tuple[str, list[object]]]:
    pages = PdfReader(io.BytesIO(data)).pages
    return [(p.extract_text(), [a.get_object()["/Rect"] for a in p.get("/Annots", [])])
            for p in pages]


def test_pages_are_binary_and_read_as_with_ascii85(reference, monkeypatch):
    default = rl_config.useA85
    binary = _packet(reference)
    assert rl_config.useA85 == default  # put back for whatever else uses reportlab
    monkeypatch.setattr(render, "binary_streams", contextlib.nullcontext)
    monkeypatch.setattr(rl_config, "useA85", 1)
    text85 = _packet(reference)
    assert b"/ASCII85Decode" in text85 and b"/ASCII85Decode" not in binary
    assert b"/FlateDecode" in binary
    assert len(binary) < 0.95 * len(text85)
    read = _read(binary)
    assert read == _read(text85)
    assert "Page 1 of" in read[0][0] and any(links for _, links in read)
