"""``jcct-desktop export docx``: the briefing memo, written through the real CLI and opened back
with python-docx (structure, text, accessibility markers)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from jcct_desktop.cli import main
from jcct_desktop.store.annotations.service import AnnotationService
from jcct_desktop.store.notes.database import open_user_db

MARKING = "SENSITIVE BUT UNCLASSIFIED"


@pytest.fixture
def notes(data_dir: Path) -> Path:
    moments = iter([datetime(2012, 3, 1, 12, tzinfo=UTC)] * 3
                   + [datetime(2012, 7, 10, 12, tzinfo=UTC)] * 10)
    service = AnnotationService(open_user_db(data_dir), user="alice",
                                clock=lambda: next(moments))
    try:
        service.record_assessment(commitment_id="2011-II-1", status="fulfilled",
                                  evidence="All catalogues withdrawn.", view="china",
                                  source="MOFCOM press release", effective=date(2012, 2, 28))
        service.set_starred(commitment_id="2011-II-1", starred=True)
        service.add_note(commitment_id="2011-II-1",
                         text="Raise with 王岐山's office \x07 — مرحبا 🙂 <b>not markup</b>")
        service.record_assessment(commitment_id="2011-DC-1", status="not_fulfilled",
                                  evidence="No list published.", effective=date(2012, 7, 1))
    finally:
        service.close()
    return data_dir


def _blocks(path: Path) -> list[tuple[str, object]]:
    doc = Document(str(path))
    out: list[tuple[str, object]] = []
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:p"):
            out.append(("p", Paragraph(el, doc)))
        elif el.tag == qn("w:tbl"):
            out.append(("t", Table(el, doc)))
    return out


def _export(tmp_path: Path, *extra: str) -> Path:
    target = tmp_path / "memo.docx"
    code = main(["export", "docx", "-o", str(target), "--as-of", "2012-07-15",
                 "--marking", MARKING, "--prepared-by", "Jane Officer",
                 "--prepared-for", "Under Secretary", *extra])
    assert code == 0
    return target


def test_memo_shape_bottom_line_first_then_changes_then_commitments(notes, tmp_path) -> None:
    path = _export(tmp_path, "--since", "2012-01-15")
    blocks = _blocks(path)
    paragraphs = [b for kind, b in blocks if kind == "p" and b.text]
    assert paragraphs[0].text == MARKING and paragraphs[-1].text == MARKING
    headings = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith(
        ("Heading", "Title"))]
    assert headings[0] == ("Title", "Briefing Memo")
    top = [t for style, t in headings if style == "Heading 1"]
    assert top == ["Bottom line", "What changed since January 15, 2012", "Deadlines",
                   "Commitments"]
    lines = [p.text for p in paragraphs]
    for expected in ("TO: Under Secretary", "FROM: Jane Officer", "AS OF: July 15, 2012"):
        assert expected in lines
    assert any(line.startswith("SUBJECT: 22nd U.S.-China Joint Commission") for line in lines)
    text = "\n".join(lines)
    assert "Overdue (" in text
    # China's claim with its source, our shortfall, verbatim text, a citation per commitment
    assert ("China reports: Fulfilled, effective 2012-02-28. All catalogues withdrawn. "
            "Source: MOFCOM press release.") in text
    assert "Our assessment: Not fulfilled, effective 2012-07-01. No list published." in text
    assert "2011-II-1 ★ — Provinces to eliminate" in text
    assert "Citation: 2011-II-1, 22nd JCCT fact sheet, Nov 21 2011" in text
    # hostile note text: CJK, Arabic and emoji kept, a control character dropped, markup literal
    assert "Raise with 王岐山's office  — مرحبا 🙂 <b>not markup</b>" in text


def test_verbatim_commitment_text_is_quoted_whole(notes, tmp_path, catalog) -> None:
    path = _export(tmp_path, "--sector", "SOFT")
    quotes = [b.text for kind, b in _blocks(path) if kind == "p" and b.style.name == "Quote"]
    expected = [c.text for c in catalog.commitments if c.sector == "SOFT"]
    assert quotes == expected


def test_tables_have_header_rows_and_the_document_its_title_and_language(notes,
                                                                         tmp_path) -> None:
    path = _export(tmp_path, "--since", "2011-11-01")
    tables = [b for kind, b in _blocks(path) if kind == "t"]
    assert len(tables) >= 3
    for table in tables:
        tr_pr = table.rows[0]._tr.trPr
        assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
        assert all(run.bold for cell in table.rows[0].cells
                   for run in cell.paragraphs[0].runs)
    changes = next(t for t in tables if t.rows[0].cells[2].text == "Change")
    assert [c.text for c in changes.rows[0].cells] == ["Commitment", "Date", "Change", "By"]
    assert any(r.cells[0].text == "2011-II-1" and r.cells[3].text == "alice"
               for r in changes.rows[1:])
    doc = Document(str(path))
    assert doc.core_properties.title.startswith("Briefing Memo: 22nd U.S.-China")
    assert doc.core_properties.language == "en-US"
    lang = doc.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-US" and lang.get(qn("w:eastAsia")) == "zh-CN"


def test_bad_input_one_line_nothing_written(notes, tmp_path, capsys) -> None:
    target = tmp_path / "memo.docx"
    assert main(["export", "docx", "-o", str(target), "--sector", "Nowhere"]) == 2
    assert main(["export", "docx", "-o", str(target), "--since", "2013-01-01",
                 "--as-of", "2012-01-01"]) == 2
    assert main(["export", "docx", "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("jcct-desktop: ") for line in err)
    assert not target.exists()


def test_the_timeline_is_a_picture_with_words_for_those_who_cannot_see_it(notes,
                                                                          tmp_path) -> None:
    import io as _io

    from PIL import Image

    path = _export(tmp_path)
    doc = Document(str(path))
    pictures = {p._inline.docPr.get("title"): p for p in doc.inline_shapes}
    timeline = pictures["Deadline timeline"]
    alt = timeline._inline.docPr.get("descr")
    assert alt.startswith("Deadline timeline as of 15 Jul 2012, 15 milestones: ")
    assert "2011-II-1 Provincial and municipal catalogues eliminated (1 Dec 2011 – 1 Dec 2011): " \
           "overdue" in alt
    blip = timeline._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = Image.open(_io.BytesIO(doc.part.related_parts[blip].blob))
    assert image.size[0] == 1400 and image.size[1] > 15 * 30  # a row per milestone
    # the picture sits under "Deadlines", before the table that says the same in cells
    blocks = _blocks(path)
    heading = next(i for i, (k, b) in enumerate(blocks) if k == "p" and b.text == "Deadlines")
    assert blocks[heading + 2][0] == "t"
