"""The follow-up date in the notes pane: it reads "None" when unset, a date typed or picked
there turns it on, the check box starts it at today, undo takes it back in one step."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CID = "2011-SOFT-2"


@pytest.fixture
def panel(make_panel):
    return make_panel(CID, width=520)


def test_no_follow_up_reads_none_not_a_greyed_out_today(panel, qtbot):
    edit = panel.follow_date
    today = QDate.currentDate().toString("yyyy-MM-dd")
    assert edit.text() == "None" and edit.isEnabled()  # typing a date there sets it
    panel.follow_check.setChecked(True)  # ticking starts at today, and saves it
    qtbot.waitUntil(lambda: panel.service.get(CID).follow_up == date.today())
    assert edit.text() == today and edit.isEnabled()
    edit.setDate(QDate(2012, 10, 1))
    assert panel.service.get(CID).follow_up == date(2012, 10, 1)
    panel.follow_check.setChecked(False)
    assert panel.service.get(CID).follow_up is None
    assert edit.text() == "None" and edit.isEnabled()  # typing a date there sets it
    panel.service.set_follow_up(commitment_id=CID, follow_up=date(2013, 2, 3))  # from elsewhere
    qtbot.waitUntil(lambda: edit.text() == "2013-02-03")
    assert panel.follow_check.isChecked() and edit.isEnabled()
    panel.set_commitment("2011-NEV-1")  # another commitment, none set
    assert edit.text() == "None" and not panel.follow_check.isChecked()


@pytest.mark.qt_log_ignore("does not support")  # offscreen calendar: no raise, no keyboard grab
def test_a_date_typed_into_the_none_follow_up_field_turns_it_on(panel, qtbot):
    edit = panel.follow_date
    assert edit.text() == "None" and not panel.follow_check.isChecked()
    assert edit.isEnabled()  # typing goes somewhere
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, "2026-12-10")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert panel.service.get(CID).follow_up == date(2026, 12, 10)
    assert panel.follow_check.isChecked() and edit.text() == "2026-12-10"
    panel.undo_stack.undo()  # one step: back to none, box unticked
    assert panel.service.get(CID).follow_up is None
    assert not panel.follow_check.isChecked() and edit.text() == "None"
    edit.setFocus()  # leaving "None" untouched sets nothing and says nothing
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert panel.service.get(CID).follow_up is None and not edit.error
    edit.show_calendar()  # a date picked from the calendar sets it too
    edit.popup.setSelectedDate(QDate(2027, 1, 5))
    edit.popup.clicked.emit(edit.popup.selectedDate())  # what a click on a day sends
    assert panel.service.get(CID).follow_up == date(2027, 1, 5) and panel.follow_check.isChecked()
    panel.follow_check.setChecked(False)
    assert edit.text() == "None"
    panel.follow_check.setChecked(True)  # the check box still starts at today
    assert panel.service.get(CID).follow_up == date.today()
