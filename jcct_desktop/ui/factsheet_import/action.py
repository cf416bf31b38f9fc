"""File → Import fact sheet…: open the importer; after a save, say where the meeting went."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jcct_desktop.ui.main_window import MainWindow


def import_factsheet(window: MainWindow) -> bool:
    from jcct_desktop.ui.factsheet_import.dialog import ImportFactSheetDialog

    dialog = ImportFactSheetDialog(window.catalog, parent=window)
    if not dialog.exec() or dialog.saved_path is None:
        return False
    from jcct_desktop.store.imported_meetings import open_with_imports

    # the same reference data the window would open with, bundled and imported merged
    reference = open_with_imports()  # the data folder the dialog saved into
    window.set_reference(reference.catalog, reference.search)
    window.statusBar().showMessage(
        f"Meeting saved to {dialog.saved_path}; it is in the tree now.", 15000)
    return True
