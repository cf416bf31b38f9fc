"""The notes panel's Talking points box in the real window (pytest-qt): Enter adds, F2 edits in
place, Alt+Up/Alt+Down and the buttons move, Delete removes, each step undone and redone through
the window's own undo stack (Ctrl+Z), refusals said in one line with the typed text kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QListWidget

from jcct_desktop.store.annotations import AnnotationService
from tests.test_annotations_panel import type_text
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CID = "2011-SOFT-2"
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(make_window):
    window = make_window()
    assert window.select_commitment(CID)
    return window


def _box(window):
    return window.detail.annotation_panel.talking_points


def _stored(service: AnnotationService) -> list[str]:
    return [p.text for p in service.get(CID).talking_points]


def _shown(box) -> list[str]:
    return [box.points.item(i).text() for i in range(box.points.count())]


def _add(qtbot, box, text: str) -> None:
    box.new_point.setFocus()
    type_text(box.new_point, text)
    qtbot.keyClick(box.new_point, Qt.Key.Key_Return)


def _ctrl_z(qtbot, window) -> None:
    window.activateWindow()
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_enter_adds_in_order_and_ctrl_z_takes_it_back(window, qtbot, service) -> None:
    box = _box(window)
    _add(qtbot, box, "Welcome the audit")
    _add(qtbot, box, "Ask about 7 provinces — 王岐山 <b>&")
    assert _stored(service) == ["Welcome the audit", "Ask about 7 provinces — 王岐山 <b>&"]
    assert _shown(box) == _stored(service) and box.new_point.text() == ""
    assert box.points.currentRow() == 1  # the point just added is selected
    assert window.actions_by_name["undo"].text() == "&Undo Add talking point"
    _ctrl_z(qtbot, window)
    qtbot.waitUntil(lambda: _shown(box) == ["Welcome the audit"])
    assert _stored(service) == ["Welcome the audit"]
    window.actions_by_name["redo"].trigger()
    qtbot.waitUntil(lambda: len(_shown(box)) == 2)
    assert _stored(service)[1] == "Ask about 7 provinces — 王岐山 <b>&"
    history = [h.why for h in service.get(CID).history if h.field == "talking_point"]
    assert history == ["added", "added", "deleted", "restored"]


def test_alt_up_down_and_buttons_reorder_each_step_undoable(window, qtbot, service) -> None:
    box = _box(window)
    for text in ("one", "two", "three"):
        _add(qtbot, box, text)
    box.points.setFocus()
    box.points.setCurrentRow(2)
    qtbot.keyClick(box.points, Qt.Key.Key_Up, ALT)
    assert _stored(service) == ["one", "three", "two"]
    qtbot.keyClick(box.points, Qt.Key.Key_Up, ALT)
    assert _stored(service) == ["three", "one", "two"] == _shown(box)
    assert box.points.currentItem().text() == "three"  # the moved point stays selected
    assert not box.up_button.isEnabled()  # first already
    qtbot.mouseClick(box.down_button, Qt.MouseButton.LeftButton)
    assert _stored(service) == ["one", "three", "two"]
    box.points.setFocus()
    qtbot.keyClick(box.points, Qt.Key.Key_Down, ALT)
    assert _stored(service) == ["one", "two", "three"]
    qtbot.keyClick(box.points, Qt.Key.Key_Down, ALT)  # last already: nothing, nothing to undo
    assert window.actions_by_name["undo"].text() == "&Undo Move talking point"
    for expected in (["one", "three", "two"], ["three", "one", "two"], ["one", "three", "two"]):
        window.undo_stack.undo()
        assert _stored(service) == expected == _shown(box)


def test_f2_edits_in_place_and_delete_removes_both_undoable(window, qtbot, service) -> None:
    box = _box(window)
    for text in ("first", "second"):
        _add(qtbot, box, text)
    box.points.setFocus()
    box.points.setCurrentRow(0)
    qtbot.keyClick(box.points, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "first"
    editor.selectAll()
    type_text(editor, "first, reworded")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _stored(service) == ["first, reworded", "second"])
    assert _shown(box) == ["first, reworded", "second"]
    box.points.setFocus()
    box.points.setCurrentRow(1)
    qtbot.keyClick(box.points, Qt.Key.Key_Delete)
    assert _stored(service) == ["first, reworded"] == _shown(box)
    window.undo_stack.undo()
    assert _stored(service) == ["first, reworded", "second"]
    window.undo_stack.undo()
    assert _stored(service) == ["first", "second"] == _shown(box)
    whys = [h.why for h in service.get(CID).history if h.field == "talking_point"]
    assert whys == ["added", "added", "edited", "deleted", "restored", "edited"]


def test_a_refused_point_is_said_in_one_line_and_the_text_kept(window, qtbot, service) -> None:
    box = _box(window)
    panel = window.detail.annotation_panel
    _add(qtbot, box, "x" * 1001)
    message = panel.message.text()
    assert message.startswith("Not saved: A talking point holds at most 1,000 characters")
    assert "\n" not in message
    assert box.new_point.text() == "x" * 1001  # nothing lost: fix it and press Enter again
    assert _stored(service) == [] and window.undo_stack.count() == 0
    box.new_point.setText("short")
    qtbot.keyClick(box.new_point, Qt.Key.Key_Return)
    assert _stored(service) == ["short"] and panel.message.text() == ""
    # an in-place edit to something refused puts the stored text back
    box.points.item(0).setText("bad\x00")
    qtbot.waitUntil(lambda: "control character (U+0000)" in panel.message.text())
    assert _shown(box) == ["short"] == _stored(service)


def test_every_control_is_named_and_the_box_follows_the_selection(window, qtbot,
                                                                  service) -> None:
    box = _box(window)
    controls = [w for kind in (QListWidget, QLineEdit, QAbstractButton)
                for w in box.findChildren(kind)]
    assert len(controls) == 6  # the list, the line, Add, Up, Down, Delete
    for widget in controls:
        assert widget.accessibleName(), widget
    _add(qtbot, box, "only here")
    assert window.select_commitment("2011-II-1")
    assert _shown(box) == [] and not box.delete_button.isEnabled()
    service.add_talking_point(commitment_id="2011-II-1", text="from elsewhere")
    qtbot.waitUntil(lambda: _shown(box) == ["from elsewhere"])  # the notifier redraws it
    assert window.select_commitment(CID)
    assert _shown(box) == ["only here"]
    keys = {a.shortcut().toString() for a in box.actions_by_name.values()}
    assert keys == {"Alt+Up", "Alt+Down", "Del"}


def test_a_read_only_notes_folder_shows_points_and_changes_none(tmp_path, qtbot) -> None:
    from jcct_desktop.ui.annotations.panel import AnnotationPanel
    from jcct_desktop.ui.annotations.startup import open_notes
    from tests.fs_support import read_only

    data = tmp_path / "data"
    writer = AnnotationService.open(data)
    for text in ("one", "two"):
        writer.add_talking_point(commitment_id=CID, text=text)
    writer.close()
    with read_only(data) as view:
        notes = open_notes(str(view))
        assert notes.service is not None and notes.service.read_only
        panel = AnnotationPanel(notes.service, QUndoStack())
        qtbot.addWidget(panel)
        panel.set_commitment(CID)
        box = panel.talking_points
        assert _shown(box) == ["one", "two"]  # readable
        box.points.setCurrentRow(1)
        for control in (box.new_point, box.add_button, box.up_button, box.down_button,
                        box.delete_button):
            assert not control.isEnabled(), control
        assert box.points.editTriggers() == QListWidget.EditTrigger.NoEditTriggers
        box.actions_by_name["up"].trigger()
        box.actions_by_name["delete"].trigger()
        assert [p.text for p in notes.service.get(CID).talking_points] == ["one", "two"]
        notes.service.close()
