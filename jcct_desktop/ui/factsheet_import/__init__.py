"""File → Import fact sheet…: the source beside its drafts, reviewed, saved only on accept."""

from jcct_desktop.ui.factsheet_import.dialog import FactSheetChooser, ImportFactSheetDialog

__all__ = ["FactSheetChooser", "ImportFactSheetDialog"]
