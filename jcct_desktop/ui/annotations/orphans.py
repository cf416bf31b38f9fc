"""Notes on commitments that are no longer in the bundled data: listed, never deleted.

A newer reference database may drop or rename a commitment; the officer's notes on it stay in
the annotation database and are shown here as plain text (ids, assessment, tags, notes).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jcct_desktop.core.annotations import Annotation, Assessment
from jcct_desktop.core.counts import plural
from jcct_desktop.core.dates import iso_minutes
from jcct_desktop.ui import screen_fit
from jcct_desktop.ui.annotations.parts import plain_label

TITLE = "Notes on commitments no longer in the data"


def action_text(count: int) -> str:
    return f"{TITLE} ({count})…"


def orphan_text(orphans: Sequence[Annotation]) -> str:
    """Everything kept about each orphan, as plain text a person can read and copy."""
    blocks = []
    for a in orphans:
        lines = [a.commitment_id]
        if a.status is not Assessment.NOT_ASSESSED:
            evidence = f" — {a.evidence}" if a.evidence else ""
            lines.append(f"  Assessment: {a.status.label}{evidence}")
        if a.starred:
            lines.append("  Starred")
        if a.tags:
            lines.append("  Tags: " + ", ".join(a.tags))
        if a.follow_up:
            lines.append(f"  Follow up on {a.follow_up.isoformat()}")
        for note in a.notes:
            stamp = iso_minutes(note.created.astimezone())
            body = "\n    ".join(note.text.splitlines() or [""])
            lines.append(f"  Note ({stamp}):\n    {body}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


class OrphanDialog(QDialog):
    """Read-only, non-modal, selectable: the officer can copy a note to where it now belongs."""

    def __init__(self, orphans: Sequence[Annotation], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setObjectName("orphanDialog")
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)  # plain text widget: nothing typed is read as markup
        self.text.setPlainText(orphan_text(orphans))
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(
            f"{plural(len(orphans), 'commitment')} you kept notes on "
            f"{'is' if len(orphans) == 1 else 'are'} not in the bundled data any more. "
            "Your notes on them are kept in your notes database and in exports.", self))
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(screen_fit.fitted_size(self, QSize(640, 420), share=0.95))
        screen_fit.fit_on_show(self)
