"""Find deadline phrases inside a commitment's text and parse them with the core grammar.

Right or say so: each phrase is taken whole, from its preposition ("by", "before", "no later
than", …) through its year or meeting. The grammar reads the whole phrase or it is an
"unparsed deadline" quoting those words; a shorter piece of it (the bare year of "by the end of
the first quarter of 2013") is never read instead. Starts ("starting in 2013", "from 2012") and
reports of what was done ("held in October 2011") are not deadlines. A year that names a thing
("SFDA's 2012 work plan") is no deadline either, and is flagged so a person can say otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from jcct_desktop.core.deadlines import (
    YEAR_PATTERN,
    DateWindow,
    DeadlineParseError,
    MeetingCalendar,
    Precision,
    parse_window,
)

_EVENT_WORDS = r"(?:U\.S\.[-–]China\s+)?(?:JCCT|S&ED)"
_UNITS = r"(?:\d{1,4}|[a-z]+)\s+(?:day|week|month|year)s?"
_THIS_MEETING = r"(?:the|this)\s+(?:meeting|JCCT|S&ED|dialogue)"
# Where a deadline phrase ends: a year, a relative year, a span counted from the meeting, or a
# meeting named by order, number or year. Longest alternatives first.
_ANCHOR = re.compile(
    rf"(?P<iso>\b{YEAR_PATTERN}-\d\d-\d\d\b)"
    rf"|(?P<event>\bthe\s+(?:next|\d{{1,3}}(?:st|nd|rd|th)|{YEAR_PATTERN})\s+"
    rf"(?:{_EVENT_WORDS}|meeting)\b)"
    rf"|(?P<span>\b(?:(?:within|in|over)\s+the\s+next\s+|within\s+)?{_UNITS}"
    rf"(?:\s+(?:of|after|from|following)\s+{_THIS_MEETING})\b)"
    rf"|(?P<within>\b(?:within|(?:in|over)\s+the\s+next)\s+{_UNITS}\b)"
    rf"|(?P<relyear>\b(?:next|this|the\s+following)\s+year\b|\bend\s+of\s+the\s+year\b"
    rf"|\byear[-\s]end(?:\s+(?:of\s+)?{YEAR_PATTERN})?\b)"
    rf"|(?P<fiscal>\bFY\s?{YEAR_PATTERN}\b)"
    rf"|(?P<year>\b{YEAR_PATTERN}\b)",
    re.I,
)
# What opens a deadline phrase, read backwards from the words before it.
_LEAD = re.compile(
    r"(?:\b(?:no|not)\s+later\s+than|\bprior\s+to|\bahead\s+of|\bin\s+advance\s+of|\bby|\bbefore"
    r"|\buntil|\btill|\bthrough|\bwithin|\bduring|\bin|\bon|\bat)\s+$",
    re.I,
)
# What opens a start ("starting in 2013"), never a deadline. "the beginning of" is no start.
_START = re.compile(
    r"(?:\bstarting|(?<!the )\bbeginning|\bcommencing|\bfrom|\bas\s+of|\bas\s+from|\beffective"
    r"|\bsince|\bafter)(?:\s+(?:in|on|at|with))?\s+$",
    re.I,
)
# Words that may stand between the preposition and the year ("by the end of the first
# quarter of 2013"); any other word means the year is not this preposition's.
_DATE_WORDS = {
    "the", "end", "of", "first", "second", "third", "fourth", "last", "1st", "2nd", "3rd", "4th",
    "quarter", "half", "middle", "mid", "early", "late", "spring", "summer", "fall", "autumn",
    "winter", "fiscal", "calendar", "year", "beginning", "start", "close", "-", "–", "—",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}  # fmt: skip
_DATE_TOKEN = re.compile(
    r"\d{1,2}(?:st|nd|rd|th)?,?|\d{1,2}[-–]\d{1,2},?|(?:end|mid|early|late)-[a-z]+\.?|q[1-4],?",
    re.I,
)
_DETERMINER = re.compile(r"(?:\bthe|\ba|\ban|\bits|\btheir|\bthis|['’]s)\s+$", re.I)
_MAX_WORDS_BEFORE = 10


@dataclass(frozen=True, slots=True)
class Found:
    when: str  # the phrase, verbatim
    start: int  # offsets in the text searched
    end: int
    window: DateWindow | None  # None: a deadline-like phrase the grammar refused
    problem: str = ""


@dataclass(frozen=True, slots=True)
class Dates:
    deadlines: list[Found]
    # future years that name a thing, not a deadline ("SFDA's 2012 work plan"): quoted words
    named_years: list[str]


def _is_date_word(word: str) -> bool:
    w = word.casefold().rstrip(".,")
    return w in _DATE_WORDS or _DATE_TOKEN.fullmatch(word) is not None


def _opening(text: str, start: int) -> tuple[int, str]:
    """Walk back from ``start`` over date words to the phrase's preposition.

    Returns (where the phrase starts, "lead" | "start" | "none"): "start" when the phrase says
    when something begins; "none" when no preposition governs it (a bare year).
    """
    begin = start
    for _ in range(_MAX_WORDS_BEFORE):
        before = text[:begin]
        if _START.search(before):
            return begin, "start"
        lead = _LEAD.search(before)
        if lead:
            return lead.start(), "lead"
        word = re.search(r"(\S+)\s+$", before)
        if word is None or not _is_date_word(word.group(1)):
            break
        begin = word.start(1)
    return begin, "none"


def _token_start(text: str, start: int) -> int:
    """'mid-2012', 'end-2012': the year's token starts at its prefix."""
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "-"):
        start -= 1
    return start


