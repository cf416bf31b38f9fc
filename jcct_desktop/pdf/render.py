"""``render_packet``: a Briefing in, a complete PDF out (written atomically), nothing else."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from typing import BinaryIO

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak
from reportlab.platypus.tableofcontents import TableOfContents

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
    flow = story(b, sheet, doc.width)
    _seed_contents(flow, len(b.commitment_ids))
    doc.multiBuild([doc.total, *flow], maxPasses=8)
    return doc.page


def _seed_contents(flow: list[Flowable], commitments: int) -> None:
    """Give the contents its final entries (page numbers still unknown) before the first pass.

    The first pass then lays everything out at its final place, the second fills in the page
    numbers and finds nothing moved: two passes instead of three.
    """
    toc = next((f for f in flow if isinstance(f, TableOfContents)), None)
    if toc is None:
        return
    guess = 10 ** len(str(commitments // 2 + 20)) - 1  # as many digits as the real numbers
    entries = []
    for f in _walk(flow):
        if getattr(f, "toc", None):
            level, text = f.toc
            entries.append((level, text, guess, f.outline[0]))
    toc._entries = entries  # beforeBuild moves them to _lastEntries, which wrap() lays out


def _walk(flow: list[Flowable]) -> Iterator[Flowable]:
    for f in flow:
        yield f
        inner = getattr(f, "_content", None)  # KeepTogether
        if isinstance(inner, list):
            yield from _walk(inner)


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
