"""Large packets (issue 25): the shortcuts that make a 10,000-commitment packet fast print
exactly what reportlab prints without them — the same bytes, so the same pages and text."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from pypdf import PdfReader
from reportlab.lib import colors
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from bench.make_archive import make_archive
from jcct_desktop.core.briefing import BriefingOptions, Scope, build_briefing
from jcct_desktop.pdf import flow
from jcct_desktop.pdf import summary as summary_
from jcct_desktop.pdf.paged_table import PagedTable
from jcct_desktop.pdf.render import write_packet
from jcct_desktop.pdf.styles import stylesheet
from jcct_desktop.store.reference.reader import open_reference

SIZE = 240  # commitments: the summary runs over a dozen pages


@pytest.fixture(scope="module")
def briefing(tmp_path_factory):
    archive = make_archive(tmp_path_factory.mktemp("archive") / "a.sqlite", meetings=3,
                           per_meeting=SIZE // 3)
    catalog = open_reference(archive).catalog
    ids = frozenset(c.id for c in catalog.commitments)
    options = BriefingOptions(scope=Scope.FILTER, ids=ids, as_of=date(2012, 3, 1),
                              deterministic=True, include_history=True,
                              scope_label=f"{SIZE} commitments")
    return build_briefing(catalog, options)


def _packet(b) -> bytes:
    out = io.BytesIO()
    write_packet(b, out)
    return out.getvalue()


def _whole_table(head, rows, col_widths, style_for) -> Table:
    """One reportlab Table of every row, split by reportlab at every page."""
    heads = [] if head is None else [list(head)]
    table = Table([*heads, *(list(r) for r in rows)], colWidths=list(col_widths),
                  repeatRows=len(heads))
    table.setStyle(style_for(0, len(rows)))
    return table


def test_summary_a_page_at_a_time_prints_what_one_table_prints(briefing, monkeypatch):
    paged = _packet(briefing)
    monkeypatch.setattr(summary_, "PagedTable", _whole_table)
    assert _packet(briefing) == paged

    pages = ["".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(paged)).pages]
    glance = [t for t in pages if "IDCommitmentSideDeadlineStateAssessment" in t]
    assert len(glance) > 10  # the header on every page the table runs over
    listed = "".join(glance)
    found = [r.id for r in briefing.summary if r.id in listed]
    # every commitment but those page 1 lists (the first overdue and due next)
    assert SIZE - 20 <= len(found) < SIZE


def test_contents_a_page_at_a_time_prints_what_one_table_prints(briefing, monkeypatch):
    paged = _packet(briefing)
    reader = PdfReader(io.BytesIO(paged))
    contents = [p for p in reader.pages[1:6] if "...." in "".join(p.extract_text().split())]
    assert len(contents) >= 2  # the contents runs over pages
    monkeypatch.setattr(flow, "PagedTable", _whole_table)
    assert _packet(briefing) == paged


def test_short_texts_broken_into_lines_once_change_no_byte(briefing, monkeypatch):
    flow._WRAPPED.clear()
    shared = _packet(briefing)
    assert flow._WRAPPED  # labels, sides, standings: broken once per width

    class Forgets(dict):
        def __setitem__(self, key, value):
            pass

    monkeypatch.setattr(flow, "_WRAPPED", Forgets())
    assert _packet(briefing) == shared


def test_a_long_table_is_laid_out_in_time_linear_in_its_rows(monkeypatch):
    """reportlab rebuilds the rest of a split table at every page: 2,000 rows cost ~50,000
    rows built. A page at a time, each row is built a few times at most."""
    sheet = stylesheet()
    built: list[int] = []
    init = Table.__init__

    def counting(self, data, *args, **kwargs):
        built.append(len(data))
        init(self, data, *args, **kwargs)

    def style_for(first: int, count: int) -> TableStyle:
        return TableStyle([("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.grey),
                           *[("BACKGROUND", (0, i), (-1, i), colors.lightgrey)
                             for i in range(1, count + 1) if (first + i) % 2 == 0]])

    rows = [[Paragraph(f"row {n}", sheet["cell"]), Paragraph("x " * (n % 40), sheet["cell"])]
            for n in range(2000)]
    head = [Paragraph("N", sheet["cell_head"]), Paragraph("Words", sheet["cell_head"])]
    monkeypatch.setattr(Table, "__init__", counting)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, initialFontName=sheet.fonts.sans)
    doc.build([PagedTable(head, rows, [100, 300], style_for)])
    monkeypatch.undo()
    assert doc.page > 40
    assert sum(built) < 5 * len(rows), (sum(built), doc.page)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(out.getvalue())).pages]
    assert all(t.startswith("N\nWords\n") for t in pages)  # the header on every page
    shown = [int(n) for t in pages for n in re.findall(r"^row (\d+)$", t, re.MULTILINE)]
    assert shown == list(range(len(rows)))  # every row once, in order


def test_paged_table_of_rows_that_fit_is_one_table(tmp_path: Path):
    sheet = stylesheet()
    rows = [[Paragraph(f"row {n}", sheet["cell"])] for n in range(3)]

    def style_for(first: int, count: int) -> TableStyle:
        return TableStyle([])

    out = tmp_path / "t.pdf"
    doc = SimpleDocTemplate(str(out), initialFontName=sheet.fonts.sans)
    doc.build([PagedTable([Paragraph("Head", sheet["cell_head"])], rows, [200], style_for)])
    text = PdfReader(out).pages[0].extract_text()
    assert doc.page == 1 and text.split() == ["Head", "row", "0", "row", "1", "row", "2"]


TYPED = ("Tariffs & quotas <b>not</b> markup; a &amp; b, 5 > 3 < 4, “quoted” — "
         "and a long line that goes on " * 4)


@pytest.mark.parametrize("markup", [
    escape(TYPED), "&lt;&amp;&gt;", "plain words only", "a&amp;b&lt;c&gt;d", "ends &amp;"])
def test_plain_fragments_are_the_parsers(markup):
    from reportlab.platypus.paraparser import ParaParser

    from jcct_desktop.pdf.plain_frags import plain_frags

    style = stylesheet()["note"]
    _, parsed, _ = ParaParser().parse(markup, style)
    ours = plain_frags(markup, style)
    assert ours is not None
    assert [f.__dict__ for f in ours] == [f.__dict__ for f in parsed]
    assert plain_frags(f"<b>{markup}</b>", style) is None  # markup: left to the parser
    assert plain_frags("a & b", style) is None  # not escaped: the parser decides


def test_notes_set_without_the_parser_print_what_the_parser_sets(reference, monkeypatch):
    from jcct_desktop.core.briefing import AnnotationView, NoteView, PlainAnnotations
    from jcct_desktop.pdf import plain_frags as plain_frags_

    notes = (NoteView(TYPED + "\nsecond line " * 30, datetime(2012, 1, 1)),
             NoteView("English العربية עברית 中文 Ελληνικά " * 20, datetime(2012, 1, 2)))
    ann = AnnotationView(status="In progress", evidence=TYPED * 3, notes=notes, starred=True)
    b = build_briefing(reference.catalog, BriefingOptions(
        scope=Scope.STARRED, as_of=date(2012, 1, 15), deterministic=True),
        PlainAnnotations({"2011-NEV-1": ann}))
    calls: list[str] = []
    real = plain_frags_.plain_frags

    def counted(text, style):
        calls.append(text)
        return real(text, style)

    monkeypatch.setattr(flow, "plain_frags", counted)
    fast = _packet(b)
    assert sum(1 for t in calls if real(t, stylesheet()["note"]) is not None) >= 3
    monkeypatch.setattr(flow, "plain_frags", lambda text, style: None)
    assert _packet(b) == fast
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(fast)).pages)
    assert "Tariffs & quotas <b>not</b> markup; a &amp; b, 5 > 3 < 4" in text
