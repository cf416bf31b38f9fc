"""The follow-up date: reads "None" while no follow-up is set, never a greyed-out today.

A typed date is taken whole (``ui.date_edit``). The field stays editable with no follow-up set:
a date typed (or picked) there sets the follow-up, so typing is never lost; ticking the check
box starts the date at today.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from jcct_desktop.core import dates
from jcct_desktop.ui.date_edit import DateEdit

NONE_TEXT = "None"
NONE_HINT = "No follow-up: type a date like 2012-01-15 and press Enter to set one"
SET_HINT = "Type a date like 2012-01-15 and press Enter"


class FollowUpEdit(DateEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpEdit")
        self.setAccessibleName("Follow-up date")
        self.has_day = False  # False: "None" shown, no follow-up set
        self.show_day(None)

    def show_day(self, day: date | None) -> None:
        """Show a follow-up (or "None"), without telling anyone it changed."""
        blocked = self.blockSignals(True)
        if day is None:
            self.has_day = False
            self.revert()
        else:
            self.setDate(QDate(day.year, day.month, day.day))
        self.blockSignals(blocked)

    def setDate(self, value: QDate) -> None:
        """A date set while "None" showed is news even if it equals the hidden one."""
        fresh, before = not self.has_day, self.date()
        self.has_day = True
        self.setToolTip(SET_HINT)
        super().setDate(value)
        if fresh and before == value and not self.signalsBlocked():
            self.dateChanged.emit(QDate(value))

    def commit(self) -> bool:
        if not self.has_day and self.text().strip() in ("", NONE_TEXT):
            self.revert()  # nothing typed: still no follow-up, and no complaint
            return True
        return super().commit()

    def revert(self) -> None:
        super().revert()
        if not self.has_day:
            self.setText(NONE_TEXT)
            self.setToolTip(NONE_HINT)

    def follow_up(self, checked: bool) -> date | None:
        """The follow-up the check box and this edit mean together; ticked from "None": today."""
        if not checked:
            return None
        if not self.has_day:
            self.show_day(dates.today())
        value: date = self.date().toPython()  # type: ignore[assignment]
        return value
