"""The annotation panel for one commitment: assessment, notes, tags, follow-up, star, history.

Edits become undo commands that call the service; the panel redraws only when the service's
notifier says its commitment changed (it never polls and never redraws after a rollback).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
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

from jcct_desktop.core import dates
from jcct_desktop.core.annotations.assessments import current
from jcct_desktop.core.annotations.authors import note_author
from jcct_desktop.core.annotations.clock_check import not_in_force
from jcct_desktop.core.annotations.drafts import NEW_NOTE
from jcct_desktop.core.annotations.model import (
    Annotation,
    Assessment,
    AssessmentRecord,
    Change,
    Note,
    View,
    assessment_records,
)
from jcct_desktop.core.jurisdictions import Jurisdiction
from jcct_desktop.core.model import Milestone
from jcct_desktop.core.standing import tiles
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.ui import announce, wheel_guard
from jcct_desktop.ui.annotations import commands as cmd
from jcct_desktop.ui.annotations import note_list
from jcct_desktop.ui.annotations.assessment_form import AssessmentForm
from jcct_desktop.ui.annotations.draft_keeper import DraftKeeper
from jcct_desktop.ui.annotations.follow_up import FollowUpEdit
from jcct_desktop.ui.annotations.note_list import NOTE_ID, STAMP_ROLE, stamp
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
from jcct_desktop.ui.annotations.talking_points import TalkingPointsBox
from jcct_desktop.ui.shortcuts import SECTION_PROPERTY

NOTE_HINT = "Write a note (plain text; Ctrl+Enter adds it)"
DRAFT_RESTORED = "Unsaved draft restored: add it with Ctrl+Enter, or keep writing."
UNSAVED_MARK = " · ✎ unsaved changes"

READ_ONLY_TEXT = (
    "Read-only: your notes folder cannot be written, so notes are shown but cannot be "
    "changed. Ask IT to make the folder writable, then restart JCCT Desktop."
)
# dark brown on pale yellow (contrast about 13:1), also when the panel is disabled (no
# commitment chosen): Qt's greyed-out text on this yellow was hard to read
READ_ONLY_INK, READ_ONLY_PAPER = "#4a3300", "#fff4d6"
READ_ONLY_STYLE = (
    f"QLabel#readOnlyBanner, QLabel#readOnlyBanner:disabled {{ color: {READ_ONLY_INK};"
    f" background: {READ_ONLY_PAPER}; border: 1px solid #e69f00; padding: 4px; }}"
)


class AnnotationPanel(QWidget):
    changed_elsewhere = Signal(object)  # carries a Change; queued if sent from another thread

    def __init__(
        self,
        service: AnnotationService,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        milestone_labels: Callable[[str], Sequence[str]] | None = None,
        milestones_of: Callable[[str], Sequence[Milestone]] | None = None,
        places: Sequence[Jurisdiction] = (),
    ) -> None:
        super().__init__(parent)
        self.service, self.undo_stack = service, undo_stack
        # the commitment's milestone labels (from the catalog, which the service cannot see)
        self.milestone_labels = milestone_labels or (lambda _cid: ())
        # issue 26: the milestones kept province by province get a map (all listed places)
        self.milestones_of = milestones_of or (lambda _cid: ())
        self.places = tuple(places)
        self.commitment_id: str | None = None
        self.annotation: Annotation | None = None
        self._build()
        self.changed_elsewhere.connect(self._on_change)
        unsubscribe = service.notifier.subscribe(self.changed_elsewhere.emit)
        self.destroyed.connect(lambda *_: unsubscribe())
        self.set_commitment(None)
        self.check_clock()
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
        self.clock_banner = plain_label()  # shown while the clock is behind the notes
        self.clock_banner.setObjectName("clockBanner")
        self.clock_banner.setStyleSheet(READ_ONLY_STYLE.replace("readOnlyBanner", "clockBanner"))
        self.clock_banner.hide()
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("Tags, separated by commas")
        self.completer = TagCompleter(self.tags)
        self.tags.setCompleter(self.completer)
        self.follow_check = QCheckBox("Follow up on")
        self.follow_date = FollowUpEdit()
        self.notes = note_list.NoteList()
        note_list.set_up(self.notes)
        self.note_editor = QPlainTextEdit()
        self.note_editor.setPlaceholderText(NOTE_HINT)
        # not "Notes" like the list above it; the hint is read too, placeholder or not
        self.note_editor.setAccessibleName("Write a note")
        self.note_editor.setAccessibleDescription(NOTE_HINT)
        self.note_editor.setTabChangesFocus(True)  # Tab leaves the editor; notes need no tabs
        self.drafts = DraftKeeper(self.service, self.note_editor)
        self.commit_action = self._editor_action()
        self.add_button = QPushButton("Add note")
        self.save_button = QPushButton("Save note")
        self.delete_button = QPushButton("Delete note")
        self.new_button = QPushButton("New note")
        self.new_button.setToolTip("Stop editing this note and write a new one")
        self.talking_points = TalkingPointsBox(self.service, self._push)
        self.history = QListWidget()
        note_list.set_up(self.history, "History")  # wrapped like the notes, never cut off

        assess = QVBoxLayout()
        assess.addWidget(self.assessment)
        follow = QHBoxLayout()
        follow.addWidget(self.follow_check)
        follow.addWidget(self.follow_date)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.delete_button, self.new_button):
            buttons.addWidget(button)
        # The notes come first: writing one is the daily task, and its editor must be in view
        # at the default size without scrolling; the fuller assessment form follows.
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.clock_banner)
        layout.addWidget(self.star)
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
        layout.addWidget(self.talking_points)
        layout.addWidget(group_box("Assessment", assess))
        history = QVBoxLayout()
        history.addWidget(self.history)
        layout.addWidget(group_box("History", history))

        self.star.toggled.connect(self._star_toggled)
        self.assessment.record_requested.connect(self._record_assessment)
        self.tags.editingFinished.connect(self._tags_edited)
        self.follow_check.toggled.connect(self._follow_up_edited)
        self.follow_date.dateChanged.connect(self._follow_up_typed)
        self.follow_date.refused.connect(self.message.setText)  # the field announces it
        self.notes.currentItemChanged.connect(self._note_selected)
        self.add_button.clicked.connect(self._add_note)
        self.save_button.clicked.connect(self._save_note)
        self.delete_button.clicked.connect(self._delete_note)
        self.new_button.clicked.connect(lambda: self.notes.setCurrentRow(-1))
        self.drafts.failed.connect(self._refuse)
        wheel_guard.guard(self)  # scrolling the pane never changes View, New status, …

    def _editor_action(self) -> QAction:
        """Ctrl+Enter in the editor adds the note (or saves the one being edited)."""
        action = QAction("Add or save the note being written", self.note_editor)
        action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setProperty(SECTION_PROPERTY, "Notes")
        action.triggered.connect(self._commit_editor)
        self.note_editor.addAction(action)
        return action

    # -- showing ----------------------------------------------------------------------------
    def set_commitment(self, commitment_id: str | None) -> None:
        self.drafts.flush()  # the draft of the commitment being left, before it goes
        self.commitment_id = commitment_id
        self.assessment.reset(dates.today())
        self.assessment.set_milestones(self.milestone_labels(commitment_id) if commitment_id
                                       else ())
        self.message.clear()
        self.refresh()
        self._edit(None)

    def flush_draft(self) -> None:
        """Write what is being typed now (the window calls this when it closes)."""
        self.drafts.flush()

    def refresh(self) -> None:
        cid = self.commitment_id
        self.setEnabled(cid is not None)
        a = self.service.get(cid) if cid else Annotation("")
        self.annotation = a
        if cid is not None:  # with none, the panel is disabled: no tag to complete
            self.completer.set_tags(self.service.all_tags())
        self.title.setText(cid or "No commitment selected")
        # one milestone's assessment says so, never reads as the commitment's
        records = assessment_records(a)
        now = current(records).words if records else a.status.label
        self.current_status.setText(now + (f" — {a.evidence}" if a.evidence else ""))
        with Quiet(self.star, self.status_combo, self.follow_check, self.follow_date, self.notes):
            self.star.setChecked(a.starred)
            self.status_combo.setCurrentIndex(self.status_combo.findData(a.status.value))
            if not self.tags.hasFocus():
                self.tags.setText(", ".join(a.tags))
            self.follow_check.setChecked(a.follow_up is not None)
            self.follow_date.show_day(a.follow_up)
            self._fill_notes(a)
            self._mark_drafted_notes()
        self.talking_points.show_points(cid, a.talking_points)
        self.assessment.show_records(assessment_records(a))
        self._show_provinces(cid, records)
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
        self.notes.fit()

    def _on_change(self, change: Change) -> None:
        bulk = change.event in {"annotations_imported", "annotations_replaced"}
        if change.event == "draft_changed":
            return  # our own typing: nothing shown here changed
        if change.event == "annotations_replaced":
            # a restore or its undo replaced every note and draft: the editor shows what is
            # stored now (its old text would be written over the restored draft, or shown as a
            # draft that no longer exists and lost at quit)
            self.drafts.forget_pending()
            self.refresh()
            self._note_selected()
            return
        if bulk or (self.commitment_id in change.commitment_ids):
            self.refresh()
            if self.drafts.note_id != NEW_NOTE and self.selected_note_id() is None:
                self.drafts.forget_pending()  # the note being edited is gone
                self._edit(None)
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
        self.read_only_banner.setStyleSheet(READ_ONLY_STYLE)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.read_only_banner)

    def _update_buttons(self) -> None:
        if self.service.read_only:
            return
        """Writing a new note: Add. Editing a note: Save, Delete, or New note (never Add)."""
        editing = self.selected_note_id() is not None
        editable = not self.note_editor.isReadOnly()
        self.add_button.setVisible(not editing)
        self.add_button.setEnabled(editable and not editing)
        for button in (self.save_button, self.delete_button, self.new_button):
            button.setVisible(editing)
        self.save_button.setEnabled(editing and editable)
        self.delete_button.setEnabled(editing)

    # -- edits ------------------------------------------------------------------------------
    def check_clock(self) -> None:
        """Say so, before anything is recorded, when this computer's clock is behind the
        newest time in the notes (a clock set back: issue 19)."""
        warning = self.service.clock_warning()
        self.clock_banner.setText(f"Warning: {warning}." if warning else "")
        self.clock_banner.setVisible(warning is not None)

    def _push(self, command: cmd.ServiceCommand, done: str = "") -> bool:
        """Run an edit; ``done`` is said to a screen reader when it is saved."""
        self.check_clock()
        error = cmd.push(self.undo_stack, command)
        if error:
            self._refuse(f"Not saved: {error}")
        else:
            self.message.setText("")
            announce.polite(self, done)
        return error is None

    def _refuse(self, text: str) -> None:
        """A problem shown under the title, and said at once (it may be out of view)."""
        self.message.setText(text)
        announce.assertive(self.message, text)

    def _record_assessment(self, fields: dict[str, Any]) -> None:
        if not self.commitment_id:
            return
        if not fields["evidence"].strip():
            self._refuse(
                "Add evidence (a short note or source reference) to change the assessment."
            )
            return
        status = Assessment(fields["status"]).label.lower()
        about = f" ({fields['milestone']})" if fields.get("milestone") else ""
        view = "China's report" if fields.get("view") is View.CHINA else "Our assessment"
        done = f"{view} recorded for {self.commitment_id}: {status}{about}"
        places = fields.pop("jurisdictions", None) or []
        if places:  # issue 26: the same assessment for every province picked
            about += f" for {len(places)} province{'s' if len(places) != 1 else ''}"
            done = f"{view} recorded for {self.commitment_id}: {status}{about}"
            command: cmd.ServiceCommand = cmd.RecordForJurisdictions(
                self.service, self.commitment_id, jurisdictions=places, **fields)
        else:
            command = cmd.RecordAssessment(self.service, self.commitment_id, **fields)
        if self._push(command, done):
            self.assessment.reset(dates.today())
            if isinstance(command, cmd.RecordForJurisdictions):
                self.assessment.province_map.set_picked([])
            elif isinstance(command, cmd.RecordAssessment) and command.record is not None:
                # saved: does it stand? (not when the clock is back)
                records = assessment_records(self.service.get(self.commitment_id))
                self.message.setText(not_in_force(command.record, records) or "")

    def _show_provinces(self, cid: str | None, records: Sequence[AssessmentRecord]) -> None:
        marked = [m for m in self.milestones_of(cid) if m.jurisdictions] if cid else []
        today = dates.today()
        self.assessment.set_province_tiles(
            {m.label: tiles(m, records, today, self.places) for m in marked})

    def _star_toggled(self, checked: bool) -> None:
        if self.commitment_id:
            self._push(cmd.SetValue(self.service, self.commitment_id, "starred", checked),
                       # the words Ctrl+D puts in the status bar: said once, not twice
                       f"Starred {self.commitment_id} for your briefing" if checked
                       else f"Unstarred {self.commitment_id}")

    def _tags_edited(self) -> None:
        if not self.commitment_id or self.annotation is None:
            return
        typed = {t.casefold(): t for t in parse_tags(self.tags.text())}
        shown = {t.casefold(): t for t in self.annotation.tags}
        add = [t for k, t in typed.items() if k not in shown]
        remove = [t for k, t in shown.items() if k not in typed]
        if add or remove:  # only what the officer changed: tags added elsewhere stay
            self._push(cmd.ChangeTags(self.service, self.commitment_id, add, remove),
                       "Tags saved")

    def _follow_up_typed(self, *_: object) -> None:
        """A date typed or picked while no follow-up was set turns the follow-up on."""
        if not self.follow_check.isChecked():
            with Quiet(self.follow_check):
                self.follow_check.setChecked(True)
        self._follow_up_edited()

    def _follow_up_edited(self, *_: object) -> None:
        if not self.commitment_id:
            return
        value = self.follow_date.follow_up(self.follow_check.isChecked())
        self.follow_date.show_day(value)
        said = f"Follow up by {dates.short_day(value)}" if value else "No follow-up"
        self._push(cmd.SetValue(self.service, self.commitment_id, "follow_up", value), said)

    def _note_selected(self, *_: object) -> None:
        note_id = self.selected_note_id()
        notes = self.annotation.notes if self.annotation else ()
        self._edit(next((n for n in notes if n.id == note_id), None))

    def _edit(self, note: Note | None) -> None:
        """Show in the editor the new note being written (None) or this note, with its draft."""
        cid = self.commitment_id
        excerpt = note is not None and too_long_to_edit(note.text)
        if note is None:
            restored = self.drafts.load(cid)
        elif excerpt:  # shown, never edited: an excerpt must not become the note
            self.drafts.load(cid, note.id, note.text[:EXCERPT])
            restored = False
        else:
            restored = self.drafts.load(cid, note.id, note.text)
        self.note_editor.setReadOnly(excerpt)
        if excerpt:
            self.message.setText(excerpt_notice(note.text))  # type: ignore[union-attr]
        elif restored:
            self.message.setText(DRAFT_RESTORED if note is None else
                                 "Unsaved changes to this note restored: Ctrl+Enter saves them.")
        elif note is not None or self.message.text().startswith(("This note", "Unsaved")):
            self.message.clear()
        self._mark_drafted_notes()
        self._update_buttons()

    def _mark_drafted_notes(self) -> None:
        """Notes with unsaved changes say so above their text (select one to finish it)."""
        notes = {n.id: n for n in (self.annotation.notes if self.annotation else ())}
        drafted = self.service.drafted_notes(self.commitment_id) if self.commitment_id else set()
        for row in range(self.notes.count()):
            item = self.notes.item(row)
            note = notes.get(int(item.data(NOTE_ID)))
            if note is not None:
                mark = UNSAVED_MARK if note.id in drafted else ""
                # keep the heading the list gave it (time, and who wrote it)
                base = str(item.data(STAMP_ROLE) or stamp(note)).removesuffix(UNSAVED_MARK)
                item.setData(STAMP_ROLE, base + mark)

    def _commit_editor(self) -> None:
        if self.selected_note_id() is None:
            self._add_note()
        elif not self.note_editor.isReadOnly():
            self._save_note()

    def _add_note(self) -> None:
        text = self.note_editor.toPlainText()
        if not self.commitment_id or not text.strip():
            self._refuse("Write the note first.")
            return
        self.drafts.forget_pending()  # adding the note removes its draft, in one transaction
        if self._push(cmd.AddNote(self.service, self.commitment_id, text),
                      f"Note added to {self.commitment_id}"):
            self.notes.setCurrentRow(-1)
            self.drafts.show_text("")
        else:
            self.drafts.save()  # not added: keep the text as a draft

    def _save_note(self) -> None:
        note_id = self.selected_note_id()
        text = self.note_editor.toPlainText()
        if note_id is None or not text.strip():
            return
        self.drafts.forget_pending()
        if text == self.drafts.original:  # unchanged: only the draft (if any) goes
            self.drafts.save()
        elif self._push(cmd.EditNote(self.service, note_id, text), "Note saved"):
            self.drafts.original = text
        else:
            self.drafts.save()

    def _delete_note(self) -> None:
        note_id = self.selected_note_id()
        if note_id is not None:
            self.drafts.forget_pending()
            if self._push(cmd.DeleteNote(self.service, note_id), "Note deleted"):
                self.notes.setCurrentRow(-1)
                self._edit(None)
