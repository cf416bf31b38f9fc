"""Month arithmetic shared by the window's timeline axis and the packet's (one calendar)."""

from __future__ import annotations

from datetime import date, timedelta


def next_month(day: date) -> date:
    """The first day of the month after ``day``'s."""
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month from ``first``'s month up to ``last`` (inclusive)."""
    out: list[date] = []
    day = first.replace(day=1)
    while day <= last:
        out.append(day)
        if day.year == 9999 and day.month == 12:  # date's own limit
            break
        day = next_month(day)
    return out
