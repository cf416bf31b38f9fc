"""Briefing packets in the app: File → Export briefing packet… (Ctrl+E) and File → Print… (Ctrl+P).

The window passed in is a ``host.BriefingHost`` (catalog, settings, as-of date, filter,
visible and selected commitments); optionally ``host.HasNotes`` for the officer's notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QProgressDialog, QWidget

from jcct_desktop.ui.briefing.dialog import BriefingDialog
from jcct_desktop.ui.briefing.printing import Printing
from jcct_desktop.ui.long_work import SHOW_AFTER_MS

if TYPE_CHECKING:
    from jcct_desktop.ui.briefing.host import BriefingHost

__all__ = ["BriefingDialog", "Printing", "export_packet", "print_packet"]


def export_packet(window: BriefingHost, settings: QSettings | None = None,
                  only: str | None = None) -> BriefingDialog:
    """Open the export dialog (non-modal, so the window stays usable while it builds);
    ``only``: a commitment id, for a packet of just that commitment."""
    dialog = BriefingDialog(window, settings, only)
    dialog.show()
    return dialog


def print_packet(window: BriefingHost, settings: QSettings | None = None,
                 only: str | None = None) -> BriefingDialog | None:
    """Print the packet with the last choices: builds it off the GUI thread, then asks."""
    if not Printing.printers_available():
        from jcct_desktop.ui.briefing.printing import NO_PRINTER

        Printing.tell(window if isinstance(window, QWidget) else None, NO_PRINTER)
        return None
    # The dialog is never shown: it builds the packet and asks for a printer, then goes, whether
    # printing happened, was cancelled or failed (a failure is told, not left in a hidden label).
    dialog = BriefingDialog(window, settings, only)
    dialog.printed.connect(dialog.deleteLater)
    dialog.failed.connect(lambda message: BriefingDialog.warn(dialog.parentWidget(), message))
    dialog.failed.connect(dialog.deleteLater)
    dialog.cancelled.connect(dialog.deleteLater)
    dialog.print_()
    if dialog.building:  # building: how far, and Cancel, in a dialog of their own
        progress_box(window if isinstance(window, QWidget) else None, dialog)
    return dialog


def progress_box(parent: QWidget | None, dialog: BriefingDialog) -> QProgressDialog:
    """A progress dialog with Cancel for the build of a ``dialog`` never shown (File →
    Print…), shown after ``SHOW_AFTER_MS`` as for other long work; it goes with the build."""
    box = QProgressDialog("Building the packet…", "Cancel", 0, 0, parent)
    box.setWindowTitle("Print briefing packet")
    box.setAutoClose(False)
    box.setAutoReset(False)
    box.setMinimumDuration(SHOW_AFTER_MS)
    box.setValue(0)  # starts the clock

    def moved(placed: int, total: int) -> None:
        box.setMaximum(max(total, 1))
        box.setValue(min(placed, total))
        box.setLabelText(dialog.status.text())

    def finished(*_: object) -> None:
        box.canceled.disconnect(dialog.cancel_build)  # closing a progress dialog cancels
        box.close()
        box.deleteLater()

    dialog.progressed.connect(moved)
    box.canceled.connect(dialog.cancel_build)
    dialog.built.connect(finished)
    dialog.failed.connect(finished)
    dialog.cancelled.connect(finished)
    return box

