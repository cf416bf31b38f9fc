"""The follow-up date: reads "None" while no follow-up is set, never a greyed-out today.

A typed date is taken whole (``ui.date_edit``); ticking the check box starts the date at today.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from jcct_desktop.ui.date_edit import DateEdit

NONE_TEXT = "None"


class FollowUpEdit(DateEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpEdit")
        self.setAccessibleName("Follow-up date")
        self.show_day(None)

    def show_day(self, day: date | None) -> None:
        """Show a follow-up (or "None"), without telling anyone it changed."""
        blocked = self.blockSignals(True)
        self.setEnabled(day is not None)
        if day is None:
            self.revert()
            self.setText(NONE_TEXT)
        else:
            self.setDate(QDate(day.year, day.month, day.day))
        self.blockSignals(blocked)

    def day(self, checked: bool) -> date | None:
        """The follow-up the check box and this edit mean together; ticked from "None": today."""
        if not checked:
            return None
        if not self.isEnabled():
            self.show_day(date.today())
        value: date = self.date().toPython()  # type: ignore[assignment]
        return value
