"""Which backups rotation keeps: a pure rule, table-tested, that no clock can turn into loss.

Only copies verified good and dated no later than now are ever weighed (callers filter);
everything else — a damaged file named like a backup, a copy dated in the future — is listed
but never deleted and never takes a good copy's place. Of the good ones, rotation keeps:

- the newest (always), and any copy it is told to protect (being restored from, just made);
- every copy made within 48 hours before the *anchor*: the newest copy that existed before
  this run, or now if that is earlier. A clock set two years ahead once makes one copy dated
  two years ahead; it does not make every other copy two years old;
- the newest copy of each of the 30 most recent days that have a copy. Days that have copies,
  not calendar days back from now: a jump of the clock adds one day and drops one, never 30;
- then the size budget: newest first, copies are kept while their total (a hard-linked
  identical copy counted once) stays within ``budget_bytes``; older ones beyond it go.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

KEEP_ALL = timedelta(hours=48)
KEEP_DAYS = 30
BUDGET_COPIES = 20  # the budget: this many copies of the newest one's size…
BUDGET_BYTES = 1024**3  # …or 1 GiB, whichever is smaller


@dataclass(frozen=True)
class Copy:
    taken: datetime
    size: int = 0
    identity: object = None  # copies with equal identity share their bytes (hard links)


def budget_for(newest_size: int) -> int:
    return min(BUDGET_BYTES, BUDGET_COPIES * max(newest_size, 1))


def keep_set(
    times: Iterable[datetime],
    now: datetime,
    protect: Collection[datetime] = (),
    fresh: Collection[datetime] = (),
) -> set[datetime]:
    """Which good backup times to keep, before the size budget (see the module docstring).

    ``fresh``: copies made by this run, left out of the anchor."""
    stamps = sorted(set(times), reverse=True)
    if not stamps:
        return set()
    keep = {stamps[0]} | (set(protect) & set(stamps))
    earlier = [t for t in stamps if t not in set(fresh)]
    anchor = min(now, earlier[0]) if earlier else min(now, stamps[0])
    days: list[object] = []
    for t in stamps:  # newest first, so the first of each day is that day's newest
        if anchor - KEEP_ALL <= t:
            keep.add(t)
        if t.date() not in days:
            days.append(t.date())
            if len(days) <= KEEP_DAYS:
                keep.add(t)
    return keep


def within_budget(
    kept: Iterable[Copy], budget: int, always: Collection[datetime] = ()
) -> set[datetime]:
    """Of ``kept``, the newest that fit ``budget`` bytes (each shared identity counted once);
    those in ``always`` stay regardless and count first."""
    copies = sorted(kept, key=lambda c: c.taken, reverse=True)
    counted: set[object] = set()
    used = 0
    for c in copies:
        if c.taken in always and _key(c) not in counted:
            used += c.size
            counted.add(_key(c))
    result = {c.taken for c in copies if c.taken in always}
    for c in copies:
        if c.taken in always:
            continue
        cost = 0 if _key(c) in counted else c.size
        if used + cost > budget:
            break  # this one and every older one go
        used += cost
        counted.add(_key(c))
        result.add(c.taken)
    return result


def _key(c: Copy) -> object:
    return c.identity if c.identity is not None else ("copy", c.taken)
