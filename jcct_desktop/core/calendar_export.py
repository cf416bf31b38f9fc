"""Deadlines and follow-up dates as an iCalendar file (RFC 5545), for any calendar app.

One all-day event per milestone still open on the as-of date (its window not closed and our
assessment in force not saying it is met), on the window's latest day; and one per follow-up
date. UIDs are stable (``2011-NEV-1-m0@jcct-desktop``, ``2011-NEV-1-follow-up@jcct-desktop``),
so importing a newer file updates the events instead of adding copies.

Each event stands alone in a calendar ("JCCT 2011 · China: Publish one-stop procedures … —
deadline") and its description holds the commitment's id and citation. ``SEQUENCE`` rises
whenever the event changes (it counts the assessments and follow-up changes behind it, so a
newer file always wins over an older one), and a milestone met or superseded before its
deadline is sent as ``STATUS:CANCELLED``, so calendars that had it drop it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import BinaryIO

from jcct_desktop.core import cancel, dates
from jcct_desktop.core.annotations.assessments import current
from jcct_desktop.core.annotations.model import (
    Annotation,
    AssessmentRecord,
    View,
    assessment_records,
)
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.citation import commitment_reference, short_name
from jcct_desktop.core.model import Commitment, Party
from jcct_desktop.core.standing import Standing, milestone_standing
from jcct_desktop.core.standing_words import phrase

DOMAIN = "jcct-desktop"
PRODID = "-//JCCT Desktop//Deadlines//EN"
DONE = (Standing.MET, Standing.SUPERSEDED)
STEP_EVERY = 256  # commitments or events between two checks for Cancel (and two steps)
_SIDES = {Party.CHINA: "China", Party.UNITED_STATES: "U.S.", Party.BOTH: "China and U.S."}


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    day: date
    summary: str
    description: str
    sequence: int = 0  # rises with every change behind the event
    cancelled: bool = False  # met or superseded: calendars drop it


def milestone_uid(commitment_id: str, index: int) -> str:
    return f"{commitment_id}-m{index}@{DOMAIN}"


def follow_up_uid(commitment_id: str) -> str:
    return f"{commitment_id}-follow-up@{DOMAIN}"


def undated_count(commitments: Iterable[Commitment]) -> int:
    """Milestones the calendar leaves out because the source gives them no date."""
    return sum(m.window is None for c in commitments for m in c.milestones)


def skipped_words(count: int) -> str:
    """"; 7 undated milestones left out (no date to put them on)", or "" for none."""
    if not count:
        return ""
    noun = "milestone" if count == 1 else "milestones"
    return f"; {count} undated {noun} left out (no date to put them on)"


def _ours_in_force(records: Sequence[AssessmentRecord], as_of: date) -> int:
    """How many of our assessments were in force by ``as_of``: each one may change the
    event (its standing, its words), so the count is the event's SEQUENCE."""
    return sum(r.view is View.US and r.effective <= as_of for r in records)


def _meeting_ids(catalog: Catalog | None) -> frozenset[str]:
    """The catalog's meetings, asked of once per export (not per commitment: an archive of
    1,000 meetings made that 100,000 × 1,000 look-ups)."""
    return frozenset(m.id for m in catalog.meetings) if catalog is not None else frozenset()


def _headline(c: Commitment, catalog: Catalog | None, meetings: frozenset[str]) -> str:
    """"JCCT 2011 · China: <title>": which dialogue, which year, whose commitment."""
    if catalog is not None and c.meeting in meetings:
        meeting = catalog.meeting(c.meeting)
        where = f"{short_name(catalog, meeting)} {meeting.start.year}"
    else:
        where = f"JCCT {c.id.split('-', 1)[0]}"
    return f"{where} · {_SIDES.get(c.party, c.party.value)}: {c.title}"


def _citation(c: Commitment, catalog: Catalog | None, meetings: frozenset[str]) -> str:
    if catalog is None or c.meeting not in meetings:
        return c.id
    return f"{c.id}, {commitment_reference(catalog, c)}"


def entries(
    commitments: Iterable[Commitment], annotations: Mapping[str, Annotation], as_of: date,
    catalog: Catalog | None = None, step: Callable[[int], None] | None = None,
) -> list[CalendarEntry]:
    """The calendar's events; ``catalog`` names the meeting and cites the fact sheet;
    ``step(done)`` is told every few hundred commitments (and may stop the work)."""
    out: list[CalendarEntry] = []
    meetings = _meeting_ids(catalog)
    for n, c in enumerate(commitments):
        if n % STEP_EVERY == 0:
            cancel.check()
            if step is not None:
                step(n)
        a = annotations.get(c.id)
        records = assessment_records(a) if a else ()
        head, cite = _headline(c, catalog, meetings), _citation(c, catalog, meetings)
        ours = current(records, as_of)
        assessed = f"Our assessment: {ours.words if records else 'not assessed'}"
        sequence = _ours_in_force(records, as_of)
        several = len(c.milestones) > 1
        for i, m in enumerate(c.milestones):
            if m.window is None or m.window.latest < as_of:
                continue  # undated (no day to put it on) or closed: no event
            standing = milestone_standing(m, records, as_of)
            what = f"deadline: {m.label}" if several else "deadline"
            out.append(CalendarEntry(
                milestone_uid(c.id, i), m.window.latest, f"{head} — {what}",
                f"{c.id} — {c.title}\nMilestone: {m.label}\nFact sheet: “{m.wording}”\n"
                f"Window (ours): {m.window.describe()}\nStanding: {phrase(standing)}\n"
                f"{assessed}\nCitation: {cite}",
                sequence, cancelled=standing.value in DONE,
            ))
        if a is not None and a.follow_up is not None:
            changes = sum(h.field == "follow_up" for h in a.history)
            out.append(CalendarEntry(
                follow_up_uid(c.id), a.follow_up, f"{head} — follow up",
                f"{c.id} — {c.title}\n{assessed}\nCitation: {cite}",
                sequence + changes,
            ))
    return sorted(out, key=_by_day_then_uid)


