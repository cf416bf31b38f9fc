"""core.standing: one milestone and one commitment standing as of a date, table-driven."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jcct_desktop.core.annotations.model import (
    Annotation,
    Assessment,
    AssessmentRecord,
    View,
    assessment_records,
)
from jcct_desktop.core.deadlines import parse_window
from jcct_desktop.core.model import Commitment, Kind, Milestone, Party
from jcct_desktop.core.standing import (
    Standing,
    commitment_standing,
    in_force,
    milestone_standing,
    records_by_id,
    standing_book,
)

D = date
A = Assessment
S = Standing
# one milestone with a June 2012 window (2012-06-01 .. 2012-06-30)
JUNE = Milestone("by June 2012", "by June 2012", "List", parse_window("by June 2012"))


def rec(status: Assessment, effective: date, *, milestone: str | None = None,
        view: View = View.US, recorded: int = 0) -> AssessmentRecord:
    return AssessmentRecord(status, "evidence", effective, view, "", milestone,
                            datetime(2026, 1, 1, 0, 0, recorded, tzinfo=UTC))


@pytest.mark.parametrize(("records", "as_of", "value", "since"), [
    # from the deadline alone
    ((), D(2012, 1, 15), S.UPCOMING, None),
    ((), D(2012, 5, 31), S.DUE_SOON, D(2012, 5, 31)),  # closes within 30 days
    ((), D(2012, 6, 30), S.DUE_SOON, D(2012, 5, 31)),  # the last day
    ((), D(2012, 7, 1), S.OVERDUE, D(2012, 7, 1)),  # the day after the window closed
    # from our assessment in force
    ((rec(A.FULFILLED, D(2012, 6, 10)),), D(2012, 7, 1), S.MET, D(2012, 6, 10)),
    ((rec(A.PARTIALLY_FULFILLED, D(2012, 6, 10)),), D(2012, 7, 1), S.PARTLY_MET,
     D(2012, 6, 10)),
    ((rec(A.NOT_FULFILLED, D(2012, 7, 2)),), D(2012, 8, 1), S.NOT_MET, D(2012, 7, 2)),
    ((rec(A.SUPERSEDED, D(2012, 2, 1)),), D(2012, 8, 1), S.SUPERSEDED, D(2012, 2, 1)),
    # in progress never makes it met: the deadline decides
    ((rec(A.IN_PROGRESS, D(2012, 2, 1)),), D(2012, 8, 1), S.OVERDUE, D(2012, 7, 1)),
    # fulfilled late: overdue until the effective date, met from it
    ((rec(A.FULFILLED, D(2012, 9, 1)),), D(2012, 8, 31), S.OVERDUE, D(2012, 7, 1)),
    ((rec(A.FULFILLED, D(2012, 9, 1)),), D(2012, 9, 1), S.MET, D(2012, 9, 1)),
    # met before its window opened
    ((rec(A.FULFILLED, D(2011, 12, 20)),), D(2012, 1, 15), S.MET, D(2011, 12, 20)),
    # an as-of before the effective date ignores the assessment
    ((rec(A.FULFILLED, D(2012, 5, 1)),), D(2012, 4, 30), S.UPCOMING, None),
    # China's view never changes the standing
    ((rec(A.FULFILLED, D(2012, 5, 1), view=View.CHINA),), D(2012, 7, 1), S.OVERDUE,
     D(2012, 7, 1)),
    # the newest effective wins; a repeat of the same judgement keeps the first date
    ((rec(A.FULFILLED, D(2012, 5, 1)), rec(A.NOT_FULFILLED, D(2012, 8, 1))), D(2012, 9, 1),
     S.NOT_MET, D(2012, 8, 1)),
    ((rec(A.FULFILLED, D(2012, 5, 1)), rec(A.FULFILLED, D(2012, 8, 1))), D(2012, 9, 1),
     S.MET, D(2012, 5, 1)),
    # same effective date: the one recorded last wins
    ((rec(A.NOT_FULFILLED, D(2012, 5, 1), recorded=2), rec(A.FULFILLED, D(2012, 5, 1),
                                                           recorded=1)),
     D(2012, 9, 1), S.NOT_MET, D(2012, 5, 1)),
    # a record about another milestone does not apply; one about this one does
    ((rec(A.FULFILLED, D(2012, 5, 1), milestone="Other"),), D(2012, 7, 1), S.OVERDUE,
     D(2012, 7, 1)),
    ((rec(A.FULFILLED, D(2012, 5, 1), milestone="List"),), D(2012, 7, 1), S.MET,
     D(2012, 5, 1)),
])
def test_milestone_standing(records, as_of, value, since):
    s = milestone_standing(JUNE, records, as_of)
    assert (s.value, s.since) == (value, since)
    assert s.as_of == as_of


def test_open_inside_a_long_window():
    year = Milestone("in 2012", "in 2012", "Year", parse_window("in 2012"))
    s = milestone_standing(year, (), D(2012, 3, 1))
    assert (s.value, s.since, s.days_left) == (S.OPEN, D(2012, 1, 1), 305)


# a commitment with a provincial milestone (mid-2012) and a municipal one (2013)
PROV = Milestone("by mid 2012", "by the middle of 2012", "Provinces",
                 parse_window("by the middle of 2012"))
MUNI = Milestone("by 2013", "by 2013", "Municipalities", parse_window("by 2013"))
TWO = Commitment("T-1", "2011", "X", 1, "Two steps", "text", Party.CHINA, (),
                 Kind.ACTION_WITH_DEADLINE, (PROV, MUNI))
NONE = Commitment("T-2", "2011", "X", 2, "Promise", "text", Party.CHINA, (),
                  Kind.POLICY_CONFIRMATION)


@pytest.mark.parametrize(("records", "as_of", "value", "deciding"), [
    ((), D(2012, 1, 15), S.OPEN, 0),  # the provincial window is open
    ((), D(2012, 6, 15), S.DUE_SOON, 0),
    ((), D(2012, 7, 1), S.OVERDUE, 0),  # one milestone overdue: the commitment is overdue
    # the provinces met: the next milestone decides
    ((rec(A.FULFILLED, D(2012, 6, 1), milestone="Provinces"),), D(2012, 7, 1), S.UPCOMING, 1),
    ((rec(A.FULFILLED, D(2012, 6, 1), milestone="Provinces"),), D(2013, 2, 1), S.OPEN, 1),
    # met only when all are met
    ((rec(A.FULFILLED, D(2012, 6, 1), milestone="Provinces"),
      rec(A.FULFILLED, D(2013, 9, 1), milestone="Municipalities")), D(2014, 1, 1), S.MET, 1),
    ((rec(A.FULFILLED, D(2012, 6, 1), milestone="Provinces"),
      rec(A.PARTIALLY_FULFILLED, D(2013, 9, 1), milestone="Municipalities")), D(2014, 1, 1),
     S.PARTLY_MET, 1),
    ((rec(A.NOT_FULFILLED, D(2012, 7, 5), milestone="Provinces"),), D(2012, 8, 1), S.NOT_MET,
     0),
    # a whole-commitment assessment applies to every milestone
    ((rec(A.FULFILLED, D(2012, 5, 1)),), D(2012, 8, 1), S.MET, 1),
    ((rec(A.SUPERSEDED, D(2012, 5, 1)),), D(2012, 8, 1), S.SUPERSEDED, 1),
    # ... until a newer one about a milestone overrides it there
    ((rec(A.FULFILLED, D(2012, 5, 1)),
      rec(A.NOT_FULFILLED, D(2012, 6, 1), milestone="Municipalities")), D(2012, 8, 1),
     S.NOT_MET, 1),
    # superseded milestones aside, the rest decide
    ((rec(A.SUPERSEDED, D(2012, 5, 1), milestone="Provinces"),
      rec(A.FULFILLED, D(2013, 5, 1), milestone="Municipalities")), D(2014, 1, 1), S.MET, 1),
    # a shortfall: provinces partly met, their window closed; the municipal milestone is
    # pending but never makes the commitment upcoming (it was overdue unassessed)
    ((rec(A.PARTIALLY_FULFILLED, D(2012, 7, 10), milestone="Provinces"),), D(2012, 7, 15),
     S.PARTLY_MET, 0),
    ((rec(A.PARTIALLY_FULFILLED, D(2012, 7, 10), milestone="Provinces"),), D(2013, 6, 1),
     S.PARTLY_MET, 0),
    # partly met while its window is still open is not yet a shortfall: the next one decides
    ((rec(A.PARTIALLY_FULFILLED, D(2012, 6, 10), milestone="Provinces"),), D(2012, 6, 15),
     S.UPCOMING, 1),
    # China says both done: our standing still comes from the deadlines
    ((rec(A.FULFILLED, D(2012, 5, 1), view=View.CHINA),), D(2012, 8, 1), S.OVERDUE, 0),
])
def test_commitment_standing_follows_its_milestones(records, as_of, value, deciding):
    s = commitment_standing(TWO, records, as_of)
    assert (s.value, s.deciding) == (value, deciding)
    assert len(s.milestones) == 2
    assert s.since == s.milestones[deciding].since


@pytest.mark.parametrize(("records", "value"), [
    ((), S.NO_DEADLINE),
    ((rec(A.IN_PROGRESS, D(2012, 1, 1)),), S.NO_DEADLINE),
    ((rec(A.FULFILLED, D(2012, 1, 1)),), S.MET),
    ((rec(A.NOT_FULFILLED, D(2012, 1, 1)),), S.NOT_MET),
    ((rec(A.FULFILLED, D(2012, 1, 1), view=View.CHINA),), S.NO_DEADLINE),
])
def test_a_commitment_without_milestones_takes_its_whole_assessment(records, value):
    s = commitment_standing(NONE, records, D(2012, 6, 1))
    assert s.value is value and s.deciding is None


def test_every_value_is_reachable():
    cases = [milestone_standing(JUNE, r, d).value for r, d in [
        ((), D(2012, 1, 1)), ((), D(2012, 6, 20)), ((), D(2012, 7, 1)),
        ((rec(A.FULFILLED, D(2012, 1, 1)),), D(2012, 2, 1)),
        ((rec(A.PARTIALLY_FULFILLED, D(2012, 1, 1)),), D(2012, 2, 1)),
        ((rec(A.NOT_FULFILLED, D(2012, 1, 1)),), D(2012, 2, 1)),
        ((rec(A.SUPERSEDED, D(2012, 1, 1)),), D(2012, 2, 1)),
    ]]
    cases.append(commitment_standing(TWO, (), D(2012, 1, 15)).value)
    cases.append(commitment_standing(NONE, (), D(2012, 1, 15)).value)
    assert set(cases) == set(Standing)


def test_a_shortfall_names_the_missed_milestone_and_the_next_deadline():
    from jcct_desktop.core.standing_words import phrase

    partly = rec(A.PARTIALLY_FULFILLED, D(2012, 7, 10), milestone="Provinces")
    s = commitment_standing(TWO, (partly,), D(2012, 7, 15))
    assert s.shortfall and s.next_pending is not None and s.next_pending.label == "Municipalities"
    assert phrase(s) == ("Partly met — Provinces: missed 30 Jun 2012 · Municipalities: "
                         "due in 534 days")
    both = (partly, rec(A.NOT_FULFILLED, D(2014, 1, 5), milestone="Municipalities"))
    s = commitment_standing(TWO, both, D(2014, 2, 1))
    assert phrase(s) == "Not met — Municipalities: missed 31 Dec 2013"
    # the milestone itself keeps its own phrase
    assert phrase(s.milestones[0]) == "Partly met — since 10 Jul 2012"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_STATUSES = st.sampled_from([*A])
_DAYS = st.dates(min_value=D(2011, 6, 1), max_value=D(2015, 6, 1))


@st.composite
def _case(draw: st.DrawFn) -> tuple[Commitment, list[AssessmentRecord], date]:
    n = draw(st.integers(1, 4))
    starts = sorted(draw(st.lists(_DAYS, min_size=n, max_size=n)))
    milestones = []
    for i, start in enumerate(starts):  # month windows, as the data has
        window = parse_window(f"by {_MONTHS[start.month - 1]} {start.year}")
        milestones.append(Milestone(f"m{i}", f"m{i}", f"M{i}", window))
    c = Commitment("P-1", "2011", "X", 1, "Random", "text", Party.CHINA, (),
                   Kind.ACTION_WITH_DEADLINE, tuple(milestones))
    records = [rec(draw(_STATUSES), draw(_DAYS),
                   milestone=draw(st.sampled_from([None, *(m.label for m in milestones)])),
                   view=draw(st.sampled_from([*View])), recorded=k)
               for k in range(draw(st.integers(0, 6)))]
    return c, records, draw(_DAYS)


@settings(max_examples=300, deadline=None)
@given(_case())
def test_an_assessed_shortfall_never_ranks_below_a_pending_milestone(case):
    c, records, as_of = case
    s = commitment_standing(c, records, as_of)
    missed = [m for m in s.milestones if m.shortfall]
    if missed:
        assert s.value not in (S.DUE_SOON, S.OPEN, S.UPCOMING, S.MET, S.SUPERSEDED)
        assert s.value in (S.OVERDUE, S.NOT_MET, S.PARTLY_MET)
        if s.value is not S.OVERDUE:  # unassessed and past deadline comes first
            assert s.shortfall
    # and a shortfall is never better than leaving the milestone unassessed would be
    if s.value in (S.NOT_MET, S.PARTLY_MET) and any(m.value in (S.DUE_SOON, S.OPEN, S.UPCOMING)
                                                     for m in s.milestones):
        assert s.shortfall


def test_a_v1_assessment_reads_as_ours_effective_the_day_it_changed():
    changed = datetime(2012, 3, 12, 15, 0, tzinfo=UTC)
    a = Annotation("T-1", status=A.FULFILLED, evidence="notice", status_changed=changed)
    book = standing_book([TWO, NONE], records_by_id([a]), D(2012, 7, 1))
    assert (book.of("T-1").value, book.of("T-1").since) == (S.MET, D(2012, 3, 12))
    assert book.of("T-2").value is S.NO_DEADLINE
    assert book.milestone("T-1", 1).value is S.MET
    assert book.count(S.MET) == 1 and book.values() == {"T-1": S.MET, "T-2": S.NO_DEADLINE}
    assert in_force(assessment_records(a), D(2012, 3, 11)) == []


def test_in_force_keeps_the_newest_per_view_and_milestone():
    old = rec(A.IN_PROGRESS, D(2012, 1, 1))
    new = rec(A.FULFILLED, D(2012, 5, 1))
    china = rec(A.FULFILLED, D(2012, 2, 1), view=View.CHINA)
    later = rec(A.NOT_FULFILLED, D(2013, 1, 1), milestone="Provinces")
    assert in_force([old, new, china, later], D(2012, 6, 1)) == [new, china]
