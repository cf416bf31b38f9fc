"""Page 1 lists the talking points of starred commitments (issue 24) and still fits one page:
rendered with reportlab, read back with pypdf."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader

from jcct_desktop.core import dates
from jcct_desktop.core.annotations.model import Assessment, AssessmentRecord, View
from jcct_desktop.core.briefing import (
    AnnotationView,
    BriefingOptions,
    PlainAnnotations,
    TalkingPointView,
    build_briefing,
)
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.pdf import render_packet

AS_OF = date(2012, 7, 15)
T = datetime(2012, 7, 12, tzinfo=UTC)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def points(*texts: str) -> tuple[TalkingPointView, ...]:
    return tuple(TalkingPointView(t, T, "alice") for t in texts)


def test_starred_commitments_talking_points_on_page_one_in_order(catalog, tmp_path) -> None:
    views = {
        "2011-II-1": AnnotationView(starred=True, talking_points=points(
            "Welcome the withdrawal of the national catalogues",
            "Ask for the provinces' list by <b>September</b> & say why",
            "Offer a technical exchange", "Fourth point stays in the section")),
        # talking points but not starred: not on page 1
        "2011-DC-1": AnnotationView(talking_points=points("Press for the down-classification")),
        # starred without talking points: nothing to list
        "2011-SOFT-2": AnnotationView(starred=True),
    }
    b = build_briefing(catalog, BriefingOptions(as_of=AS_OF), PlainAnnotations(views))
    assert [p.id for p in b.bottom_line.talking_points] == ["2011-II-1"]
    path = tmp_path / "packet.pdf"
    render_packet(b, path, own_files=OwnFiles(None))
    pages = [flat(p.extract_text()) for p in PdfReader(path).pages]
    first = pages[0]
    block = first.partition("Talking points — starred — 1")[2]
    assert block, first
    assert "2011-II-1 — ★ Provinces to eliminate" in block
    expected = ["1. Welcome the withdrawal of the national catalogues",
                "2. Ask for the provinces' list by <b>September</b> & say why",
                "3. Offer a technical exchange"]
    positions = [block.index(e) for e in expected]
    assert positions == sorted(positions)
    assert "(and 1 more in its section)" in block
    assert "Fourth point stays in the section" not in first
    assert "Press for the down-classification" not in first
    assert "Fourth point stays in the section" in " ".join(pages[1:])  # its section has all


def test_no_starred_talking_points_no_heading(catalog, tmp_path) -> None:
    b = build_briefing(catalog, BriefingOptions(as_of=AS_OF))
    assert b.bottom_line.talking_points == ()
    path = tmp_path / "packet.pdf"
    render_packet(b, path, own_files=OwnFiles(None))
    assert "Talking points — starred" not in PdfReader(path).pages[0].extract_text()


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_every_list_long_and_every_commitment_with_long_points_still_fits(catalog, tmp_path,
                                                                          paper) -> None:
    """Every commitment starred, a follow-up due, China's claim, a shortfall every other one,
    and five long talking points each: the bottom line and the points end on page 1."""
    today = dates.today()
    views = {}
    for i, c in enumerate(catalog.commitments):
        records = [AssessmentRecord(Assessment.FULFILLED, "China says done " * 8,
                                    date(2012, 1, 2), View.CHINA, "MOFCOM " * 5, None, T)]
        if c.milestones and i % 2:
            records.append(AssessmentRecord(Assessment.NOT_FULFILLED, "Nothing yet " * 12,
                                            date(2012, 1, 3), View.US, "USTR", None, T))
        views[c.id] = AnnotationView(
            assessments=tuple(records), starred=True, follow_up=today - timedelta(days=1),
            talking_points=points(*(f"Point {n} on {c.id}: " + "we say this " * 30
                                    for n in range(1, 6))))
    b = build_briefing(catalog, BriefingOptions(as_of=today, paper=paper,
                                                marking="SENSITIVE BUT UNCLASSIFIED " * 4),
                       PlainAnnotations(views))
    assert len(b.bottom_line.talking_points) == len(catalog.commitments)
    path = tmp_path / f"{paper}.pdf"
    render_packet(b, path, own_files=OwnFiles(None))
    pages = [flat(p.extract_text()) for p in PdfReader(path).pages]
    for h in ("Overdue", "Shortfalls", "China claims vs our view", "Follow-ups due",
              "Talking points — starred"):
        assert h in pages[0], h
    assert re.search(r"… and \d+ more starred commitments' talking points|Talking points — "
                     r"starred — \d+: each in its commitment's section", pages[0])
    for h in ("Talking points — starred", "Follow-ups due", "Shortfalls"):
        assert h not in pages[1], h


def test_the_tagged_packet_lists_them_with_the_bottom_line(catalog) -> None:
    import io

    from jcct_desktop.pdf.tagged import tagged_packet_bytes

    views = {"2011-II-1": AnnotationView(starred=True, talking_points=points(
        "Welcome the withdrawal", "Ask for the provinces' list #now *please*"))}
    b = build_briefing(catalog, BriefingOptions(as_of=AS_OF), PlainAnnotations(views))
    text = flat(" ".join(p.extract_text() for p in
                         PdfReader(io.BytesIO(tagged_packet_bytes(b))).pages))
    block = text.partition("Talking points — starred")[2]
    assert "2011-II-1 — ★ Provinces to eliminate" in block
    assert block.index("Welcome the withdrawal") < block.index(
        "Ask for the provinces' list #now *please*") < block.index("At a glance")
