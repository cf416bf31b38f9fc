"""Talking points leave the app in order: in each commitment's section of the PDF packet (read
back with pypdf), in the Word memo as numbered lists per commitment and, for starred ones, with
the bottom line (read back with python-docx), and in ``export json``."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.database import open_user_db

STARRED, PLAIN = "2011-II-1", "2011-SOFT-2"
STARRED_POINTS = ["Welcome the withdrawal of the 2011 catalogues",
                  "Ask for the provincial notices in writing — 王岐山's office"]
PLAIN_POINTS = ["Press for the 7 provinces left", "Offer a workshop <b>&amp; not markup"]
LATE_POINT = "Written after the packet's day"


@pytest.fixture
def notes(data_dir: Path) -> Path:
    moments = iter([datetime(2012, 3, 1, 12, tzinfo=UTC)] * 20)
    service = AnnotationService(open_user_db(data_dir), user="alice",
                                clock=lambda: next(moments))
    try:
        service.set_starred(commitment_id=STARRED, starred=True)
        for text in reversed(STARRED_POINTS):  # added last-first, then ordered by position
            service.add_talking_point(commitment_id=STARRED, text=text, position=0)
        for text in PLAIN_POINTS:
            service.add_talking_point(commitment_id=PLAIN, text=text)
        service._clock = lambda: datetime(2012, 8, 1, 12, tzinfo=UTC)
        service.add_talking_point(commitment_id=PLAIN, text=LATE_POINT)
    finally:
        service.close()
    return data_dir


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_packet_prints_them_numbered_in_each_commitments_section(notes, tmp_path) -> None:
    out = tmp_path / "packet.pdf"
    assert main(["export", "pdf", "-o", str(out), "--as-of", "2012-07-15",
                 "--deterministic"]) == 0
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]
    # page 1 lists the starred commitment's points (pdf.bottom), not the others'
    assert f"1. {STARRED_POINTS[0]}" in pages[0] and PLAIN_POINTS[0] not in pages[0]
    text = " ".join(pages[1:])  # the sections
    assert text.count("TALKING POINTS") == 2
    for cid, points in ((STARRED, STARRED_POINTS), (PLAIN, PLAIN_POINTS)):
        at = [text.index(f"{i}. {p}") for i, p in enumerate(points, 1)]
        assert at == sorted(at)  # in their order...
        label = text.rindex("TALKING POINTS", 0, at[0])
        head = text.rindex(f"{cid} — ", 0, label)  # ...under their own commitment's heading
        assert re.findall(r"2011-[A-Z]+-\d+ — ", text[head:label]) == [f"{cid} — "]
    assert all(LATE_POINT not in page for page in pages)  # as of a past day: not yet written


def test_packet_as_of_today_carries_the_later_point(notes, tmp_path) -> None:
    out = tmp_path / "packet.pdf"
    assert main(["export", "pdf", "-o", str(out), "--deterministic"]) == 0
    text = " ".join(_pdf_text(out).split())
    assert f"3. {LATE_POINT}" in text


def _numbered_lists(doc) -> list[tuple[str, list[str]]]:
    """(numbering instance, texts) for each run of "List Number" paragraphs, in order."""
    lists: list[tuple[str, list[str]]] = []
    for p in doc.paragraphs:
        if p.style.name != "List Number":
            continue
        num_id = p._p.pPr.numPr.numId.val
        if lists and lists[-1][0] == num_id:
            lists[-1][1].append(p.text)
        else:
            lists.append((num_id, [p.text]))
    return lists


def test_memo_numbers_them_per_commitment_and_up_front_for_starred(notes, tmp_path) -> None:
    target = tmp_path / "memo.docx"
    assert main(["export", "docx", "-o", str(target), "--as-of", "2012-07-15"]) == 0
    doc = Document(str(target))
    lists = _numbered_lists(doc)
    # the starred commitment's points with the bottom line, then each commitment's own
    assert [texts for _id, texts in lists] == [STARRED_POINTS, STARRED_POINTS, PLAIN_POINTS]
    assert len({num for num, _t in lists}) == 3  # each list its own numbering...
    numbering = doc.part.numbering_part.element
    for num_id, _texts in lists:  # ...which starts again at 1
        num = next(n for n in numbering.num_lst if n.numId == int(num_id))
        assert num.find(qn("w:lvlOverride")).find(qn("w:startOverride")).get(qn("w:val")) == "1"
    heads = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    up_front = heads.index(("Heading 2", "Talking points on starred commitments"))
    assert up_front < heads.index(("Heading 1", "Commitments"))
    assert heads.index(("Heading 1", "Bottom line")) < up_front
    assert [h for h in heads if h[1] == "Talking points"] == [("Heading 4", "Talking points")] * 2
    texts = [p.text for p in doc.paragraphs]
    assert LATE_POINT not in texts


def test_memo_without_talking_points_has_no_such_heading(data_dir, tmp_path) -> None:
    target = tmp_path / "memo.docx"
    assert main(["export", "docx", "-o", str(target)]) == 0
    doc = Document(str(target))
    assert not any("Talking points" in p.text for p in doc.paragraphs)
    assert _numbered_lists(doc) == []


def test_export_json_carries_them_per_commitment(notes, tmp_path) -> None:
    out = tmp_path / "data.json"
    assert main(["export", "json", "-o", str(out)]) == 0
    records = {c["id"]: c for c in json.loads(out.read_text("utf-8"))["commitments"]}
    assert records[STARRED]["talking_points"] == [
        {"text": t, "created": "2012-03-01T12:00:00+00:00", "who": "alice"}
        for t in STARRED_POINTS]
    assert [p["text"] for p in records[PLAIN]["talking_points"]] == [*PLAIN_POINTS, LATE_POINT]
    assert records["2011-NEV-1"]["talking_points"] == []


def test_changes_lists_talking_point_edits_with_their_authors(data_dir, capsys) -> None:
    clock = [datetime(2012, 1, 1, 12, tzinfo=UTC)]
    service = AnnotationService(open_user_db(data_dir), user="alice", clock=lambda: clock[0])

    def on(month: int) -> None:
        clock[0] = datetime(2012, month, 1, 12, tzinfo=UTC)

    try:
        first = service.add_talking_point(commitment_id=PLAIN, text="Before the period").after
        on(3)
        second = service.add_talking_point(commitment_id=PLAIN, text="Press the provinces").after
        on(4)
        service.edit_talking_point(point_id=second.point.id, text="Press the 7 provinces")
        on(5)
        service.move_talking_point(point_id=second.point.id, position=0)
        on(6)
        service.delete_talking_point(point_id=first.point.id)
        on(8)
        service.add_talking_point(commitment_id=PLAIN, text="After the period")
    finally:
        service.close()
    assert main(["changes", "--since", "2012-02-15", "--until", "2012-07-15",
                 "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    items = next(c for c in doc["commitments"] if c["id"] == PLAIN)["changes"]
    assert [(i["date"], i["kind"], i["summary"], i["author"]) for i in items
            if i["kind"] == "talking_point"] == [
        ("2012-03-01", "talking_point", "Talking point added: Press the provinces", "alice"),
        ("2012-04-01", "talking_point", "Talking point edited: Press the 7 provinces", "alice"),
        ("2012-05-01", "talking_point", "Talking point moved to 1: Press the 7 provinces",
         "alice"),
        ("2012-06-01", "talking_point", "Talking point deleted: Before the period", "alice")]
