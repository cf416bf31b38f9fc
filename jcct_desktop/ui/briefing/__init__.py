"""Briefing packets in the app: File → Export briefing packet… (Ctrl+E) and File → Print… (Ctrl+P).

The window passed in is a ``host.BriefingHost`` (catalog, settings, as-of date, filter,
visible and selected commitments); optionally ``host.HasNotes`` for the officer's notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from jcct_desktop.ui.briefing.dialog import BriefingDialog
from jcct_desktop.ui.briefing.printing import Printing

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
    return dialog

