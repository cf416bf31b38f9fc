"""One month calendar for both timelines (window axis and packet axis)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from jcct_desktop.core.months import month_starts, next_month


def test_month_starts_cover_the_span_from_the_first_month() -> None:
    assert month_starts(date(2011, 11, 20), date(2012, 2, 1)) == [
        date(2011, 11, 1), date(2011, 12, 1), date(2012, 1, 1), date(2012, 2, 1)]
    assert month_starts(date(2012, 3, 5), date(2012, 3, 31)) == [date(2012, 3, 1)]
    assert month_starts(date(9999, 11, 3), date.max) == [date(9999, 11, 1), date(9999, 12, 1)]


@given(st.dates(max_value=date(9999, 11, 30)))
def test_next_month_is_the_first_of_the_following_month(day: date) -> None:
    after = next_month(day)
    assert after.day == 1 and after > day
    assert (after.year, after.month) == ((day.year, day.month + 1) if day.month < 12
                                         else (day.year + 1, 1))


def test_window_and_packet_axes_tick_the_same_months() -> None:
    """Both axes take their months from the shared calendar."""
    from jcct_desktop.pdf.timeline import _Scale, _ticks
    from jcct_desktop.ui.timeline import axis

    first, last = date(2011, 10, 1), date(2013, 12, 31)
    assert axis.month_starts(first.toordinal(), last.toordinal()) == month_starts(first, last)

    scale = _Scale(date(2011, 10, 1), date(2014, 1, 1), 0, 400)
    ticks = [d for d, _ in _ticks(scale, "Helvetica")]
    assert ticks and set(ticks) <= set(month_starts(scale.start, date(2013, 12, 31)))

