"""The assessment form with real keystrokes: a typed ISO effective date is taken whole, Enter in
Evidence records, the milestone chooser offers the commitment's milestones, undo withdraws."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from jcct_desktop.core.annotations import Assessment
from jcct_desktop.core.annotations.model import View
from jcct_desktop.ui.date_edit import DateEdit

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
CID = "2011-SOFT-2"
LABELS = ("Provincial software legalization completed (all 31 provincial entities)",
          "Municipal and county software legalization completed")


@pytest.fixture
def panel(make_panel):
    widget = make_panel(CID, milestone_labels=lambda cid: LABELS)
    return widget, widget.service, widget.undo_stack


def _type_date(qtbot, edit: DateEdit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


@pytest.mark.parametrize(("typed", "expected"), [
    ("2012-01-15", date(2012, 1, 15)),
    ("2011-12-03", date(2011, 12, 3)),
    ("20120229", date(2012, 2, 29)),
    ("2012-1-5", date(2012, 1, 5)),
])
def test_a_typed_iso_date_is_taken_whole(qtbot, typed: str, expected: date) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.setDate(QDate(2026, 11, 30))
    edit.show()
    qtbot.waitExposed(edit)
    _type_date(qtbot, edit, typed)
    assert edit.day() == expected  # not 2026-01-15: the old year is never kept


def test_enter_in_evidence_records_with_date_milestone_view_and_source(qtbot, panel) -> None:
    widget, service, stack = panel
    form = widget.assessment
    items = [form.milestone_combo.itemText(i) for i in range(form.milestone_combo.count())]
    assert items == ["Whole commitment", *LABELS]
    form.milestone_combo.setCurrentIndex(1)
    form.view_combo.setCurrentIndex(form.view_combo.findData("china"))
    form.status_combo.setCurrentIndex(form.status_combo.findData("fulfilled"))
    _type_date(qtbot, form.effective, "2012-07-02")
    form.source.setText("Xinhua")
    form.evidence.setFocus()
    qtbot.keyClicks(form.evidence, "All provinces done")
    qtbot.keyClick(form.evidence, Qt.Key.Key_Return)
    (record,) = service.get(CID).assessments
    assert (record.view, record.status, record.milestone, record.effective, record.source) == (
        View.CHINA, Assessment.FULFILLED, LABELS[0], date(2012, 7, 2), "Xinhua")
    assert form.evidence.text() == "" and form.records.count() == 1
    assert "China reports" in form.records.item(0).text()
    assert service.get(CID).status is Assessment.NOT_ASSESSED  # China's view is not ours
    stack.undo()
    assert service.get(CID).assessments == () and form.records.count() == 0
    stack.redo()
    assert service.get(CID).assessments == (record,)


def test_a_future_effective_date_cannot_be_chosen_or_recorded(qtbot, panel) -> None:
    widget, service, _stack = panel
    form = widget.assessment
    assert form.effective.maximumDate() == QDate.currentDate()
    _type_date(qtbot, form.effective, "2999-01-01")
    assert form.effective.day() <= date.today()
    form.evidence.setText("e")
    qtbot.keyClick(form.evidence, Qt.Key.Key_Return)
    assert all(r.effective <= date.today() for r in service.get(CID).assessments)


def test_without_evidence_nothing_is_recorded(qtbot, panel) -> None:
    widget, service, stack = panel
    widget.assessment.evidence.setFocus()
    qtbot.keyClick(widget.assessment.evidence, Qt.Key.Key_Return)
    assert "evidence" in widget.message.text()
    assert service.get(CID).assessments == () and stack.count() == 0


def test_a_typed_follow_up_date_is_taken_whole(qtbot, panel) -> None:
    widget, service, _stack = panel
    widget.follow_check.setChecked(True)
    _type_date(qtbot, widget.follow_date, "2013-03-31")
    qtbot.keyClick(widget.follow_date, Qt.Key.Key_Return)  # the field takes a date on Enter
    assert service.get(CID).follow_up == date(2013, 3, 31)


def test_past_midnight_the_assessment_form_moves_on_with_the_day(make_window):
    """The Effective field follows the day as the minute timer passes midnight (today stays
    choosable), unless the officer chose a date."""
    from datetime import timedelta

    window = make_window(as_of=None)  # no as-of: the form starts at today
    assert window.select_commitment("2011-SOFT-2")
    form = window.detail.annotation_panel.assessment
    today = date.today()
    assert form.effective.day() == today
    tomorrow = today + timedelta(days=1)
    window._tick_day(tomorrow)  # the minute timer, one day on
    assert form.effective.day() == tomorrow
    assert form.effective.maximumDate().toPython() == tomorrow
    form.effective.set_day(date(2012, 7, 2))  # a date the officer chose stays
    window._tick_day(tomorrow + timedelta(days=1))
    assert form.effective.day() == date(2012, 7, 2)
