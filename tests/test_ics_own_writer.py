"""The calendar's own writer (``core.calendar_export.ics_chunks``) against icalendar, kept as
the oracle: byte for byte the same file for hostile text, the 2011 fact sheet and a generated
archive, and icalendar reads it back to the same events."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event
from icalendar.parser.string import _foldline

from jcct_desktop.core.calendar_export import (
    PRODID,
    CalendarEntry,
    entries,
    fold,
    to_ics,
    write_ics,
)
from jcct_desktop.core.catalog import Catalog
from tests.search_support import generated_archive

STAMP = datetime(2026, 12, 6, 11, 43, 20, 123456, tzinfo=UTC)


def oracle(items: Sequence[CalendarEntry], stamp: datetime) -> bytes:
    """The writer as it was (icalendar's Calendar and Event), the reference for the bytes."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "JCCT deadlines")
    made = stamp.astimezone(UTC)
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", made)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("sequence", item.sequence)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    ical: bytes = cal.to_ical()
    return ical


# what breaks escaping and folding: escapes at the fold, multi-byte characters across it
HOSTILE = st.sampled_from([
    "\\", "\\N", "\\n", "\\,", ",", ";", ":", "^", "^n", "\n", "\r\n", "\r", "\n\r", "\t",
    "\x00", "\x1b", "\x7f", "\x0b", "\x0c", "\x85", "\u2028", "王岐山", "中华人民共和国商务部",
    "😀", "👩‍👩‍👧", "🇨🇳", "e\u0301", "\u0300\u0301\u0302", "שלום", "مرحبا", "\u200f", "\u202e",
    "\ufeff", "x" * 80, "y" * 73, "Wordwithoutanybreak" * 6, " ", "“", "—", "·",
])
TEXT = st.lists(st.one_of(HOSTILE, st.text(max_size=12)), max_size=40).map("".join)
ENTRY = st.builds(
    CalendarEntry,
    uid=st.one_of(st.just("2011-NEV-1-m0@jcct-desktop"), TEXT),
    day=st.dates(min_value=date(1000, 1, 1), max_value=date(9998, 12, 30)),
    summary=TEXT, description=TEXT, sequence=st.integers(0, 2**31 - 1), cancelled=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(items=st.lists(ENTRY, max_size=4),
       stamp=st.datetimes(min_value=datetime(1000, 1, 2), max_value=datetime(9998, 12, 30),
                          timezones=st.sampled_from([UTC, None])))
def test_hostile_text_written_as_icalendar_writes_it(items: list[CalendarEntry],
                                                     stamp: datetime) -> None:
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    assert to_ics(items, stamp) == oracle(items, stamp)


@settings(max_examples=500, deadline=None)
@given(line=st.lists(st.one_of(HOSTILE, st.text(max_size=30)), max_size=60).map("".join))
def test_folding_as_icalendar_folds(line: str) -> None:
    line = line.replace("\n", "").replace("\r", "")
    assert fold(line.encode()) == _foldline(line).encode()


@pytest.mark.parametrize("where", [70, 71, 72, 73, 74, 75, 76, 145, 146, 147, 148, 149])
@pytest.mark.parametrize("piece", ["\\\\", "\\,", "\\n", "^^", "^'", "王", "😀", "é"])
def test_an_escape_or_a_character_at_each_fold(where: int, piece: str) -> None:
    line = "DESCRIPTION:" + "a" * (where - 12) + piece + "b" * 100
    assert fold(line.encode()) == _foldline(line).encode()


def _every_day(catalog: Catalog) -> list[CalendarEntry]:
    """Events as of every milestone's first open day, and a follow-up each."""
    return entries(catalog.commitments, {}, date(2000, 1, 1), catalog)


def test_the_2011_fact_sheet(catalog: Catalog) -> None:
    items = _every_day(catalog)
    assert len(items) >= 10  # every dated milestone of 2011, all open in 2000
    assert to_ics(items, STAMP) == oracle(items, STAMP)
    back = Calendar.from_ical(to_ics(items, STAMP))
    assert [str(e["UID"]) for e in back.walk("VEVENT")] == [i.uid for i in items]
    assert [str(e["DESCRIPTION"]) for e in back.walk("VEVENT")] == [
        i.description for i in items]


def test_a_generated_archive_written_in_pieces(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    archive = generated_archive(tmp_path_factory, "ics-archive").catalog
    items = _every_day(archive)
    assert len(items) > 1000
    out = io.BytesIO()
    write_ics(items, out, STAMP)  # streamed a few hundred events at a time
    assert out.getvalue() == oracle(items, STAMP)


def test_events_in_calendar_order(tmp_path_factory: pytest.TempPathFactory) -> None:
    """By day, then by uid (one string key: the day's ordinal at a fixed width)."""
    archive = generated_archive(tmp_path_factory, "ics-order").catalog
    items = _every_day(archive)
    assert items == sorted(items, key=lambda e: (e.day, e.uid))
    assert len({i.day for i in items}) > 10


@given(days=st.lists(st.tuples(st.dates(), st.text(max_size=8)), max_size=30))
def test_the_string_key_orders_as_day_then_uid(days: list[tuple[date, str]]) -> None:
    items = [CalendarEntry(uid, day, "", "") for day, uid in days]
    assert entries_order(items) == sorted(items, key=lambda e: (e.day, e.uid))


def entries_order(items: list[CalendarEntry]) -> list[CalendarEntry]:
    from jcct_desktop.core.calendar_export import _by_day_then_uid

    return sorted(items, key=_by_day_then_uid)
