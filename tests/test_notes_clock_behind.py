"""A computer clock behind the newest time in the notes is said: by the notes import before
it records, and in the panel (a banner, then "saved, but not in force"); a right clock says
nothing. Real notes files, the real command line and panel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.ui.annotations import AnnotationPanel
from tests.notes_support import export_with_note

CID = "2011-NEV-1"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_clock_behind_the_notes_is_said_before_recording(data_dir, tmp_path, capsys,
                                                            qtbot) -> None:
    ahead = AnnotationService(AnnotationService.open(data_dir).db,
                              clock=lambda: datetime.now(UTC) + timedelta(days=3))
    ahead.record_assessment(commitment_id=CID, status="fulfilled", evidence="seen in 3 days")
    ahead.close()
    source = export_with_note(tmp_path, "fine")
    capsys.readouterr()
    assert main(["notes", "import", str(source)]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("jcct-desktop: warning: this computer's clock"), lines
    assert "is behind the newest time recorded in your notes" in lines[0]
    assert lines[1].startswith("Imported")
    # the window: a banner first, then "saved, but not in force" for the new assessment
    service = AnnotationService.open(data_dir)
    panel = AnnotationPanel(service, QUndoStack())
    qtbot.addWidget(panel)
    panel.show()
    assert panel.clock_banner.isVisible() and "behind" in panel.clock_banner.text()
    panel.set_commitment(CID)
    panel.evidence.setText("seen today")
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("partially_fulfilled"))
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    assert panel.message.text().startswith("Saved, but not in force"), panel.message.text()
    assert "is the clock set back?" in panel.message.text()
    assert len(service.get(CID).assessments) == 2
    service.close()


def test_a_right_clock_says_nothing(service, make_panel, qtbot) -> None:
    service.add_note(commitment_id=CID, text="now")
    panel = make_panel(CID)
    assert not panel.clock_banner.isVisible()
    panel.evidence.setText("seen")
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("fulfilled"))
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    assert panel.message.text() == ""
