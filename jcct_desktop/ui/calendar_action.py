"""File → Export deadlines to calendar…: the commitments shown, as of the window's date.

Same engine as ``jcct-desktop export ics``; the file is private (0600) because follow-up dates
and assessments are the officer's notes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from jcct_desktop.core.files import OutputError, atomic_write
from jcct_desktop.ui.annotations.backup_actions import Notice
from jcct_desktop.ui.export_host import ExportHost
from jcct_desktop.ui.save_folder import in_documents


class CalendarFileChooser:
    """The save dialog (replaceable in tests); None when cancelled."""

    @classmethod
    def ask_save(cls, parent: QWidget | None) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent, "Export deadlines to calendar", in_documents("jcct-deadlines.ics"),
            "iCalendar (*.ics);;All files (*)",
        )
        return Path(name) if name else None


def export_calendar(window: ExportHost) -> Path | None:
    # icalendar: not at start-up
    from jcct_desktop.core.calendar_export import entries, skipped_words, to_ics, undated_count

    path = CalendarFileChooser.ask_save(window.window())
    if path is None:
        return None
    shown = set(window.visible_commitment_ids())
    commitments = [c for c in window.catalog.commitments if c.id in shown]
    service = window.notes.service
    notes = {a.commitment_id: a for a in service.all()} if service is not None else {}
    items = entries(commitments, notes, window.as_of(), window.catalog)
    try:
        atomic_write(path, lambda fh: fh.write(to_ics(items)), own_files=window.own_files)
    except OutputError as exc:
        Notice.show(window.window(), "Calendar not saved", str(exc), warning=True)
        return None
    window.statusBar().showMessage(
        f"{len(items)} deadline and follow-up events written to {path}"
        f"{skipped_words(undated_count(commitments))}", 8000
    )
    return path
