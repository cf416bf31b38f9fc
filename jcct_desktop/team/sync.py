"""One sync: pull everyone's new items, merge them like ``notes import``, push ours.

It is one transaction on each side. The team side commits first, then the local side; if
anything stops in between (a kill, the server gone), the local side rolls back and the next
sync pulls the same items again and pushes the same digests again, which the server stores
once (``ON CONFLICT DO NOTHING``): no loss, no duplicate. Running it twice changes nothing the
second time: what was pulled and pushed is recorded locally as known.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from jcct_desktop.core.annotations.model import now_utc, to_iso
from jcct_desktop.core.annotations.validate import ExchangeError
from jcct_desktop.core.counts import kinds_line, plural
from jcct_desktop.store.annotations import rows
from jcct_desktop.store.annotations.merge import merge_one
from jcct_desktop.store.user_models import TeamSyncKnownRow, TeamSyncStateRow
from jcct_desktop.team.admin import check_schema
from jcct_desktop.team.connect import explain, team_engine
from jcct_desktop.team.items import Item, combine, items_of, parse_item
from jcct_desktop.team.schema import PUSH_LOCK, TeamInfo, TeamItem

BATCH = 2000  # rows per INSERT when pushing
LOCK_WAIT = "20s"  # at most this long in the queue of pushes, then a "try again" message


@dataclass(frozen=True)
class SyncResult:
    pulled: int  # new items from colleagues
    pushed: int  # our items the team did not have
    read_only: bool  # this role may pull but not push
    changed: frozenset[str] = frozenset()  # commitments whose notes changed here
    kinds: dict[str, int] = field(default_factory=dict)  # pulled items by kind
    authors: tuple[str, ...] = ()  # roles whose items were pulled
    skipped: int = 0  # items that failed the import checks (kept out)
    when: str = ""

    def describe(self) -> str:
        """One line for the terminal and the status bar."""
        if self.pulled:
            parts = kinds_line(dict(self.kinds))
            got = f"brought in {parts} on {plural(len(self.changed), 'commitment')}"
            got += f" from {', '.join(self.authors)}" if self.authors else ""
        else:
            got = "nothing new from the team"
        sent = ("not sent (read-only role)" if self.read_only
                else f"sent {plural(self.pushed, 'item')}")
        skipped = (f"; {plural(self.skipped, 'invalid item')} skipped" if self.skipped
                   else "")
        return f"{got}; {sent}{skipped}"


def run_sync(local: Engine, address: str) -> SyncResult:
    """Sync the notes database behind ``local`` with the team database at ``address``.

    Raises :class:`TeamError` (a one-line message) when the server cannot be reached, refuses,
    or has an unknown schema; nothing was then changed on either side."""
    engine = team_engine(address)
    try:
        with engine.connect() as pg:
            return _sync(pg, local, address)
    except DBAPIError as exc:
        raise explain(exc, address) from None
    finally:
        engine.dispose()


def _sync(pg: Connection, local: Engine, address: str) -> SyncResult:
    pg_tx = pg.begin()
    session = Session(local, expire_on_commit=False)
    try:
        check_schema(pg, address)
        team = pg.execute(select(TeamInfo.team_id)).scalar_one()
        can_push = bool(pg.execute(
            text("SELECT has_table_privilege('team_items', 'INSERT')")).scalar())
        # The big read from the server happens before the notes file is locked for writing,
        # so a slow network holds up no edit in the window.
        since = _last_seq(local, team)
        ahead = (since, _fetch(pg, TeamItem.seq > since))
        session.begin()
        result = _exchange(pg, session, team, can_push, ahead)
        pg_tx.commit()  # the team side first: a stop after it is completed by the next sync
        session.commit()
        return result
    except BaseException:
        session.rollback()
        if pg_tx.is_active:
            pg_tx.rollback()
        raise
    finally:
        session.close()


def _last_seq(local: Engine, team: str) -> int:
    with Session(local) as session:
        state = session.get(TeamSyncStateRow, team)
        return state.last_seq if state is not None else 0


def _exchange(pg: Connection, session: Session, team: str, can_push: bool,
              ahead: tuple[int, list[Row]]) -> SyncResult:
    state = session.get(TeamSyncStateRow, team)
    if state is None:
        state = TeamSyncStateRow(team=team, last_seq=0, brought_in="{}")
        session.add(state)
    newest = pg.execute(select(func.max(TeamItem.seq))).scalar() or 0
    if newest < state.last_seq:
        # The team database went back in time (restored from an older dump): forget what it
        # was known to hold, so everything it lacks is pushed and pulled again.
        session.execute(delete(TeamSyncKnownRow).where(TeamSyncKnownRow.team == team))
        state.last_seq = 0
    known = {digest: kind for digest, kind in session.execute(
        select(TeamSyncKnownRow.digest, TeamSyncKnownRow.kind)
        .where(TeamSyncKnownRow.team == team))}
    # The bulk of the pull happens before the push lock, so officers syncing at once wait
    # only for each other's pushes, never for each other's merges.
    pulled = _pull(pg, session, team, state.last_seq, known, ahead)
    ours = {i.digest: i for a in rows.load_all(session) for i in items_of(a)}
    # Shared items this computer no longer holds (a note edited or deleted here, a tag
    # removed, a follow-up moved earlier or cleared): merged back, as importing the team's
    # record would (nothing shared is lost). For follow-ups that means the latest date shared
    # is kept here too, as everywhere else: without it this computer alone would keep an
    # earlier date than its colleagues, and the team would never agree.
    gone = [d for d in known if d not in ours]
    back = _fetch(pg, TeamItem.digest.in_(gone)) if gone else []
    regained = _merge_rows(session, back).changed if back else set()
    fresh = [i for d, i in ours.items() if d not in known] if can_push else []
    # As far as the rows actually read: a writer may commit more meanwhile.
    top = pulled.seq
    if can_push and fresh:
        top = _push(pg, fresh, top)
        session.add_all(TeamSyncKnownRow(team=team, digest=i.digest, kind=i.kind)
                        for i in fresh)
    state.last_seq = max(state.last_seq, top)
    result = SyncResult(pulled=pulled.count, pushed=len(fresh), read_only=not can_push,
                        changed=frozenset(pulled.changed | regained), kinds=dict(pulled.kinds),
                        authors=tuple(sorted(pulled.authors)), skipped=pulled.skipped,
                        when=to_iso(now_utc()))
    state.last_sync = result.when
    state.brought_in = json.dumps(_summary(result))
    session.flush()
    return result


Row = tuple[int, str, str, str, Any, str]


@dataclass
class Pulled:
    seq: int  # the newest row read
    changed: set[str] = field(default_factory=set)
    kinds: Counter[str] = field(default_factory=Counter)
    authors: set[str] = field(default_factory=set)
    skipped: int = 0

    @property
    def count(self) -> int:
        return sum(self.kinds.values())


def _fetch(pg: Connection, where: Any) -> list[Row]:
    return [tuple(r) for r in pg.execute(  # type: ignore[misc]
        select(TeamItem.seq, TeamItem.digest, TeamItem.commitment_id, TeamItem.kind,
               TeamItem.payload, TeamItem.author).where(where).order_by(TeamItem.seq))]


def _merge_rows(session: Session, fetched: Sequence[Row]) -> Pulled:
    """Check each item like an imported file, merge them per commitment; returns the
    commitments changed, the items merged by kind, their authors, and how many were refused."""
    parts, merged = [], Pulled(seq=max((r[0] for r in fetched), default=0))
    for _seq, _digest, cid, kind, payload, author in fetched:
        try:
            parts.append(parse_item(cid, kind, payload))
        except ExchangeError:
            merged.skipped += 1  # written by something other than this app: kept out, counted
            continue
        merged.kinds[kind] += 1
        merged.authors.add(author)
    merged.changed = {a.commitment_id for a in combine(parts) if merge_one(session, a)}
    return merged


def _pull(pg: Connection, session: Session, team: str, since: int, known: dict[str, str],
          ahead: tuple[int, list[Row]] | None = None) -> Pulled:
    """Merge the items after ``since`` (``ahead``: already read from that point)."""
    everything = ahead[1] if ahead and ahead[0] == since else _fetch(pg, TeamItem.seq > since)
    fetched = [r for r in everything if r[1] not in known]
    for _seq, digest, _cid, kind, _payload, _author in fetched:
        known[digest] = kind
    session.add_all(TeamSyncKnownRow(team=team, digest=r[1], kind=r[3]) for r in fetched)
    pulled = _merge_rows(session, fetched)
    pulled.seq = max((r[0] for r in everything), default=since)
    session.flush()
    return pulled


def _push(pg: Connection, fresh: Sequence[Item], seen: int) -> int:
    """Insert our new items; returns how far this computer has now seen the sequence.

    Pushes are serialised (an advisory lock held to the commit), so the sequence grows in
    commit order and no reader passes a row that commits later. Nothing is merged while the
    lock is held: rows others committed while we queued are pulled by the next sync.
    """
    pg.execute(text(f"SET LOCAL lock_timeout = '{LOCK_WAIT}'"))
    pg.execute(select(func.pg_advisory_xact_lock(PUSH_LOCK)))
    others = pg.execute(select(func.count()).where(TeamItem.seq > seen)).scalar()
    for start in range(0, len(fresh), BATCH):
        _insert(pg, fresh[start:start + BATCH])
    if others:
        return seen
    return pg.execute(select(func.max(TeamItem.seq))).scalar() or seen  # all after seen: ours


def _insert(pg: Connection, batch: Sequence[Item]) -> None:
    stmt = insert(TeamItem).on_conflict_do_nothing(index_elements=["digest"])
    pg.execute(stmt, [
        {"digest": i.digest, "commitment_id": i.commitment_id, "kind": i.kind,
         "payload": i.payload, "author": ""}
        for i in batch
    ])


def _summary(result: SyncResult) -> dict[str, object]:
    return {"pulled": result.pulled, "pushed": result.pushed, "kinds": result.kinds,
            "authors": list(result.authors), "changed": sorted(result.changed),
            "read_only": result.read_only, "skipped": result.skipped}
