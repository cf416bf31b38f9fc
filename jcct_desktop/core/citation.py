"""What "Copy citation" and "Copy quote" put on the clipboard: plain text an officer pastes
into a cable or a memo, built from the catalog (meeting name and date are data, not ours)."""

from __future__ import annotations

from datetime import date

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.dates import month_short
from jcct_desktop.core.model import Commitment, Meeting


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


def fact_sheet_reference(catalog: Catalog, meeting: Meeting) -> str:
    """"22nd JCCT fact sheet, Nov 21 2011" (English month names, whatever the locale)."""
    d = meeting.fact_sheet_date
    return (f"{ordinal(meeting.number)} {short_name(catalog, meeting)} fact sheet, "
            f"{month_short(d.month)} {d.day} {d.year}")


def quote(commitment: Commitment) -> str:
    """The verbatim text in curly quotes, as the detail pane shows it."""
    return f"“{commitment.text}”"


def citation(catalog: Catalog, commitment: Commitment, as_of: date, standing: str) -> str:
    """Id and title, the verbatim quote, its source, and how it stands as of ``as_of``.

    ``standing`` is the window's own wording of the deadline state (the UI words it).
    """
    meeting = catalog.meeting(commitment.meeting)
    return "\n".join([
        f"{commitment.id} — {commitment.title}",
        quote(commitment),
        f"Source: {fact_sheet_reference(catalog, meeting)} ({meeting.fact_sheet_title}).",
        f"As of {as_of.isoformat()}: {standing}.",
    ])
