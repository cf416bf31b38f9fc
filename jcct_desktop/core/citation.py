"""What "Copy citation" and "Copy quote" put on the clipboard: plain text an officer pastes
into a cable or a memo, built from the catalog (meeting name and date are data, not ours)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.dates import month_short
from jcct_desktop.core.model import Commitment, FactSheet, Meeting


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 11th, 22nd."""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def short_name(catalog: Catalog, meeting: Meeting) -> str:
    """"JCCT": the reviewed abbreviation whose expansion the meeting's name spells out."""
    name = meeting.name.casefold()
    for term, expansions in catalog.synonyms:
        if any(e.casefold() in name for e in expansions):
            return term
    return meeting.name


def fact_sheet_reference(catalog: Catalog, meeting: Meeting, kind: str = "") -> str:
    """"22nd JCCT fact sheet, Nov 21 2011" (English month names, whatever the locale);
    ``kind`` ("joint", "U.S.") names which, for a meeting with two sheets."""
    d = meeting.fact_sheet_date
    sheet = f"{kind} fact sheet" if kind else "fact sheet"
    return (f"{ordinal(meeting.number)} {short_name(catalog, meeting)} {sheet}, "
            f"{month_short(d.month)} {d.day} {d.year}")


def sheet_of(catalog: Catalog, commitment: Commitment) -> FactSheet | None:
    """The fact sheet the commitment's words come from, when the data name one."""
    return next((f for f in catalog.fact_sheets_of(commitment.meeting)
                 if f.id == commitment.fact_sheet), None)


def source_of(catalog: Catalog, commitment: Commitment) -> tuple[str, date]:
    """Title and date of the commitment's own fact sheet: a joint sheet imported for a
    meeting is not the meeting's U.S. sheet, so its words are never credited to that one."""
    sheet = sheet_of(catalog, commitment)
    if sheet is not None:
        return sheet.title, sheet.date
    meeting = catalog.meeting(commitment.meeting)
    return meeting.fact_sheet_title, meeting.fact_sheet_date


def commitment_reference(catalog: Catalog, commitment: Commitment) -> str:
    """fact_sheet_reference for the commitment's own sheet: "22nd JCCT joint fact sheet, …"
    when its meeting has two, the plain form when it has one."""
    meeting = catalog.meeting(commitment.meeting)
    sheet = sheet_of(catalog, commitment)
    if sheet is None or len(catalog.fact_sheets_of(meeting.id)) < 2:
        return fact_sheet_reference(catalog, meeting)
    kind = "joint" if sheet.kind == "joint" else "U.S."
    return fact_sheet_reference(catalog, replace(meeting, fact_sheet_date=sheet.date), kind)


def quote(commitment: Commitment) -> str:
    """The verbatim text in curly quotes, as the detail pane shows it."""
    return f"“{commitment.text}”"


def citation(catalog: Catalog, commitment: Commitment, as_of: date, standing: str) -> str:
    """Id and title, the verbatim quote, its source, and how it stands as of ``as_of``.

    ``standing`` is the window's own wording of the deadline state (the UI words it).
    """
    title, _ = source_of(catalog, commitment)
    return "\n".join([
        f"{commitment.id} — {commitment.title}",
        quote(commitment),
        f"Source: {commitment_reference(catalog, commitment)} ({title}).",
        f"As of {as_of.isoformat()}: {standing}.",
    ])
