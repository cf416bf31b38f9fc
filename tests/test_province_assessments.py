"""Issue 26: assessments per jurisdiction — stored (v7), exchanged, counted into the standing."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from jcct_desktop.core.annotations import Assessment
from jcct_desktop.core.annotations.assessments import current
from jcct_desktop.core.annotations.exchange import ExchangeError, export_file, read_file
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.core.standing import Standing, commitment_standing
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.database import DB_NAME
from jcct_desktop.store.notes.migrations import LATEST_VERSION
from jcct_desktop.store.reference.reader import open_reference
from tests.notes_file_support import user_version

V5 = Path(__file__).parent / "data" / "annotations-v5.sqlite"
CID = "2011-SOFT-2"
PROVINCIAL = "Provincial software legalization completed (all 31 provincial entities)"
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
CATALOG = open_reference().catalog
SOFT = CATALOG.commitment(CID)
COUNTED = [j.code for j in CATALOG.jurisdictions if j.counted]


@pytest.fixture
def service(tmp_path: Path):
    ticks = iter(range(10_000))
    s = AnnotationService(
        AnnotationService.open(tmp_path).db,
        user="tester",
        clock=lambda: NOW.replace(microsecond=next(ticks)),
    )
    yield s
    s.close()


def _record(service: AnnotationService, codes: list[str], status: str, day: date) -> None:
    service.record_for_jurisdictions(
        commitment_id=CID, jurisdictions=codes, status=status, evidence=f"audit of {day}",
        effective=day, milestone=PROVINCIAL, source="BSA provincial tracker")


def test_one_assessment_for_several_provinces_at_once(service: AnnotationService) -> None:
    change = service.record_for_jurisdictions(
        commitment_id=CID, jurisdictions=["CN-GD", "CN-HI", "CN-GD"], status="fulfilled",
        evidence="Provincial notices", effective=date(2012, 6, 1), milestone=PROVINCIAL)
    assert [r.jurisdiction for r in change.after] == ["CN-GD", "CN-HI"]
    a = service.get(CID)
    assert [(r.jurisdiction, r.evidence) for r in a.assessments] == [
        ("CN-GD", "Provincial notices"), ("CN-HI", "Provincial notices")]
    # a province's record is not "our current assessment" of the commitment
    assert current(a.assessments).status is Assessment.NOT_ASSESSED
    assert any("jurisdiction: CN-GD" in h.why for h in a.history)
    # the same again changes nothing; a bad code loses nothing and says so in one line
    assert service.record_for_jurisdictions(
        commitment_id=CID, jurisdictions=["CN-GD"], status="fulfilled",
        evidence="Provincial notices", effective=date(2012, 6, 1),
        milestone=PROVINCIAL).after is None
    with pytest.raises(ValueError, match="not a jurisdiction code"):
        service.record_for_jurisdictions(commitment_id=CID, jurisdictions=["CN-SD", "Guangdong"],
                                         status="fulfilled", evidence="x", milestone=PROVINCIAL)
    with pytest.raises(ValueError, match="at least one province"):
        service.record_for_jurisdictions(commitment_id=CID, jurisdictions=[],
                                         status="fulfilled", evidence="x")
    assert len(service.get(CID).assessments) == 2


def test_progress_counts_the_provinces_as_of_the_date(service: AnnotationService) -> None:
    _record(service, COUNTED[:24], "fulfilled", date(2012, 6, 1))
    _record(service, COUNTED[24:29], "not_fulfilled", date(2012, 6, 1))
    records = service.get(CID).assessments
    s = commitment_standing(SOFT, records, date(2012, 8, 1)).milestones[0]
    assert s.progress is not None
    assert s.progress.words == "24 of 31 met · 5 not met · 2 not assessed"
    assert s.value is Standing.PARTLY_MET and s.shortfall  # the window closed mid-2012
    missing = [j.code for j in s.progress.missing]
    assert missing == COUNTED[24:]
    assert s.progress.missing_words.startswith("Missing: ")
    assert all(j.name in s.progress.missing_words for j in s.progress.missing)
    # the commitment follows its shortfall like any other
    assert commitment_standing(SOFT, records, date(2012, 8, 1)).value is Standing.PARTLY_MET
    # as of a day before the audit nothing was known: the deadline decides
    early = commitment_standing(SOFT, records, date(2012, 5, 1)).milestones[0]
    assert early.progress is None and early.value is not Standing.PARTLY_MET


def test_all_met_is_met_and_none_met_is_not_met(service: AnnotationService) -> None:
    _record(service, COUNTED, "not_fulfilled", date(2012, 7, 1))
    s = commitment_standing(SOFT, service.get(CID).assessments, date(2012, 8, 1)).milestones[0]
    assert (s.value, s.progress.words) == (Standing.NOT_MET, "0 of 31 met · 31 not met")
    _record(service, COUNTED, "fulfilled", date(2012, 7, 20))
    s = commitment_standing(SOFT, service.get(CID).assessments, date(2012, 8, 1)).milestones[0]
    assert (s.value, s.progress.words, s.since) == (Standing.MET, "31 of 31 met",
                                                    date(2012, 7, 20))
    # a province's record leaves the municipal milestone (not jurisdictional) to its deadline
    other = commitment_standing(SOFT, service.get(CID).assessments, date(2012, 8, 1))
    assert other.milestones[1].progress is None
    assert other.milestones[1].value not in (Standing.MET, Standing.NOT_MET)


def test_exchange_carries_the_jurisdiction_and_older_files_import(
        service: AnnotationService, tmp_path: Path) -> None:
    _record(service, ["CN-GD"], "fulfilled", date(2012, 6, 1))
    service.record_assessment(commitment_id=CID, status="in_progress", evidence="whole",
                              effective=date(2012, 6, 1))
    out = tmp_path / "notes.json"
    export_file(service, out, own_files=OwnFiles(None))
    doc = json.loads(out.read_text("utf-8"))
    (entry,) = [a for a in doc["annotations"] if a["commitment"] == CID]
    assert [r.get("jurisdiction") for r in entry["assessments"]] == ["CN-GD", None]
    assert "jurisdiction" not in entry["assessments"][1]  # older apps read it as before
    back = {a.commitment_id: a for a in read_file(out)}
    assert [r.jurisdiction for r in back[CID].assessments] == ["CN-GD", None]
    entry["assessments"][0]["jurisdiction"] = "Guangdong"
    out.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(ExchangeError, match="not a jurisdiction code"):
        read_file(out)


def test_a_v5_database_migrates_to_v7_keeping_every_assessment(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_NAME).write_bytes(V5.read_bytes())
    before = sqlite3.connect(data / DB_NAME).execute("SELECT count(*) FROM assessments")
    count = before.fetchone()[0]
    s = AnnotationService.open(data)
    try:
        assert user_version(data / DB_NAME) == LATEST_VERSION == 7
        rows = sqlite3.connect(data / DB_NAME).execute(
            "SELECT count(*), count(jurisdiction) FROM assessments").fetchone()
        assert rows == (count, 0)
        assert all(r.jurisdiction is None for a in s.all() for r in a.assessments)
    finally:
        s.close()


def test_the_words_count_and_name_the_missing(service: AnnotationService) -> None:
    from jcct_desktop.core.standing_words import phrase

    _record(service, COUNTED[:29], "fulfilled", date(2012, 7, 1))
    records = service.get(CID).assessments
    s = commitment_standing(SOFT, records, date(2012, 8, 1))
    words = phrase(s.milestones[0])
    assert words.startswith("Partly met — since 1 Jul 2012 · 29 of 31 met · 2 not assessed")
    names = [j.name for j in CATALOG.jurisdictions if j.code in COUNTED[29:]]
    assert words.endswith("Missing: " + ", ".join(names))
    # the commitment names its missed milestone like any other shortfall
    assert phrase(s).startswith(f"Partly met — {PROVINCIAL}: missed 30 Jun 2012")
