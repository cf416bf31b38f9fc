"""The packet prints the same standing as the window: read back with pypdf."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader

from jcct_desktop.core.annotations.model import Assessment, AssessmentRecord
from jcct_desktop.core.briefing import (
    AnnotationView,
    BriefingOptions,
    PlainAnnotations,
    Scope,
    build_briefing,
)
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.core.standing_words import day
from jcct_desktop.pdf import render_packet

AS_OF = date(2012, 3, 1)
MET = AssessmentRecord(Assessment.FULFILLED, "State Council notice", date(2011, 12, 20),
                       recorded=datetime(2011, 12, 20, 9, tzinfo=UTC))


@pytest.fixture(scope="module")
def texts(reference, tmp_path_factory) -> list[str]:
    ann = PlainAnnotations({
        "2011-II-1": AnnotationView(status="Fulfilled", evidence="State Council notice",
                                    assessments=(MET,), follow_up=date(2012, 2, 1), starred=True),
        "2011-TELEQ-1": AnnotationView(starred=True),
    })
    options = BriefingOptions(scope=Scope.STARRED, as_of=AS_OF, deterministic=True)
    b = build_briefing(reference.catalog, options, ann)
    path = tmp_path_factory.mktemp("pdf") / "standing.pdf"
    render_packet(b, path, own_files=OwnFiles(None))
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(path).pages]


def test_at_a_glance_and_sections_say_met_with_its_date(texts):
    whole = " ".join(texts)
    glance = next(t for t in texts if "At a glance" in t and "ID Commitment" in t)
    glance = glance.partition("ID Commitment")[2].partition("Deadline timeline")[0]
    assert "✓ Met since 20 Dec 2011" in glance
    assert "2011-TELEQ-1" not in glance  # on page 1 in full; the table does not repeat it
    overdue = texts[0].partition("Overdue")[2]
    assert "2011-TELEQ-1" in overdue and "▲ closed 61 days ago" in overdue  # not assessed
    assert "Met — since 20 Dec 2011" in whole  # the section's standing and milestone lines
    assert "Past deadline" not in whole


def test_follow_ups_due_are_listed(reference, tmp_path):
    today = date.today()
    due = today - timedelta(days=3)
    ann = PlainAnnotations({"2011-II-1": AnnotationView(status="Fulfilled", assessments=(MET,),
                                                        follow_up=due, starred=True)})
    b = build_briefing(reference.catalog, BriefingOptions(scope=Scope.STARRED, as_of=today), ann)
    render_packet(b, tmp_path / "today.pdf", own_files=OwnFiles(None))
    whole = " ".join(re.sub(r"\s+", " ", p.extract_text())
                     for p in PdfReader(tmp_path / "today.pdf").pages)
    assert f"Follow-ups due by {today:%B %-d, %Y}: 1 — 2011-II-1 ({day(due)})" in whole
    assert f"Follow up by {day(due)} — due" in whole


def test_a_past_packet_prints_no_follow_up(texts):
    # the follow-up date is today's plan: a packet as of 1 March 2012 does not quote it
    whole = " ".join(texts)
    assert "Follow-ups due" not in whole and "Follow up by" not in whole


def test_the_timeline_legend_lists_the_standings(texts):
    timeline = next(t for t in texts if "Deadline timeline" in t and "dated milestones" in t)
    for name in ("Overdue", "Due soon", "Open", "Upcoming", "Not met", "Partly met", "Met"):
        assert name in timeline
    # each row's glyph beside its id: the shape, not only the bar's colour, tells them apart
    assert "✓ 2011-II-1" in timeline and "▲ 2011-TELEQ-1" in timeline
