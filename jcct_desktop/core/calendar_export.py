"""Deadlines and follow-up dates as an iCalendar file (RFC 5545), for any calendar app.

One all-day event per milestone still open on the as-of date (its window not closed and our
assessment in force not saying it is met), on the window's latest day; and one per follow-up
date. UIDs are stable (``2011-NEV-1-m0@jcct-desktop``, ``2011-NEV-1-follow-up@jcct-desktop``),
so importing a newer file updates the events instead of adding copies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from jcct_desktop.core import dates
from jcct_desktop.core.annotations.model import Annotation, Assessment, assessment_records
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.model import Commitment, Milestone
from jcct_desktop.core.standing import Standing, milestone_standing

DOMAIN = "jcct-desktop"
PRODID = "-//JCCT Desktop//Deadlines//EN"


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    day: date
    summary: str
    description: str


def milestone_uid(commitment_id: str, index: int) -> str:
    return f"{commitment_id}-m{index}@{DOMAIN}"


def follow_up_uid(commitment_id: str) -> str:
    return f"{commitment_id}-follow-up@{DOMAIN}"


def open_milestones(
    c: Commitment, annotation: Annotation | None, as_of: date
) -> list[tuple[int, Milestone]]:
    """Milestones with something still to come on ``as_of``: window not closed, and their
    standing (core.standing, the one judgement) neither met nor superseded."""
    records = assessment_records(annotation) if annotation else ()
    done = (Standing.MET, Standing.SUPERSEDED)
    return [
        (i, m)
        for i, m in enumerate(c.milestones)
        if m.window.latest >= as_of and milestone_standing(m, records, as_of).value not in done
    ]


def entries(
    commitments: Iterable[Commitment], annotations: Mapping[str, Annotation], as_of: date
) -> list[CalendarEntry]:
    out: list[CalendarEntry] = []
    for c in commitments:
        a = annotations.get(c.id)
        for i, m in open_milestones(c, a, as_of):
            out.append(CalendarEntry(
                milestone_uid(c.id, i), m.window.latest, f"{c.id} due: {m.label}",
                f"{c.id} — {c.title}\nFact sheet: “{m.wording}”\n"
                f"Window (ours): {m.window.describe()}",
            ))
        if a is not None and a.follow_up is not None:
            status = a.status.label if a.status is not Assessment.NOT_ASSESSED else "not assessed"
            out.append(CalendarEntry(
                follow_up_uid(c.id), a.follow_up, f"Follow up: {c.id} — {c.title}",
                f"{c.id} — {c.title}\nOur assessment: {status}",
            ))
    return sorted(out, key=lambda e: (e.day, e.uid))


def to_ics(items: Sequence[CalendarEntry], stamp: datetime | None = None) -> bytes:
    """The calendar as bytes; ``stamp`` (DTSTAMP, default now) is when it was made."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "JCCT deadlines")
    made = (stamp or dates.utc_now()).astimezone(UTC)
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", made)
        event.add("dtstart", item.day)  # a date: an all-day event
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        cal.add_component(event)
    return cal.to_ical()


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
