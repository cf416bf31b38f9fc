"""Keep what is typed in the note editor as a draft in the notes database.

Saved a moment after typing pauses (one write per pause, not per key), and at once before the
editor shows something else (another commitment, another note) or the window closes. A crash
loses at most the last DRAFT_DELAY_MS of typing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit

from jcct_desktop.core.annotations.drafts import NEW_NOTE
from jcct_desktop.store.annotations import AnnotationService

DRAFT_DELAY_MS = 300


class DraftKeeper(QObject):
    failed = Signal(str)  # a draft could not be written (full or read-only disk)

    def __init__(self, service: AnnotationService, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.service, self.editor = service, editor
        self.commitment_id: str | None = None
        self.note_id = NEW_NOTE
        self.original = ""  # the saved note's text: typing it back means "no draft"
        self._loading = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DRAFT_DELAY_MS)
        self.timer.timeout.connect(self.save)
        editor.textChanged.connect(self._typed)

    def load(self, commitment_id: str | None, note_id: int = NEW_NOTE, original: str = "") -> bool:
        """Show the draft for this note (else ``original``); True if a draft was restored."""
        self.flush()
        self.commitment_id, self.note_id, self.original = commitment_id, note_id, original
        text = self.service.draft(commitment_id, note_id) if commitment_id else ""
        self.show_text(text or original)
        return bool(text)

    def show_text(self, text: str) -> None:
        """Put text in the editor without taking it for typing."""
        self._loading = True
        try:
            self.editor.setPlainText(text)
        finally:
            self._loading = False

    def _typed(self) -> None:
        if not self._loading and self.commitment_id and not self.editor.isReadOnly():
            self.timer.start()

    def flush(self) -> None:
        """Write a pending draft now."""
        if self.timer.isActive():
            self.save()

    def forget_pending(self) -> None:
        """The text was just added or saved as a note: nothing left to keep."""
        self.timer.stop()

    def save(self) -> None:
        self.timer.stop()
        if not self.commitment_id:
            return
        text = self.editor.toPlainText()
        if self.note_id != NEW_NOTE and text == self.original:
            text = ""  # back to the saved note: no draft
        try:
            self.service.save_draft(commitment_id=self.commitment_id, text=text,
                                    note_id=self.note_id)
        except Exception as exc:  # the editor keeps the text; say why it is not kept
            self.failed.emit(f"Draft not saved: {exc}")