def _later_meeting(m: re.Match[str], meeting: date, calendar: MeetingCalendar | None) -> bool:
    """'the 24th JCCT' / 'the 2013 JCCT' / 'the next JCCT' names a meeting after this one."""
    words = m.group(0).split()
    which = words[1].casefold()
    if which == "next":
        return True
    if which[:4].isdigit() and len(which) == 4:
        return int(which) > meeting.year
    number = int(re.match(r"\d+", which).group(0))  # type: ignore[union-attr]
    dialogue = "sed" if "s&ed" in m.group(0).casefold() else "jcct"
    if calendar is None or calendar.dialogue != dialogue:
        return True  # another dialogue's meeting, or nothing to compare with: read it
    return number > calendar.number


def scan_dates(
    text: str,
    meeting: date,
    next_meeting: date | None = None,
    calendar: MeetingCalendar | None = None,
) -> Dates:
    """The deadlines of ``text`` (a window, or refused with the reason) and the future years
    that name something without being deadlines."""
    found: list[Found] = []
    named: list[str] = []
    for anchor in _ANCHOR.finditer(text):
        end = anchor.end()
        if anchor.group("year") and end < len(text) and text[end] == "-":
            continue  # "2012-13": a span of years named, not a deadline
        if found and anchor.start() < found[-1].end:
            continue
        item = _phrase(text, anchor, meeting, next_meeting, calendar)
        if isinstance(item, str):
            named.append(item)
        elif item is not None and not (found and item.start < found[-1].end):
            found.append(item)
    return Dates(_narrowest(found), named)


