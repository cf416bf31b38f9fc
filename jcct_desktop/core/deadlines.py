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
``mid-2012`` / ``by mid 2012``          (same as "by the middle of 2012")                half
``in early 2011`` / ``late 2011``      2011-01-01 .. 2011-04-30 / 2011-09-01 .. 2011-12-31  part
``early/mid/late June 2012``           2012-06-01 .. 06-10 / 06-11 .. 06-20 / 06-21 .. 06-30  part
``Q3 2012`` / ``the third quarter of`` 2012-07-01 .. 2012-09-30    quarter
``end-Dec 2011`` / ``end of December`` 2011-12-31 .. 2011-12-31    day
``2012-12-01`` / ``1 December 2011``   that day                    day
``November 21-23, 2015``               2015-11-21 .. 2015-11-23    range (also
                                       ``November 30 - December 2, 2015``)
``no later than X``                    as ``by X``
``before X``                           meeting date .. the day before X begins     before
                                       (``before Dec 1, 2011`` ends 2011-11-30, ``before 2013``
                                       ends 2012-12-31; without a meeting date the window is
                                       that one day)
``within six months`` [of the meeting] meeting date .. meeting date + 6 months     relative
                                       (days, weeks, months, years; needs the meeting date)
``next year`` / ``this year``          the year after / of the meeting, inside any form above
``by the next JCCT`` / ``S&ED``        meeting date .. the next meeting's date     relative
                                       (refused when that date is not known)
=====================================  ==========================  =========

A leading ``by``, ``in``, ``during``, ``at`` or ``on`` and a leading ``the`` are accepted.
``from X`` (and "starting", "beginning", "as of") says when something starts, not when it is
due, and is refused. Anything else raises :class:`DeadlineParseError` naming the wording: a new
fact sheet must be reviewed by a person rather than guessed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from jcct_desktop.core.dates import MONTHS, MONTHS_SHORT


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    HALF = "half"
    YEAR = "year"
    QUARTER = "quarter"
    PART = "part"  # early / mid / late part of a month or year
    RANGE = "range"  # an explicit day range ("November 21-23, 2015")
    BEFORE = "before"  # from the meeting (when known) to the day before a date
    RELATIVE = "relative"  # counted from the meeting: "within six months", "by the next JCCT"


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


# Fixed English names: calendar.month_name follows the locale, which Qt sets from the desktop.
_MONTHS = {name.lower(): i for i, name in enumerate(MONTHS, start=1)}
_MONTHS |= {name.lower(): i for i, name in enumerate(MONTHS_SHORT, start=1)}
_MONTHS["sept"] = 9
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "fall": (9, 11),
    "autumn": (9, 11),
    "winter": (12, 2),
}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
             "fourth": 4, "4th": 4}  # fmt: skip
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18,
            "thirty": 30, "sixty": 60, "ninety": 90}  # fmt: skip
_LEAD = re.compile(r"^(?:(?:by|in|during|at|on)\s+)?(?:the\s+)?", re.IGNORECASE)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DASH = r"\s*[-–—]\s*"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_window(year: int, month: int) -> DateWindow:
    return DateWindow(date(year, month, 1), _month_end(year, month), Precision.MONTH)


def _month_of(m: re.Match[str], wording: str, group: str = "month") -> int:
    month = _MONTHS.get(m.group(group).lower().rstrip("."))
    if month is None:  # pragma: no cover - the pattern only admits known names
        raise DeadlineParseError(wording, f"unknown month {m.group(group)!r}")
    return month


def _date(wording: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DeadlineParseError(wording, str(exc)) from None


def _day(m: re.Match[str], wording: str) -> DateWindow:
    day = _date(wording, int(m.group("year")), _month_of(m, wording), int(m.group("day")))
    return DateWindow(day, day, Precision.DAY)


def _iso(m: re.Match[str], wording: str) -> DateWindow:
    day = _date(wording, int(m.group("year")), int(m.group("mon")), int(m.group("day")))
    return DateWindow(day, day, Precision.DAY)


def _day_range(m: re.Match[str], wording: str) -> DateWindow:
    year = int(m.group("year"))
    first_month = _month_of(m, wording)
    last_month = _month_of(m, wording, "month2") if m.group("month2") else first_month
    first = _date(wording, year, first_month, int(m.group("day")))
    last = _date(wording, year, last_month, int(m.group("day2")))
    if last < first:
        raise DeadlineParseError(wording, "the range ends before it starts")
    return DateWindow(first, last, Precision.RANGE)


def _month(m: re.Match[str], wording: str) -> DateWindow:
    return _month_window(int(m.group("year")), _month_of(m, wording))


def _month_end_day(m: re.Match[str], wording: str) -> DateWindow:
    day = _month_end(int(m.group("year")), _month_of(m, wording))
    return DateWindow(day, day, Precision.DAY)


def _month_part(m: re.Match[str], wording: str) -> DateWindow:
    year, month = int(m.group("year")), _month_of(m, wording)
    part = m.group("part").lower()
    first, last = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}[part]
    last = min(last, _month_end(year, month).day)
    return DateWindow(date(year, month, first), date(year, month, last), Precision.PART)


