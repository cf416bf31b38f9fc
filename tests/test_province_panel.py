"""Issue 26 in the window: the provinces of a jurisdictional milestone on a tile-grid map and a
list in the notes panel; picked by keyboard on the map or in the list, one assessment recorded
for all of them, the tiles marked by status, undo withdraws every record."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jcct_desktop.core.standing_words import LOOKS, Standing
from jcct_desktop.store.reference.reader import open_reference

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
CID = "2011-SOFT-2"
CATALOG = open_reference().catalog
SOFT = CATALOG.commitment(CID)
PROVINCIAL, MUNICIPAL = (m.label for m in SOFT.milestones)


@pytest.fixture
def panel(make_panel):
    widget = make_panel(CID, milestone_labels=lambda cid: [PROVINCIAL, MUNICIPAL],
                        milestones_of=lambda cid: SOFT.milestones, places=CATALOG.jurisdictions)
    return widget, widget.service, widget.undo_stack


def test_the_map_shows_only_for_a_jurisdictional_milestone(panel) -> None:
    widget, _service, _stack = panel
    form = widget.assessment
    assert form.province_map.isHidden()  # whole commitment chosen
    form.milestone_combo.setCurrentIndex(form.milestone_combo.findData(PROVINCIAL))
    assert not form.province_map.isHidden()
    assert len(form.province_map.buttons) == 34 and form.province_list.count() == 31
    gd = form.province_map.buttons["CN-GD"]
    assert gd.accessibleName() == "Guangdong: not assessed"
    assert "广东" in gd.toolTip() and "CN-GD" in gd.toolTip()
    assert not form.province_map.buttons["CN-TW"].isEnabled()  # outside the count
    form.milestone_combo.setCurrentIndex(form.milestone_combo.findData(MUNICIPAL))
    assert form.province_map.isHidden() and form.fields()["jurisdictions"] == []


def test_pick_by_keyboard_and_list_then_record_for_all(qtbot, panel) -> None:
    widget, service, stack = panel
    form = widget.assessment
    form.milestone_combo.setCurrentIndex(form.milestone_combo.findData(PROVINCIAL))
    tiles = form.province_map.buttons
    widget.activateWindow()
    tiles["CN-GD"].setFocus()
    qtbot.keyClick(tiles["CN-GD"], Qt.Key.Key_Space)  # picked on the map
    qtbot.keyClick(tiles["CN-GD"], Qt.Key.Key_Right)  # to its eastern neighbour
    east = QApplication.focusWidget()
    assert east is tiles["CN-FJ"]
    qtbot.keyClick(east, Qt.Key.Key_Space)
    # and one from the list: the map follows
    item = next(form.province_list.item(i) for i in range(form.province_list.count())
                if form.province_list.item(i).data(Qt.ItemDataRole.UserRole) == "CN-SH")
    item.setCheckState(Qt.CheckState.Checked)
    assert form.province_map.picked() == ["CN-SH", "CN-FJ", "CN-GD"]  # map order
    gd_item = next(form.province_list.item(i) for i in range(form.province_list.count())
                   if form.province_list.item(i).data(Qt.ItemDataRole.UserRole) == "CN-GD")
    assert gd_item.checkState() == Qt.CheckState.Checked
    form.status_combo.setCurrentIndex(form.status_combo.findData("fulfilled"))
    form.evidence.setText("Provincial notices")
    qtbot.mouseClick(form.record, Qt.MouseButton.LeftButton)
    records = service.get(CID).assessments
    assert sorted(r.jurisdiction for r in records) == ["CN-FJ", "CN-GD", "CN-SH"]
    assert {r.evidence for r in records} == {"Provincial notices"}
    assert tiles["CN-GD"].accessibleName() == "Guangdong: met"
    assert LOOKS[Standing.MET].glyph in tiles["CN-GD"].text()
    assert LOOKS[Standing.MET].colour in tiles["CN-GD"].styleSheet()
    assert form.province_map.picked() == []  # recorded: the picks are cleared
    stack.undo()
    assert service.get(CID).assessments == ()
    assert tiles["CN-GD"].accessibleName() == "Guangdong: not assessed"