def _phrase(
    text: str,
    anchor: re.Match[str],
    meeting: date,
    next_meeting: date | None,
    calendar: MeetingCalendar | None,
) -> Found | str | None:
    end = anchor.end()
    anchor_start = _token_start(text, anchor.start()) if anchor.group("year") else anchor.start()
    if anchor.group("event") and not _later_meeting(anchor, meeting, calendar):
        return None  # this or an earlier meeting, mentioned ("the 2010 JCCT commitment")
    start, opened = _opening(text, anchor_start)
    if opened == "start":
        return None  # "starting in 2013": when it begins, not when it is due
    named = _DETERMINER.search(text[:anchor_start]) and _word_follows(text, end)
    if anchor.group("year") and named:
        return _named_year(text, anchor, meeting)
    phrase = text[start:end]
    try:
        window = parse_window(phrase, meeting, next_meeting, calendar)
    except DeadlineParseError as exc:
        if opened == "lead" or not anchor.group("year"):
            return Found(phrase, start, end, None, str(exc))  # the whole wording, quoted
        return None
    if window.latest < meeting:
        return None  # something already done ("held in October 2011")
    if window.earliest < meeting and _reports_the_past(text, start, end):
        return None  # "In December 2012, China issued …" said at a December 2012 meeting
    literal_year = window.precision is Precision.YEAR and not anchor.group("relyear")
    modifier = re.match(r"(?:on|at)\s", phrase, re.I) and _word_follows(text, end)
    if literal_year and (opened == "none" or modifier):
        # a year with no preposition ("2012 to 2014"), or describing a noun after "on"/"at"
        # ("at 2013 levels", "focus on 2013 priorities"), is mentioned, not due; a future one
        # is quoted for the officer
        return _quote(text, start, end) if window.earliest.year > meeting.year else None
    if literal_year and window.earliest.year == meeting.year:
        return None  # "in 2011" said in 2011 reports what was done ("established in 2011")
    return Found(phrase, start, end, window)


_FUTURE = re.compile(
    r"\b(?:will|shall|would|agree[sd]?|commit(?:s|ted)?|plans?|intends?|aims?"
    r"|endeavou?rs?|expects?|pledge[sd]?|undertakes?)\b",
    re.I,
)
_PAST = re.compile(r"\b(?:was|were|had|has|have|did)\b|\b[a-z]{3,}ed\b", re.I)


def _reports_the_past(text: str, start: int, end: int) -> bool:
    """The sentence holding the phrase tells what was done (a past verb, no promise)."""
    opening = max(text.rfind(mark, 0, start) for mark in ".!?;") + 1
    closing = min((i for i in (text.find(mark, end) for mark in ".!?;") if i >= 0),
                  default=len(text))
    sentence = text[opening:closing]
    return _PAST.search(sentence) is not None and _FUTURE.search(sentence) is None


def _quote(text: str, start: int, end: int) -> str:
    """The year with a word either side, as the officer will look for it."""
    before = re.search(r"(\S+\s+)$", text[:start])
    after = re.match(r"(\s+\S+)", text[end:])
    words = (before.group(1) if before else "") + text[start:end]
    return (words + (after.group(1) if after else "")).strip(" .,;()")


def _word_follows(text: str, end: int) -> bool:
    return re.match(r"\s+[A-Za-z]", text[end : end + 2]) is not None


def _named_year(text: str, anchor: re.Match[str], meeting: date) -> Found | str | None:
    """A year after a determiner and before a word: it names something.

    "the 2012 Legal Exchange" (a capitalized name) is an event of that year, due within it;
    "SFDA's 2012 work plan" is a plan for the year: being on it completes nothing, so it is no
    deadline, and the words are quoted for the officer to check.
    """
    year = int(anchor.group("year"))
    if year <= meeting.year:
        return None
    end = anchor.end()
    following = re.match(r"\s+(\S+(?:\s+\S+)?)", text[end:])
    if following and following.group(1)[0].isupper():
        return Found(anchor.group(0), anchor.start(), end,
                     parse_window(anchor.group(0), meeting))  # fmt: skip
    tail = following.group(1).rstrip(".,;()") if following else ""
    return f"{_quote(text, anchor.start(), end).rsplit(' ', 1)[0]} {tail}".strip()


def _narrowest(found: list[Found]) -> list[Found]:
    """Drop a window that strictly holds another one of the same text ("in 2012" beside
    "in the spring of 2012"): the narrower phrase is the deadline, the other repeats it."""
    windows = [f.window for f in found if f.window is not None]

    def holds_another(w: DateWindow) -> bool:
        return any(o != w and w.earliest <= o.earliest and o.latest <= w.latest for o in windows)

    return [f for f in found if f.window is None or not holds_another(f.window)]
