"""A commitment's quote, a paragraph with its bar drawn beside it, prints what the one-cell
table it replaces printed: the same text runs (glyphs, places, fonts, colours) and the same
bar (where, how wide, what colour, its caps), page by page, on the 2011 meeting with notes in
several scripts and on a generated archive, and for any quote under Hypothesis."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Flowable, SimpleDocTemplate

from jcct_desktop.core.briefing import Briefing
from jcct_desktop.pdf import sector
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.flow import Para
from jcct_desktop.pdf.measured_table import MeasuredTable
from jcct_desktop.pdf.styles import stylesheet
from jcct_desktop.pdf.text import markup
from tests import packet_support
from tests.packet_support import Mark, noted_2011
from tests.packet_support import marks as _marks
from tests.packet_support import packet as _packet


def table_quote(text: Para, width: float) -> Flowable:
    """The quote as it was set before: a right-aligned table of one cell with a rule before."""
    sheet = stylesheet()
    quote = MeasuredTable([[text]], colWidths=[width])
    quote.setStyle(S.table_style(sheet, [
        ("LINEBEFORE", (0, 0), (0, -1), 2, S.QUOTE_BAR),
        ("LEFTPADDING", (0, 0), (-1, -1), 9), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    quote.hAlign = "RIGHT"
    return quote


def _bars(marks: list[list[Mark]]) -> list[Mark]:
    bar = tuple(round(c, 6) for c in S.QUOTE_BAR.rgb())
    return [m for page in marks for m in page if m[0] == "path" and m[4] == bar]


@pytest.fixture(scope="module")
def meeting_2011(reference) -> Briefing:
    return noted_2011(reference.catalog, 3, history=False)


archive = packet_support.archive  # the generated archive, a module fixture


@pytest.mark.parametrize("which", ["meeting_2011", "archive"])
def test_the_quote_prints_what_the_one_cell_table_printed(which, request, monkeypatch):
    b: Briefing = request.getfixturevalue(which)
    fast = _marks(_packet(b))
    monkeypatch.setattr(sector, "barred_quote", table_quote)
    slow = _marks(_packet(b))
    assert fast == slow
    commitments = sum(len(s.commitments) for s in b.sections)
    bars = _bars(fast)
    assert len(bars) >= commitments  # a bar for each quote, at least (a quote may continue)
    assert all(m[3] == 2 and m[6] == 1 for m in bars)  # 2 pt wide, round caps
    assert all(m[2][0][1][0] == m[2][1][1][0] for m in bars)  # upright


PROSE = st.lists(st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzWM.,;:&<>“”é—0189"
                                                  "中文עב"),
                         min_size=1, max_size=14), min_size=1, max_size=60).map(" ".join)


def _page(flowables: list[Flowable]) -> bytes:
    sheet = stylesheet()
    out = io.BytesIO()
    SimpleDocTemplate(out, initialFontName=sheet.fonts.sans).build(flowables)
    return out.getvalue()


@settings(max_examples=25, deadline=None)
@given(st.lists(PROSE, min_size=1, max_size=4))
def test_any_quote_prints_what_the_table_printed(texts):
    sheet = stylesheet()
    font, style = sheet.font("quote"), sheet["quote"]
    width = 6.5 * 72 - 12

    def story(make: Any) -> list[Flowable]:
        return [make(Para(markup(f"“{t}”", font), style), width) for t in texts]

    fast = _marks(_page(story(sector.barred_quote)))
    assert fast == _marks(_page(story(table_quote)))
    assert len(_bars(fast)) == len(texts)
