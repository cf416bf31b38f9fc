"""The tagged packet (issue 27): PDF/UA-1 from the same core.briefing content, read back with
pikepdf: structure tree, headings matching the ReportLab packet's bookmarks, tables with header
cells, the timeline as a data table, artifacts, languages, XMP and DisplayDocTitle."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from jcct_desktop.core.briefing import (
    AnnotationView,
    BriefingOptions,
    NoteView,
    PlainAnnotations,
    build_briefing,
)
from jcct_desktop.pdf import packet_bytes
from jcct_desktop.pdf.tagged import TITLES, t, tagged_packet_bytes
from tests.ui_support import hostile_catalog

AS_OF = date(2012, 7, 15)
CID = "2011-SOFT-2"
NOTE = "Met 王岐山 in Beijing: *not bold* #not-code $not-math$ \\ \"quoted\""


@pytest.fixture(scope="module")
def briefing(catalog):
    notes = PlainAnnotations({CID: AnnotationView(
        status="Partially fulfilled", evidence="Provincial audit",
        notes=(NoteView(NOTE, datetime(2012, 1, 10, 9, 0)),), tags=("ipr",), starred=True)})
    return build_briefing(catalog, BriefingOptions(as_of=AS_OF, deterministic=True), notes)


@pytest.fixture(scope="module")
def tagged(briefing) -> bytes:
    return tagged_packet_bytes(briefing)


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element in reading order."""
    out: list[pikepdf.Dictionary] = []

    def walk(node: pikepdf.Object) -> None:
        if isinstance(node, pikepdf.Dictionary) and "/S" in node:
            out.append(node)
        kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary):
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return out


def _kind(e: pikepdf.Dictionary) -> str:
    return str(e.S).lstrip("/")


def _under(e: pikepdf.Dictionary, kind: str) -> list[pikepdf.Dictionary]:
    return [x for x in _elements_of(e) if _kind(x) == kind]


def _elements_of(root: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    out = []
    kids = root.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            out.append(kid)
            out += _elements_of(kid)
    return out


def _outline_titles(data: bytes) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(PdfReader(io.BytesIO(data)).outline)
    return titles


def test_the_document_is_marked_titled_and_declares_pdf_ua(tagged, briefing):
    pdf = pikepdf.open(io.BytesIO(tagged))
    root = pdf.Root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == "en"
    assert root.ViewerPreferences.DisplayDocTitle is True
    xmp = root.Metadata.read_bytes()
    assert b"pdfuaid:part" in xmp and b"1" in xmp
    assert briefing.cover.title.encode() in xmp  # dc:title, which DisplayDocTitle shows
    assert "/StructTreeRoot" in root


def test_headings_are_the_reportlab_packets_sections(tagged, briefing):
    """Every bookmark of the ReportLab packet is a heading of the tagged one, in order."""
    pdf = pikepdf.open(io.BytesIO(tagged))
    heads = [(_kind(e), str(e.T)) for e in _elements(pdf) if _kind(e) in ("H1", "H2", "H3")]
    assert heads[0] == ("H1", briefing.cover.title)
    h2 = [title for kind, title in heads if kind == "H2"]
    assert h2[:4] == [TITLES[k] for k in ("bottom", "contents", "summary", "timeline")]
    assert h2[4:] == [s.title for s in briefing.sections]
    h3 = [title for kind, title in heads if kind == "H3"]
    assert h3 == [f"{c.id} — {c.title}" for s in briefing.sections for c in s.commitments]
    reportlab, _pages = packet_bytes(briefing)
    said = [title for _kind_, title in heads]
    outline = _outline_titles(reportlab)
    assert outline, "the ReportLab packet has bookmarks to compare with"
    missing = [t_ for t_ in outline if t_ not in said]
    assert not missing, missing


def test_the_bottom_line_counts_are_a_table_with_header_cells(tagged, briefing):
    pdf = pikepdf.open(io.BytesIO(tagged))
    elements = _elements(pdf)
    start = next(i for i, e in enumerate(elements)
                 if _kind(e) == "H2" and str(e.T) == TITLES["bottom"])
    table = next(e for e in elements[start:] if _kind(e) == "Table")
    assert len(_under(table, "TH")) == 2  # Standing, Commitments
    rows = _under(table, "TR")
    assert len(rows) == 1 + len(briefing.bottom_line.counts)  # header + one per count
    for row in rows[1:]:
        assert len(_under(row, "TD")) == 2  # each number beside its label, row by row


def test_the_timeline_is_a_data_table_of_every_milestone(tagged, briefing):
    pdf = pikepdf.open(io.BytesIO(tagged))
    elements = _elements(pdf)
    start = next(i for i, e in enumerate(elements)
                 if _kind(e) == "H2" and str(e.T) == TITLES["timeline"])
    table = next(e for e in elements[start:] if _kind(e) == "Table")
    assert len(_under(table, "TH")) == 5
    # undated milestones are rows too, "no deadline stated" (tests/test_undated_packet.py)
    assert len(_under(table, "TR")) == 1 + len(briefing.timeline) + len(briefing.undated)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(tagged)).pages)
    for row in briefing.timeline:
        assert row.id in text


