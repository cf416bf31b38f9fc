"""The PDF read back with pypdf: order, contents page numbers, outline, footers, fonts, text."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from jcct_desktop.core.briefing import (
    AnnotationView,
    BriefingOptions,
    HistoryView,
    NoteView,
    PlainAnnotations,
    build_briefing,
)
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.pdf import render_packet
from jcct_desktop.store.reference.reader import open_reference

AS_OF = date(2012, 3, 1)
NOTE = '王岐山 <b>&amp; "quotes"'
URL = "https://example.gov/" + "a" * 180
HOSTILE = ["S&P 500", "0.1 <A <0.9", "<para>", "</b>", "x\x00y\x07z", "שלום עולם",
           "مرحبا", "😀 ok", URL]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def ref():
    return open_reference()


@pytest.fixture(scope="module")
def packet(ref, tmp_path_factory):
    first = ref.catalog.commitments[0].id
    ann = AnnotationView(
        status="In progress", evidence="MIIT notice, " + URL,
        notes=(NoteView(NOTE + "\nsecond line", datetime(2012, 2, 1)),
               NoteView("\n".join(HOSTILE), datetime(2012, 2, 2))),
        tags=("S&P", "<b>"),
        history=(HistoryView(datetime(2012, 2, 1, 9), "officer", "status", "", "In progress",
                             "<why> & because"),))
    options = BriefingOptions(as_of=AS_OF, include_history=True, deterministic=True,
                              prepared_by="Office <of> China & Co", marking="FOUO <b>")
    b = build_briefing(ref.catalog, options, PlainAnnotations({first: ann}))
    path = tmp_path_factory.mktemp("pdf") / "packet.pdf"
    pages = render_packet(b, path, own_files=OwnFiles(None))
    reader = PdfReader(path)
    texts = [p.extract_text() for p in reader.pages]
    return b, path, reader, texts, pages


def test_every_commitment_appears_in_order(packet):
    b, _, reader, texts, pages = packet
    assert pages == len(reader.pages)
    body = "\n".join(texts[4:])  # after cover, contents and summary
    starts = [body.find(f"{cid} — ") for cid in b.commitment_ids]
    assert -1 not in starts
    assert starts == sorted(starts)


def test_page_x_of_y_on_every_page(packet):
    _, _, reader, texts, _ = packet
    n = len(reader.pages)
    for i, text in enumerate(texts, 1):
        assert f"Page {i} of {n}" in text
        assert "FOUO <b>" in text  # marking in every header, literally


def _outline(reader: PdfReader, items=None, depth=0):
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            yield from _outline(reader, item, depth + 1)
        else:
            yield depth, item.title, reader.get_destination_page_number(item)


def test_outline_has_every_sector_and_commitment_on_the_right_page(packet):
    b, _, reader, texts, _ = packet
    entries = list(_outline(reader))
    titles = [t for _, t, _ in entries]
    for s in b.sections:
        assert s.title in titles
        for c in s.commitments:
            assert f"{c.id} — {c.title}" in titles
    for depth, title, page in entries:
        assert squash(title) in squash(texts[page]), title
        assert depth in (0, 1)


def test_contents_page_numbers_match_section_starts(packet):
    b, _, reader, texts, _ = packet
    summary_page = next(p for _, t, p in _outline(reader) if t == "At a glance")
    # the page numbers are form XObjects (filled in after the one layout pass), which pypdf's
    # layout mode leaves out; plain mode gives each entry's dots and number just before it
    contents = "\n".join(reader.pages[i].extract_text() for i in range(1, summary_page))
    checked = 0
    for s in b.sections:
        m = re.search(r"(?:\.\s*)+(\d+)[ \t]*\n" + re.escape(s.title), contents)
        assert m, s.title
        page = int(m.group(1))
        assert squash(s.title) in squash(texts[page - 1]), (s.title, page)
        checked += 1
    assert checked == len(b.sections)


def test_fonts_are_embedded_subsets(packet):
    _, _, reader, _, _ = packet
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref_ in fonts.values():
            font = ref_.get_object()
            name = str(font["/BaseFont"])
            seen.add(name)
            assert re.match(r"^/[A-Z]{6}\+", name), name
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
    assert any("WenQuanYi" in n for n in seen)


def test_user_text_comes_back_as_typed(packet):
    _, _, _, texts, _ = packet
    allt = "\n".join(texts)
    assert NOTE in allt
    for text in ["S&P 500", "0.1 <A <0.9", "<para>", "</b>", "Office <of> China & Co",
                 "<why> & because", "xyz", "U+1F600"]:
        assert text in allt, text
    assert squash(URL) in squash(allt)
    assert "שלום" in allt or "םולש" in allt  # logical or visual order, but present
    assert "S&P;" not in allt


def test_deterministic_runs_are_byte_identical(ref, tmp_path):
    options = BriefingOptions(as_of=AS_OF, deterministic=True, include_timeline=False)
    b = build_briefing(ref.catalog, options)
    render_packet(b, tmp_path / "a.pdf", own_files=OwnFiles(None))
    render_packet(b, tmp_path / "b.pdf", own_files=OwnFiles(None))
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


@pytest.mark.parametrize(("paper", "size"), [("letter", (612, 792)), ("a4", (595, 842))])
def test_paper_sizes(ref, tmp_path, paper, size):
    sector = ref.catalog.commitments[0].sector
    from jcct_desktop.core.briefing import Scope

    b = build_briefing(ref.catalog, BriefingOptions(scope=Scope.SECTORS, sectors=(sector,),
                                                    as_of=AS_OF, paper=paper))
    render_packet(b, tmp_path / "p.pdf", own_files=OwnFiles(None))
    box = PdfReader(tmp_path / "p.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
