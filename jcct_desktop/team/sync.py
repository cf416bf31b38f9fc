"""One sync: read what this computer holds, talk to the server (pull everyone's new items,
push ours), then merge what came in.

The notes file is only read while the server is talked to; its write lock is taken at the
end, for the brief local merge, so a save in the window never waits on the network or on
another officer's push. The team side commits first, then the local side; if anything stops in
between (a kill, the server gone), the next sync pulls the same items again and pushes the
same digests again, which the server stores once per author (``ON CONFLICT DO NOTHING``): no
loss, no duplicate. Running it twice changes nothing the second time.

Nothing from the server is taken on trust: items are checked like an imported file, shown as
written by the role the server recorded (``author``), and the item numbers (``seq``) are
checked against the server's own numbering: a number beyond it, or a record that went back,
makes this computer read the whole record again rather than skip what it has not seen.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, func, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from jcct_desktop.core.annotations.model import Annotation, now_utc, to_iso
from jcct_desktop.core.annotations.validate import ExchangeError
from jcct_desktop.core.counts import kinds_line, plural
from jcct_desktop.store.annotations import AnnotationService, rows
from jcct_desktop.store.notes.models import TeamSyncKnownRow, TeamSyncStateRow
from jcct_desktop.team.admin import check_schema
from jcct_desktop.team.connect import explain, team_engine
from jcct_desktop.team.items import Item, combine, items_of, parse_item, signed
from jcct_desktop.team.push import Pushed, push
from jcct_desktop.team.schema import TeamInfo, TeamItem


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
    refused: tuple[str, ...] = ()  # our items the team database cannot hold (not sent)

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
        refused = (f"; {plural(len(self.refused), 'item')} not sent, the team database "
                   f"cannot hold it ({self.refused[0]})" if self.refused else "")
        return f"{got}; {sent}{skipped}{refused}"


def run_sync(local: AnnotationService, address: str) -> SyncResult:
    """Sync the notes behind ``local`` with the team database at ``address``; what comes in
    is merged by the service (``merge_shared``), which tells its subscribers after the commit.

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


Row = tuple[int, str, str, str, Any, str]  # seq, digest, commitment, kind, payload, author


@dataclass
class Held:
    """What this computer holds for one team, read before the server is talked to."""

    last_seq: int
    known: dict[str, str]  # digest -> kind: items known to be in the team database
    ours: dict[str, Item]  # digest -> item: everything shareable in the notes


@dataclass
class Pulled:
    parts: list[Annotation] = field(default_factory=list)  # signed, checked, to merge
    digests: dict[str, str] = field(default_factory=dict)  # now known: digest -> kind
    kinds: Counter[str] = field(default_factory=Counter)
    authors: set[str] = field(default_factory=set)
    skipped: int = 0

    @property
    def count(self) -> int:
        return sum(self.kinds.values())


def _sync(pg: Connection, local: AnnotationService, address: str) -> SyncResult:
    with pg.begin():
        check_schema(pg, address)
        team = pg.execute(select(TeamInfo.team_id)).scalar_one()
        can_push = bool(pg.execute(
            text("SELECT has_table_privilege('team_items', 'INSERT')")).scalar())
        held = _read_held(local, team)
        reread = _must_reread(pg, held.last_seq)
        if reread:
            held.known, held.last_seq = {}, 0
        fetched = _fetch(pg, TeamItem.seq > held.last_seq)
        # Numbers at or below the server's own counter only: a row numbered beyond it (a
        # client-chosen seq on an older server) never moves this computer's position.
        read_to = min(max((r[0] for r in fetched), default=held.last_seq), _numbered(pg))
        pulled = _parse_rows([r for r in fetched if r[1] not in held.known])
        known = held.known | pulled.digests
        # Shared items this computer no longer holds (a note edited or deleted here, a tag
        # removed, a follow-up moved earlier or cleared): merged back, as importing the team's
        # record would (nothing shared is lost). For follow-ups that means the latest date
        # shared is kept here too, as everywhere else: without it this computer alone would
        # keep an earlier date than its colleagues, and the team would never agree.
        gone = [d for d in held.known if d not in held.ours]
        back = _parse_rows(_fetch(pg, TeamItem.digest.in_(gone))) if gone else Pulled()
        fresh = [i for d, i in held.ours.items() if d not in known] if can_push else []
        pushed = push(pg, fresh, read_to) if fresh else None
    # The team side is committed; now the brief local write.
    return _record(local, team, reread, pulled, back, pushed, read_only=not can_push,
                   read_to=pushed.top if pushed else read_to)


