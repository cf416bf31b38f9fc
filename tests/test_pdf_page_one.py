"""Page 1 tells the truth (issue 20): shortfalls named, China's claims beside ours, the most
important first, at least 10 pt, counts beside their labels, fits page 1, historical packets
say so on every page. Packets are rendered with reportlab and read back with pypdf."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader

from jcct_desktop.core.annotations.model import Assessment, AssessmentRecord, View
from jcct_desktop.core.briefing import (
    AnnotationView,
    BriefingOptions,
    PlainAnnotations,
    build_briefing,
)
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.core.standing import Standing
from jcct_desktop.pdf import render_packet
from jcct_desktop.pdf import styles as S

AS_OF = date(2012, 7, 15)
MADE = datetime(2026, 12, 6, 9, 0)
T = datetime(2012, 7, 12, tzinfo=UTC)
SOFT, DC, II = "2011-SOFT-2", "2011-DC-1", "2011-II-1"
HEADINGS = ("Overdue", "Shortfalls", "China claims vs our view", "Due next")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def issue_annotations(catalog) -> PlainAnnotations:
    """The issue's scenarios: SOFT-2's provincial milestone partly fulfilled, DC-1 not
    fulfilled, II-1 with only MOFCOM's claim that it is fulfilled."""
    provinces = catalog.commitment(SOFT).milestones[0].label
    return PlainAnnotations({
        SOFT: AnnotationView(assessments=(AssessmentRecord(
            Assessment.PARTIALLY_FULFILLED, "NCAC reports 28 of 31 provinces done",
            date(2012, 7, 10), View.US, "NCAC press release", provinces, T),)),
        DC: AnnotationView(assessments=(AssessmentRecord(
            Assessment.NOT_FULFILLED, "No down-classification rules issued", date(2012, 7, 1),
            View.US, "USTR 2012 report", None, T),)),
        II: AnnotationView(assessments=(AssessmentRecord(
            Assessment.FULFILLED, "All catalogues withdrawn", date(2012, 3, 1), View.CHINA,
            "MOFCOM statement", None, T),)),
    })


@pytest.fixture(scope="module")
def issue_packet(catalog, tmp_path_factory) -> tuple[object, PdfReader]:
    b = build_briefing(catalog, BriefingOptions(as_of=AS_OF, generated=MADE),
                       issue_annotations(catalog))
    path = tmp_path_factory.mktemp("p1") / "issue.pdf"
    render_packet(b, path, own_files=OwnFiles(None))
    return b, PdfReader(path)


def test_the_shortfall_is_never_upcoming_in_the_briefing(issue_packet):
    b, _ = issue_packet
    rows = {r.id: r for r in b.summary}
    assert rows[SOFT].state is Standing.PARTLY_MET  # unassessed it would be overdue
    assert "missed 30 Jun 2012" in rows[SOFT].state_detail
    assert "due in 534 days" in rows[SOFT].state_detail  # the next deadline beside it
    assert rows[DC].state is Standing.NOT_MET
    line = b.bottom_line
    assert [r.id for r in line.shortfalls][:2] == [DC, SOFT]  # not met before partly met
    assert [r.id for r in line.china_claims] == [II]
    assert II in [r.id for r in line.overdue]
    later = dict(line.counts)["open, due later"]
    assert later == sum(r.state in (Standing.OPEN, Standing.UPCOMING, Standing.DUE_SOON)
                        for r in b.summary) - len(line.due_next)


def test_page_one_names_the_lists_in_order_with_both_sides(issue_packet):
    _, reader = issue_packet
    first = flat(reader.pages[0].extract_text())
    places = [first.index(h) for h in HEADINGS]
    assert places == sorted(places)
    shortfalls = first.partition("Shortfalls")[2].partition("China claims vs our view")[0]
    assert f"{SOFT} — Government software legalization" in shortfalls
    assert "Partially fulfilled: Provincial software legalization completed" in shortfalls
    assert "due 30 Jun 2012" in shortfalls
    assert "NCAC reports 28 of 31 provinces done" in shortfalls
    assert "NCAC press release" in shortfalls
    assert DC in shortfalls and "Not fulfilled" in shortfalls and "USTR 2012 report" in shortfalls
    claims = first.partition("China claims vs our view")[2].partition("Due next")[0]
    assert (f"{II} — Provinces to eliminate innovation–procurement catalogues by Dec 1, 2011: "
            "China reports: Fulfilled (1 Mar 2012, MOFCOM statement) · ours: not assessed"
            ) in claims


def test_counts_read_beside_their_labels(issue_packet):
    b, reader = issue_packet
    first = flat(reader.pages[0].extract_text())
    counts = first.partition("Bottom line")[2].partition("Overdue")[0]
    for label, n in b.bottom_line.counts:
        assert f"{n} {label}" in counts, (label, n, counts)
    assert "1 not met" in counts and "1 partly met" in counts


def _sizes_in_body(page, bottom: float, top: float) -> list[tuple[str, float]]:
    found: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size):
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and bottom <= y <= top:
            found.append((text, size * abs(tm[3]) * abs(cm[3])))
    page.extract_text(visitor_text=visit)
    return found


