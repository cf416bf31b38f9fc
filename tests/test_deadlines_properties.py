"""Properties of the deadline grammar (core.deadlines), checked with Hypothesis: on any text it
returns a window or raises its own parse error, nothing else; every window runs forwards; every
year from 1900 to 2999 is read and none outside; and phrases generated from a date read back
as the window that date's form means (whatever the case, spacing and "no later than")."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jcct_desktop.core.deadlines import (
    DateWindow,
    DeadlineParseError,
    MeetingCalendar,
    parse_window,
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
FIRST, LAST = date(1900, 1, 1), date(2999, 12, 31)
YEARS = st.integers(1900, 2999)
DAYS = st.dates(min_value=FIRST, max_value=LAST)
# words of the grammar, so that random phrases reach past the first rule
WORDS = ("by", "in", "the", "end", "of", "before", "no", "later", "than", "within", "after",
         "first", "second", "third", "fourth", "half", "quarter", "middle", "mid", "early",
         "late", "spring", "summer", "autumn", "fall", "winter", "next", "this", "year",
         "year-end", "JCCT", "S&ED", "24th", "2013", "2012", "1899", "3000", "months", "six",
         "30", "days", "Q3", "December", "Dec", "June", "1", "31", "-", "–", ",", ".",
         "2012-06-31", "FY2013", "from", "meeting")
SETTINGS = settings(max_examples=300, deadline=None)


def _end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _check(window: DateWindow) -> None:
    assert isinstance(window, DateWindow) and window.earliest <= window.latest


@st.composite
def _references(draw: st.DrawFn) -> dict[str, object]:
    """The dates a fact sheet may give the grammar: its meeting's, the next one's, others'."""
    reference = draw(st.none() | DAYS)
    later = draw(st.none() | DAYS)
    meetings = draw(st.none() | st.builds(
        MeetingCalendar, st.sampled_from(["jcct", "sed"]), st.integers(1, 40),
        st.dictionaries(st.tuples(st.sampled_from(["jcct", "sed"]), st.integers(1, 40)),
                        DAYS, max_size=4)))
    return {"reference": reference, "next_meeting": later, "meetings": meetings}


def _parse_or_refuse(text: str, dates: dict[str, object]) -> None:
    try:
        window = parse_window(text, **dates)  # type: ignore[arg-type]
    except DeadlineParseError as refused:
        assert refused.wording == text  # the refusal quotes the words it could not read
        return
    _check(window)


@SETTINGS
@given(st.text(max_size=80), _references())
def test_any_text_is_read_or_refused_with_the_parse_error(text: str, dates) -> None:
    _parse_or_refuse(text, dates)


@SETTINGS
@given(st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join), _references())
def test_phrases_of_grammar_words_are_read_or_refused_with_the_parse_error(text, dates) -> None:
    _parse_or_refuse(text, dates)


def test_every_year_from_1900_to_2999_is_read_and_none_outside() -> None:
    for year in range(1900, 3000):
        assert parse_window(f"in {year}") == parse_window(f"{year}")
        assert parse_window(f"in {year}").earliest == date(year, 1, 1)
        assert parse_window(f"by the end of {year}").latest == date(year, 12, 31)
        assert parse_window(f"Q4 {year}").earliest == date(year, 10, 1)
    for year in (1000, 1776, 1899, 3000, 3001, 9999):
        with pytest.raises(DeadlineParseError):
            parse_window(f"in {year}")


