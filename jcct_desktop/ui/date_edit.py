"""The one date field of the app, taking a typed date whole: the As of date, follow-up dates,
an assessment's effective date, the packet's as-of date.

QDateEdit edits a date section by section, so Ctrl+A then ``2012-01-15`` kept the old year.
Here the text is free until Enter (or leaving the field): it is then read whole, as an ISO date
(``2012-01-15``, also with ``/`` or ``.``, or ``20120115``) or as the locale's short date
(``1/15/12``). A date
that does not exist (2012-02-30) is refused: the field turns red, its tooltip says why, the
text stays for correcting, and the date in force does not change. Escape puts the last date
back. Up/Down step a day, Page Up/Down a month; the calendar button or Alt+Down opens a calendar.
"""

from __future__ import annotations

import calendar
import datetime
import re
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QWidget

from jcct_desktop.core.dates import month_name
from jcct_desktop.ui import announce
from jcct_desktop.ui.graphics import bundled_icon

ISO = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|(\d{2})(\d{2}))\s*$")
DISPLAY = "yyyy-MM-dd"
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
INVALID_STYLE = "QLineEdit { border: 2px solid #d55e00; background: #fff4ef; }"


def parse_date(text: str, locale: QLocale | None = None) -> date:
    """The date typed, whole; ValueError with a sentence for the officer if there is none."""
    typed = text.strip()
    if not typed:
        raise ValueError("Type a date like 2012-01-15.")
    iso = ISO.match(typed)
    if iso:
        year, month, day = (int(part) for part in iso.groups() if part is not None)
        return _checked(year, month, day, typed)
    short = _locale_date(typed, locale or QLocale())
    if short is None:
        raise ValueError(f"“{typed}” is not a date: type it like 2012-01-15.")
    return _checked(*short, typed)


def _checked(year: int, month: int, day: int, typed: str) -> date:
    if not 1 <= month <= 12:
        raise ValueError(f"“{typed}” is not a date: there is no month {month}.")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        name = month_name(month)
        raise ValueError(f"“{typed}” is not a date: {name} {year} has {last} days.")
    value = date(year, month, day)
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"“{typed}” is out of range: give a date between "
                         f"{EARLIEST.year} and {LATEST.year}.")
    return value


def _locale_date(text: str, locale: QLocale) -> tuple[int, int, int] | None:
    """(year, month, day) in the locale's short format, read as numbers so that 2/30/2012 is
    refused with a reason; a two-digit year means 20xx (the data starts in 2011)."""
    fmt = locale.dateFormat(QLocale.FormatType.ShortFormat)
    pattern, order = "", []
    for token in re.findall(r"y+|M+|d+|[^yMd]+", fmt):
        if token[0] in "yMd" and len(token) <= 4 and not (token[0] != "y" and len(token) > 2):
            pattern += r"(\d{4})" if token[0] == "y" else r"(\d{1,2})"
            order.append(token[0])
        elif token[0] in "yMd":
            return None  # month or day names: not a numeric format
        else:
            pattern += r"\s*" + re.escape(token.strip()) + r"\s*" if token.strip() else r"\s+"
    found = re.fullmatch(pattern.replace(r"(\d{4})", r"(\d{2}|\d{4})"), text)
    if found is None or sorted(order) != ["M", "d", "y"]:
        return None
    parts = dict(zip(order, (int(g) for g in found.groups()), strict=True))
    year = parts["y"] + 2000 if parts["y"] < 100 else parts["y"]
    return year, parts["M"], parts["d"]


