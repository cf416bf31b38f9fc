"""``render_packet``: a Briefing in, a complete PDF out (written atomically), nothing else."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from typing import BinaryIO

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from jcct_desktop.core.briefing import Briefing
from jcct_desktop.core.files import atomic_output
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.front import contents, cover
from jcct_desktop.pdf.sector import sections
from jcct_desktop.pdf.summary import summary
from jcct_desktop.pdf.template import PacketTemplate
from jcct_desktop.pdf.timeline import timeline

# Beyond this many commitments the contents lists sectors only: a 10,000-line contents helps
# nobody, and every extra line costs a layout pass.
TOC_COMMITMENT_LIMIT = 150

Progress = Callable[[str], None]


def story(b: Briefing, sheet: S.Stylesheet, width: float) -> list[Flowable]:
    flow: list[Flowable] = [*cover(b, sheet, width), *contents(b, sheet)]
    flow += summary(b, sheet, width)
    if b.options.include_timeline:
        flow += [PageBreak(), *timeline(b, sheet, width)]
    flow += [NextPageTemplate("body"), PageBreak()]
    flow += sections(b, sheet, width, len(b.commitment_ids) <= TOC_COMMITMENT_LIMIT)
    return flow


def write_packet(b: Briefing, out: BinaryIO) -> int:
    """Lay out and write the packet to an open binary file; returns the page count."""
    sheet = S.stylesheet()
    doc = PacketTemplate(out, b, sheet)
    doc.multiBuild([doc.total, *story(b, sheet, doc.width)], maxPasses=8)
    return doc.page


def packet_bytes(b: Briefing) -> tuple[bytes, int]:
    """The PDF's bytes and its page count."""
    buf = io.BytesIO()
    pages = write_packet(b, buf)
    return buf.getvalue(), pages


def render_packet(b: Briefing, output_path: str | os.PathLike[str]) -> int:
    """Write the packet to ``output_path`` whole or not at all; returns the page count.

    Raises ``core.files.OutputError`` (a message fit for a user) when the file cannot be written;
    an existing file is replaced only once the new one is complete.
    """
    # Lay out in memory first: a layout error then never even creates the temporary file.
    data, pages = packet_bytes(b)
    with atomic_output(output_path) as fh:
        fh.write(data)
    return pages
