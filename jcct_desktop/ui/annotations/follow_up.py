"""The follow-up date: reads "None" while no follow-up is set, never a greyed-out today.

The edit's minimum date stands for "no date" and shows the special text; ticking the check box
starts the date at today.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from jcct_desktop.ui.annotations.date_edit import IsoDateEdit

NONE_TEXT = "None"
NO_DAY = QDate(2000, 1, 1)  # shown as NONE_TEXT; no follow-up is ever due before the data


class FollowUpEdit(IsoDateEdit):  # a typed ISO date is taken whole here too
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumDate(NO_DAY)
        self.setSpecialValueText(NONE_TEXT)
        self.setAccessibleName("Follow-up date")
        self.show_day(None)

    def show_day(self, day: date | None) -> None:
        """Show a follow-up (or "None"), without telling anyone it changed."""
        blocked = self.blockSignals(True)
        self.setEnabled(day is not None)
        self.setDate(QDate(day.year, day.month, day.day) if day else NO_DAY)
        self.blockSignals(blocked)

    def day(self, checked: bool) -> date | None:
        """The follow-up the check box and this edit mean together; ticked from "None": today."""
        if not checked:
            return None
        if self.date() <= NO_DAY:
            self.show_day(date.today())
        value: date = self.date().toPython()  # type: ignore[assignment]
        return value