def test_every_commitment_with_milestones_has_a_table_with_headers(tagged, briefing):
    pdf = pikepdf.open(io.BytesIO(tagged))
    tables = [e for e in _elements(pdf) if _kind(e) == "Table"]
    with_milestones = sum(1 for s in briefing.sections for c in s.commitments if c.milestones)
    lists = sum(1 for _key, rows in briefing.bottom_line.lists if rows)
    assert len(tables) == 3 + lists + with_milestones  # counts, summary, timeline, …
    assert all(_under(table, "TH") for table in tables)


def test_headers_and_footers_are_artifacts_and_chinese_is_marked(tagged):
    pdf = pikepdf.open(io.BytesIO(tagged))
    streams = [page.Contents.read_bytes() if isinstance(page.Contents, pikepdf.Stream)
               else b"".join(s.read_bytes() for s in page.Contents) for page in pdf.pages]
    assert all(b"/Artifact" in s for s in streams)  # every page's running header/footer
    assert any(b"/Lang(zh)" in s for s in streams)  # the note naming 王岐山


def test_text_reaches_the_page_as_typed(tagged):
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(tagged)).pages)
    assert "*not bold* #not-code $not-math$" in text
    assert "王岐山" in text


def test_chinese_runs_are_cut_out_as_their_own_spans():
    assert t("Met 王岐山 here") == '#"Met "#text(lang: "zh", "王岐山")#" here"'
    assert t('a "b" \\c') == '#"a \\"b\\" \\\\c"'
    assert t("") == '#""'


def test_a_right_to_left_note_typesets(catalog):
    """Typst sets Arabic with its own bidi and shaping (DejaVu Sans holds the letters)."""
    note = "ملاحظة عن الاتفاق"
    notes = PlainAnnotations({CID: AnnotationView(notes=(NoteView(note, datetime(2012, 1, 10)),))})
    briefing = build_briefing(catalog, BriefingOptions(as_of=AS_OF, deterministic=True), notes)
    data = tagged_packet_bytes(briefing)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "الاتفاق" in text


def test_a_hostile_catalog_typesets_as_text():
    catalog = hostile_catalog()
    briefing = build_briefing(catalog, BriefingOptions(as_of=date(2099, 3, 1),
                                                       deterministic=True), PlainAnnotations())
    data = tagged_packet_bytes(briefing)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "<script>alert(1)</script>" in text


def test_the_command_line_writes_a_tagged_packet(tmp_path: Path):
    out = tmp_path / "tagged.pdf"
    done = subprocess.run([sys.executable, "-m", "jcct_desktop", "export", "pdf", "--tagged",
                           "-o", str(out), "--as-of", "2012-07-15", "--deterministic"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stderr and "40 commitments" in done.stderr
    pdf = pikepdf.open(out)
    assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked is True
    plain = tmp_path / "plain.pdf"
    subprocess.run([sys.executable, "-m", "jcct_desktop", "export", "pdf", "-o", str(plain),
                    "--as-of", "2012-07-15"], check=True, capture_output=True, timeout=300)
    assert "/StructTreeRoot" not in pikepdf.open(plain).Root  # ReportLab's stays untagged
