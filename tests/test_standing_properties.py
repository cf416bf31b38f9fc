"""Properties of the standing rules (core.standing), checked with Hypothesis over random
milestone windows, assessment records and as-of dates (tests/test_standing.py holds the table of
cases and the shortfall-ranking property): an unassessed milestone only moves forward as time
passes; "in progress" leaves a milestone to its deadline; a not-met assessment in force is
always a shortfall; China's view and assessments made after the as-of date never change a
standing; met and superseded only when the milestones say so."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from jcct_desktop.core.annotations.model import Assessment, AssessmentRecord, View
from jcct_desktop.core.deadlines import DateWindow, Precision
from jcct_desktop.core.model import Commitment, Kind, Milestone, Party
from jcct_desktop.core.standing import (
    PENDING,
    Standing,
    commitment_standing,
    milestone_standing,
)

S = Standing
SETTINGS = settings(max_examples=300, deadline=None)
DAYS = st.dates(min_value=date(2011, 1, 1), max_value=date(2016, 12, 31))
# where an unassessed milestone stands, in the order time moves it along
FORWARD = {S.UPCOMING: 0, S.OPEN: 1, S.DUE_SOON: 2, S.OVERDUE: 3}
NOT_DECIDING = (Assessment.NOT_ASSESSED, Assessment.IN_PROGRESS)
ANY_STATUS = st.sampled_from([*Assessment])
ANY_VIEW = st.sampled_from([*View])


@st.composite
def _windows(draw: st.DrawFn) -> DateWindow:
    earliest = draw(DAYS)
    return DateWindow(earliest, earliest + timedelta(days=draw(st.integers(0, 500))),
                      Precision.RANGE)


@st.composite
def _commitments(draw: st.DrawFn) -> Commitment:
    windows = draw(st.lists(_windows(), min_size=1, max_size=4))
    milestones = tuple(Milestone(f"m{i}", f"m{i}", f"M{i}", w) for i, w in enumerate(windows))
    return Commitment("P-1", "2011", "X", 1, "Random", "text", Party.CHINA, (),
                      Kind.ACTION_WITH_DEADLINE, milestones)


def _records(commitment: Commitment, statuses: st.SearchStrategy[Assessment] = ANY_STATUS,
             views: st.SearchStrategy[View] = ANY_VIEW,
             ) -> st.SearchStrategy[list[AssessmentRecord]]:
    labels = st.sampled_from([None, *(m.label for m in commitment.milestones)])
    one = st.builds(AssessmentRecord, statuses, st.just("evidence"), DAYS, views,
                    st.just(""), labels)
    return st.lists(one, max_size=6).map(
        lambda found: [r.__class__(r.status, r.evidence, r.effective, r.view, r.source,
                                   r.milestone, datetime(2026, 1, 1, 0, 0, k, tzinfo=UTC))
                       for k, r in enumerate(found)])  # recorded one second apart, in order


@SETTINGS
@given(_windows(), DAYS, DAYS)
def test_an_unassessed_milestone_only_moves_forward_in_as_of(window, one, other) -> None:
    milestone = Milestone("m", "m", "M", window)
    earlier, later = sorted((one, other))
    before = milestone_standing(milestone, [], earlier).value
    after = milestone_standing(milestone, [], later).value
    assert FORWARD[before] <= FORWARD[after]
    assert (after is S.OVERDUE) == (later > window.latest)


@SETTINGS
@given(st.data(), _commitments(), DAYS)
def test_in_progress_leaves_a_milestone_to_its_deadline(data, commitment, as_of) -> None:
    records = data.draw(_records(commitment, statuses=st.sampled_from(NOT_DECIDING)))
    for milestone in commitment.milestones:
        assessed = milestone_standing(milestone, records, as_of)
        assert assessed.value in FORWARD
        assert assessed.value is milestone_standing(milestone, [], as_of).value


@SETTINGS
@given(st.data(), _commitments(), DAYS)
def test_a_not_met_assessment_in_force_is_always_a_shortfall(data, commitment, as_of) -> None:
    records = data.draw(_records(commitment))
    target = data.draw(st.sampled_from(commitment.milestones))
    # on or after every record known by then, so it is the newest in force
    floor = max([as_of - timedelta(days=400), *(r.effective for r in records
                                                if r.effective <= as_of)])
    effective = data.draw(st.dates(min_value=floor, max_value=as_of))
    not_met = AssessmentRecord(Assessment.NOT_FULFILLED, "missed", effective, View.US, "",
                               data.draw(st.sampled_from([None, target.label])),
                               datetime(2027, 1, 1, tzinfo=UTC))  # recorded after the others
    alone = milestone_standing(target, [*records, not_met], as_of)
    assert alone.value is S.NOT_MET and alone.shortfall
    whole = commitment_standing(commitment, [*records, not_met], as_of)
    assert whole.value in (S.OVERDUE, S.NOT_MET)  # never pending, met or partly met
    assert whole.value is S.OVERDUE or whole.shortfall


@SETTINGS
@given(st.data(), _commitments(), DAYS)
def test_chinas_view_never_changes_a_standing(data, commitment, as_of) -> None:
    ours = data.draw(_records(commitment, views=st.just(View.US)))
    chinas = data.draw(_records(commitment, views=st.just(View.CHINA)))
    assert (commitment_standing(commitment, [*ours, *chinas], as_of)
            == commitment_standing(commitment, ours, as_of))


@SETTINGS
@given(st.data(), _commitments(), DAYS)
def test_assessments_effective_after_the_as_of_date_are_not_yet_known(data, commitment,
                                                                      as_of) -> None:
    records = data.draw(_records(commitment))
    known = [r for r in records if r.effective <= as_of]
    assert commitment_standing(commitment, records, as_of) == commitment_standing(
        commitment, known, as_of)


@SETTINGS
@given(st.data(), _commitments(), DAYS)
def test_met_and_superseded_only_when_the_milestones_say_so(data, commitment, as_of) -> None:
    whole = commitment_standing(commitment, data.draw(_records(commitment)), as_of)
    values = [m.value for m in whole.milestones]
    assert len(values) == len(commitment.milestones)
    if whole.value is S.MET:
        assert set(values) <= {S.MET, S.SUPERSEDED} and S.MET in values
    if whole.value is S.SUPERSEDED:
        assert set(values) == {S.SUPERSEDED}
    if whole.value in PENDING:
        assert not any(m.shortfall for m in whole.milestones)
        assert S.OVERDUE not in values
