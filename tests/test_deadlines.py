from datetime import date

import pytest

from jcct_desktop.core.deadlines import (
    DateWindow,
    DeadlineParseError,
    MilestoneState,
    Precision,
    parse_window,
    state_as_of,
)

D = date
CASES = [
    ("by December 1, 2011", D(2011, 12, 1), D(2011, 12, 1), Precision.DAY),
    ("December 1 2011", D(2011, 12, 1), D(2011, 12, 1), Precision.DAY),
    ("by Sept. 3, 2012", D(2012, 9, 3), D(2012, 9, 3), Precision.DAY),
    ("by the end of 2011", D(2011, 12, 1), D(2011, 12, 31), Precision.MONTH),
    ("by June 2012", D(2012, 6, 1), D(2012, 6, 30), Precision.MONTH),
    ("in October 2011", D(2011, 10, 1), D(2011, 10, 31), Precision.MONTH),
    ("by February 2012", D(2012, 2, 1), D(2012, 2, 29), Precision.MONTH),
    ("by the middle of 2012", D(2012, 1, 1), D(2012, 6, 30), Precision.HALF),
    ("By the middle of 2012", D(2012, 1, 1), D(2012, 6, 30), Precision.HALF),
    ("in the first half of 2012", D(2012, 1, 1), D(2012, 6, 30), Precision.HALF),
    ("in the second half of 2013", D(2013, 7, 1), D(2013, 12, 31), Precision.HALF),
    ("in spring 2012", D(2012, 3, 1), D(2012, 5, 31), Precision.SEASON),
    ("in the spring of 2012", D(2012, 3, 1), D(2012, 5, 31), Precision.SEASON),
    ("in autumn 2012", D(2012, 9, 1), D(2012, 11, 30), Precision.SEASON),
    ("in winter 2012", D(2012, 12, 1), D(2013, 2, 28), Precision.SEASON),
    ("in 2012", D(2012, 1, 1), D(2012, 12, 31), Precision.YEAR),
    ("by 2013", D(2013, 1, 1), D(2013, 12, 31), Precision.YEAR),
    ("2012", D(2012, 1, 1), D(2012, 12, 31), Precision.YEAR),
    ("  in   2012. ", D(2012, 1, 1), D(2012, 12, 31), Precision.YEAR),
    # Forms a later fact sheet uses (issue 14).
    ("by mid-2012", D(2012, 1, 1), D(2012, 6, 30), Precision.HALF),
    ("by mid 2012", D(2012, 1, 1), D(2012, 6, 30), Precision.HALF),
    ("in early 2011", D(2011, 1, 1), D(2011, 4, 30), Precision.PART),
    ("in late 2013", D(2013, 9, 1), D(2013, 12, 31), Precision.PART),
    ("by late June 2012", D(2012, 6, 21), D(2012, 6, 30), Precision.PART),
    ("in mid-February 2012", D(2012, 2, 11), D(2012, 2, 20), Precision.PART),
    ("in early March 2012", D(2012, 3, 1), D(2012, 3, 10), Precision.PART),
    ("in Q3 2012", D(2012, 7, 1), D(2012, 9, 30), Precision.QUARTER),
    ("by the first quarter of 2013", D(2013, 1, 1), D(2013, 3, 31), Precision.QUARTER),
    ("in the fourth quarter 2012", D(2012, 10, 1), D(2012, 12, 31), Precision.QUARTER),
    ("by end-Dec 2011", D(2011, 12, 31), D(2011, 12, 31), Precision.DAY),
    ("by the end of December 2011", D(2011, 12, 31), D(2011, 12, 31), Precision.DAY),
    ("by end-2012", D(2012, 12, 1), D(2012, 12, 31), Precision.MONTH),
    ("2012-12-01", D(2012, 12, 1), D(2012, 12, 1), Precision.DAY),
    ("by 1 December 2011", D(2011, 12, 1), D(2011, 12, 1), Precision.DAY),
    ("on November 21-23, 2015", D(2015, 11, 21), D(2015, 11, 23), Precision.RANGE),
    ("November 21–23, 2015", D(2015, 11, 21), D(2015, 11, 23), Precision.RANGE),
    ("November 30 - December 2, 2015", D(2015, 11, 30), D(2015, 12, 2), Precision.RANGE),
    ("no later than June 30, 2012", D(2012, 6, 30), D(2012, 6, 30), Precision.DAY),
    ("not later than the end of 2012", D(2012, 12, 1), D(2012, 12, 31), Precision.MONTH),
    # "before X" is the day before X (it used to read as X itself).
    ("before Dec 1, 2011", D(2011, 11, 30), D(2011, 11, 30), Precision.BEFORE),
    ("before 2013", D(2012, 12, 31), D(2012, 12, 31), Precision.BEFORE),
    ("before end-Dec 2011", D(2011, 12, 30), D(2011, 12, 30), Precision.BEFORE),
]

