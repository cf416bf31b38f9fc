"""Find deadline phrases inside a commitment's text and parse them with the core grammar."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from jcct_desktop.core.deadlines import DateWindow, DeadlineParseError, Precision, parse_window

# A year, "next year", "within N months" or "the next JCCT": where a deadline phrase ends.
_ANCHOR = re.compile(
    r"(?:(?:19|20)\d\d\b|\bnext\s+year\b|\bwithin\s+(?:the\s+next\s+)?\S+\s+(?:day|week|month|year)s?\b"
    r"|\bthe\s+next\s+(?:JCCT|S&ED)\b)",
    re.I,
)
_LEADS = re.compile(
    r"^(?:by|in|during|before|no\s+later\s+than|not\s+later\s+than|within|from|starting|on|until)\b",
    re.I,
)
_MAX_WORDS_BEFORE = 6


@dataclass(frozen=True, slots=True)
class Found:
    when: str  # the phrase, verbatim
    start: int  # offsets in the text searched
    end: int
    window: DateWindow | None  # None: a deadline-like phrase the grammar refused
    problem: str = ""


def _word_starts(text: str, end: int) -> list[int]:
    """Offsets of up to _MAX_WORDS_BEFORE words before ``end``, nearest first."""
    starts = [m.start() for m in re.finditer(r"\S+", text[:end])]
    return list(reversed(starts[-_MAX_WORDS_BEFORE - 1 :]))


def find_deadlines(text: str, meeting: date, next_meeting: date | None = None) -> list[Found]:
    """Every phrase that parses as a window ending on or after the meeting.

    A bare year counts only when it lies after the meeting's year ("SFDA's 2012 work plan");
    a phrase that ends before the meeting reports something done, not a deadline.
    """
    found: list[Found] = []
    for anchor in _ANCHOR.finditer(text):
        end = anchor.end()
        if end < len(text) and text[end] == "-":  # "2012-13": not a deadline
            continue
        best = _longest(text, anchor.start(), end, meeting, next_meeting)
        if best is None or (found and best.start < found[-1].end):
            continue
        found.append(best)
    return _narrowest(found)


def _narrowest(found: list[Found]) -> list[Found]:
    """Drop a window that strictly holds another one of the same text ("in 2012" beside
    "in the spring of 2012"): the narrower phrase is the deadline, the other repeats it."""
    windows = [f.window for f in found if f.window is not None]

    def holds_another(w: DateWindow) -> bool:
        return any(o != w and w.earliest <= o.earliest and o.latest <= w.latest for o in windows)

    return [f for f in found if f.window is None or not holds_another(f.window)]


def _longest(
    text: str, anchor_start: int, end: int, meeting: date, next_meeting: date | None
) -> Found | None:
    refused: Found | None = None
    for start in [*reversed(_word_starts(text, anchor_start)), anchor_start]:
        phrase = text[start:end].strip(" ,;(")
        start = end - len(phrase)
        if start != anchor_start and not _LEADS.match(phrase):
            continue  # longest first; only phrases opened by a preposition
        try:
            window = parse_window(phrase, meeting, next_meeting)
        except DeadlineParseError as exc:
            if _LEADS.match(phrase) and not phrase.lower().startswith("from"):
                refused = Found(phrase, start, end, None, str(exc))  # the shortest one wins
            continue
        if window.latest < meeting:
            return None  # something already done ("held in October 2011")
        attributive = window.precision is Precision.YEAR and bool(
            re.match(r"\s+[A-Za-z]", text[end : end + 2])
        )
        if (phrase.isdigit() or attributive) and window.earliest.year <= meeting.year:
            return None  # a year naming the past or present ("the 2011 APEC Declaration")
        if window.precision is Precision.YEAR and window.earliest.year == meeting.year:
            return None  # "in 2011" said in 2011 reports what was done ("established in 2011")
        return Found(phrase, start, end, window)
    return refused
