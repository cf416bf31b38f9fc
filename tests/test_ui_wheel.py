"""The mouse wheel scrolls panes, never a combo box or date field it passes over (unless the
officer chose that field): the notes pane, the filter row, the window's dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui_support import AS_OF, OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CID = "2011-SOFT-2"


@pytest.fixture
def window(make_window):
    """The main window at 1024×740, the small screen these checks are about."""
    return make_window(size=(1024, 740))


def _wheel(widget, notches: int = -1) -> None:
    """A real wheel event over the widget's centre (down for negative notches)."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    at = QPointF(widget.rect().center())
    event = QWheelEvent(at, QPointF(widget.mapToGlobal(at)), QPoint(), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_notes_pane_past_the_view_combo(window, service, qtbot):
    service.record_assessment(commitment_id=CID, status="fulfilled", evidence="notice",
                              effective=AS_OF)
    assert window.select_commitment(CID)
    panel = window.detail.annotation_panel
    combos = [panel.assessment.view_combo, panel.status_combo, panel.assessment.milestone_combo]
    bar = window.detail.annotation_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # the pane is taller than its share at 1024
    window.tree.setFocus()
    for combo in combos:
        before, scrolled = combo.currentIndex(), bar.value()
        assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus and not combo.hasFocus()
        _wheel(combo, -1)
        assert combo.currentIndex() == before  # "Our assessment" stays ours
        assert bar.value() > scrolled  # the pane scrolled instead
        bar.setValue(0)
    effective = panel.assessment.effective  # a date field takes no wheel at all (a real,
    day = effective.date()                   # spontaneous one goes on to the scroll area)
    _wheel(effective, -1)
    assert effective.date() == day
    combo = panel.assessment.view_combo
    combo.setFocus()  # chosen on purpose: the wheel is the officer's to use
    qtbot.waitUntil(combo.hasFocus)
    _wheel(combo, -1)
    assert combo.currentIndex() == 1


def test_the_wheel_rule_covers_the_filter_row_and_the_windows_dialogs(window, qtbot):
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

    from jcct_desktop.ui.briefing.dialog import BriefingDialog
    from jcct_desktop.ui.factsheet_import.dialog import ImportFactSheetDialog

    for combo in window.findChildren(QComboBox):
        assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus, combo.objectName()
    dialog = ImportFactSheetDialog(window.catalog, parent=window)  # as File menu makes it
    dialog.show()
    qtbot.waitExposed(dialog)
    spin = dialog.findChildren(QAbstractSpinBox)[0]
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus
    value = spin.value()
    dialog.setFocus()
    _wheel(spin, 1)
    assert spin.value() == value
    dialog.close()
    packet = BriefingDialog(window)  # the packet dialog's paper size, too
    packet.show()
    qtbot.waitExposed(packet)
    assert packet.paper.focusPolicy() == Qt.FocusPolicy.StrongFocus
    paper = packet.paper.currentIndex()
    _wheel(packet.paper, -1)
    assert packet.paper.currentIndex() == paper
    packet.close()
