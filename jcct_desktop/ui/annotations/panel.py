"""The annotation panel for one commitment: assessment, notes, tags, follow-up, star, history.

Edits become undo commands that call the service; the panel redraws only when the service's
notifier says its commitment changed (it never polls and never redraws after a rollback).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jcct_desktop.core.annotations.authors import note_author
from jcct_desktop.core.annotations.model import Annotation, Change, assessment_records
from jcct_desktop.core.annotations.service import AnnotationService
from jcct_desktop.ui.annotations import commands as cmd
from jcct_desktop.ui.annotations import note_list
from jcct_desktop.ui.annotations.assessment_form import AssessmentForm
from jcct_desktop.ui.annotations.follow_up import FollowUpEdit
from jcct_desktop.ui.annotations.note_list import NOTE_ID
from jcct_desktop.ui.annotations.parts import (
    EXCERPT,
    Quiet,
    TagCompleter,
    excerpt_notice,
    group_box,
    history_item,
    parse_tags,
    plain_label,
    too_long_to_edit,
)

READ_ONLY_TEXT = (
    "Read-only: your notes folder cannot be written, so notes are shown but cannot be "
    "changed. Ask IT to make the folder writable, then restart JCCT Desktop."
)


class AnnotationPanel(QWidget):
    changed_elsewhere = Signal(object)  # carries a Change; queued if sent from another thread

    def __init__(
        self,
        service: AnnotationService,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        milestone_labels: Callable[[str], Sequence[str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.undo_stack = service, undo_stack
        # the commitment's milestone labels (from the catalog, which the service cannot see)
        self.milestone_labels = milestone_labels or (lambda _cid: ())
        self.commitment_id: str | None = None
        self.annotation: Annotation | None = None
        self._build()
        self.changed_elsewhere.connect(self._on_change)
        unsubscribe = service.notifier.subscribe(self.changed_elsewhere.emit)
        self.destroyed.connect(lambda *_: unsubscribe())
        self.set_commitment(None)
        if service.read_only:
            self._lock_for_reading()

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = plain_label()
        self.star = QCheckBox("Include in my briefing")
        self.assessment = AssessmentForm()
        form = self.assessment  # the names older code and tests use
        self.status_combo, self.current_status = form.status_combo, form.current_status
        self.evidence, self.record = form.evidence, form.record
        self.message = plain_label()
        self.message.setObjectName("annotationMessage")
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("Tags, separated by commas")
        self.completer = TagCompleter(self.tags)
        self.tags.setCompleter(self.completer)
        self.follow_check = QCheckBox("Follow up on")
        self.follow_date = FollowUpEdit()
        self.notes = QListWidget()
        note_list.set_up(self.notes)
        self.note_editor = QPlainTextEdit()
        self.note_editor.setPlaceholderText("Write a note (plain text)")
        self.add_button = QPushButton("Add note")
        self.save_button = QPushButton("Save note")
        self.delete_button = QPushButton("Delete note")
        self.history = QListWidget()
        note_list.set_up(self.history, "History")  # wrapped like the notes, never cut off

        assess = QVBoxLayout()
        assess.addWidget(self.assessment)
        follow = QHBoxLayout()
        follow.addWidget(self.follow_check)
        follow.addWidget(self.follow_date)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.star)
        layout.addWidget(group_box("Assessment", assess))
        layout.addWidget(self.message)
        details = QFormLayout()  # labelled: a bare line of tags reads as any words
        details.addRow("Tags:", self.tags)
        details.addRow(follow)
        layout.addLayout(details)
        notes = QVBoxLayout()
        notes.addWidget(self.notes, 3)  # reading notes matters more than the blank editor
        notes.addWidget(self.note_editor, 1)
        notes.addLayout(buttons)
        layout.addWidget(group_box("Notes", notes))
        history = QVBoxLayout()
        history.addWidget(self.history)
        layout.addWidget(group_box("History", history))

        self.star.toggled.connect(self._star_toggled)
        self.assessment.record_requested.connect(self._record_assessment)
        self.tags.editingFinished.connect(self._tags_edited)
        self.follow_check.toggled.connect(self._follow_up_edited)
        self.follow_date.dateChanged.connect(self._follow_up_edited)
        self.notes.currentItemChanged.connect(self._note_selected)
        self.add_button.clicked.connect(self._add_note)
        self.save_button.clicked.connect(self._save_note)
        self.delete_button.clicked.connect(self._delete_note)

    # -- showing ----------------------------------------------------------------------------
    def set_commitment(self, commitment_id: str | None) -> None:
        self.commitment_id = commitment_id
        self.note_editor.clear()
        self.assessment.reset(date.today())
        self.assessment.set_milestones(self.milestone_labels(commitment_id) if commitment_id
                                       else ())
        self.message.clear()
        self.refresh()

    def refresh(self) -> None:
        cid = self.commitment_id
        self.setEnabled(cid is not None)
        a = self.service.get(cid) if cid else Annotation("")
        self.annotation = a
        self.completer.set_tags(self.service.all_tags())
        self.title.setText(cid or "No commitment selected")
        self.current_status.setText(a.status.label + (f" — {a.evidence}" if a.evidence else ""))
        with Quiet(self.star, self.status_combo, self.follow_check, self.follow_date, self.notes):
            self.star.setChecked(a.starred)
            self.status_combo.setCurrentIndex(self.status_combo.findData(a.status.value))
            if not self.tags.hasFocus():
                self.tags.setText(", ".join(a.tags))
            self.follow_check.setChecked(a.follow_up is not None)
            self.follow_date.show_day(a.follow_up)
            self._fill_notes(a)
        self.assessment.show_records(assessment_records(a))
        self.history.clear()
        for entry in reversed(a.history):  # newest first
            self.history.addItem(history_item(entry))
        self._update_buttons()

    def _fill_notes(self, a: Annotation) -> None:
        selected = self.selected_note_id()
        self.notes.clear()
        for note in a.notes:
            item = note_list.note_item(note, note_author(a, note))  # who wrote it
            self.notes.addItem(item)
            if note.id == selected:
                self.notes.setCurrentItem(item)

    def _on_change(self, change: Change) -> None:
        bulk = change.event in {"annotations_imported", "annotations_replaced"}
        if bulk or (self.commitment_id in change.commitment_ids):
            self.refresh()
        elif change.event == "tags_changed":
            self.completer.set_tags(self.service.all_tags())

    def selected_note_id(self) -> int | None:
        item = self.notes.currentItem()
        return int(item.data(NOTE_ID)) if item is not None else None

    def _lock_for_reading(self) -> None:
        """Notes from a read-only folder: readable and scrollable, every editor disabled."""
        for kind in (QLineEdit, QPlainTextEdit, QCheckBox, QComboBox, QPushButton, QDateEdit):
            for widget in self.findChildren(kind):
                widget.setEnabled(False)
        self.read_only_banner = plain_label(READ_ONLY_TEXT)
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setStyleSheet(
            "QLabel#readOnlyBanner { background: #fff4d6; border: 1px solid #e69f00;"
            " padding: 4px; }"
        )
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.read_only_banner)

    def _update_buttons(self) -> None:
        if self.service.read_only:
            return
        has_note = self.selected_note_id() is not None
        editable = not self.note_editor.isReadOnly()
        self.save_button.setEnabled(has_note and editable)
        self.add_button.setEnabled(editable)
        self.delete_button.setEnabled(has_note)

    # -- edits ------------------------------------------------------------------------------
    def _push(self, command: cmd.ServiceCommand) -> bool:
        error = cmd.push(self.undo_stack, command)
        self.message.setText(f"Not saved: {error}" if error else "")
        return error is None

    def _record_assessment(self, fields: dict[str, Any]) -> None:
        if not self.commitment_id:
            return
        if not fields["evidence"].strip():
            self.message.setText(
                "Add evidence (a short note or source reference) to change the assessment."
            )
            return
        if self._push(cmd.RecordAssessment(self.service, self.commitment_id, **fields)):
            self.assessment.reset(date.today())

    def _star_toggled(self, checked: bool) -> None:
        if self.commitment_id:
            self._push(cmd.SetValue(self.service, self.commitment_id, "starred", checked))

    def _tags_edited(self) -> None:
        if not self.commitment_id or self.annotation is None:
            return
        typed = {t.casefold(): t for t in parse_tags(self.tags.text())}
        shown = {t.casefold(): t for t in self.annotation.tags}
        add = [t for k, t in typed.items() if k not in shown]
        remove = [t for k, t in shown.items() if k not in typed]
        if add or remove:  # only what the officer changed: tags added elsewhere stay
            self._push(cmd.ChangeTags(self.service, self.commitment_id, add, remove))

    def _follow_up_edited(self, *_: object) -> None:
        if not self.commitment_id:
            return
        value = self.follow_date.day(self.follow_check.isChecked())
        self.follow_date.show_day(value)
        self._push(cmd.SetValue(self.service, self.commitment_id, "follow_up", value))

    def _note_selected(self, *_: object) -> None:
        note_id = self.selected_note_id()
        notes = self.annotation.notes if self.annotation else ()
        note = next((n for n in notes if n.id == note_id), None)
        excerpt = note is not None and too_long_to_edit(note.text)
        if self.note_editor.isReadOnly() and note is None:
            self.note_editor.clear()  # never let an excerpt become a new note
        self.note_editor.setReadOnly(excerpt)
        if note is not None:
            self.note_editor.setPlainText(note.text[:EXCERPT] if excerpt else note.text)
            self.message.setText(excerpt_notice(note.text) if excerpt else "")
        self._update_buttons()

    def _add_note(self) -> None:
        text = self.note_editor.toPlainText()
        if not self.commitment_id or not text.strip():
            self.message.setText("Write the note first.")
            return
        if self._push(cmd.AddNote(self.service, self.commitment_id, text)):
            self.notes.setCurrentRow(-1)
            self.note_editor.clear()

    def _save_note(self) -> None:
        note_id = self.selected_note_id()
        text = self.note_editor.toPlainText()
        if note_id is not None and text.strip():
            self._push(cmd.EditNote(self.service, note_id, text))

    def _delete_note(self) -> None:
        note_id = self.selected_note_id()
        if note_id is not None and self._push(cmd.DeleteNote(self.service, note_id)):
            self.note_editor.clear()
