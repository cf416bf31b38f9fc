"""Assessments on a date, per milestone, from two views: service, undo, migration from v2."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from jcct_desktop.core.annotations import Assessment
from jcct_desktop.core.annotations.assessments import in_force, side_by_side
from jcct_desktop.core.annotations.model import View
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.database import DB_NAME
from jcct_desktop.store.notes.migrations import LATEST_VERSION
from tests.notes_file_support import user_version

V2 = Path(__file__).parent / "data" / "annotations-v2.sqlite"
CID = "2011-SOFT-2"
PROVINCIAL = "Provincial software legalization completed (all 31 provincial entities)"
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


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


def test_record_keeps_date_milestone_view_and_source(service: AnnotationService) -> None:
    service.record_assessment(
        commitment_id=CID, status="fulfilled", evidence="State Council: all provinces done",
        source="Xinhua 2012-07-02", effective=date(2012, 7, 2), view="china",
        milestone=PROVINCIAL,
    )
    service.record_assessment(
        commitment_id=CID, status=Assessment.PARTIALLY_FULFILLED, evidence="Audit: 24 of 31",
        effective=date(2012, 7, 15), milestone=PROVINCIAL,
    )
    a = service.get(CID)
    china, ours = a.assessments
    assert (china.view, china.status, china.source, china.milestone, china.effective) == (
        View.CHINA, Assessment.FULFILLED, "Xinhua 2012-07-02", PROVINCIAL, date(2012, 7, 2))
    assert (ours.view, ours.who, ours.recorded is not None) == (View.US, "tester", True)
    # the v1 fields keep meaning "our current assessment": China's report never sets them
    assert (a.status, a.evidence) == (Assessment.PARTIALLY_FULFILLED, "Audit: 24 of 31")
    (row,) = side_by_side(a.assessments, date(2012, 8, 1))
    assert row.milestone == PROVINCIAL and row.disagree
    # as of a day before our audit, only China's report was known
    (early,) = side_by_side(a.assessments, date(2012, 7, 10))
    assert early.us is None and early.china == china and not early.disagree
    assert in_force(a.assessments, date(2012, 7, 1)) == ()
    fields = [(h.field, h.old, h.new) for h in a.history]
    assert fields == [("china_status", "not_assessed", "fulfilled"),
                      ("status", "not_assessed", "partially_fulfilled")]
    assert "effective 2012-07-02" in a.history[0].why and PROVINCIAL in a.history[0].why


def test_whole_commitment_assessment_is_the_current_one(service: AnnotationService) -> None:
    service.record_assessment(commitment_id=CID, status="in_progress", evidence="whole",
                              effective=date(2012, 1, 1))
    service.record_assessment(commitment_id=CID, status="fulfilled", evidence="one milestone",
                              effective=date(2012, 9, 1), milestone=PROVINCIAL)
    assert service.get(CID).status is Assessment.IN_PROGRESS
    # a later-recorded assessment effective earlier does not replace the one in force
    service.record_assessment(commitment_id=CID, status="not_fulfilled", evidence="backdated",
                              effective=date(2011, 12, 1))
    assert service.get(CID).evidence == "whole"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"evidence": "  "}, "evidence"),
        ({"evidence": "x", "effective": date(2026, 12, 1)}, "after today"),
        ({"evidence": "x", "view": "them"}, "them"),
    ],
)
def test_bad_records_are_refused(service: AnnotationService, fields, message) -> None:
    with pytest.raises(ValueError, match=message):
        service.record_assessment(commitment_id=CID, status="fulfilled", **fields)
    assert service.get(CID).assessments == () and service.get(CID).history == ()


def test_same_record_twice_changes_nothing(service: AnnotationService) -> None:
    fields = dict(status="fulfilled", evidence="e", effective=date(2012, 1, 2))
    assert service.record_assessment(commitment_id=CID, **fields).after is not None
    assert service.record_assessment(commitment_id=CID, **fields).after is None
    assert len(service.get(CID).assessments) == 1


def test_withdraw_and_restore_are_recorded(service: AnnotationService) -> None:
    seen = []
    service.notifier.subscribe(seen.append)
    service.record_assessment(commitment_id=CID, status="in_progress", evidence="first")
    record = service.record_assessment(commitment_id=CID, status="fulfilled",
                                       evidence="second").after
    service.withdraw_assessment(commitment_id=CID, record=record)
    a = service.get(CID)
    assert (a.status, a.evidence, len(a.assessments)) == (Assessment.IN_PROGRESS, "first", 1)
    service.restore_assessment(commitment_id=CID, record=record)
    a = service.get(CID)
    assert a.assessments[-1] == record and a.status is Assessment.FULFILLED
    assert [h.why for h in a.history][-2:] == ["undo", "redo"]
    assert len(a.history) == 4  # append-only: nothing taken out of the history
    assert [c.event for c in seen] == ["assessment_changed"] * 4


def test_v2_fixture_is_really_version_2() -> None:
    assert user_version(V2) == 2
    conn = sqlite3.connect(V2)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert "tags" in tables and "assessments" not in tables
    assert LATEST_VERSION >= 3


def test_v2_upgrade_carries_each_assessment_over_as_ours(tmp_path: Path) -> None:
    shutil.copy(V2, tmp_path / DB_NAME)
    service = AnnotationService.open(tmp_path)
    assert user_version(tmp_path / DB_NAME) == LATEST_VERSION
    soft = service.get(CID)
    (record,) = soft.assessments
    assert (record.view, record.milestone, record.status, record.source) == (
        View.US, None, Assessment.PARTIALLY_FULFILLED, "")
    assert record.effective == date(2012, 8, 1)  # the (UTC) date of its status_changed
    assert record.who == "jsmith" and record.recorded == soft.status_changed
    assert soft.tags == ("software",) and soft.follow_up == date(2013, 1, 15)
    assert service.get("2011-NEV-1").assessments[0].who == "mlee"  # the latest status entry
    assert service.get("2011-AG-3").assessments == ()  # never assessed: nothing invented
    history_before = len(service.get("2011-NEV-1").history)
    service.record_assessment(commitment_id=CID, status="fulfilled", evidence="China says done",
                              view="china")
    assert len(service.get("2011-NEV-1").history) == history_before
    assert service.get(CID).status is Assessment.PARTIALLY_FULFILLED
    service.close()


def test_v1_upgrades_through_v2_to_records_and_evidence_is_searchable(tmp_path: Path) -> None:
    shutil.copy(Path(__file__).parent / "data" / "annotations-v1.sqlite", tmp_path / DB_NAME)
    service = AnnotationService.open(tmp_path)
    (record,) = service.get("2011-NEV-1").assessments
    assert (record.status, record.effective, record.who) == (
        Assessment.FULFILLED, date(2012, 3, 1), "officer")
    service.record_assessment(commitment_id="2011-IPR-2", status="fulfilled", view="china",
                              evidence="Campaign concluded", source="Gazette 王岐山")
    assert service.search_notes("gazette 王岐山") == {"2011-IPR-2"}
    assert service.search_notes("campaign concluded") == {"2011-IPR-2"}
    service.close()


def test_restoring_a_v2_backup_migrates_it(tmp_path: Path) -> None:
    from jcct_desktop.store.notes.recovery import restore

    service = AnnotationService.open(tmp_path / "live")
    service.record_assessment(commitment_id="2011-II-1", status="fulfilled", evidence="gone soon")
    restore(V2, service)
    assert service.get("2011-II-1").assessments == ()
    (record,) = service.get(CID).assessments
    assert record.status is Assessment.PARTIALLY_FULFILLED and record.view is View.US
    service.close()


def test_a_milestone_assessment_says_which_milestone_everywhere_it_is_read(service):
    from jcct_desktop.core.annotations.assessments import current
    from jcct_desktop.core.annotations.model import assessment_records

    service.record_assessment(commitment_id=CID, status="fulfilled", evidence="31 of 31",
                              effective=date(2012, 6, 20), milestone=PROVINCIAL)
    records = assessment_records(service.get(CID))
    now = current(records, date(2012, 7, 15))
    assert now.words == f"Fulfilled (milestone: {PROVINCIAL})"
    assert current(records, date(2012, 6, 19)).words == "Not assessed"  # not in force yet
    # a whole-commitment assessment is the commitment's: no milestone named
    service.record_assessment(commitment_id=CID, status="in_progress", evidence="municipal",
                              effective=date(2012, 7, 1))
    assert current(assessment_records(service.get(CID)), date(2012, 7, 15)).words == \
        "In progress"
