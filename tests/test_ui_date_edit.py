"""Typed dates are taken whole (As of, Follow up on); an impossible date is refused, marked.

QDateEdit kept the old year: Ctrl+A then 2012-01-15 Enter gave <this year>-01-15.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt

from jcct_desktop.ui.date_edit import DateEdit, parse_date
from tests.ui_support import OFFSCREEN_NOISE, build_window

pytestmark = OFFSCREEN_NOISE
CTRL = Qt.KeyboardModifier.ControlModifier
US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
GERMANY = QLocale(QLocale.Language.German, QLocale.Country.Germany)


def retype(qtbot, edit, text: str) -> None:
    """What an officer does: select all, type, Enter."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_as_of_takes_a_typed_iso_date_whole(qtbot, reference, tmp_path: Path) -> None:
    window = build_window(qtbot, reference, tmp_path, as_of=date(2026, 11, 30))
    with qtbot.waitSignal(window.asOfChanged):
        retype(qtbot, window.filters.as_of_edit, "2012-01-15")
    assert window.as_of() == date(2012, 1, 15)
    assert "as of 2012-01-15" in window.counts.text()


def test_as_of_refuses_an_impossible_date_and_marks_the_field(qtbot, reference,
                                                              tmp_path: Path) -> None:
    window = build_window(qtbot, reference, tmp_path, as_of=date(2012, 1, 15))
    edit = window.filters.as_of_edit
    retype(qtbot, edit, "2012-02-30")
    assert window.as_of() == date(2012, 1, 15)  # never silently changed
    assert edit.text() == "2012-02-30"  # kept for correcting
    assert "February 2012 has 29 days" in edit.error == edit.toolTip()
    assert "d55e00" in edit.styleSheet()
    assert window.statusBar().currentMessage() == edit.error  # seen without hovering
    qtbot.keyClick(edit, Qt.Key.Key_Escape)  # the date in force comes back
    assert edit.text() == "2012-01-15" and edit.error == "" and edit.styleSheet() == ""
    retype(qtbot, edit, "2012-02-29")
    assert window.as_of() == date(2012, 2, 29) and edit.error == ""


def test_follow_up_takes_a_typed_date_whole(qtbot, make_panel) -> None:
    panel = make_panel("2011-SOFT-2", width=520)
    panel.follow_check.setChecked(True)
    retype(qtbot, panel.follow_date, "2027-01-10")
    assert panel.service.get("2011-SOFT-2").follow_up == date(2027, 1, 10)
    retype(qtbot, panel.follow_date, "2027-13-01")
    assert panel.service.get("2011-SOFT-2").follow_up == date(2027, 1, 10)
    assert "no month 13" in panel.follow_date.error == panel.message.text()
    panel.service.close()


def test_the_locales_short_date_is_taken_whole(qtbot) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.setLocale(US)
    edit.setDate(QDate(2026, 11, 30))
    retype(qtbot, edit, "1/15/12")
    assert edit.date() == QDate(2012, 1, 15)
    retype(qtbot, edit, "2/29/2012")
    assert edit.date() == QDate(2012, 2, 29)
    retype(qtbot, edit, "2/30/2012")
    assert edit.date() == QDate(2012, 2, 29) and "February 2012 has 29 days" in edit.error


def test_arrow_keys_step_days_and_months(qtbot) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.setDate(QDate(2012, 1, 31))
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.date() == QDate(2012, 2, 1)
    qtbot.keyClick(edit, Qt.Key.Key_PageUp)
    assert edit.date() == QDate(2012, 3, 1) and edit.text() == "2012-03-01"


@pytest.mark.parametrize(("text", "locale", "expected"), [
    ("2012-01-15", US, date(2012, 1, 15)),
    (" 2012/1/5 ", US, date(2012, 1, 5)),
    ("2012.01.15", GERMANY, date(2012, 1, 15)),
    ("15.01.12", GERMANY, date(2012, 1, 15)),
    ("15.01.2012", GERMANY, date(2012, 1, 15)),
])
def test_parse_date_reads_iso_and_short_dates(text, locale, expected) -> None:
    assert parse_date(text, locale) == expected


@pytest.mark.parametrize(("text", "why"), [
    ("2012-02-30", "February 2012 has 29 days"),
    ("2011-02-29", "February 2011 has 28 days"),
    ("2012-00-10", "no month 0"),
    ("", "Type a date like 2012-01-15"),
    ("next tuesday", "is not a date"),
    ("0001-01-01", "between 1900 and 2199"),
])
def test_parse_date_refuses_with_a_reason(text, why) -> None:
    with pytest.raises(ValueError, match=why):
        parse_date(text, US)


@pytest.mark.qt_log_ignore("does not support")  # offscreen: no raise, no keyboard grab
def test_alt_down_opens_a_calendar_whose_choice_is_taken(qtbot) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.setDate(QDate(2012, 1, 15))
    edit.show()
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = edit.popup
    assert popup is not None and popup.selectedDate() == QDate(2012, 1, 15)
    with qtbot.waitSignal(edit.dateChanged) as changed:
        popup.setSelectedDate(QDate(2012, 3, 3))
        popup.clicked.emit(popup.selectedDate())  # what a click on a day sends
    assert changed.args == [QDate(2012, 3, 3)] and edit.text() == "2012-03-03"
    assert not popup.isVisible()


def test_one_date_field_everywhere_compact_iso_and_a_latest_day(qtbot) -> None:
    """The assessment form and the packet dialog use this same field (one widget)."""
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.setDate(QDate(2026, 11, 30))
    retype(qtbot, edit, "20120229")
    assert edit.day() == date(2012, 2, 29)
    edit.setMaximumDate(QDate(2012, 3, 1))
    retype(qtbot, edit, "2012-03-02")
    assert edit.day() == date(2012, 2, 29) and "is after 2012-03-01" in edit.error
    retype(qtbot, edit, "2012-03-01")
    qtbot.keyClick(edit, Qt.Key.Key_Up)  # no stepping past the latest day either
    assert edit.day() == date(2012, 3, 1) and edit.error == ""


def test_a_field_read_before_enter_gives_what_it_shows(qtbot) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.setDate(QDate(2026, 11, 30))
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, "2012-01-15")  # no Enter yet
    assert edit.day() == date(2012, 1, 15)


def test_an_assessment_with_an_impossible_date_is_not_recorded(qtbot, make_panel) -> None:
    panel = make_panel("2011-SOFT-2", 600)
    form = panel.assessment
    form.effective.setFocus()
    qtbot.keyClick(form.effective, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(form.effective, "2012-02-30")
    form.evidence.setText("MOFCOM notice")
    form.evidence.setFocus()
    qtbot.keyClick(form.evidence, Qt.Key.Key_Return)
    assert panel.service.get("2011-SOFT-2") is None or not panel.service.get(
        "2011-SOFT-2").assessments
    assert "February 2012 has 29 days" in form.effective.error
    panel.service.close()
