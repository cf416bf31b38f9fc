"""File → Import fact sheet…: open the importer; after a save, say where the meeting went."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jcct_desktop.ui.main_window import MainWindow


NO_FOLDER = "This window has no data folder to keep imported meetings in."


def import_factsheet(window: MainWindow) -> bool:
    from jcct_desktop.ui.factsheet_import.dialog import ImportFactSheetDialog

    if window.data_dir is None:
        window.statusBar().showMessage(NO_FOLDER, 15000)
        return False
    dialog = ImportFactSheetDialog(window.catalog, window.data_dir, parent=window)
    if not dialog.exec() or dialog.saved_path is None:
        return False
    from jcct_desktop.store.reference.imported_meetings import open_with_imports

    # the same reference data the window would open with, bundled and imported merged
    reference = open_with_imports(window.data_dir)  # the folder the dialog saved into
    window.set_reference(reference.catalog, reference.search)
    window.statusBar().showMessage(
        f"Meeting saved to {dialog.saved_path}; it is in the tree now.", 15000)
    return True


class RemoveMeetingAsk:
    """The two questions File → Remove imported meeting… asks (tests replace them)."""

    @classmethod
    def choose(cls, window: MainWindow, labels: list[str]) -> int | None:
        from PySide6.QtWidgets import QInputDialog

        label, ok = QInputDialog.getItem(window, "Remove imported meeting",
                                         "Meeting to remove:", labels, 0, False)  # fmt: skip
        return labels.index(label) if ok and label in labels else None

    @classmethod
    def confirm(cls, window: MainWindow, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(window, "Remove imported meeting", text)
        return answer == QMessageBox.StandardButton.Yes


def remove_imported_meeting(window: MainWindow) -> bool:
    """File → Remove imported meeting…: the same operation as ``jcct-desktop meetings remove``
    (notes backed up first and kept); the window then shows the meetings left."""
    from PySide6.QtWidgets import QMessageBox

    from jcct_desktop.factsheet_import.meeting_removal import Removal, remove_meeting, sheet_kinds
    from jcct_desktop.factsheet_import.source import ImportError_
    from jcct_desktop.store.reference.imported_meetings import imported_docs, open_with_imports
    from jcct_desktop.store.reference.reader import open_reference

    if window.data_dir is None:
        window.statusBar().showMessage(NO_FOLDER, 15000)
        return False
    data_dir = window.data_dir
    bundled = open_reference().catalog
    bundled_ids = {m.id for m in bundled.meetings}
    # a bundled meeting is offered only for the fact sheet imported for it
    sheets = {mid: " and ".join(sheet_kinds(d)) for d in imported_docs(data_dir)
              if (mid := str(d["meeting"]["id"])) in bundled_ids}  # id: "joint"
    imported = [m for m in window.catalog.meetings if m.id not in bundled_ids or m.id in sheets]
    if not imported:
        QMessageBox.information(window, "Remove imported meeting",
                                "No meeting has been imported; the bundled meeting stays.")
        return False
    names = [f"{m.label} ({m.id})" if m.id not in sheets
             else f"The {sheets[m.id]} fact sheet imported for the {m.label} ({m.id})"
             for m in imported]
    which = RemoveMeetingAsk.choose(window, names)
    if which is None:
        return False
    meeting = imported[which]
    what = (f"the {sheets[meeting.id]} fact sheet imported for the {meeting.label} "
            "(the bundled meeting stays)"
            if meeting.id in sheets else f"the {meeting.label}")
    if not RemoveMeetingAsk.confirm(window, (
        f"Remove {what}? Your notes are backed up first; notes on its "
        "commitments are kept and come back if it is imported again.")):
        return False
    from jcct_desktop.ui.long_work import run_with_progress

    def work(_progress: object) -> Removal | str:
        try:  # backs up the notes, then rebuilds the meetings database: on a worker
            return remove_meeting(meeting.id, bundled, data_dir)
        except ImportError_ as exc:
            return f"Not removed: {exc}"

    outcome = run_with_progress(window, "Remove imported meeting",
                                f"Removing the {meeting.label}…", work, cancellable=False)
    done = outcome.result
    if not isinstance(done, Removal):
        QMessageBox.warning(window, "Remove imported meeting",
                            done or f"Not removed: {outcome.error}")
        return False
    reference = open_with_imports(data_dir)
    window.set_reference(reference.catalog, reference.search)
    window.statusBar().showMessage(
        f"Removed {what}; its document is kept in {done.kept_as}.", 15000)
    return True
