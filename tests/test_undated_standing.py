"""core.standing for undated milestones (issue 21): a deliverable the source dates nowhere is
never due or overdue, stays pending until assessed, and stands as assessed like any other."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from jcct_desktop.core.annotations.model import Assessment, AssessmentRecord, View
from jcct_desktop.core.deadlines import parse_window
from jcct_desktop.core.model import Commitment, Kind, Milestone, Party
from jcct_desktop.core.standing import Standing, commitment_standing, milestone_standing
from jcct_desktop.core.standing_words import phrase

A, S, D = Assessment, Standing, date
PUBLISH = Milestone("will publish the auditing results", "", "Audit results published", None)
RESOURCES = Milestone("will increase resources", "", "More audit resources", None)
JUNE = Milestone("by June 2012", "by June 2012", "List", parse_window("by June 2012"))


def rec(status: Assessment, effective: date, milestone: str | None = None,
        view: View = View.US) -> AssessmentRecord:
    return AssessmentRecord(status, "evidence", effective, view, "", milestone,
                            datetime(2026, 1, 1, tzinfo=UTC))


def commitment(*milestones: Milestone) -> Commitment:
    return Commitment("2011-X-1", "jcct-22", "X", 0, "T", "text", Party.CHINA, (),
                      Kind.POLICY_CONFIRMATION, milestones)


@pytest.mark.parametrize("as_of", [D(2011, 11, 21), D(2012, 6, 30), D(2030, 1, 1)])
def test_an_undated_milestone_is_never_due_or_overdue(as_of: date) -> None:
    s = milestone_standing(PUBLISH, (), as_of)
    assert s.value is S.NO_DEADLINE and s.closes is None and s.days_left is None
    assert s.label == "Audit results published" and not s.shortfall
    assert phrase(s) == "No deadline"


@pytest.mark.parametrize(("status", "value", "shortfall"), [
    (A.FULFILLED, S.MET, False),
    (A.PARTIALLY_FULFILLED, S.PARTLY_MET, False),  # no window to close: not a shortfall
    (A.NOT_FULFILLED, S.NOT_MET, True),
    (A.SUPERSEDED, S.SUPERSEDED, False),
    (A.IN_PROGRESS, S.NO_DEADLINE, False),  # in progress leaves it pending
])
def test_an_undated_milestone_stands_as_assessed(status: Assessment, value: Standing,
                                                 shortfall: bool) -> None:
    records = (rec(status, D(2012, 3, 1), "Audit results published"),)
    s = milestone_standing(PUBLISH, records, D(2012, 4, 1))
    assert s.value is value and s.shortfall is shortfall
    if value is not S.NO_DEADLINE:
        assert s.since == D(2012, 3, 1) and s.record == records[0]


def test_as_of_uses_only_what_was_known_then() -> None:
    records = (rec(A.NOT_FULFILLED, D(2012, 3, 1), "Audit results published"),
               rec(A.FULFILLED, D(2013, 5, 1), "Audit results published"))
    assert milestone_standing(PUBLISH, records, D(2012, 2, 1)).value is S.NO_DEADLINE
    assert milestone_standing(PUBLISH, records, D(2012, 3, 1)).value is S.NOT_MET
    assert milestone_standing(PUBLISH, records, D(2013, 5, 1)).value is S.MET


def test_each_undated_milestone_is_assessed_alone() -> None:
    c = commitment(PUBLISH, RESOURCES)
    records = (rec(A.FULFILLED, D(2012, 3, 1), "Audit results published"),)
    s = commitment_standing(c, records, D(2012, 4, 1))
    assert [m.value for m in s.milestones] == [S.MET, S.NO_DEADLINE]
    # one met, one pending: the commitment is not met, it waits on the pending one
    assert s.value is S.NO_DEADLINE and s.deciding == 1
    both = (*records, rec(A.FULFILLED, D(2012, 3, 5), "More audit resources"))
    done = commitment_standing(c, both, D(2012, 4, 1))
    assert done.value is S.MET and done.since == D(2012, 3, 5)


def test_a_not_met_undated_milestone_is_a_shortfall_of_the_commitment() -> None:
    c = commitment(JUNE, PUBLISH)
    records = (rec(A.NOT_FULFILLED, D(2012, 3, 1), "Audit results published"),)
    s = commitment_standing(c, records, D(2012, 4, 1))
    assert s.value is S.NOT_MET and s.shortfall and s.deciding == 1
    # the dated one still pending is named beside the shortfall
    assert s.next_pending is not None and s.next_pending.label == "List"
    assert phrase(s).startswith("Not met — Audit results published: judged not met")


def test_a_dated_deadline_decides_over_a_pending_undated_one() -> None:
    c = commitment(JUNE, PUBLISH)
    assert commitment_standing(c, (), D(2012, 6, 10)).value is S.DUE_SOON
    assert commitment_standing(c, (), D(2012, 7, 1)).value is S.OVERDUE
    met = (rec(A.FULFILLED, D(2012, 6, 1), "List"),)
    # the dated one met, the undated one pending: not met as a whole
    assert commitment_standing(c, met, D(2012, 7, 1)).value is S.NO_DEADLINE


def test_a_whole_commitment_assessment_covers_its_undated_milestones() -> None:
    c = commitment(PUBLISH, RESOURCES)
    s = commitment_standing(c, (rec(A.FULFILLED, D(2012, 3, 1)),), D(2012, 4, 1))
    assert s.value is S.MET and [m.value for m in s.milestones] == [S.MET, S.MET]


def test_china_view_never_changes_an_undated_standing() -> None:
    records = (rec(A.FULFILLED, D(2012, 3, 1), "Audit results published", View.CHINA),)
    assert milestone_standing(PUBLISH, records, D(2012, 4, 1)).value is S.NO_DEADLINE


def test_undated_milestones_set_no_deadline_for_the_filter() -> None:
    assert not commitment(PUBLISH).has_deadline
    assert commitment(PUBLISH, JUNE).has_deadline
    assert PUBLISH.window_words == "no deadline stated" and PUBLISH.state(D(2012, 1, 1)) is None


def test_the_changes_report_names_an_undated_shortfall() -> None:
    from jcct_desktop.core.annotations.model import Annotation
    from jcct_desktop.core.changes import changes_between

    c = commitment(PUBLISH, RESOURCES)
    entry = AssessmentRecord(A.NOT_FULFILLED, "No results", D(2012, 3, 1), View.US, "",
                             "Audit results published", datetime(2012, 3, 2, tzinfo=UTC))
    report = changes_between([c], [Annotation(c.id, assessments=(entry,))], D(2012, 1, 1),
                             D(2012, 6, 30))
    [group] = report.commitments
    moved = next(i for i in group.items if i.kind == "standing")
    assert moved.summary == ("Standing: no deadline → not met "
                             "(milestone: Audit results published)")
    assert (moved.old, moved.new, moved.day) == ("no_deadline", "not_met", D(2012, 3, 1))