def _by_day_then_uid(e: CalendarEntry) -> str:
    """The order (day, uid) as one string: the day's ordinal at a fixed width, then the uid.
    Strings compare some four times faster than (date, str) tuples, and a sort holds the
    interpreter lock throughout (85,000 events: ~90 ms of a window's thread, now ~25)."""
    return f"{e.day.toordinal():07d}{e.uid}"


def to_ics(items: Sequence[CalendarEntry], stamp: datetime | None = None) -> bytes:
    """The calendar as bytes; ``stamp`` (DTSTAMP, default now) is when it was made."""
    return b"".join(ics_chunks(items, stamp))


def write_ics(items: Iterable[CalendarEntry], fh: BinaryIO, stamp: datetime | None = None,
              step: Callable[[int], None] | None = None) -> None:
    """The calendar written into ``fh`` a few hundred events at a time (never the whole file
    in memory); stale work (``core.cancel``) stops between them, ``step(events written)``
    is told."""
    pending: list[bytes] = []
    for n, chunk in enumerate(ics_chunks(items, stamp)):
        pending.append(chunk)
        if len(pending) >= STEP_EVERY:
            fh.write(b"".join(pending))
            pending.clear()
            cancel.check()
            if step is not None:
                step(n)
    cancel.check()  # the last chance: a cancel now still leaves no file
    fh.write(b"".join(pending))


def ics_chunks(items: Iterable[CalendarEntry], stamp: datetime | None = None) -> Iterator[bytes]:
    """The calendar's bytes, the header then one event at a time: byte for byte what
    ``icalendar`` writes for these properties (its Calendar/Event ``to_ical`` built some ten
    objects per property and folded character by character: 30 s for 85,000 events)."""
    yield _HEADER
    made = (stamp or dates.utc_now()).astimezone(UTC)
    dtstamp = f"DTSTAMP:{made:%Y%m%dT%H%M%SZ}\r\n".encode()
    for item in items:
        end = item.day + timedelta(days=1)
        yield b"".join((
            b"BEGIN:VEVENT\r\n",
            ics_text_line("SUMMARY", item.summary),
            b"DTSTART;VALUE=DATE:%04d%02d%02d\r\n" % (item.day.year, item.day.month,
                                                     item.day.day),
            b"DTEND;VALUE=DATE:%04d%02d%02d\r\n" % (end.year, end.month, end.day),
            dtstamp,
            ics_text_line("UID", item.uid),
            b"SEQUENCE:%d\r\n" % item.sequence,
            ics_text_line("DESCRIPTION", item.description),
            b"STATUS:CANCELLED\r\n" if item.cancelled else b"STATUS:CONFIRMED\r\n",
            b"TRANSP:TRANSPARENT\r\n",
            b"END:VEVENT\r\n",
        ))
    yield b"END:VCALENDAR\r\n"


_HEADER = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:" + PRODID.encode()
           + b"\r\nX-WR-CALNAME:JCCT deadlines\r\n")


def ics_escape(text: str) -> str:
    """RFC 5545 TEXT escaping as icalendar does it (the order matters: a literal ``\\N``
    becomes a line break first; CR LF, LF and a lone CR all become ``\\n``)."""
    return (text.replace("\\N", "\n").replace("\\", "\\\\").replace(";", "\\;")
            .replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
            .replace("\r", "\\n"))


def ics_text_line(name: str, text: str) -> bytes:
    """``NAME:escaped text`` folded, with its CR LF."""
    value = ics_escape(text)
    if value.startswith("\ufeff"):  # icalendar decodes the value as "utf-8-sig": a leading
        value = value[1:]  # byte-order mark is dropped, so ours is too (same bytes)
    return fold(f"{name}:{value}".encode()) + b"\r\n"


_FOLD_OCTETS = 74  # icalendar folds before a character would make a line reach 75 octets
_CONTINUATION = range(0x80, 0xC0)  # the bytes inside a UTF-8 character, never split
_KEPT_WITH_NEXT = (0x5C, 0x5E)  # backslash, caret: an escape is not split across a fold


def fold(line: bytes) -> bytes:
    """Fold a UTF-8 content line as icalendar's ``_foldline`` does, on the bytes at once: each
    piece the most whole characters that fit in 74 octets, the next one starting with a
    space; a piece ending in a backslash or caret leaves it to the next piece."""
    if len(line) <= _FOLD_OCTETS:
        return line
    pieces = []
    start = 0
    while len(line) - start > _FOLD_OCTETS:
        end = start + _FOLD_OCTETS
        while line[end] in _CONTINUATION:
            end -= 1
        if line[end - 1] in _KEPT_WITH_NEXT:
            end -= 1
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return b"\r\n ".join(pieces)


def in_scope(
    catalog: Catalog, sector_codes: Sequence[str] = (), only: set[str] | None = None
) -> list[Commitment]:
    """Commitments of the chosen sectors (a group code takes all its sectors; none: all),
    limited to ``only`` (e.g. the starred ids) when given."""
    chosen = []
    for c in catalog.commitments:
        sector = catalog.sector_of(c)
        codes = {sector.code, catalog.group_of(sector).code}
        if sector_codes and not codes & set(sector_codes):
            continue
        if only is not None and c.id not in only:
            continue
        chosen.append(c)
    return chosen