# Each form: how to write a date's period, and the window that wording means.
Form = Callable[[date], tuple[str, date, date]]
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
FORMS: list[Form] = [
    lambda d: (f"by {MONTHS[d.month - 1]} {d.day}, {d.year}", d, d),
    lambda d: (f"{d.day} {MONTHS[d.month - 1]} {d.year}", d, d),
    lambda d: (d.isoformat(), d, d),
    lambda d: (f"end-{MONTHS[d.month - 1][:3]} {d.year}", _end(d.year, d.month),
               _end(d.year, d.month)),
    lambda d: (f"in {MONTHS[d.month - 1]} {d.year}", d.replace(day=1), _end(d.year, d.month)),
    lambda d: (f"by {MONTHS[d.month - 1]} {d.year}", d.replace(day=1), _end(d.year, d.month)),
    lambda d: (f"by the end of {d.year}", date(d.year, 12, 1), date(d.year, 12, 31)),
    lambda d: (f"in {d.year}", date(d.year, 1, 1), date(d.year, 12, 31)),
    lambda d: (f"by {d.year}", date(d.year, 1, 1), date(d.year, 12, 31)),
    lambda d: (f"Q{(d.month - 1) // 3 + 1} {d.year}",
               date(d.year, (d.month - 1) // 3 * 3 + 1, 1),
               _end(d.year, (d.month - 1) // 3 * 3 + 3)),
    lambda d: (f"in the {'first' if d.month <= 6 else 'second'} half of {d.year}",
               date(d.year, 1 if d.month <= 6 else 7, 1),
               _end(d.year, 6 if d.month <= 6 else 12)),
    lambda d: (f"by the middle of {d.year}", date(d.year, 1, 1), date(d.year, 6, 30)),
    lambda d: (f"mid-{d.year}", date(d.year, 1, 1), date(d.year, 6, 30)),
    lambda d: (f"in early {d.year}", date(d.year, 1, 1), date(d.year, 4, 30)),
    lambda d: (f"late {d.year}", date(d.year, 9, 1), date(d.year, 12, 31)),
    lambda d: (f"{('early', 'mid', 'late')[min(d.day - 1, 29) // 10]} "
               f"{MONTHS[d.month - 1]} {d.year}",
               d.replace(day=min(d.day - 1, 29) // 10 * 10 + 1),
               _end(d.year, d.month) if d.day > 20 else d.replace(day=(d.day - 1) // 10 * 10 + 10)),
]


@st.composite
def _season(draw: st.DrawFn) -> tuple[str, date, date]:
    year = draw(YEARS)
    name = draw(st.sampled_from([*SEASONS, "winter"]))
    if name == "winter":
        return f"in winter {year}", date(year, 12, 1), _end(year + 1, 2)
    first, last = SEASONS[name]
    return f"in the {name} of {year}", date(year, first, 1), _end(year, last)


@st.composite
def _range(draw: st.DrawFn) -> tuple[str, date, date]:
    start = draw(DAYS)
    end = draw(st.dates(min_value=start, max_value=_end(start.year, 12)))
    month = MONTHS[start.month - 1]
    if end.month == start.month:
        return f"{month} {start.day}-{end.day}, {start.year}", start, end
    return f"{month} {start.day} - {MONTHS[end.month - 1]} {end.day}, {start.year}", start, end


PHRASES = (st.builds(lambda form, d: form(d), st.sampled_from(FORMS), DAYS)
           | _season() | _range())


@SETTINGS
@given(PHRASES)
def test_a_generated_phrase_reads_back_as_its_window(phrase: tuple[str, date, date]) -> None:
    text, earliest, latest = phrase
    window = parse_window(text)
    _check(window)
    assert (window.earliest, window.latest) == (earliest, latest), text


@SETTINGS
@given(PHRASES, st.randoms(use_true_random=False), st.sampled_from(["", " ", "  ", "\t"]))
def test_case_and_spacing_do_not_change_the_window(phrase, rnd, pad: str) -> None:
    text, earliest, latest = phrase
    shuffled = "".join(c.upper() if rnd.random() < 0.5 else c.lower() for c in text)
    spaced = pad + shuffled.replace(" ", " " + pad) + pad
    window = parse_window(spaced)
    assert (window.earliest, window.latest) == (earliest, latest), spaced


def _outcome(text: str) -> DateWindow | str:
    try:
        return parse_window(text)
    except DeadlineParseError:
        return "refused"


@SETTINGS
@given(PHRASES)
def test_no_later_than_reads_as_by(phrase: tuple[str, date, date]) -> None:
    text = phrase[0]
    bare = text.removeprefix("by ").removeprefix("in ")
    assert _outcome("no later than " + bare) == _outcome("by " + bare)  # read, or refused, alike
    if text.startswith("by "):
        assert parse_window("no later than " + bare) == parse_window(text)
