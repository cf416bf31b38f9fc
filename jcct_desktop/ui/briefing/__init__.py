"""Briefing packets in the app: File → Export briefing packet… (Ctrl+E) and File → Print… (Ctrl+P).

The window passed in provides ``catalog``, ``as_of()``, ``current_filter()``,
``visible_commitment_ids()`` and ``selected_commitment_id()``; optionally
``briefing_annotations()`` returning a ``core.briefing.BriefingAnnotations``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence

from jcct_desktop.ui.briefing.dialog import BriefingDialog
from jcct_desktop.ui.briefing.printing import Printing

__all__ = ["BriefingDialog", "Printing", "actions", "export_packet", "print_packet"]


def export_packet(window: Any, settings: QSettings | None = None,
                  only: str | None = None) -> BriefingDialog:
    """Open the export dialog (non-modal, so the window stays usable while it builds);
    ``only``: a commitment id, for a packet of just that commitment."""
    dialog = BriefingDialog(window, settings, only)
    dialog.show()
    return dialog


def print_packet(window: Any, settings: QSettings | None = None,
                 only: str | None = None) -> BriefingDialog | None:
    """Print the packet with the last choices: builds it off the GUI thread, then asks."""
    if not Printing.printers_available():
        from jcct_desktop.ui.briefing.printing import NO_PRINTER

        Printing.tell(window, NO_PRINTER)
        return None
    # The dialog is never shown: it builds the packet and asks for a printer, then goes, whether
    # printing happened, was cancelled or failed (a failure is told, not left in a hidden label).
    dialog = BriefingDialog(window, settings, only)
    dialog.printed.connect(dialog.deleteLater)
    dialog.failed.connect(lambda message: BriefingDialog.warn(window, message))
    dialog.failed.connect(dialog.deleteLater)
    dialog.print_()
    return dialog


def actions(window: Any) -> list[QAction]:
    """The two File-menu actions, with their shortcuts, for the main window to add."""
    export = QAction("Export briefing packet…", window)
    export.setShortcut(QKeySequence("Ctrl+E"))
    export.triggered.connect(lambda: export_packet(window))
    print_ = QAction("Print…", window)
    print_.setShortcut(QKeySequence.StandardKey.Print)
    print_.triggered.connect(lambda: print_packet(window))
    return [export, print_]
