"""Every commitment's standing value made in one pass (``JudgedOnDemand.values_by_id``: each
distinct deadline window judged once, an unassessed commitment taking its most pressing) is
the value of judging each commitment in full, on any date, with assessments or none, on the
2011 meeting and on a generated archive, and for parts of them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jcct_desktop.core.annotations.model import Assessment, AssessmentRecord, View
from jcct_desktop.core.standing import commitment_standing, standing_book

DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2200, 12, 31))


def _in_full(commitments, records, as_of):
    return {c.id: commitment_standing(c, records.get(c.id, ()), as_of).value
            for c in commitments}


def _records(ids, picks, day):
    return {ids[i % len(ids)]: (AssessmentRecord(status, "evidence", day, View.US, "", None,
                                                 datetime(2026, 1, 1, tzinfo=UTC)),)
            for i, status in picks}


@pytest.fixture(scope="module")
def archive_commitments(tmp_path_factory):
    from bench.make_archive import make_archive
    from jcct_desktop.store.reference.reader import open_reference

    path = make_archive(tmp_path_factory.mktemp("a") / "a.sqlite", meetings=12,
                        per_meeting=60)
    return open_reference(path).catalog.commitments


@settings(max_examples=25, deadline=None)
@given(DATES, st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(list(Assessment))),
                       max_size=6))
def test_the_2011_meeting_on_any_date(reference, as_of, picks):
    commitments = reference.catalog.commitments
    records = _records([c.id for c in commitments], picks, as_of - timedelta(days=3))
    values = standing_book(commitments, records, as_of).values()
    assert values == _in_full(commitments, records, as_of)
    assert list(values) == [c.id for c in commitments]


@settings(max_examples=10, deadline=None)
@given(DATES, st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(list(Assessment))),
                       max_size=6))
def test_a_generated_archive_on_any_date(archive_commitments, as_of, picks):
    commitments = archive_commitments
    records = _records([c.id for c in commitments], picks, as_of)
    assert standing_book(commitments, records, as_of).values() == \
        _in_full(commitments, records, as_of)


def test_parts_of_the_commitments(reference, archive_commitments):
    day = date(2013, 6, 1)
    for commitments in (reference.catalog.commitments, archive_commitments,
                        reference.catalog.commitments[:7], archive_commitments[::3]):
        assert standing_book(commitments, {}, day).values() == _in_full(commitments, {}, day)
