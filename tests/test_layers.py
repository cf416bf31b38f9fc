"""Layers that point one way: the core holds no SQL, and its merge rules work on dataclasses."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime

from jcct_desktop.core.annotations.merge_rules import MergePlan, plan_merge
from jcct_desktop.core.annotations.model import (
    Annotation,
    Assessment,
    AssessmentRecord,
    HistoryEntry,
    Note,
)
from jcct_desktop.store.annotations import AnnotationService

T1 = datetime(2012, 3, 1, 9, 0, tzinfo=UTC)
T2 = datetime(2012, 4, 1, 9, 0, tzinfo=UTC)


def test_the_core_loads_without_sqlalchemy() -> None:
    """Exchange, briefing content, filters and rules import no SQL (a second store can slot in)."""
    code = (
        "import sys\n"
        "import jcct_desktop.core.annotations, jcct_desktop.core.annotations.exchange\n"
        "import jcct_desktop.core.annotations.merge_rules, jcct_desktop.core.annotations.rules\n"
        "import jcct_desktop.core.briefing, jcct_desktop.core.filtering\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlite3')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _theirs() -> Annotation:
    record = AssessmentRecord(status=Assessment.FULFILLED, evidence="Gazette notice",
                              effective=date(2012, 3, 1), recorded=T1)
    return Annotation(
        "2011-NEV-1",
        notes=(Note(1, "Met MOFCOM", T1, T1),),
        tags=("IPR", "autos"),
        follow_up=date(2012, 6, 1),
        starred=True,
        history=(HistoryEntry(T1, "ana", "note", "", "Met MOFCOM", "added"),),
        assessments=(record,),
    )


def test_a_plan_against_nothing_adds_everything_and_marks_unnamed_records_imported() -> None:
    plan = plan_merge(Annotation("2011-NEV-1"), _theirs())
    assert [n.text for n in plan.notes] == ["Met MOFCOM"]
    assert plan.tags == ("IPR", "autos")
    assert plan.star and plan.follow_up == date(2012, 6, 1)
    assert [r.who for r in plan.records] == ["imported"]
    assert len(plan.history) == 1 and plan.changes


def test_merging_what_we_already_hold_changes_nothing() -> None:
    theirs = _theirs()
    held = Annotation("2011-NEV-1", notes=theirs.notes, tags=("ipr", "Autos"),
                      follow_up=date(2012, 9, 1), starred=True, history=theirs.history,
                      assessments=theirs.assessments)
    plan = plan_merge(held, theirs)
    assert plan == MergePlan() and not plan.changes  # tags compare case-insensitively


def test_the_later_follow_up_wins_and_a_star_is_never_taken_away() -> None:
    held = Annotation("2011-NEV-1", follow_up=date(2012, 1, 1), starred=True)
    later = plan_merge(held, Annotation("2011-NEV-1", follow_up=date(2012, 2, 1)))
    earlier = plan_merge(held, Annotation("2011-NEV-1", follow_up=date(2011, 12, 1)))
    assert later.follow_up == date(2012, 2, 1) and not later.star
    assert earlier.follow_up is None and not earlier.changes


def test_the_sqlite_store_applies_the_plan_once(tmp_path) -> None:
    service = AnnotationService.open(tmp_path)
    try:
        first = service.merge_annotations([_theirs()], source="a.json")
        again = service.merge_annotations([_theirs()], source="a.json")
        stored = service.get("2011-NEV-1")
    finally:
        service.close()
    assert first.commitment_ids == {"2011-NEV-1"} and not again.commitment_ids
    assert stored.starred and stored.follow_up == date(2012, 6, 1)
    assert stored.status is Assessment.FULFILLED and stored.tags == ("autos", "IPR")
    assert [n.text for n in stored.notes] == ["Met MOFCOM"]


def test_every_export_format_comes_from_the_one_table() -> None:
    import argparse

    from jcct_desktop.cli.entry import _exporters

    formats = argparse.ArgumentParser().add_subparsers(dest="format")
    for register in _exporters():
        register(formats)
    assert list(formats.choices) == ["json", "csv", "pdf", "docx", "ics"]  # the memo too
    assert all(callable(p.get_default("handler")) for p in formats.choices.values())
