"""Page 1 of a packet: counts by standing and the short lists, and the urgency order.

Every standing comes from ``core.standing`` (through the summary rows); this module only
counts, sorts and picks. Page 1 names, in this order: Overdue (not assessed as met, window
closed), Shortfalls (a milestone we judged not met or partly met), China's claims against our
view, Due next and Follow-ups due. Within each list the most important come first: starred
commitments and those whose follow-up is due (or falls due within
:data:`FOLLOW_UP_SOON_DAYS`), then each list's own order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

from jcct_desktop.core.briefing.model import BottomLine, CommitmentEntry, StarredPoints, SummaryRow
from jcct_desktop.core.standing import Standing
from jcct_desktop.core.standing_words import ORDER

DUE_NEXT_DAYS = 90
LIST_LIMIT = 12  # at most this many rows per list on page 1; the PDF may show fewer to fit
IN_SCOPE_LIMIT = 6  # with nothing overdue or due, page 1 names this many of what is in scope
FOLLOW_UP_SOON_DAYS = 7  # a follow-up due within a week puts its commitment first
PENDING = (Standing.DUE_SOON, Standing.OPEN, Standing.UPCOMING)


def urgency_key(r: SummaryRow) -> tuple[int, date, int]:
    """Overdue first (longest late first), then pending by days left, then the rest."""
    if r.state is Standing.OVERDUE:
        return 0, r.closes or date.min, 0
    if r.state in PENDING:
        return 1, r.closes or date.max, 0
    return 2, date.max, ORDER.index(r.state)


def by_urgency(rows: Iterable[SummaryRow]) -> list[SummaryRow]:
    return sorted(rows, key=urgency_key)  # stable: fact-sheet order breaks ties


def due_next(r: SummaryRow, as_of: date) -> bool:
    return (r.state in PENDING and r.closes is not None
            and (r.closes - as_of).days <= DUE_NEXT_DAYS)


def pressing(r: SummaryRow, as_of: date) -> int:
    """0 for starred with a follow-up due (or due within a week), 1 for either, 2 neither."""
    soon = r.follow_up is not None and r.follow_up <= as_of + timedelta(FOLLOW_UP_SOON_DAYS)
    return 2 - r.starred - soon


def shortfall_key(r: SummaryRow) -> tuple[int, date]:
    """Not met before partly met, then the earliest missed deadline."""
    first = r.shortfalls[0]
    return (0 if first.not_met else 1), first.closes or date.max


def claim_key(r: SummaryRow) -> tuple[int, tuple[int, date, int]]:
    """Claims we have not answered at all first, then by urgency."""
    return (0 if any(c.unanswered for c in r.claims) else 1), urgency_key(r)


def bottom_line(rows: Iterable[SummaryRow], as_of: date) -> BottomLine:
    rows = by_urgency(rows)

    def first(chosen: Iterable[SummaryRow],
              key: Callable[[SummaryRow], Any] = urgency_key) -> tuple[SummaryRow, ...]:
        return tuple(sorted(chosen, key=lambda r: (pressing(r, as_of), key(r))))

    overdue = first(r for r in rows if r.state is Standing.OVERDUE)
    soon = first(r for r in rows if due_next(r, as_of))
    missed = first((r for r in rows if r.shortfalls), shortfall_key)
    claims = first((r for r in rows if r.claims), claim_key)
    follow = tuple(sorted((r for r in rows if r.follow_up and r.follow_up <= as_of),
                          key=lambda r: (pressing(r, as_of), r.follow_up, urgency_key(r))))
    count = {s: sum(r.state is s for r in rows) for s in Standing}
    later = sum(count[s] for s in PENDING) - len(soon)
    # each count beside its label, in the order page 1 lists them; the standings add up to
    # the commitments in scope (shortfalls, claims and follow-ups are counted apart)
    counts = [("overdue", len(overdue)), ("not met", count[Standing.NOT_MET]),
              ("partly met", count[Standing.PARTLY_MET]),
              (f"due in the next {DUE_NEXT_DAYS} days", len(soon)),
              ("open, due later", later), ("met", count[Standing.MET]),
              ("superseded", count[Standing.SUPERSEDED]),
              ("no deadline", count[Standing.NO_DEADLINE])]
    keep = {"overdue", f"due in the next {DUE_NEXT_DAYS} days", "met", "no deadline"}
    return BottomLine(
        counts=tuple((k, n) for k, n in counts if n or k in keep),
        overdue=overdue,
        due_next=soon,
        china_claims=claims,
        follow_ups=follow,
        # nothing overdue or due: page 1 still names what the packet is about
        in_scope=() if overdue or soon else tuple(rows),
        shortfalls=missed,
    )


def starred_points(entries: Iterable[CommitmentEntry],
                   rows: Iterable[SummaryRow]) -> tuple[StarredPoints, ...]:
    """The talking points of the starred commitments that have any, in ``rows``' order (most
    urgent first once ``by_urgency``): what page 1 puts in the principal's hand."""
    by_id = {e.id: e for e in entries}
    out = []
    for r in rows:
        e = by_id.get(r.id)
        if e is not None and e.annotation.starred and e.annotation.talking_points:
            out.append(StarredPoints(e.id, e.title,
                                     tuple(p.text for p in e.annotation.talking_points)))
    return tuple(out)
