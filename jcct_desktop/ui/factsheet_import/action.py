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
    # The window holds one catalog for its lifetime; the imported meeting joins the tree,
    # search and exports at the next start (the command line sees it at once).
    window.statusBar().showMessage(
        f"Meeting saved to {dialog.saved_path}; it appears in the tree when JCCT Desktop "
        "next starts.", 15000)  # fmt: skip
    return True