class DateEdit(QLineEdit):
    dateChanged = Signal(QDate)
    refused = Signal(str)  # why a typed date was not taken (also in the tooltip)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date = QDate.currentDate()
        self._latest: QDate | None = None  # e.g. an effective date: never a day to come
        self.error = ""  # why the typed text was refused; "" when it is fine
        self.setText(self._date.toString(DISPLAY))
        self.calendar_action = QAction(bundled_icon("calendar.svg"), "Choose from a calendar",
                                       self)
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.editingFinished.connect(self.commit)
        self.popup: QCalendarWidget | None = None
        width = self.fontMetrics().horizontalAdvance("8888-88-888") + 48
        self.setMinimumWidth(width)
        self.setMaximumWidth(width + 40)
        self._hint = "Type a date like 2012-01-15 and press Enter"
        self.setToolTip(self._hint)

    # -- value --------------------------------------------------------------------------
    def date(self) -> QDate:
        return QDate(self._date)

    def day(self) -> datetime.date:  # (``date`` here is the method below)
        """The date in the field: the typed text when it is a date (so a form read before
        Enter or leaving the field gets what it shows), else the last date taken."""
        if self.text() != self._shown() and self.isEnabled() and not self.isReadOnly():
            self.commit()
        value: datetime.date = self._date.toPython()  # type: ignore[assignment]
        return value

    def set_day(self, day: datetime.date) -> None:
        self.setDate(QDate(day.year, day.month, day.day))

    def maximumDate(self) -> QDate | None:
        return QDate(self._latest) if self._latest is not None else None

    def setMaximumDate(self, latest: QDate) -> None:
        """Later dates are refused with a reason (and the date in force kept)."""
        self._latest = QDate(latest)
        if self._date > latest:
            self.setDate(latest)

    def setDate(self, value: QDate) -> None:
        """Set the date (emits dateChanged when it changes) and show it."""
        self._set_error("")
        self.setText(value.toString(DISPLAY))
        if value != self._date:
            self._date = QDate(value)
            self.dateChanged.emit(QDate(value))

    def setToolTip(self, text: str | None) -> None:
        self._hint = text or ""
        super().setToolTip(self.error or self._hint)

    # -- typing -------------------------------------------------------------------------
    def commit(self) -> bool:
        """Read the typed text whole; False (and the field marked) if it is not a date."""
        if not self.isEnabled() or self.isReadOnly():
            return True
        try:
            value = parse_date(self.text(), self.locale())
        except ValueError as exc:
            return self._refuse(str(exc))
        chosen = QDate(value.year, value.month, value.day)
        if self._latest is not None and chosen > self._latest:
            latest = self._latest.toString(DISPLAY)
            return self._refuse(f"“{self.text().strip()}” is after {latest}: "
                                f"give {latest} or an earlier date.")
        self.setDate(chosen)
        return True

    def _refuse(self, message: str) -> bool:
        self._set_error(message)
        announce.assertive(self, message)  # to a screen reader at once (before the status
        self.refused.emit(message)  # bar repeats it); said where a keyboard user looks
        return False

    def revert(self) -> None:
        self._set_error("")
        self.setText(self._date.toString(DISPLAY))

    def _set_error(self, message: str) -> None:
        self.error = message
        self.setStyleSheet(INVALID_STYLE if message else "")
        super().setToolTip(message or self._hint)
        self.setAccessibleDescription(message)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        steps: dict[int, tuple[int, int]] = {
            Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0),
            Qt.Key.Key_PageUp: (0, 1), Qt.Key.Key_PageDown: (0, -1)}
        if key == Qt.Key.Key_Escape and (self.error or self.text() != self._shown()):
            self.revert()
        elif (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier) or (
                key == Qt.Key.Key_F4):
            self.show_calendar()
        elif key in steps and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            days, months = steps[key]
            stepped = self._date.addDays(days).addMonths(months)
            if self._latest is None or stepped <= self._latest:
                self.setDate(stepped)
        else:
            super().keyPressEvent(event)

    def _shown(self) -> str:
        return self._date.toString(DISPLAY)

    # -- calendar -----------------------------------------------------------------------
    def show_calendar(self) -> None:
        """One calendar per field, made on first use and kept (hidden) between uses."""
        if not self.isEnabled():
            return
        if self.popup is None:
            self.popup = QCalendarWidget(self)
            self.popup.setWindowFlags(Qt.WindowType.Popup)
            self.popup.activated.connect(self._picked)
            self.popup.clicked.connect(self._picked)
        self.popup.setSelectedDate(self._date)
        if self._latest is not None:
            self.popup.setMaximumDate(self._latest)
        self.popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        self.popup.show()
        self.popup.setFocus()

    def _picked(self, value: QDate) -> None:
        if self.popup is not None:
            self.popup.hide()
        self.setDate(value)
