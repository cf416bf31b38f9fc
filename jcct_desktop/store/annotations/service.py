"""The notes in SQLite, and the one way they change: one keyword-only method per user operation.

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

from jcct_desktop.core.annotations.assessments import latest, record_key
from jcct_desktop.core.annotations.clock_check import clock_behind
from jcct_desktop.core.annotations.drafts import NEW_NOTE
from jcct_desktop.core.annotations.model import (
    Annotation,
    Assessment,
    AssessmentRecord,
    Change,
    HistoryEntry,
    Note,
    View,
    current_user,
    normalize_tags,
    now_utc,
    to_iso,
)
from jcct_desktop.core.annotations.notifier import Notifier
from jcct_desktop.core.annotations.rules import (
    check_note,
    checked_record,
    date_text,
    history_field,
    history_why,
    stream,
)
from jcct_desktop.core.annotations.text_rules import check_annotations, check_storable
from jcct_desktop.core.progress import Step, no_progress
from jcct_desktop.store.annotations import rows
from jcct_desktop.store.annotations.drafts import DraftOperations, drop_draft
from jcct_desktop.store.annotations.queries import AnnotationQueries
from jcct_desktop.store.annotations.talking_points import TalkingPointOperations
from jcct_desktop.store.notes.database import UserDb, open_user_db
from jcct_desktop.store.notes.disk_full import DiskFullError, disk_full_message, is_disk_full
from jcct_desktop.store.notes.file_check import NotesVerdict
from jcct_desktop.store.notes.models import NoteRow, TagRow

Clock = Callable[[], datetime]


class AnnotationService(DraftOperations, TalkingPointOperations, AnnotationQueries):
    def __init__(self, db: UserDb, *, user: str | None = None, clock: Clock = now_utc,
                 notifier: Notifier | None = None) -> None:
        """``notifier``: another service's, so edits made over this connection (team sync's,
        on a worker thread) reach the views subscribed there."""
        super().__init__(db.engine)
        self.db = db
        self.notifier = notifier if notifier is not None else Notifier()
        self._user = user or current_user()
        self._clock = clock

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str],
             checked: NotesVerdict | None = None) -> AnnotationService:
        """Open (creating or migrating) ``annotations.sqlite`` in the data folder;
        ``checked``: a verdict on it from just before (see ``open_user_db``)."""
        return cls(open_user_db(data_dir, checked))

    def for_worker(self) -> AnnotationService:
        """The same notes, user, clock and subscribers over a connection of its own, for work
        on another thread (an SQLite connection stays in the thread that made it); the
        caller closes it there."""
        return AnnotationService(open_user_db(self.data_dir), user=self._user,
                                 clock=self._clock, notifier=self.notifier)

    @property
    def data_dir(self) -> Path:
        return self.db.data_dir

    @property
    def db_path(self) -> Path:
        return self.db.path

    @property
    def read_only(self) -> bool:
        """Opened for reading only (a read-only data folder): every edit would fail."""
        return self.db.read_only

    def close(self) -> None:
        self.db.close()

    def now(self) -> datetime:
        """The time the next edit will be stamped with (this computer's clock)."""
        return self._clock()

    def clock_warning(self) -> str | None:
        """Said before recording when the clock is behind the newest time in the notes."""
        return clock_behind(self.newest_recorded(), self._clock())

    # -- plumbing -------------------------------------------------------------------------
    def run(self, operation: Callable[[Session], Change]) -> Change:
        """Run ``operation`` in one transaction; notify only if it committed and changed."""
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                change = operation(session)
        except Exception as exc:  # a full disk is named as one, not "disk I/O error"
            if is_disk_full(exc, self.data_dir):
                raise DiskFullError(disk_full_message(self.data_dir)) from exc
            raise
        if change.before != change.after or change.event == "annotations_replaced":
            self.notifier.emit(change)
        return change

    def _log(self, session: Session, cid: str, field: str, old: str, new: str, why: str) -> None:
        entry = HistoryEntry(self._clock(), self._user, field, old, new, why)
        session.add(rows.history_row(cid, entry))

    def _now_iso(self) -> str:
        return to_iso(self._clock())

    # -- assessment -----------------------------------------------------------------------
    def new_record(
        self,
        *,
        status: Assessment | str,
        evidence: str,
        effective: date | None = None,
        view: View | str = View.US,
        source: str = "",
        milestone: str | None = None,
    ) -> AssessmentRecord:
        """A checked record stamped now (rules: :func:`rules.checked_record`)."""
        return checked_record(status=status, evidence=evidence, effective=effective, view=view,
                              source=source, milestone=milestone, now=self._clock(),
                              who=self._user)

    def record_assessment(
        self,
        *,
        commitment_id: str,
        status: Assessment | str,
        evidence: str,
        effective: date | None = None,
        view: View | str = View.US,
        source: str = "",
        milestone: str | None = None,
    ) -> Change:
        """Record one assessment (checked by :meth:`new_record`); ``after`` is the record.

        The history stays append-only: each record adds a history entry. Recording again the
        same content as the latest record of that view and milestone changes nothing
        (``after`` is then None).
        """
        record = self.new_record(status=status, evidence=evidence, effective=effective,
                                 view=view, source=source, milestone=milestone)

        def op(session: Session) -> Change:
            mine = [rows.record_of(r) for r in rows.assessment_rows(session, commitment_id)]
            last = latest(r for r in mine if stream(r) == stream(record))
            if last is not None and record_key(last)[:-1] == record_key(record)[:-1]:
                return Change("assessment_changed", frozenset({commitment_id}), None, None)
            self._insert(session, commitment_id, record, "")
            return Change("assessment_changed", frozenset({commitment_id}), None, record)

        return self.run(op)

    def record_for_jurisdictions(
        self,
        *,
        commitment_id: str,
        jurisdictions: Sequence[str],
        status: Assessment | str,
        evidence: str,
        effective: date | None = None,
        view: View | str = View.US,
        source: str = "",
        milestone: str | None = None,
    ) -> Change:
        """One assessment for several provinces at once (issue 26): one record per ISO code,
        all with the same evidence, in ONE transaction (all or none). A province whose latest
        record already says the same is left alone; ``after`` is the tuple of records added."""
        if not jurisdictions:
            raise ValueError("Pick at least one province to record the assessment for.")
        codes = list(dict.fromkeys(jurisdictions))  # the same province twice counts once
        made = [checked_record(status=status, evidence=evidence, effective=effective, view=view,
                               source=source, milestone=milestone, now=self._clock(),
                               who=self._user, jurisdiction=code) for code in codes]

        def op(session: Session) -> Change:
            mine = [rows.record_of(r) for r in rows.assessment_rows(session, commitment_id)]
            added = []
            for record in made:
                last = latest(r for r in mine if stream(r) == stream(record))
                if last is None or record_key(last)[:-1] != record_key(record)[:-1]:
                    self._insert(session, commitment_id, record, "")
                    added.append(record)
            return Change("assessment_changed", frozenset({commitment_id}), None,
                          tuple(added) or None)

        return self.run(op)

    def withdraw_assessment(
        self, *, commitment_id: str, record: AssessmentRecord, why: str = "undo"
    ) -> Change:
        """Take back a record just made (undo); the history keeps it and says so."""

        def op(session: Session) -> Change:
            key = record_key(record)
            found = [r for r in rows.assessment_rows(session, commitment_id)
                     if record_key(rows.record_of(r)) == key]
            if not found:
                return Change("assessment_changed", frozenset({commitment_id}), None, None)
            session.delete(found[-1])
            session.flush()
            row = rows.annotation_row(session, commitment_id)
            rows.sync_summary(session, row)
            field, old = history_field(record), record.status.value
            now = _stream_status(session, commitment_id, record)
            self._log(session, commitment_id, field, old, now, why)
            return Change("assessment_changed", frozenset({commitment_id}), record, None)

        return self.run(op)

    def restore_assessment(
        self, *, commitment_id: str, record: AssessmentRecord, why: str = "redo"
    ) -> Change:
        """Put back exactly a withdrawn record, with its recorded time (redo)."""

        def op(session: Session) -> Change:
            self._insert(session, commitment_id, record, why)
            return Change("assessment_changed", frozenset({commitment_id}), None, record)

        return self.run(op)

    def _insert(self, session: Session, cid: str, record: AssessmentRecord, why: str) -> None:
        old = _stream_status(session, cid, record)
        row = rows.annotation_row(session, cid)
        session.add(rows.record_row(cid, record))
        session.flush()
        rows.sync_summary(session, row)
        reason = why or history_why(record, self._clock().astimezone().date())
        self._log(session, cid, history_field(record), old, record.status.value, reason)

    # -- notes ----------------------------------------------------------------------------
    def add_note(self, *, commitment_id: str, text: str) -> Change:
        check_note(text)

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
        check_note(text)

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
        _check_tags(new)

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

    def change_tags(
        self, *, commitment_id: str, add: Iterable[str] = (), remove: Iterable[str] = ()
    ) -> Change:
        """Add some tags and remove others, leaving every other stored tag alone.

        Applied as a change, not a whole list, so a window showing a stale list never removes
        a tag that another window or an import added meanwhile. ``before``/``after`` are the
        stored lists; undo applies the inverse of what actually changed.
        """
        adding = normalize_tags(add)
        _check_tags(adding)
        dropping = {t.casefold() for t in normalize_tags(remove)} - {
            t.casefold() for t in adding
        }

        def op(session: Session) -> Change:
            rows.annotation_row(session, commitment_id)
            current = session.scalars(select(TagRow).where(TagRow.commitment_id == commitment_id))
            existing = {t.tag: t for t in current}
            before = normalize_tags(existing)
            folded = {t.casefold() for t in existing}
            for tag, row in existing.items():
                if tag.casefold() in dropping:
                    session.delete(row)
            session.add_all(
                TagRow(commitment_id=commitment_id, tag=t)
                for t in adding
                if t.casefold() not in folded
            )
            kept = [t for t in existing if t.casefold() not in dropping]
            after = normalize_tags([*kept, *adding])
            if before != after:
                self._log(session, commitment_id, "tags", ", ".join(before), ", ".join(after), "")
            return Change("tags_changed", frozenset({commitment_id}), before, after)

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
                self._log(session, commitment_id, "follow_up", date_text(before), value or "", "")
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
    def merge_annotations(self, incoming: Sequence[Annotation], source: str = "",
                          step: Step = no_progress) -> Change:
        """Merge imported annotations in one transaction (rules in ``exchange``).

        Each commitment that changed gets a history entry naming ``source`` (the file).
        ``step(done, total)`` hears of each annotation merged; what it raises (``Cancelled``)
        rolls the whole merge back."""
        from jcct_desktop.store.annotations.merge import merge_one

        check_annotations(incoming)  # before anything is written: all of it or none of it

        def op(session: Session) -> Change:
            changed = []
            for done, annotation in enumerate(incoming, 1):
                if merge_one(session, annotation):
                    changed.append(annotation.commitment_id)
                step(done, len(incoming))
            touched = frozenset(changed)
            for cid in sorted(touched):
                self._log(session, cid, "import", "", source, "imported")
            return Change("annotations_imported", touched, None, touched or None)

        return self.run(op)

    def merge_shared(self, incoming: Sequence[Annotation],
                     record: Callable[[Session, frozenset[str]], None]) -> Change:
        """Merge items the team shared (checked and signed by team sync), in order, in one
        transaction with ``record(session, touched)``: the sync's own bookkeeping in the same
        file, so what it remembers and what it merged commit together. Unlike a file import it
        logs no history entry (each item already carries its author)."""
        from jcct_desktop.store.annotations.merge import merge_one

        def op(session: Session) -> Change:
            touched = frozenset(a.commitment_id for a in incoming if merge_one(session, a))
            record(session, touched)
            return Change("annotations_imported", touched, None, touched or None)

        return self.run(op)

    def replaced(self) -> Change:
        """Tell every view the whole database changed (after a restore)."""
        return self.run(lambda _s: Change("annotations_replaced"))


def _check_tags(tags: Sequence[str]) -> None:
    for tag in tags:
        check_storable(tag, f"The tag {tag!r}")


def _stream_status(session: Session, cid: str, record: AssessmentRecord) -> str:
    """The status now standing for the record's view and milestone (for the history's "from")."""
    mine = [rows.record_of(r) for r in rows.assessment_rows(session, cid)]
    last = latest(r for r in mine if stream(r) == stream(record))
    return last.status.value if last else Assessment.NOT_ASSESSED.value


def _note(session: Session, note_id: int) -> NoteRow:
    row = session.get(NoteRow, note_id)
    if row is None:
        raise KeyError(f"No note with id {note_id}")
    return row
