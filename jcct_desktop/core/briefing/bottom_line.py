"""Page 1 of a packet: counts by standing and the short lists, and the urgency order.

Every standing comes from ``core.standing`` (through the summary rows); this module only
counts, sorts and picks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from jcct_desktop.core.briefing.model import BottomLine, SummaryRow
from jcct_desktop.core.standing import Standing
from jcct_desktop.core.standing_words import ORDER

DUE_NEXT_DAYS = 90
LIST_LIMIT = 12  # rows per list on page 1; the rest stay in the summary table
IN_SCOPE_LIMIT = 6  # with nothing overdue or due, page 1 names this many of what is in scope
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


def bottom_line(rows: Iterable[SummaryRow], as_of: date) -> BottomLine:
    rows = by_urgency(rows)
    overdue = [r for r in rows if r.state is Standing.OVERDUE]
    soon = [r for r in rows if due_next(r, as_of)]
    count = {s: sum(r.state is s for r in rows) for s in Standing}
    later = sum(count[s] for s in PENDING) - len(soon)
    counts = [("overdue", len(overdue)), (f"due in the next {DUE_NEXT_DAYS} days", len(soon)),
              ("met", count[Standing.MET]), ("partly met", count[Standing.PARTLY_MET]),
              ("not met", count[Standing.NOT_MET]), ("open, due later", later),
              ("superseded", count[Standing.SUPERSEDED]),
              ("no deadline", count[Standing.NO_DEADLINE])]
    keep = {"overdue", f"due in the next {DUE_NEXT_DAYS} days", "met", "no deadline"}
    return BottomLine(
        counts=tuple((k, n) for k, n in counts if n or k in keep),
        overdue=tuple(overdue),
        due_next=tuple(soon),
        differ=tuple(r for r in rows if r.differ),
        follow_ups=tuple(sorted((r for r in rows if r.follow_up and r.follow_up <= as_of),
                                key=lambda r: (r.follow_up, r.id))),
        # nothing overdue or due: page 1 still names what the packet is about
        in_scope=() if overdue or soon else tuple(rows),
    )
