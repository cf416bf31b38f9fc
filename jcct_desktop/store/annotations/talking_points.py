"""Talking points kept in SQLite: add, edit, move, delete and restore, one transaction each.

Mixed into :class:`AnnotationService`. Each operation returns a ``talking_points_changed``
:class:`Change` whose ``before``/``after`` are :class:`PointAt` (the point and its place), and
logs one history entry, field ``talking_point``, why ``added``/``edited``/``moved``/
``deleted``/``restored``. Positions stay 0, 1, 2… per commitment after every operation.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from jcct_desktop.core.annotations.model import Change, TalkingPoint, to_iso
from jcct_desktop.core.annotations.talking_points import PointAt, checked_point
from jcct_desktop.store.annotations import rows
from jcct_desktop.store.notes.models import TalkingPointRow

EVENT = "talking_points_changed"
FIELD = "talking_point"


class TalkingPointOperations:
    """Needs the service's ``run``, ``_log``, ``_now_iso`` and ``_user``."""

    run: Callable[[Callable[[Session], Change]], Change]
    _log: Callable[[Session, str, str, str, str, str], None]
    _now_iso: Callable[[], str]
    _user: str

    def add_talking_point(self, *, commitment_id: str, text: str,
                          position: int | None = None) -> Change:
        """Add a point at ``position`` (default: last)."""
        clean = checked_point(text)

        def op(session: Session) -> Change:
            rows.annotation_row(session, commitment_id)
            stamp = self._now_iso()
            row = TalkingPointRow(commitment_id=commitment_id, position=0, text=clean,
                                  created=stamp, updated=stamp, who=self._user)
            session.add(row)
            session.flush()
            at = _place(session, commitment_id, row, position)
            self._log(session, commitment_id, FIELD, "", clean, "added")
            return _change(commitment_id, None, PointAt(rows.point_of(row), at))

        return self.run(op)

    def edit_talking_point(self, *, point_id: int, text: str) -> Change:
        clean = checked_point(text)

        def op(session: Session) -> Change:
            row = _row(session, point_id)
            cid, at = row.commitment_id, _index(session, row)
            before = PointAt(rows.point_of(row), at)
            if row.text == clean:
                return _change(cid, before, before)
            row.text, row.updated = clean, self._now_iso()
            self._log(session, cid, FIELD, before.point.text, clean, "edited")
            return _change(cid, before, PointAt(rows.point_of(row), at))

        return self.run(op)

    def move_talking_point(self, *, point_id: int, position: int) -> Change:
        """Move a point to ``position`` (clamped to the list); the others keep their order."""

        def op(session: Session) -> Change:
            row = _row(session, point_id)
            cid, old = row.commitment_id, _index(session, row)
            before = PointAt(rows.point_of(row), old)
            new = _place(session, cid, row, position)
            if new == old:
                return _change(cid, before, before)
            self._log(session, cid, FIELD, f"{old + 1}. {row.text}", f"{new + 1}. {row.text}",
                      "moved")
            return _change(cid, before, PointAt(before.point, new))

        return self.run(op)

    def delete_talking_point(self, *, point_id: int) -> Change:
        """Delete a point; its text stays in the append-only history."""

        def op(session: Session) -> Change:
            row = _row(session, point_id)
            cid = row.commitment_id
            before = PointAt(rows.point_of(row), _index(session, row))
            session.delete(row)
            session.flush()
            _renumber(session, cid, [r for r in rows.point_rows(session, cid)])
            self._log(session, cid, FIELD, before.point.text, "", "deleted")
            return _change(cid, before, None)

        return self.run(op)

    def restore_talking_point(self, *, commitment_id: str, point: TalkingPoint,
                              position: int) -> Change:
        """Put a deleted point back with its id, author and times (undo of delete, redo of
        add)."""
        clean = checked_point(point.text)

        def op(session: Session) -> Change:
            rows.annotation_row(session, commitment_id)
            row = TalkingPointRow(id=point.id or None, commitment_id=commitment_id, position=0,
                                  text=clean, created=to_iso(point.created),
                                  updated=to_iso(point.updated), who=point.who or self._user)
            session.add(row)
            session.flush()
            at = _place(session, commitment_id, row, position)
            self._log(session, commitment_id, FIELD, "", clean, "restored")
            return _change(commitment_id, None, PointAt(rows.point_of(row), at))

        return self.run(op)


def _change(cid: str, before: PointAt | None, after: PointAt | None) -> Change:
    point = (after or before)
    return Change(EVENT, frozenset({cid}), before, after, point.point.id if point else None)


def _row(session: Session, point_id: int) -> TalkingPointRow:
    row = session.get(TalkingPointRow, point_id)
    if row is None:
        raise KeyError(f"No talking point with id {point_id}")
    return row


def _index(session: Session, row: TalkingPointRow) -> int:
    return [r.id for r in rows.point_rows(session, row.commitment_id)].index(row.id)


def _place(session: Session, cid: str, row: TalkingPointRow, position: int | None) -> int:
    """Put ``row`` at ``position`` (None: last; clamped) among the commitment's points and
    number them all 0, 1, 2…; returns where it went."""
    others = [r for r in rows.point_rows(session, cid) if r.id != row.id]
    at = len(others) if position is None else max(0, min(int(position), len(others)))
    others.insert(at, row)
    _renumber(session, cid, others)
    return at


def _renumber(session: Session, cid: str, ordered: list[TalkingPointRow]) -> None:
    for i, r in enumerate(ordered):
        if r.position != i:
            r.position = i
    session.flush()
