"""A date edit that takes a typed ISO date whole.

A plain QDateEdit, after Ctrl+A, puts "2012-01-15" into its sections one by one: the year is
typed into whatever section was current and the dash after a completed section skips one more,
so the old year (or month) stays. Here, typing over the whole text starts at the year, and a
dash right after a section filled itself (and moved on) is taken as that same move.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget


class IsoDateEdit(QDateEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        self._advanced = False  # the last digit completed a section and moved to the next

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text, line = event.text(), self.lineEdit()
        if text.isdigit() and line.hasSelectedText() and line.selectedText() == line.text():
            self.setSelectedSection(QDateTimeEdit.Section.YearSection)
        if text == "-" and self._advanced:
            self._advanced = False
            event.accept()
            return
        before = self.currentSection()
        super().keyPressEvent(event)
        self._advanced = text.isdigit() and self.currentSection() != before

    def day(self) -> date:
        value: date = self.date().toPython()  # type: ignore[assignment]
        return value

    def set_day(self, day: date) -> None:
        self.setDate(QDate(day.year, day.month, day.day))