def _end(m: re.Match[str], wording: str) -> DateWindow:
    return _month_window(int(m.group("year")), 12)


def _half(m: re.Match[str], wording: str) -> DateWindow:
    year = int(m.group("year"))
    first = m.group("which").lower() in ("first", "1st", "middle", "mid")
    if first:
        return DateWindow(date(year, 1, 1), date(year, 6, 30), Precision.HALF)
    return DateWindow(date(year, 7, 1), date(year, 12, 31), Precision.HALF)


def _year_part(m: re.Match[str], wording: str) -> DateWindow:
    year = int(m.group("year"))
    if m.group("part").lower() == "early":
        return DateWindow(date(year, 1, 1), date(year, 4, 30), Precision.PART)
    return DateWindow(date(year, 9, 1), date(year, 12, 31), Precision.PART)


def _quarter(m: re.Match[str], wording: str) -> DateWindow:
    year = int(m.group("year"))
    q = int(m.group("q")) if m.group("q") else _ORDINALS[m.group("ord").lower()]
    if not 1 <= q <= 4:
        raise DeadlineParseError(wording, f"there is no quarter {q}")
    return DateWindow(date(year, 3 * q - 2, 1), _month_end(year, 3 * q), Precision.QUARTER)


def _season(m: re.Match[str], wording: str) -> DateWindow:
    year = int(m.group("year"))
    start, end = _SEASONS[m.group("season").lower()]
    end_year = year + 1 if end < start else year
    return DateWindow(date(year, start, 1), _month_end(end_year, end), Precision.SEASON)


def _whole_year(m: re.Match[str], wording: str) -> DateWindow:
    year = int(m.group("year"))
    return DateWindow(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)


_MONTH_NAME = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH2 = _MONTH_NAME.replace("?P<month>", "?P<month2>")
_ORD = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
_RULES = [
    (re.compile(rf"^{_MONTH_NAME}\s+(?P<day>\d{{1,2}}),?\s+{_YEAR}$", re.I), _day),
    (re.compile(rf"^(?P<day>\d{{1,2}})\s+{_MONTH_NAME},?\s+{_YEAR}$", re.I), _day),
    (re.compile(rf"^{_YEAR}-(?P<mon>\d\d)-(?P<day>\d\d)$"), _iso),
    (
        re.compile(
            rf"^{_MONTH_NAME}\s+(?P<day>\d{{1,2}}){_DASH}(?:{_MONTH2}\s+)?(?P<day2>\d{{1,2}}),?\s+"
            rf"{_YEAR}$",
            re.I,
        ),
        _day_range,
    ),
    (re.compile(rf"^{_MONTH_NAME}\s+(?:of\s+)?{_YEAR}$", re.I), _month),
    (re.compile(rf"^end(?:-|\s+of\s+){_MONTH_NAME}\s+{_YEAR}$", re.I), _month_end_day),
    (re.compile(rf"^(?P<part>early|mid|late)(?:-|\s+){_MONTH_NAME}\s+{_YEAR}$", re.I), _month_part),
    (re.compile(rf"^end(?:\s+of\s+|-){_YEAR}$", re.I), _end),
    (re.compile(rf"^(?P<which>middle)\s+of\s+{_YEAR}$", re.I), _half),
    (re.compile(rf"^(?P<which>mid)(?:-|\s+){_YEAR}$", re.I), _half),
    (re.compile(rf"^(?P<which>first|second|1st|2nd)\s+half\s+of\s+{_YEAR}$", re.I), _half),
    (re.compile(rf"^(?P<part>early|late)(?:-|\s+){_YEAR}$", re.I), _year_part),
    (re.compile(rf"^(?:Q(?P<q>\d)|{_ORD}\s+quarter(?:\s+of)?),?\s+{_YEAR}$", re.I), _quarter),
    (
        re.compile(rf"^(?P<season>spring|summer|fall|autumn|winter)\s+(?:of\s+)?{_YEAR}$", re.I),
        _season,
    ),
    (re.compile(rf"^{_YEAR}$"), _whole_year),
]


