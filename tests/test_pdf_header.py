"""A long handling marking stays on one header line (shrunk, then cut); the cover has it all."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from jcct_desktop.core.briefing import BriefingOptions, Scope, build_briefing
from jcct_desktop.pdf import render_packet
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.fit import ELLIPSIS, one_line
from jcct_desktop.pdf.template import MIN_HEADER_SIZE
from jcct_desktop.store.reference import open_reference

LONG = " ".join(["FOR OFFICIAL USE ONLY — 王岐山 <b> & NOFORN"] * 8) + " END"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    ref = open_reference()
    sector = ref.catalog.commitments[0].sector
    b = build_briefing(ref.catalog, BriefingOptions(
        scope=Scope.SECTORS, sectors=(sector,), as_of=date(2012, 3, 1), marking=LONG,
        include_timeline=False, deterministic=True))
    path = tmp_path_factory.mktemp("hdr") / "p.pdf"
    render_packet(b, path)
    return PdfReader(path).pages


def _runs(page):
    """(text, baseline y, size) of every text run drawn on the page."""
    runs = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((text, round(y, 1), size * tm[3] * cm[3]))

    page.extract_text(visitor_text=visit)
    return runs


def test_long_marking_is_one_line_inside_the_header(pages):
    height = float(pages[0].mediabox.height)
    top = height - S.MARGIN - 0.1 * 72 + S.HEADER_GAP  # the header's baseline area
    for page in pages:
        runs = _runs(page)
        header = [r for r in runs if r[1] > top]
        assert header, "no header on the page"
        assert len({y for _, y, _ in header}) == 1, header  # a single line, no wrapping upward
        assert all(y + size < height - 12 for _, y, size in header)  # clear of the page edge
        assert all(size >= MIN_HEADER_SIZE - 0.01 for _, _, size in header)
        line = "".join(t for t, _, _ in header)
        assert line.startswith("FOR OFFICIAL USE ONLY") and line.rstrip().endswith(ELLIPSIS)


def test_cover_shows_the_whole_marking(pages):
    squash = re.compile(r"\s+")
    assert squash.sub("", LONG) in squash.sub("", pages[0].extract_text())


def test_one_line_keeps_shrinks_then_cuts():
    sheet = S.stylesheet()
    style = sheet["header"]
    short = one_line("FOUO", style, 400, 6)
    assert short.style is style and short.blPara.lines  # untouched when it fits
    text = "CONFIDENTIAL " * 6
    shrunk = one_line(text, style, 330, 6)
    assert 6 <= shrunk.style.fontSize < style.fontSize
    assert ELLIPSIS not in shrunk.getPlainText()
    cut = one_line(text * 4, style, 330, 6)
    assert cut.style.fontSize == 6 and cut.getPlainText().endswith(ELLIPSIS)
    assert len(cut.blPara.lines) == 1
