"""The one home for time: the clock the app reads, and the one way dates are written for people.

Why one module:
- **An injectable clock.** Standings, follow-ups, packets and backups all depend on "today";
  tests (and a user checking "what did this look like on …") set one clock here instead of
  patching the system time. Entry points may install a clock with :func:`set_clock`; every
  other module asks :func:`today` / :func:`now` / :func:`utc_now` (a test enforces it).
- **Portable, locale-free wording.** ``strftime("%-d")`` is a glibc extension that Python on
  Windows rejects with ``ValueError``, and ``%b``/``%B``/``%a`` follow the process's locale,
  which Qt sets from the desktop once it starts: a packet from the window could then differ
  from one made by the command line. Everything here uses fixed English names and only
  arithmetic on the date's fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Protocol

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTHS_SHORT = tuple(name[:3] for name in MONTHS)
WEEKDAYS_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


# --- the clock -------------------------------------------------------------------------------

class Clock(Protocol):
    """Where "now" comes from. ``now()`` is timezone-aware."""

    def now(self) -> datetime: ...


class SystemClock:
    """The computer's clock, in its local timezone."""

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone()


class FixedClock:
    """A clock stopped at one moment (tests, and reproducing a day). Naive moments are local."""

    def __init__(self, moment: datetime | date, tz: tzinfo | None = None) -> None:
        if not isinstance(moment, datetime):
            moment = datetime(moment.year, moment.month, moment.day, 12, 0)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=tz) if tz else moment.astimezone()
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def advance(self, delta: timedelta) -> None:
        self.moment += delta


_clock: Clock = SystemClock()


def clock() -> Clock:
    return _clock


def set_clock(new: Clock) -> Clock:
    """Install ``new`` as the app's clock; returns the one it replaces."""
    global _clock
    old, _clock = _clock, new
    return old


@contextmanager
def using_clock(new: Clock) -> Iterator[Clock]:
    old = set_clock(new)
    try:
        yield new
    finally:
        set_clock(old)


def now() -> datetime:
    """This moment, timezone-aware, in the local timezone."""
    return _clock.now().astimezone()


def utc_now() -> datetime:
    return _clock.now().astimezone(UTC)


def local_now_naive() -> datetime:
    """This moment as local wall-clock time without a timezone (what people read)."""
    return now().replace(tzinfo=None)


def today() -> date:
    """Today's date where the officer is."""
    return now().date()


# --- dates written for people ------------------------------------------------------------------

def month_name(month: int) -> str:
    return MONTHS[month - 1]


def month_short(month: int) -> str:
    return MONTHS_SHORT[month - 1]


def long_date(d: date) -> str:
    """November 21, 2011"""
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def long_date_range(start: date, end: date) -> str:
    """A meeting's days: "November 20–21, 2011"; one day, "December 19, 2012" (not
    "December 19–19"); across months or years, "November 30, 2011 – December 1, 2011"."""
    if start == end:
        return long_date(start)
    if (start.month, start.year) == (end.month, end.year):
        return f"{MONTHS[start.month - 1]} {start.day}–{end.day}, {end.year}"
    return f"{long_date(start)} – {long_date(end)}"


def long_date_time(moment: datetime) -> str:
    """November 21, 2011, 14:05"""
    return f"{long_date(moment)}, {moment.hour:02d}:{moment.minute:02d}"


def day_month_year(d: date) -> str:
    """21 November 2011"""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def short_date(d: date) -> str:
    """Nov 21, 2011"""
    return f"{MONTHS_SHORT[d.month - 1]} {d.day}, {d.year}"


def short_day(d: date) -> str:
    """21 Nov 2011"""
    return f"{d.day} {MONTHS_SHORT[d.month - 1]} {d.year}"


def month_year(d: date) -> str:
    """November 2011"""
    return f"{MONTHS[d.month - 1]} {d.year}"


def short_month_year(d: date) -> str:
    """Nov 2011"""
    return f"{MONTHS_SHORT[d.month - 1]} {d.year}"


def iso_minutes(moment: datetime) -> str:
    """2011-11-21 14:05 (a stamp in lists and histories)."""
    return f"{moment:%Y-%m-%d %H:%M}"


def iso_seconds(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S}"


def weekday_stamp(moment: datetime, seconds: bool = False) -> str:
    """Sun 06 Dec 2026 14:05 (a backup's moment, as a list of backups shows it)."""
    clock_part = f"{moment:%H:%M:%S}" if seconds else f"{moment:%H:%M}"
    return (f"{WEEKDAYS_SHORT[moment.weekday()]} {moment.day:02d} "
            f"{MONTHS_SHORT[moment.month - 1]} {moment.year} {clock_part}")


def day_month_time(moment: datetime) -> str:
    """06 Dec 14:05"""
    return f"{moment.day:02d} {MONTHS_SHORT[moment.month - 1]} {moment:%H:%M}"


def local(moment: datetime) -> datetime:
    """An aware moment in the local timezone (naive moments are taken as local already)."""
    return moment.astimezone() if moment.tzinfo else moment