def _point(core: str, wording: str) -> DateWindow:
    for pattern, build in _RULES:
        m = pattern.match(core)
        if m:
            return build(m, wording)
    raise DeadlineParseError(wording)


_RELATIVE_YEAR = re.compile(r"\b(?P<which>next|this|the following|the)\s+year\b", re.I)
_NEXT_MEETING = re.compile(r"^(?P<rel>by|before)\s+the\s+next\s+(?P<d>JCCT|S&ED|meeting)$", re.I)
_WITHIN = re.compile(
    r"^within\s+(?:the\s+next\s+)?(?P<n>\d{1,3}|[a-z]+)\s+(?P<unit>day|week|month|year)s?"
    r"(?:\s+(?:of|after|from)\s+(?:the|this)\s+(?:meeting|JCCT|S&ED|dialogue))?$",
    re.I,
)
_BEFORE = re.compile(r"^before\s+(?:the\s+)?", re.I)
_NO_LATER = re.compile(r"^(?:no\s+later\s+than|not\s+later\s+than)\s+(?:the\s+)?", re.I)
_FROM = re.compile(r"^(?:from|starting|beginning|as\s+of)\b", re.I)


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _need(reference: date | None, wording: str) -> date:
    if reference is None:
        raise DeadlineParseError(wording, "a relative deadline needs the meeting date")
    return reference


def _with_years(text: str, reference: date | None, wording: str) -> str:
    """'next year' / 'this year' become the year they mean, counted from the meeting."""

    def year_for(m: re.Match[str]) -> str:
        ref = _need(reference, wording)
        offset = 1 if m.group("which").lower() in ("next", "the following") else 0
        return str(ref.year + offset)

    return _RELATIVE_YEAR.sub(year_for, text)


def _within(m: re.Match[str], reference: date | None, wording: str) -> DateWindow:
    ref = _need(reference, wording)
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else _NUMBERS.get(raw)
    if n is None or n == 0:
        raise DeadlineParseError(wording, f"unknown number {m.group('n')!r}")
    unit = m.group("unit").lower()
    if unit in ("day", "week"):
        latest = date.fromordinal(ref.toordinal() + n * (7 if unit == "week" else 1))
    else:
        latest = _add_months(ref, n * (12 if unit == "year" else 1))
    return DateWindow(ref, latest, Precision.RELATIVE)


def _before(window: DateWindow, reference: date | None) -> DateWindow:
    """'before X' ends the day before X begins; it opens at the meeting when we know its date."""
    latest = date.fromordinal(window.earliest.toordinal() - 1)
    earliest = reference if reference is not None and reference <= latest else latest
    return DateWindow(earliest, latest, Precision.BEFORE)


def parse_window(
    wording: str, reference: date | None = None, next_meeting: date | None = None
) -> DateWindow:
    """Parse one deadline phrase such as ``"by the middle of 2012"``.

    ``reference`` is the meeting's date (relative phrases count from it); ``next_meeting`` the
    following meeting's date, when known ("by the next JCCT"). Raises
    :class:`DeadlineParseError` when the phrase is not in the grammar or needs a date we lack.
    """
    if not isinstance(wording, str):
        raise DeadlineParseError(repr(wording), "not text")
    text = " ".join(wording.split()).strip(" .,;")
    if _FROM.match(text):
        raise DeadlineParseError(wording, "it says when something starts, not when it is due")
    nm = _NEXT_MEETING.match(text)
    if nm:
        return _by_next_meeting(nm, reference, next_meeting, wording)
    text = _with_years(_NO_LATER.sub("by ", text, count=1), reference, wording)
    wm = _WITHIN.match(text)
    if wm:
        return _within(wm, reference, wording)
    if _BEFORE.match(text):
        return _before(_point(_BEFORE.sub("", text, count=1), wording), reference)
    return _point(_LEAD.sub("", text, count=1), wording)


def _by_next_meeting(
    m: re.Match[str], reference: date | None, next_meeting: date | None, wording: str
) -> DateWindow:
    if next_meeting is None:
        raise DeadlineParseError(wording, f"the next {m.group('d')}'s date is not known")
    if m.group("rel").lower() == "before":
        return _before(DateWindow(next_meeting, next_meeting, Precision.DAY), reference)
    earliest = reference if reference is not None and reference <= next_meeting else next_meeting
    return DateWindow(earliest, next_meeting, Precision.RELATIVE)


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
