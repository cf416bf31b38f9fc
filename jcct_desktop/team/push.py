"""Sending this computer's new items: under the push lock, in batches, and one by one when a
batch is refused, so an item the server cannot hold is reported and skipped instead of
stopping every later sync.

The push lock is a row lock on ``team_push_lock``, a table only officers may lock (a reader
cannot stall the team's pushes); the server's insert trigger takes the same lock, so item
numbers are handed out in commit order whatever a client does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import psycopg
from sqlalchemy import Connection, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError

from jcct_desktop.team.items import Item, unsendable
from jcct_desktop.team.schema import TeamItem

BATCH = 2000  # rows per INSERT
LOCK_WAIT = "20s"  # at most this long in the queue of pushes, then a "try again" message


@dataclass(frozen=True)
class Pushed:
    top: int  # how far this computer has now seen the sequence
    sent: tuple[Item, ...]  # stored, or already there under our name
    refused: tuple[str, ...]  # one line per item the team database cannot hold


def push(pg: Connection, fresh: Sequence[Item], seen: int) -> Pushed:
    """Insert our new items. Nothing is merged while the lock is held: rows others committed
    while we queued are pulled by the next sync."""
    refused = [f"{named(i)}: {why}" for i in fresh if (why := unsendable(i)) is not None]
    sendable = [i for i in fresh if unsendable(i) is None]
    if not sendable:
        return Pushed(seen, (), tuple(refused))
    pg.execute(text(f"SET LOCAL lock_timeout = '{LOCK_WAIT}'"))
    pg.execute(text("SELECT 1 FROM team_push_lock FOR UPDATE"))
    others = pg.execute(select(func.count()).where(TeamItem.seq > seen)).scalar()
    failed: dict[str, str] = {}
    for start in range(0, len(sendable), BATCH):
        failed |= _insert_or_sort_out(pg, sendable[start:start + BATCH])
    refused += [f"{named(i)}: {failed[i.digest]}" for i in sendable if i.digest in failed]
    sent = tuple(i for i in sendable if i.digest not in failed)
    top = seen if others else pg.execute(select(func.max(TeamItem.seq))).scalar() or seen
    return Pushed(top, sent, tuple(refused))


def _insert_or_sort_out(pg: Connection, batch: Sequence[Item]) -> dict[str, str]:
    """Insert a batch (a savepoint each); when refused, item by item. Returns the refused
    items' digests with the server's reason. Losing the connection or the right to push
    stops the whole sync (raised)."""
    try:
        with pg.begin_nested():
            _insert(pg, batch)
        return {}
    except DBAPIError as exc:
        _raise_unless_about_items(exc)
    failed = {}
    for item in batch:
        try:
            with pg.begin_nested():
                _insert(pg, [item])
        except DBAPIError as exc:
            _raise_unless_about_items(exc)
            failed[item.digest] = _reason(exc)
    return failed


def _raise_unless_about_items(exc: DBAPIError) -> None:
    # Bad data and failed checks are about the rows sent; anything else (the connection, a
    # role that may not push, a lock timeout) is about the whole sync.
    if not isinstance(exc.orig, psycopg.DataError | psycopg.IntegrityError):
        raise exc


def _insert(pg: Connection, batch: Sequence[Item]) -> None:
    # seq, author and pushed_at are set by the server; an item already stored under our name
    # is left as it is (a sync cut off after the team side committed is sent again).
    stmt = insert(TeamItem).on_conflict_do_nothing(index_elements=["author", "digest"])
    pg.execute(stmt, [
        {"digest": i.digest, "commitment_id": i.commitment_id, "kind": i.kind,
         "payload": i.payload, "author": ""}
        for i in batch
    ])


def named(item: Item) -> str:
    """The item for a message: kind, commitment and the start of its words."""
    words = next((item.payload[k] for k in ("text", "to", "evidence", "tag", "follow_up")
                  if isinstance(item.payload.get(k), str) and item.payload[k]), "")
    shown = words.replace("\x00", "\N{SYMBOL FOR NULL}").encode("utf-8", "replace").decode()
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return f"{item.kind} of {item.commitment_id}" + (f' ("{shown}")' if shown else "")


def _reason(exc: DBAPIError) -> str:
    lines = [line.strip() for line in str(exc.orig).splitlines() if line.strip()]
    return lines[0] if lines else type(exc.orig).__name__
