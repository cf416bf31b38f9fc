"""Annotation panel polish: the follow-up date reads "None" when unset; history entries wrap."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoStack

from jcct_desktop.core.annotations import AnnotationService
from jcct_desktop.ui.annotations import AnnotationPanel
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CID = "2011-SOFT-2"


@pytest.fixture
def panel(qtbot, tmp_path: Path):
    service = AnnotationService.open(tmp_path)
    panel = AnnotationPanel(service, QUndoStack())
    qtbot.addWidget(panel)
    panel.resize(520, 900)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_commitment(CID)
    yield panel
    service.close()


def test_no_follow_up_reads_none_not_a_greyed_out_today(panel, qtbot):
    edit = panel.follow_date
    today = QDate.currentDate().toString("yyyy-MM-dd")
    assert edit.text() == "None" and not edit.isEnabled()
    panel.follow_check.setChecked(True)  # ticking starts at today, and saves it
    qtbot.waitUntil(lambda: panel.service.get(CID).follow_up == date.today())
    assert edit.text() == today and edit.isEnabled()
    edit.setDate(QDate(2012, 10, 1))
    assert panel.service.get(CID).follow_up == date(2012, 10, 1)
    panel.follow_check.setChecked(False)
    assert panel.service.get(CID).follow_up is None
    assert edit.text() == "None" and not edit.isEnabled()
    panel.service.set_follow_up(commitment_id=CID, follow_up=date(2013, 2, 3))  # from elsewhere
    qtbot.waitUntil(lambda: edit.text() == "2013-02-03")
    assert panel.follow_check.isChecked() and edit.isEnabled()
    panel.set_commitment("2011-NEV-1")  # another commitment, none set
    assert edit.text() == "None" and not panel.follow_check.isChecked()
