"""A handling marking is printed whole at the top and bottom of every page (wrapped and shrunk,
never cut); one too long for that is refused with a one-line message; none by default."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from jcct_desktop.core.briefing import (
    BadPacketOptionError,
    BriefingOptions,
    Scope,
    build_briefing,
)
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.pdf import render_packet
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.fit import ELLIPSIS, one_line
from jcct_desktop.pdf.template import MIN_MARKING_SIZE
from jcct_desktop.store.reference.reader import open_reference

LONG = " ".join(["FOR OFFICIAL USE ONLY — 王岐山 <b> & NOFORN"] * 8) + " END"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    ref = open_reference()
    sector = ref.catalog.commitments[0].sector
    b = build_briefing(ref.catalog, BriefingOptions(
        scope=Scope.SECTORS, sectors=(sector,), as_of=date(2012, 3, 1), marking=LONG,
        include_timeline=False, deterministic=True))
    path = tmp_path_factory.mktemp("hdr") / "p.pdf"
    render_packet(b, path, own_files=OwnFiles(None))
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


def test_long_marking_is_whole_at_top_and_bottom_of_every_page(pages):
    height = float(pages[0].mediabox.height)
    top = height - S.MARGIN - 0.1 * 72 + S.HEADER_GAP  # the header's baseline area
    squash = re.compile(r"\s+")
    for page in pages:
        runs = _runs(page)
        header = [r for r in runs if r[1] > top]
        footer = [r for r in runs if r[1] < S.MARGIN - 0.35 * 72 - 2]
        for part in (header, footer):
            assert part, "no marking on the page"
            assert all(y > 0 and y + size < height - 4 for _, y, size in part)  # on the paper
            assert all(size >= MIN_MARKING_SIZE - 0.01 for _, _, size in part)
            text = squash.sub("", "".join(t for t, _, _ in part))
            assert text == squash.sub("", LONG)  # never cut
            assert ELLIPSIS not in text


def test_marking_too_long_for_a_header_is_refused_in_one_line():
    ref = open_reference()
    with pytest.raises(BadPacketOptionError) as err:
        build_briefing(ref.catalog, BriefingOptions(marking="SECRET " * 800))
    assert "\n" not in str(err.value) and "marking" in str(err.value)


def test_no_marking_by_default():
    assert BriefingOptions().marking == ""


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
