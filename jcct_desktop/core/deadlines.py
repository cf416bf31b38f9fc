"""Deadline wording → inclusive date windows, and milestone state relative to an as-of date.

A small grammar of our own: ``dateutil``/``dateparser`` turn "by the middle of 2012" into
2012-01-01 with full confidence, which would tell an officer the wrong thing.

Conventions (every window is an inclusive ``earliest``..``latest`` pair of ISO dates: the period
in which the milestone falls due; it is overdue only after ``latest``):

=====================================  ==========================  =========
wording                                window                      precision
=====================================  ==========================  =========
``by December 1, 2011``                2011-12-01 .. 2011-12-01    day
``by June 2012`` / ``in October 2011`` 2012-06-01 .. 2012-06-30    month
``by the end of 2011``                 2011-12-01 .. 2011-12-31    month
``in spring 2012``                     2012-03-01 .. 2012-05-31    season
``in the spring of 2012``              (same; meteorological, northern hemisphere seasons;
                                       winter YEAR is YEAR-12-01 .. (YEAR+1)-02-end)
``in the first half of 2012``          2012-01-01 .. 2012-06-30    half
``by the middle of 2012``              2012-01-01 .. 2012-06-30    half (read as "by the end of
                                       the first half", so it lines up with "first half")
``in 2012`` / ``by 2013`` / ``2012``   2012-01-01 .. 2012-12-31    year ("by YEAR" is read as
                                       "within YEAR at the latest")
=====================================  ==========================  =========

A leading ``by``, ``in``, ``during`` or ``before`` and a leading ``the`` are accepted. Anything
else raises :class:`DeadlineParseError` naming the wording: a new fact sheet must be reviewed by
a person rather than guessed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    HALF = "half"
    YEAR = "year"


class DeadlineParseError(ValueError):
    """The wording is not one this grammar knows; nothing was guessed."""

    def __init__(
        self, wording: str, reason: str = "not a deadline wording this parser knows"
    ) -> None:
        super().__init__(f"cannot parse deadline {wording!r}: {reason}")
        self.wording = wording


@dataclass(frozen=True, slots=True)
class DateWindow:
    earliest: date
    latest: date
    precision: Precision

    def __post_init__(self) -> None:
        if self.earliest > self.latest:
            raise ValueError(f"window ends before it starts: {self.earliest} > {self.latest}")

    @property
    def is_day(self) -> bool:
        return self.earliest == self.latest

    def describe(self) -> str:
        if self.is_day:
            return self.earliest.isoformat()
        return f"{self.earliest.isoformat()} – {self.latest.isoformat()}"


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "fall": (9, 11),
    "autumn": (9, 11),
    "winter": (12, 2),
}
_LEAD = re.compile(r"^(?:(?:by|in|during|before|from|at)\s+)?(?:the\s+)?", re.IGNORECASE)
_YEAR = r"(?P<year>(?:19|20)\d\d)"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_window(year: int, month: int) -> DateWindow:
    return DateWindow(date(year, month, 1), _month_end(year, month), Precision.MONTH)


def _day(m: re.Match[str], wording: str) -> DateWindow:
    month = _MONTHS.get(m.group("month").lower().rstrip("."))
    if month is None:
        raise DeadlineParseError(wording, f"unknown month {m.group('month')!r}")
    try:
        day = date(int(m.group("year")), month, int(m.group("day")))
    except ValueError as exc:
        raise DeadlineParseError(wording, str(exc)) from None
    return DateWindow(day, day, Precision.DAY)


def _month(m: re.Match[str], wording: str) -> DateWindow:
    month = _MONTHS.get(m.group("month").lower().rstrip("."))
    if month is None:
        raise DeadlineParseError(wording, f"unknown month {m.group('month')!r}")
    return _month_window(int(m.group("year")), month)


def _end(m: re.Match[str], wording: str) -> DateWindow:
    return _month_window(int(m.group("year")), 12)


def _half(m: re.Match[str], wording: str) -> DateWindow:
    year = int(m.group("year"))
    first = m.group("which").lower() in ("first", "1st", "middle")
    if first:
        return DateWindow(date(year, 1, 1), date(year, 6, 30), Precision.HALF)
    return DateWindow(date(year, 7, 1), date(year, 12, 31), Precision.HALF)


def _season(m: re.Match[str], wording: str) -> DateWindow:
    year = int(m.group("year"))
    start, end = _SEASONS[m.group("season").lower()]
    end_year = year + 1 if end < start else year
    return DateWindow(date(year, start, 1), _month_end(end_year, end), Precision.SEASON)


def _whole_year(m: re.Match[str], wording: str) -> DateWindow:
    year = int(m.group("year"))
    return DateWindow(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)


_MONTH_NAME = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_RULES = [
    (re.compile(rf"^{_MONTH_NAME}\s+(?P<day>\d{{1,2}}),?\s+{_YEAR}$", re.I), _day),
    (re.compile(rf"^{_MONTH_NAME}\s+(?:of\s+)?{_YEAR}$", re.I), _month),
    (re.compile(rf"^end\s+of\s+{_YEAR}$", re.I), _end),
    (re.compile(rf"^(?P<which>middle)\s+of\s+{_YEAR}$", re.I), _half),
    (re.compile(rf"^(?P<which>first|second|1st|2nd)\s+half\s+of\s+{_YEAR}$", re.I), _half),
    (
        re.compile(rf"^(?P<season>spring|summer|fall|autumn|winter)\s+(?:of\s+)?{_YEAR}$", re.I),
        _season,
    ),
    (re.compile(rf"^{_YEAR}$"), _whole_year),
]


def parse_window(wording: str) -> DateWindow:
    """Parse one deadline phrase such as ``"by the middle of 2012"``.

    Raises :class:`DeadlineParseError` when the phrase is not in the grammar.
    """
    if not isinstance(wording, str):
        raise DeadlineParseError(repr(wording), "not text")
    text = " ".join(wording.split()).strip(" .,;")
    core = _LEAD.sub("", text, count=1)
    for pattern, build in _RULES:
        m = pattern.match(core)
        if m:
            return build(m, wording)
    raise DeadlineParseError(wording)


class MilestoneState(StrEnum):
    UPCOMING = "upcoming"  # the window has not opened yet
    DUE = "due"  # inside the window
    PAST = "past"  # the window has closed (overdue unless assessed as fulfilled)


@dataclass(frozen=True, slots=True)
class StateAsOf:
    state: MilestoneState
    days: int  # days until the window closes (UPCOMING/DUE) or since it closed (PAST)

    def describe(self) -> str:
        """The countdown only ("due in 12 days"); views show the state's name beside it."""
        unit = "day" if self.days == 1 else "days"
        if self.state is MilestoneState.PAST:
            return f"{self.days} {unit} past"
        if self.days == 0:
            return "due today"
        return f"due in {self.days} {unit}"


DUE_SOON_DAYS = 30


def state_as_of(window: DateWindow, as_of: date) -> StateAsOf:
    if as_of > window.latest:
        return StateAsOf(MilestoneState.PAST, (as_of - window.latest).days)
    remaining = (window.latest - as_of).days
    if as_of < window.earliest:
        return StateAsOf(MilestoneState.UPCOMING, remaining)
    return StateAsOf(MilestoneState.DUE, remaining)