MEETING = D(2011, 11, 21)
NEXT_JCCT = D(2012, 12, 19)
RELATIVE_CASES = [
    ("before Dec 1, 2011", D(2011, 11, 21), D(2011, 11, 30), Precision.BEFORE),
    ("before 2013", D(2011, 11, 21), D(2012, 12, 31), Precision.BEFORE),
    ("before end-Dec 2011", D(2011, 11, 21), D(2011, 12, 30), Precision.BEFORE),
    ("within six months", D(2011, 11, 21), D(2012, 5, 21), Precision.RELATIVE),
    ("within 6 months of the meeting", D(2011, 11, 21), D(2012, 5, 21), Precision.RELATIVE),
    ("within 90 days", D(2011, 11, 21), D(2012, 2, 19), Precision.RELATIVE),
    ("within two weeks", D(2011, 11, 21), D(2011, 12, 5), Precision.RELATIVE),
    ("within one year", D(2011, 11, 21), D(2012, 11, 21), Precision.RELATIVE),
    ("next year", D(2012, 1, 1), D(2012, 12, 31), Precision.YEAR),
    ("in the first half of next year", D(2012, 1, 1), D(2012, 6, 30), Precision.HALF),
    ("by the end of this year", D(2011, 12, 1), D(2011, 12, 31), Precision.MONTH),
    ("by the end of the year", D(2011, 12, 1), D(2011, 12, 31), Precision.MONTH),
    ("by the next JCCT", D(2011, 11, 21), D(2012, 12, 19), Precision.RELATIVE),
    ("before the next JCCT", D(2011, 11, 21), D(2012, 12, 18), Precision.BEFORE),
    # The reference date changes nothing for an absolute form.
    ("by the middle of 2012", D(2012, 1, 1), D(2012, 6, 30), Precision.HALF),
    ("by 2013", D(2013, 1, 1), D(2013, 12, 31), Precision.YEAR),
]


@pytest.mark.parametrize(("wording", "earliest", "latest", "precision"), CASES)
def test_parse_window(wording: str, earliest: date, latest: date, precision: Precision) -> None:
    assert parse_window(wording) == DateWindow(earliest, latest, precision)


@pytest.mark.parametrize(
    "wording",
    [
        "",
        "soon",
        "by the middle",
        "in the next few years",
        "by Febtember 2012",
        "by February 30, 2012",
        "by 12/01/2011",
        "2012-13-01",
        "in Q5 2012",
        "by 1999x",
        "from 2012",
        "starting in 2012",
        "November 23-21, 2015",
        "within several months",
        None,
    ],
)
def test_unparseable_wording_says_so(wording: str) -> None:
    with pytest.raises(DeadlineParseError) as info:
        parse_window(wording, MEETING, NEXT_JCCT)
    assert "cannot parse deadline" in str(info.value)
    assert repr(wording) in str(info.value)  # the message names the wording


@pytest.mark.parametrize(("wording", "earliest", "latest", "precision"), RELATIVE_CASES)
def test_parse_window_with_reference(
    wording: str, earliest: date, latest: date, precision: Precision
) -> None:
    assert parse_window(wording, MEETING, NEXT_JCCT) == DateWindow(earliest, latest, precision)


@pytest.mark.parametrize(
    ("wording", "reason"),
    [
        ("within six months", "needs the meeting date"),
        ("next year", "needs the meeting date"),
        ("by the next JCCT", "next JCCT's date is not known"),
    ],
)
def test_relative_wording_without_its_date_is_refused(wording: str, reason: str) -> None:
    with pytest.raises(DeadlineParseError, match=reason):
        parse_window(wording)


def test_from_is_a_start_not_a_deadline() -> None:
    with pytest.raises(DeadlineParseError, match="starts, not when it is due"):
        parse_window("from 2012", MEETING)


def test_dateutil_trap_is_avoided() -> None:
    # dateutil reads "by the middle of 2012" as 2012-01-01; we must give the end of June.
    assert parse_window("by the middle of 2012").latest == D(2012, 6, 30)


@pytest.mark.parametrize(
    ("as_of", "state", "days", "text"),
    [
        (D(2011, 11, 21), MilestoneState.UPCOMING, 222, "due in 222 days"),
        (D(2012, 6, 29), MilestoneState.DUE, 1, "due in 1 day"),
        (D(2012, 6, 30), MilestoneState.DUE, 0, "due today"),
        (D(2012, 7, 1), MilestoneState.PAST, 1, "1 day past"),
        (D(2013, 6, 30), MilestoneState.PAST, 365, "365 days past"),
    ],
)
def test_state_as_of(as_of: date, state: MilestoneState, days: int, text: str) -> None:
    window = parse_window("by June 2012")
    s = state_as_of(window, as_of)
    assert (s.state, s.days) == (state, days)
    assert s.describe() == text


def test_window_rejects_reversed_dates() -> None:
    with pytest.raises(ValueError):
        DateWindow(D(2012, 2, 1), D(2012, 1, 1), Precision.DAY)
