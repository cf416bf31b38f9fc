"""The packet with undated milestones (issue 21), read back with pypdf: each deliverable of
2011-SOFT-1, 2011-CD-1 and 2011-IPRND-1 by its label with "no deadline stated", the summary and
page 1 saying so, the timeline naming them under the chart; the tagged packet's data table."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from jcct_desktop.core.annotations.model import Assessment, AssessmentRecord
from jcct_desktop.core.briefing import (
    AnnotationView,
    BriefingOptions,
    PlainAnnotations,
    build_briefing,
)
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.pdf import render_packet

AS_OF = date(2012, 3, 1)
UNDATED = ("2011-SOFT-1", "2011-CD-1", "2011-IPRND-1")
MISSED = "Software audit results published as China’s law requires"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _undated(catalog):
    return [(c.id, m) for c in catalog.commitments if c.id in UNDATED
            for m in c.milestones if m.window is None]


@pytest.fixture(scope="module")
def packet(catalog, tmp_path_factory):
    # our judgement: one SOFT-1 deliverable not met (a shortfall with no deadline)
    record = AssessmentRecord(Assessment.NOT_FULFILLED, "No audit published", date(2012, 2, 1),
                              milestone=MISSED, recorded=datetime(2012, 2, 1, 9, tzinfo=UTC))
    notes = PlainAnnotations({"2011-SOFT-1": AnnotationView(
        status="Not fulfilled", evidence="No audit published", assessments=(record,))})
    options = BriefingOptions(as_of=AS_OF, deterministic=True)
    b = build_briefing(catalog, options, notes)
    path = tmp_path_factory.mktemp("pdf") / "packet.pdf"
    render_packet(b, path, own_files=OwnFiles(None))
    texts = [p.extract_text() for p in PdfReader(path).pages]
    return b, texts


def test_the_briefing_lists_undated_milestones_apart_from_the_bars(catalog, packet):
    b, _texts = packet
    want = _undated(catalog)
    assert len(want) == 7
    assert [(r.id, r.label) for r in b.undated] == [(cid, m.label) for cid, m in want]
    assert not {r.label for r in b.timeline} & {m.label for _cid, m in want}
    entries = {c.id: c for s in b.sections for c in s.commitments}
    for cid, m in want:
        [entry] = [e for e in entries[cid].milestones if e.label == m.label]
        assert entry.window == "no deadline stated" and entry.earliest is entry.latest is None


def test_each_deliverable_prints_with_no_deadline_stated(catalog, packet):
    _b, texts = packet
    body = squash(" ".join(texts))
    for _cid, m in _undated(catalog):
        # its label, its standing, its verbatim words and the window's words, on the sector
        # page
        said = re.escape(squash(f"{m.label} — ")) + r"\S{1,60}?" \
            + re.escape(squash(f"“{m.wording}” [no deadline stated]"))
        assert re.search(said, body), m.label


def test_page_one_names_the_undated_shortfall(packet):
    b, texts = packet
    soft = next(r for r in b.summary if r.id == "2011-SOFT-1")
    assert soft.state.value == "not_met" and soft.deadline == "no deadline stated"
    first = squash(texts[0])
    assert squash(f"✗ Not fulfilled: {MISSED}, no deadline stated") in first


def test_the_timeline_page_names_what_it_does_not_draw(packet):
    b, texts = packet
    [page] = [t for t in texts if "7 milestones with no deadline stated" in t]
    flat = squash(page)
    for r in b.undated:
        assert squash(f"{r.id}: {r.label}") in flat


def test_the_tagged_packet_lists_them_in_its_timeline_table(packet):
    from jcct_desktop.pdf.tagged import tagged_packet_bytes

    b, _texts = packet
    reader = PdfReader(io.BytesIO(tagged_packet_bytes(b)))
    body = squash(" ".join(p.extract_text() for p in reader.pages))
    for r in b.undated:
        assert squash(f"{r.id}{r.label}nodeadlinestated") in body, r.label
