"""File → Export deadlines to calendar…: the commitments shown, as of the window's date.

Same engine as ``jcct-desktop export ics``, run on a worker (``ui.export_work``); the file is
private (0600) because follow-up dates and assessments are the officer's notes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import BinaryIO

from PySide6.QtWidgets import QFileDialog, QWidget

from jcct_desktop.core.annotations.model import Annotation
from jcct_desktop.core.calendar_export import entries, skipped_words, undated_count, write_ics
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.files import atomic_write
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.ui.annotations.backup_actions import Notice
from jcct_desktop.ui.export_host import ExportHost
from jcct_desktop.ui.export_work import run_export
from jcct_desktop.ui.long_work import Progress
from jcct_desktop.ui.save_folder import in_documents

CANCELLED = "Calendar export cancelled; nothing was written."


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
    """Ask for a file, then write it on a worker (``ui.export_work``): the window stays
    usable, Cancel or Esc leaves nothing written. The file written, or None."""
    path = CalendarFileChooser.ask_save(window.window())
    if path is None:
        return None
    shown = frozenset(window.visible_commitment_ids())
    service = window.notes.service
    # the notes as they are now, read here: the worker never touches the window's connection
    notes = {a.commitment_id: a for a in service.all()} if service is not None else {}
    work = calendar_work(shown, notes, window.as_of(), window.catalog, path, window.own_files)
    outcome = run_export(window.window(), "Export deadlines to calendar",
                         f"Writing {path.name}…", work)
    if outcome.cancelled:
        window.statusBar().showMessage(CANCELLED, 8000)
        return None
    if outcome.error is not None or outcome.result is None:
        Notice.show(window.window(), "Calendar not saved", outcome.error or CANCELLED,
                    warning=True)
        return None
    events, undated = outcome.result
    window.statusBar().showMessage(
        f"{events} deadline and follow-up events written to {path}{skipped_words(undated)}",
        8000)
    return path


def calendar_work(shown: frozenset[str], notes: Mapping[str, Annotation], as_of: date,
                  catalog: Catalog, path: Path,
                  own_files: OwnFiles) -> Callable[[Progress], tuple[int, int]]:
    """The export of the commitments ``shown`` as work for a worker (even choosing them takes
    a tenth of a second at 100,000): the events made, then written into the file whole or not
    at all; how many events were written, and how many undated milestones were left out."""

    def work(progress: Progress) -> tuple[int, int]:
        commitments = [c for c in catalog.commitments if c.id in shown]
        total = 2 * max(len(commitments), 1)  # making the events, then writing them
        items = entries(commitments, notes, as_of, catalog,
                        step=lambda done: progress.step(done, total))
        half = total // 2

        def write(fh: BinaryIO) -> None:
            count = max(len(items), 1)
            write_ics(items, fh, step=lambda done: progress.step(
                half + done * half // count, total))

        atomic_write(path, write, own_files=own_files)
        return len(items), undated_count(commitments)

    return work
