"""Archive scale (issue 25): the standing book's values in one pass judge each distinct deadline
window once and give a commitment its most pressing milestone's value; checked with Hypothesis
against judging every commitment in full (``commitment_standing``), windows shared or not,
undated milestones and commitments with none among them; and a book made after a note edit
starts from the earlier book's values, judging again only what the edit touched."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from jcct_desktop.core.annotations.model import Assessment, AssessmentRecord, View
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.deadlines import DateWindow, Precision
from jcct_desktop.core.model import Commitment, Kind, Milestone, Party
from jcct_desktop.core.standing import (
    JudgedOnDemand,
    Standing,
    commitment_standing,
    standing_book,
)

DAYS = st.dates(min_value=date(2010, 1, 1), max_value=date(2014, 12, 31))


@st.composite
def _window(draw: st.DrawFn) -> DateWindow | None:
    if draw(st.integers(0, 5)) == 0:
        return None  # undated
    earliest = draw(DAYS)
    return DateWindow(earliest, earliest + timedelta(days=draw(st.integers(0, 400))),
                      Precision.RANGE)


@st.composite
def _commitments(draw: st.DrawFn) -> list[Commitment]:
    # a few windows shared by many commitments (as the store shares them), some made anew
    shared = draw(st.lists(_window(), min_size=1, max_size=6))
    made = []
    for i in range(draw(st.integers(1, 30))):
        count = draw(st.integers(0, 4))
        windows = [draw(st.sampled_from(shared)) if draw(st.booleans()) else draw(_window())
                   for _ in range(count)]
        milestones = tuple(Milestone(f"m{k}", f"m{k}", f"M{k}", w)
                           for k, w in enumerate(windows))
        made.append(Commitment(f"C-{i}", "2011", "X", i, "t", "text", Party.CHINA, (),
                               Kind.ACTION_WITH_DEADLINE, milestones))
    return made


@settings(max_examples=300, deadline=None)
@given(made=_commitments(), as_of=DAYS)
def test_the_values_are_each_commitment_judged_in_full(made: list[Commitment],
                                                       as_of: date) -> None:
    book = standing_book(made, {}, as_of)
    assert book.values() == {c.id: commitment_standing(c, (), as_of).value for c in made}


def test_the_values_follow_the_date_across_every_unassessed_standing() -> None:
    window = DateWindow(date(2012, 3, 1), date(2012, 6, 30), Precision.MONTH)
    later = DateWindow(date(2013, 1, 1), date(2013, 12, 31), Precision.YEAR)
    made = [Commitment(cid, "2011", "X", 1, "t", "text", Party.CHINA, (),
                       Kind.ACTION_WITH_DEADLINE,
                       tuple(Milestone(f"m{k}", "", f"M{k}", w)
                             for k, w in enumerate(windows)))
            for cid, windows in (("one", (window,)), ("two", (later, window)),
                                 ("undated", (None,)), ("none", ()), ("mixed", (None, later)))]
    seen = {}
    for as_of in (date(2012, 1, 1), date(2012, 4, 1), date(2012, 6, 10), date(2012, 8, 1)):
        values = standing_book(made, {}, as_of).values()
        assert values == {c.id: commitment_standing(c, (), as_of).value for c in made}
        seen[as_of] = values["two"]
    assert seen == {date(2012, 1, 1): Standing.UPCOMING, date(2012, 4, 1): Standing.OPEN,
                    date(2012, 6, 10): Standing.DUE_SOON, date(2012, 8, 1): Standing.OVERDUE}


def _assessed(status: Assessment, milestone: str | None = None) -> tuple[AssessmentRecord, ...]:
    return (AssessmentRecord(status, "evidence", date(2012, 1, 1), View.US, "", milestone,
                             datetime(2026, 1, 1, tzinfo=UTC)),)


def test_a_book_after_a_note_edit_reuses_the_earlier_values(catalog: Catalog) -> None:
    made = catalog.commitments
    first_id, second_id, third_id = (c.id for c in made[:3])
    before = {first_id: _assessed(Assessment.FULFILLED),
              second_id: _assessed(Assessment.NOT_FULFILLED)}
    after = {first_id: _assessed(Assessment.NOT_FULFILLED),  # changed
             third_id: _assessed(Assessment.PARTIALLY_FULFILLED)}  # added; the second removed
    as_of = date(2012, 6, 15)
    earlier = standing_book(made, before, as_of)
    earlier.values()
    book = standing_book(made, after, as_of)
    book.reuse_values(earlier)
    judged = book.by_id
    assert isinstance(judged, JudgedOnDemand)
    assert judged.judged_count == 3  # the three whose assessments differ, and no other
    fresh = standing_book(made, after, as_of).values()
    assert book.values() == fresh
    assert fresh[first_id] is Standing.NOT_MET
    other_date = standing_book(made, after, date(2013, 1, 1))  # another date: all judged
    other_date.reuse_values(earlier)
    assert other_date.values() == standing_book(made, after, date(2013, 1, 1)).values()
    elsewhere = standing_book(list(made), after, as_of)  # not the same commitments
    elsewhere.reuse_values(earlier)
    assert elsewhere.values() == fresh


def test_a_book_reuses_nothing_from_one_never_valued(catalog: Catalog) -> None:
    earlier = standing_book(catalog.commitments, {}, date(2012, 6, 15))
    book = standing_book(catalog.commitments, {}, date(2012, 6, 15))
    book.reuse_values(earlier)
    assert book.values() == {c.id: commitment_standing(c, (), date(2012, 6, 15)).value
                             for c in catalog.commitments}
