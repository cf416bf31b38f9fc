"""Undo commands for annotation edits: each one calls the service, forward and back.

Undo is an edit like any other: it goes through the service, so it is one transaction, it is
recorded in the history, and every view hears about it from the notifier.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtGui import QUndoCommand, QUndoStack

from jcct_desktop.core.annotations.model import (
    Annotation,
    Assessment,
    AssessmentRecord,
    Note,
    View,
)
from jcct_desktop.core.annotations.talking_points import PointAt
from jcct_desktop.store.annotations import AnnotationService

if TYPE_CHECKING:
    from jcct_desktop.store.notes.operations import ImportResult, RestoreResult

FOLLOW_UP_ID = 4101  # consecutive date edits on one commitment merge into one undo step


class ServiceCommand(QUndoCommand):
    """A command whose failure (e.g. a locked disk) is kept, not raised into Qt."""

    def __init__(self, service: AnnotationService, text: str) -> None:
        super().__init__(text)
        self.service = service
        self.errors: list[Exception] = []
        self._first = True

    def redo(self) -> None:
        self._guard(self.do if self._first else self.redo_again)
        self._first = False

    def undo(self) -> None:
        self._guard(self.undo_change)

    def _guard(self, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception as exc:  # Qt cannot take a Python exception; report it instead
            self.errors.append(exc)
            self.setObsolete(True)

    def do(self) -> None:
        raise NotImplementedError

    def redo_again(self) -> None:
        self.do()

    def undo_change(self) -> None:
        raise NotImplementedError


def push(stack: QUndoStack, command: ServiceCommand) -> Exception | None:
    """Push and run ``command``; returns the error if the edit did not happen."""
    errors = command.errors  # keep the list: Qt deletes an obsolete command at once
    stack.push(command)
    return errors[0] if errors else None


class RecordAssessment(ServiceCommand):
    """Record one assessment; undo withdraws that very record, redo puts it back unchanged."""

    def __init__(self, service: AnnotationService, cid: str, **fields: Any) -> None:
        status = Assessment(fields["status"])
        view = " (China reports)" if fields.get("view") == View.CHINA else ""
        super().__init__(service, f"Record assessment {status.label}{view}")
        self.cid, self.fields = cid, fields
        self.record: AssessmentRecord | None = None

    def do(self) -> None:
        self.record = self.service.record_assessment(commitment_id=self.cid, **self.fields).after
        if self.record is None:  # the same as the one on record: nothing to undo
            self.setObsolete(True)

    def redo_again(self) -> None:
        assert self.record is not None
        self.service.restore_assessment(commitment_id=self.cid, record=self.record)

    def undo_change(self) -> None:
        assert self.record is not None
        self.service.withdraw_assessment(commitment_id=self.cid, record=self.record)


class RecordForJurisdictions(ServiceCommand):
    """One assessment for several provinces (issue 26); undo withdraws each record made."""

    def __init__(self, service: AnnotationService, cid: str, **fields: Any) -> None:
        status = Assessment(fields["status"])
        n = len(fields["jurisdictions"])
        super().__init__(service, f"Record assessment {status.label} for {n} provinces")
        self.cid, self.fields = cid, fields
        self.records: tuple[AssessmentRecord, ...] = ()

    def do(self) -> None:
        self.records = tuple(self.service.record_for_jurisdictions(
            commitment_id=self.cid, **self.fields).after or ())
        if not self.records:  # each the same as the one on record: nothing to undo
            self.setObsolete(True)

    def redo_again(self) -> None:
        for record in self.records:
            self.service.restore_assessment(commitment_id=self.cid, record=record)

    def undo_change(self) -> None:
        for record in reversed(self.records):
            self.service.withdraw_assessment(commitment_id=self.cid, record=record)


class AddNote(ServiceCommand):
    def __init__(self, service: AnnotationService, cid: str, text: str) -> None:
        super().__init__(service, "Add note")
        self.cid, self.new_text = cid, text
        self.note: Note | None = None

    def do(self) -> None:
        self.note = self.service.add_note(commitment_id=self.cid, text=self.new_text).after

    def redo_again(self) -> None:
        assert self.note is not None
        self.service.restore_note(commitment_id=self.cid, note=self.note)

    def undo_change(self) -> None:
        assert self.note is not None
        self.service.delete_note(note_id=self.note.id)


class EditNote(ServiceCommand):
    def __init__(self, service: AnnotationService, note_id: int, text: str) -> None:
        super().__init__(service, "Edit note")
        self.note_id, self.new_text = note_id, text
        self.old_text = ""

    def do(self) -> None:
        self.old_text = self.service.edit_note(note_id=self.note_id, text=self.new_text).before.text

    def undo_change(self) -> None:
        self.service.edit_note(note_id=self.note_id, text=self.old_text)


class DeleteNote(ServiceCommand):
    def __init__(self, service: AnnotationService, note_id: int) -> None:
        super().__init__(service, "Delete note")
        self.note_id = note_id
        self.note: Note | None = None
        self.cid = ""

    def do(self) -> None:
        change = self.service.delete_note(note_id=self.note_id)
        self.note, self.cid = change.before, next(iter(change.commitment_ids))

    def undo_change(self) -> None:
        assert self.note is not None
        self.service.restore_note(commitment_id=self.cid, note=self.note)


class AddTalkingPoint(ServiceCommand):
    """Add a point (last); undo deletes it, redo puts the very point back in its place."""

    def __init__(self, service: AnnotationService, cid: str, text: str) -> None:
        super().__init__(service, "Add talking point")
        self.cid, self.new_text = cid, text
        self.added: PointAt | None = None

    def do(self) -> None:
        added = self.service.add_talking_point(commitment_id=self.cid, text=self.new_text)
        self.added = added.after

    def redo_again(self) -> None:
        assert self.added is not None
        self.service.restore_talking_point(commitment_id=self.cid, point=self.added.point,
                                           position=self.added.position)

    def undo_change(self) -> None:
        assert self.added is not None
        self.service.delete_talking_point(point_id=self.added.point.id)


class EditTalkingPoint(ServiceCommand):
    def __init__(self, service: AnnotationService, point_id: int, text: str) -> None:
        super().__init__(service, "Edit talking point")
        self.point_id, self.new_text = point_id, text
        self.old_text = ""

    def do(self) -> None:
        change = self.service.edit_talking_point(point_id=self.point_id, text=self.new_text)
        self.old_text = change.before.point.text
        if change.before == change.after:  # the same text again: nothing to undo
            self.setObsolete(True)

    def undo_change(self) -> None:
        self.service.edit_talking_point(point_id=self.point_id, text=self.old_text)


class MoveTalkingPoint(ServiceCommand):
    def __init__(self, service: AnnotationService, point_id: int, position: int) -> None:
        super().__init__(service, "Move talking point")
        self.point_id, self.position = point_id, position
        self.old_position = 0

    def do(self) -> None:
        change = self.service.move_talking_point(point_id=self.point_id, position=self.position)
        self.old_position = change.before.position
        if change.before == change.after:  # already first or last
            self.setObsolete(True)

    def undo_change(self) -> None:
        self.service.move_talking_point(point_id=self.point_id, position=self.old_position)


class DeleteTalkingPoint(ServiceCommand):
    def __init__(self, service: AnnotationService, point_id: int) -> None:
        super().__init__(service, "Delete talking point")
        self.point_id = point_id
        self.deleted: PointAt | None = None
        self.cid = ""

    def do(self) -> None:
        change = self.service.delete_talking_point(point_id=self.point_id)
        self.deleted, self.cid = change.before, next(iter(change.commitment_ids))

    def undo_change(self) -> None:
        assert self.deleted is not None
        self.service.restore_talking_point(commitment_id=self.cid, point=self.deleted.point,
                                           position=self.deleted.position)


class ChangeTags(ServiceCommand):
    """Add and remove tags as a change (never overwriting tags added elsewhere meanwhile)."""

    def __init__(
        self, service: AnnotationService, cid: str, add: list[str], remove: list[str]
    ) -> None:
        super().__init__(service, "Change tags")
        self.cid, self.add, self.remove = cid, add, remove
        self.added: list[str] = []
        self.removed: list[str] = []

    def do(self) -> None:
        change = self.service.change_tags(commitment_id=self.cid, add=self.add, remove=self.remove)
        before = {t.casefold(): t for t in change.before}
        after = {t.casefold(): t for t in change.after}
        self.added = [t for k, t in after.items() if k not in before]
        self.removed = [t for k, t in before.items() if k not in after]

    def undo_change(self) -> None:
        self.service.change_tags(commitment_id=self.cid, add=self.removed, remove=self.added)


class SetValue(ServiceCommand):
    """Follow-up date or star: set a value, undo by setting the one before (tags are
    changed by ChangeTags, as additions and removals)."""

    LABELS: ClassVar[dict[str, str]] = {
        "follow_up": "Set follow-up date",
        "starred": "Change star",
    }

    def __init__(self, service: AnnotationService, cid: str, field: str,
                 value: date | bool | None) -> None:
        super().__init__(service, self.LABELS[field])
        self.cid, self.field, self.value = cid, field, value
        self.before: date | bool | None = None

    def _set(self, value: date | bool | None) -> date | bool | None:
        if self.field == "starred":
            change = self.service.set_starred(commitment_id=self.cid, starred=bool(value))
        else:
            day = value if isinstance(value, date) else None
            change = self.service.set_follow_up(commitment_id=self.cid, follow_up=day)
        before: date | bool | None = change.before
        return before

    def do(self) -> None:
        self.before = self._set(self.value)

    def undo_change(self) -> None:
        self._set(self.before)

    def id(self) -> int:
        return FOLLOW_UP_ID if self.field == "follow_up" else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetValue) or other.cid != self.cid or other.errors:
            return False
        self.value = other.value  # keep our "before": one undo returns to the first date
        return True


class WholeNotesCommand(ServiceCommand):
    """An operation on the notes as a whole, undone by copies: ``do`` leaves ``before``, the
    backup it made of the notes it changed; undo restores that and keeps ``after``, the copy
    the undo made of the changed notes, which redo restores (each step itself backed up)."""

    def __init__(self, service: AnnotationService, text: str) -> None:
        super().__init__(service, text)
        self.before: Path | None = None
        self.after: Path | None = None

    def undo_change(self) -> None:
        from jcct_desktop.store.notes import recovery

        assert self.before is not None
        self.after = recovery.restore(self.before, self.service, reason="undo")

    def redo_again(self) -> None:
        from jcct_desktop.store.notes import recovery

        assert self.after is not None
        self.before = recovery.restore(self.after, self.service, reason="redo")


class ImportNotes(WholeNotesCommand):
    """Merge validated annotations; undo puts back the copy made just before the merge."""

    def __init__(
        self, service: AnnotationService, incoming: list[Annotation], source: str,
        merged: ImportResult | None = None,
    ) -> None:
        """``merged``: the merge already made (on a worker, ``backup_actions``); pushing the
        command then only records it for undo."""
        super().__init__(service, f"Import {source}")
        self.incoming, self.source, self.merged = incoming, source, merged
        self.changed = 0

    def do(self) -> None:
        from jcct_desktop.store.notes import operations

        result = self.merged or operations.merge_validated(self.service, self.incoming,
                                                           self.source)
        self.merged = None  # a redo after an undo restores the copy (redo_again), never this
        self.before, self.changed = result.backup, len(result.change.commitment_ids)


class RestoreBackup(WholeNotesCommand):
    """Replace the notes with a backup; undo puts back the copy the restore made of the notes
    it replaced, so the edits below it on the stack apply to the notes they were made on."""

    def __init__(self, service: AnnotationService, backup: Path, label: str,
                 restored: RestoreResult | None = None) -> None:
        """``restored``: the restore already made (on a worker, ``backup_actions``)."""
        super().__init__(service, f"Restore {label}")
        self.backup = backup
        self.result: RestoreResult | None = restored

    def do(self) -> None:
        from jcct_desktop.store.notes import operations

        if self.result is None:
            self.result = operations.restore_notes(self.service.data_dir, self.backup,
                                                   service=self.service)
        self.before = self.result.before
