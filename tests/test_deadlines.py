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
        "2012-12-01",
        "in Q3 2012",
        "by 1999x",
        None,
    ],
)
def test_unparseable_wording_says_so(wording: str) -> None:
    with pytest.raises(DeadlineParseError) as info:
        parse_window(wording)
    assert "cannot parse deadline" in str(info.value)


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