def _read_held(local: AnnotationService, team: str) -> Held:
    with Session(local.engine) as session:  # a read: no write lock on the notes file
        state = session.get(TeamSyncStateRow, team)
        known = {digest: kind for digest, kind in session.execute(
            select(TeamSyncKnownRow.digest, TeamSyncKnownRow.kind)
            .where(TeamSyncKnownRow.team == team))}
        ours = {i.digest: i for a in rows.load_all(session) for i in items_of(a)}
        return Held(state.last_seq if state is not None else 0, known, ours)


def _numbered(pg: Connection) -> int:
    """How far the server's own counter has numbered items (every real item is at or below)."""
    high = pg.execute(text(
        "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM team_items_seq_seq"
    )).scalar()
    return int(high or 0)


def _must_reread(pg: Connection, last_seq: int) -> bool:
    """True when ``last_seq`` cannot be trusted: the record went back (restored from an older
    dump) or this computer once read past the server's own numbering (a forged number)."""
    if last_seq == 0:
        return False
    newest = pg.execute(select(func.max(TeamItem.seq))).scalar() or 0
    return newest < last_seq or _numbered(pg) < last_seq


def _fetch(pg: Connection, where: Any) -> list[Row]:
    return [tuple(r) for r in pg.execute(
        select(TeamItem.seq, TeamItem.digest, TeamItem.commitment_id, TeamItem.kind,
               TeamItem.payload, TeamItem.author).where(where).order_by(TeamItem.seq))]


def _parse_rows(fetched: Sequence[Row]) -> Pulled:
    """Check each item like an imported file and sign it with the server's author. What is
    known afterwards is the item as signed: a row whose payload names someone other than its
    author (mallory posting "alice"'s words) never stands in for the real officer's item,
    which is still sent under her name; a signed item is never sent back under ours."""
    pulled = Pulled()
    for _seq, digest, cid, kind, payload, author in fetched:
        try:
            part = signed(parse_item(cid, kind, payload), author)
        except ExchangeError:
            pulled.digests[digest] = kind
            pulled.skipped += 1  # written by something other than this app: kept out, counted
            continue
        pulled.parts.append(part)
        pulled.digests |= {i.digest: i.kind for i in items_of(part)} or {digest: kind}
        pulled.kinds[kind] += 1
        pulled.authors.add(author)
    return pulled


def _record(local: AnnotationService, team: str, reread: bool, pulled: Pulled, back: Pulled,
            pushed: Pushed | None, read_only: bool, read_to: int) -> SyncResult:
    """Merge what came in and remember what the team holds, in one short local transaction
    (the service's: its views hear of the merge once it committed)."""
    sent = pushed.sent if pushed else ()
    results: list[SyncResult] = []

    def remember(session: Session, changed: frozenset[str]) -> None:
        state = session.get(TeamSyncStateRow, team)
        if state is None:
            state = TeamSyncStateRow(team=team, last_seq=0, brought_in="{}")
            session.add(state)
        if reread:
            session.execute(delete(TeamSyncKnownRow).where(TeamSyncKnownRow.team == team))
        known = pulled.digests | back.digests | {i.digest: i.kind for i in sent}
        if known:
            session.execute(
                sqlite_insert(TeamSyncKnownRow).on_conflict_do_nothing(),
                [{"team": team, "digest": d, "kind": k} for d, k in known.items()])
        state.last_seq = read_to if reread else max(state.last_seq, read_to)
        result = SyncResult(
            pulled=pulled.count, pushed=len(sent), read_only=read_only,
            changed=changed, kinds=dict(pulled.kinds),
            authors=tuple(sorted(pulled.authors)), skipped=pulled.skipped,
            when=to_iso(now_utc()), refused=pushed.refused if pushed else ())
        state.last_sync = result.when
        state.brought_in = json.dumps(_summary(result))
        results.append(result)

    # what came in, then shared items merged back: in that order, as before
    local.merge_shared([*combine(pulled.parts), *combine(back.parts)], remember)
    return results[-1]


def _summary(result: SyncResult) -> dict[str, object]:
    return {"pulled": result.pulled, "pushed": result.pushed, "kinds": result.kinds,
            "authors": list(result.authors), "changed": sorted(result.changed),
            "read_only": result.read_only, "skipped": result.skipped,
            "refused": list(result.refused)}