def test_page_one_body_is_at_least_10_points_and_the_as_of_date_large(issue_packet):
    _, reader = issue_packet
    page = reader.pages[0]
    height = float(page.mediabox.height)
    sizes = _sizes_in_body(page, S.MARGIN, height - S.MARGIN)  # the frame: no header/footer
    assert len(sizes) > 30
    small = [(t, s) for t, s in sizes if s < 10 - 1e-6]
    assert not small, small[:5]
    assert any("Historical briefing as of July 15, 2012" in t and s >= 16 for t, s in sizes)


def test_every_page_of_a_historical_packet_says_so(issue_packet):
    _, reader = issue_packet
    for page in reader.pages:
        assert "Historical briefing as of July 15, 2012" in flat(page.extract_text())


def test_a_packet_as_of_its_day_is_not_historical(catalog, tmp_path):
    b = build_briefing(catalog, BriefingOptions(as_of=AS_OF, deterministic=True))
    render_packet(b, tmp_path / "now.pdf", own_files=OwnFiles(None))
    text = flat(PdfReader(tmp_path / "now.pdf").pages[1].extract_text())
    assert "As of July 15, 2012" in text and "Historical" not in text


def test_page_one_fits_puts_the_starred_follow_up_first_and_points_to_the_rest(catalog,
                                                                                tmp_path):
    today = date.today()
    b0 = build_briefing(catalog, BriefingOptions(as_of=today))
    overdue = [r.id for r in b0.bottom_line.overdue]
    assert len(overdue) > 10, "the check needs more than ten overdue commitments"
    last = overdue[-1]  # the one closed most recently: last by urgency alone
    ann = issue_annotations(catalog).by_id | {last: AnnotationView(
        starred=True, follow_up=today + timedelta(days=5), assessments=(AssessmentRecord(
            Assessment.IN_PROGRESS, "Draft rules circulated", today - timedelta(days=20),
            View.US, "", None, T),))}
    ann[SOFT] = replace(ann[SOFT], follow_up=today - timedelta(days=2))  # a follow-up due
    b = build_briefing(catalog, BriefingOptions(as_of=today), PlainAnnotations(ann))
    assert b.bottom_line.overdue[0].id == last
    overdue = [r.id for r in b.bottom_line.overdue]  # DC-1 now reads not met, not overdue
    path = tmp_path / "today.pdf"
    render_packet(b, path, own_files=OwnFiles(None))
    pages = [flat(p.extract_text()) for p in PdfReader(path).pages]
    first = pages[0]
    for h in (*HEADINGS, "Follow-ups due"):
        assert h in first, h  # the whole bottom line is on page 1 ...
    assert "Bottom line" not in pages[1]  # ... and never spills to page 2
    listed = first.partition("Overdue")[2].partition("Shortfalls")[0]
    assert listed.index(last) < min(listed.index(i) for i in overdue[1:] if i in listed)
    more = re.search(r"… and (\d+) more — “At a glance”, page (\d+)", listed)
    assert more, listed
    shown = sum(i in listed for i in overdue)
    assert shown + int(more.group(1)) == len(overdue)
    glance = int(more.group(2))
    assert "At a glance" in pages[glance - 1] and "ID Commitment" in pages[glance - 1]
    assert all(i in " ".join(pages[glance - 1:]) for i in overdue if i not in listed)


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_every_list_long_still_fits_page_one(catalog, tmp_path, paper):
    """Every commitment starred, with a follow-up due, a shortfall or China's claim: five
    long lists, and the bottom line still ends on page 1 with "and K more" for each."""
    today = date.today()
    views = {}
    for i, c in enumerate(catalog.commitments):
        records = [AssessmentRecord(Assessment.FULFILLED, "China says done " * 8,
                                    date(2012, 1, 2), View.CHINA, "MOFCOM " * 5, None, T)]
        if c.milestones and i % 2:
            records.append(AssessmentRecord(Assessment.NOT_FULFILLED, "Nothing yet " * 12,
                                            date(2012, 1, 3), View.US, "USTR", None, T))
        views[c.id] = AnnotationView(assessments=tuple(records), starred=True,
                                     follow_up=today - timedelta(days=1))
    b = build_briefing(catalog, BriefingOptions(as_of=today, paper=paper,
                                                marking="SENSITIVE BUT UNCLASSIFIED " * 4),
                       PlainAnnotations(views))
    assert all(len(rows) > 3 for _, rows in b.bottom_line.lists if _ != "due_next")
    path = tmp_path / f"{paper}.pdf"
    render_packet(b, path, own_files=OwnFiles(None))
    pages = [flat(p.extract_text()) for p in PdfReader(path).pages]
    for h in ("Overdue", "Shortfalls", "China claims vs our view", "Follow-ups due"):
        assert h in pages[0], h
    assert len(re.findall(r"… and \d+ more — “At a glance”, page \d+", pages[0])) >= 4
    assert "Follow-ups due" not in pages[1] and "Shortfalls" not in pages[1]
