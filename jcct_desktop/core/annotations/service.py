"""The one way annotations change: one keyword-only method per user operation.

Each method is ONE transaction that also appends its history entries, returns a
:class:`Change`, and notifies subscribers only after the commit. Undo calls the same methods
(or the ``revert_``/``restore_`` inverses) so undo is itself recorded in the history.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from jcct_desktop.core.annotations import rows
from jcct_desktop.core.annotations.drafts import NEW_NOTE, DraftOperations, drop_draft
from jcct_desktop.core.annotations.model import (
    Annotation,
    Assessment,
    Change,
    HistoryEntry,
    Note,
    current_user,
    from_iso,
    normalize_tags,
    now_utc,
    to_iso,
)
from jcct_desktop.core.annotations.notifier import Notifier
from jcct_desktop.core.annotations.queries import AnnotationQueries
from jcct_desktop.store.user_db import UserDb, open_user_db
from jcct_desktop.store.user_models import NoteRow, TagRow

Clock = Callable[[], datetime]


class AnnotationService(DraftOperations, AnnotationQueries):
    def __init__(self, db: UserDb, *, user: str | None = None, clock: Clock = now_utc) -> None:
        super().__init__(db.engine)
        self.db = db
        self.notifier = Notifier()
        self._user = user or current_user()
        self._clock = clock

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None) -> AnnotationService:
        """Open (creating or migrating) ``annotations.sqlite`` in the data folder."""
        return cls(open_user_db(data_dir))

    @property
    def data_dir(self) -> Path:
        return self.db.data_dir

    @property
    def db_path(self) -> Path:
        return self.db.path

    def close(self) -> None:
        self.db.close()

    # -- plumbing -------------------------------------------------------------------------
    def run(self, operation: Callable[[Session], Change]) -> Change:
        """Run ``operation`` in one transaction; notify only if it committed and changed."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            change = operation(session)
        if change.before != change.after or change.event == "annotations_replaced":
            self.notifier.emit(change)
        return change

    def _log(self, session: Session, cid: str, field: str, old: str, new: str, why: str) -> None:
        entry = HistoryEntry(self._clock(), self._user, field, old, new, why)
        session.add(rows.history_row(cid, entry))

    # -- assessment -----------------------------------------------------------------------
    def set_assessment(
        self, *, commitment_id: str, status: Assessment | str, evidence: str
    ) -> Change:
        """Change the assessment; evidence (a short note or source reference) is required."""
        if not isinstance(evidence, str) or not evidence.strip():
            raise ValueError("An assessment can only change together with evidence.")
        return self._assess(commitment_id, Assessment(status), evidence, self._clock(), evidence)

    def revert_assessment(
        self,
        *,
        commitment_id: str,
        status: Assessment | str,
        evidence: str,
        changed: datetime | None,
        why: str = "undo",
    ) -> Change:
        """Put back an earlier assessment exactly (undo); still recorded in the history."""
        return self._assess(commitment_id, Assessment(status), evidence, changed, why)

    def _assess(
        self, cid: str, status: Assessment, evidence: str, changed: datetime | None, why: str
    ) -> Change:
        def op(session: Session) -> Change:
            row = rows.annotation_row(session, cid)
            stamp = from_iso(row.status_changed) if row.status_changed else None
            before = (Assessment(row.status), row.evidence, stamp)
            if before[:2] == (status, evidence):
                return Change("assessment_changed", frozenset({cid}), before, before)
            row.status, row.evidence = status.value, evidence
            row.status_changed = to_iso(changed) if changed else None
            self._log(session, cid, "status", before[0].value, status.value, why)
            return Change(
                "assessment_changed", frozenset({cid}), before, (status, evidence, changed)
            )

        return self.run(op)

    # -- notes ----------------------------------------------------------------------------
    def add_note(self, *, commitment_id: str, text: str) -> Change:
        _check_note(text)

        def op(session: Session) -> Change:
            rows.annotation_row(session, commitment_id)
            stamp = to_iso(self._clock())
            row = NoteRow(commitment_id=commitment_id, text=text, created=stamp, updated=stamp)
            session.add(row)
            session.flush()
            drop_draft(session, commitment_id, NEW_NOTE)
            self._log(session, commitment_id, "note", "", text, "added")
            return Change(
                "notes_changed", frozenset({commitment_id}), None, rows.note_of(row), row.id
            )

        return self.run(op)

    def edit_note(self, *, note_id: int, text: str) -> Change:
        _check_note(text)

        def op(session: Session) -> Change:
            row = _note(session, note_id)
            before = rows.note_of(row)
            if row.text == text:
                return Change(
                    "notes_changed", frozenset({row.commitment_id}), before, before, note_id
                )
            row.text, row.updated = text, to_iso(self._clock())
            drop_draft(session, row.commitment_id, note_id)
            self._log(session, row.commitment_id, "note", before.text, text, "edited")
            return Change(
                "notes_changed", frozenset({row.commitment_id}), before, rows.note_of(row), note_id
            )

        return self.run(op)

    def delete_note(self, *, note_id: int) -> Change:
        """Delete a note; its text stays in the append-only history."""

        def op(session: Session) -> Change:
            row = _note(session, note_id)
            before, cid = rows.note_of(row), row.commitment_id
            session.delete(row)
            drop_draft(session, cid, note_id)
            self._log(session, cid, "note", before.text, "", "deleted")
            return Change("notes_changed", frozenset({cid}), before, None, note_id)

        return self.run(op)

    def restore_note(self, *, commitment_id: str, note: Note) -> Change:
        """Put a deleted note back with its id and times (undo of delete, redo of add)."""

        def op(session: Session) -> Change:
            rows.annotation_row(session, commitment_id)
            session.add(
                NoteRow(
                    id=note.id,
                    commitment_id=commitment_id,
                    text=note.text,
                    created=to_iso(note.created),
                    updated=to_iso(note.updated),
                )
            )
            self._log(session, commitment_id, "note", "", note.text, "restored")
            return Change("notes_changed", frozenset({commitment_id}), None, note, note.id)

        return self.run(op)

    # -- tags, follow-up, star --------------------------------------------------------------
    def set_tags(self, *, commitment_id: str, tags: Iterable[str]) -> Change:
        new = normalize_tags(tags)

        def op(session: Session) -> Change:
            rows.annotation_row(session, commitment_id)
            current = session.scalars(select(TagRow).where(TagRow.commitment_id == commitment_id))
            existing = {t.tag: t for t in current}
            before = normalize_tags(existing)
            if before != new:
                for tag, row in existing.items():
                    if tag not in new:
                        session.delete(row)
                session.add_all(
                    TagRow(commitment_id=commitment_id, tag=t) for t in new if t not in existing
                )
                self._log(session, commitment_id, "tags", ", ".join(before), ", ".join(new), "")
            return Change("tags_changed", frozenset({commitment_id}), before, new)

        return self.run(op)

    def set_follow_up(self, *, commitment_id: str, follow_up: date | None) -> Change:
        if follow_up is not None and not isinstance(follow_up, date):
            raise TypeError("follow_up must be a date or None")
        value = follow_up.isoformat() if follow_up else None

        def op(session: Session) -> Change:
            row = rows.annotation_row(session, commitment_id)
            before = date.fromisoformat(row.follow_up) if row.follow_up else None
            if row.follow_up != value:
                row.follow_up = value
                self._log(session, commitment_id, "follow_up", row_text(before), value or "", "")
            return Change("follow_up_changed", frozenset({commitment_id}), before, follow_up)

        return self.run(op)

    def set_starred(self, *, commitment_id: str, starred: bool) -> Change:
        def op(session: Session) -> Change:
            row = rows.annotation_row(session, commitment_id)
            before = bool(row.starred)
            if before != bool(starred):
                row.starred = bool(starred)
                self._log(
                    session,
                    commitment_id,
                    "starred",
                    str(before).lower(),
                    str(bool(starred)).lower(),
                    "",
                )
            return Change("starred_changed", frozenset({commitment_id}), before, bool(starred))

        return self.run(op)

    # -- bulk -----------------------------------------------------------------------------
    def merge_annotations(self, incoming: Sequence[Annotation]) -> Change:
        """Merge imported annotations in one transaction (rules in ``exchange``)."""
        from jcct_desktop.core.annotations.merge import merge_one

        def op(session: Session) -> Change:
            touched = frozenset(a.commitment_id for a in incoming if merge_one(session, a))
            return Change("annotations_imported", touched, None, touched or None)

        return self.run(op)

    def replaced(self) -> Change:
        """Tell every view the whole database changed (after a restore)."""
        return self.run(lambda _s: Change("annotations_replaced"))


def row_text(value: date | None) -> str:
    return value.isoformat() if value else ""


def _check_note(text: str) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ValueError("A note cannot be empty.")


def _note(session: Session, note_id: int) -> NoteRow:
    row = session.get(NoteRow, note_id)
    if row is None:
        raise KeyError(f"No note with id {note_id}")
    return row
