"""Note drafts: nothing typed in "Write a note" is lost to a selection change, a quit or a crash.

Real keystrokes into the real panel and window, a real SQLite notes database in tmp.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.ui.annotations.marks import DRAFT
from jcct_desktop.ui.annotations.note_list import STAMP_ROLE
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CID, OTHER = "2011-SOFT-2", "2011-NEV-1"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def panel(make_panel):
    return make_panel(CID, width=520)


def _type(qtbot, panel, text: str) -> None:
    panel.note_editor.setFocus()
    qtbot.keyClicks(panel.note_editor, text)


# -- the service ----------------------------------------------------------------------------
def test_a_draft_is_kept_apart_from_history_and_survives_reopening(tmp_path: Path) -> None:
    service = AnnotationService.open(tmp_path)
    heard = []
    service.notifier.subscribe(heard.append)
    service.save_draft(commitment_id=CID, text="half a thought")
    service.save_draft(commitment_id=CID, text="half a thought, more")  # no second event
    assert [c.event for c in heard] == ["draft_changed"]
    assert service.get(CID).history == () and service.get(CID).is_empty  # not an edit
    service.close()  # as a crash would: nothing flushed on the way out
    again = AnnotationService.open(tmp_path)
    assert again.draft(CID) == "half a thought, more" and again.draft_ids() == {CID}
    again.add_note(commitment_id=CID, text="half a thought, more")
    assert again.draft(CID) == "" and again.draft_ids() == set()  # added: the draft went
    again.save_draft(commitment_id=OTHER, text="   ")  # blank is no draft
    assert again.draft_ids() == set()
    again.close()


def test_an_upgraded_version_1_database_keeps_drafts(tmp_path: Path) -> None:
    import shutil

    shutil.copy(Path(__file__).parent / "data" / "annotations-v1.sqlite",
                tmp_path / "annotations.sqlite")
    service = AnnotationService.open(tmp_path)
    service.save_draft(commitment_id="2011-NEV-1", text="after the upgrade")
    assert service.draft_ids() == {"2011-NEV-1"}
    service.close()


# -- the panel ------------------------------------------------------------------------------
def test_draft_survives_a_selection_change_and_is_restored(panel, qtbot) -> None:
    _type(qtbot, panel, "Ask MOFCOM about the NEV rules")
    qtbot.waitUntil(lambda: panel.service.draft(CID) == "Ask MOFCOM about the NEV rules")
    _type(qtbot, panel, " today")
    panel.set_commitment(OTHER)  # leaving saves at once, no waiting for the pause
    assert panel.service.draft(CID) == "Ask MOFCOM about the NEV rules today"
    assert panel.note_editor.toPlainText() == ""
    panel.set_commitment(CID)
    assert panel.note_editor.toPlainText() == "Ask MOFCOM about the NEV rules today"
    assert "draft restored" in panel.message.text()


def test_ctrl_enter_adds_the_note_and_clears_its_draft(panel, qtbot) -> None:
    _type(qtbot, panel, "Follow up in March")
    qtbot.keyClick(panel.note_editor, Qt.Key.Key_Return, CTRL)
    assert [n.text for n in panel.service.get(CID).notes] == ["Follow up in March"]
    assert panel.note_editor.toPlainText() == ""
    qtbot.wait(400)  # longer than the draft delay: nothing comes back
    assert panel.service.draft_ids() == set()


def test_tab_leaves_the_editor_and_ctrl_tab_types_no_tab(panel, qtbot) -> None:
    _type(qtbot, panel, "abc")
    qtbot.keyClick(panel.note_editor, Qt.Key.Key_Tab, CTRL)
    assert "\t" not in panel.note_editor.toPlainText()
    panel.note_editor.setFocus()
    qtbot.keyClick(panel.note_editor, Qt.Key.Key_Tab)
    assert panel.note_editor.toPlainText() == "abc"
    assert QApplication.focusWidget() is not panel.note_editor


def test_add_is_not_offered_while_a_note_is_edited_and_edits_are_drafts(panel, qtbot) -> None:
    panel.service.add_note(commitment_id=CID, text="saved text")
    _type(qtbot, panel, "a new one")
    panel.notes.setCurrentRow(0)  # edit the saved note: the new one is kept as its draft
    assert panel.service.draft(CID) == "a new one"
    assert panel.add_button.isHidden() and not panel.save_button.isHidden()
    assert panel.note_editor.toPlainText() == "saved text"
    panel.note_editor.moveCursor(panel.note_editor.textCursor().MoveOperation.End)
    _type(qtbot, panel, ", changed")
    note_id = panel.selected_note_id()
    qtbot.waitUntil(lambda: panel.service.draft(CID, note_id) == "saved text, changed")
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)  # back to the new note
    assert panel.note_editor.toPlainText() == "a new one" and not panel.add_button.isHidden()
    assert panel.notes.item(0).data(STAMP_ROLE).endswith("✎ unsaved changes")
    panel.notes.setCurrentRow(0)  # the unsaved edit comes back, not the stored text
    assert panel.note_editor.toPlainText() == "saved text, changed"
    panel.note_editor.setFocus()
    qtbot.keyClick(panel.note_editor, Qt.Key.Key_Return, CTRL)  # saves the edit
    assert panel.service.get(CID).notes[0].text == "saved text, changed"
    assert panel.service.draft(CID, note_id) == "" and panel.service.draft(CID) == "a new one"
    assert "unsaved" not in panel.notes.item(0).data(STAMP_ROLE)


def test_enter_in_evidence_records_the_assessment(panel, qtbot) -> None:
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("in_progress"))
    panel.evidence.setFocus()
    qtbot.keyClicks(panel.evidence, "MOFCOM notice 2012/5")
    qtbot.keyClick(panel.evidence, Qt.Key.Key_Return)
    assert panel.service.get(CID).evidence == "MOFCOM notice 2012/5"


# -- the window -----------------------------------------------------------------------------
def test_window_marks_drafts_and_keeps_one_typed_just_before_quitting(
        qtbot, make_window, service) -> None:
    window = make_window()
    window.select_commitment(CID)
    panel = window.detail.annotation_panel
    _type(qtbot, panel, "draft one")
    window.select_commitment(OTHER)
    marks = window.tree.tree_model().index_for_id(CID).siblingAtColumn(1)
    qtbot.waitUntil(lambda: marks.data() == DRAFT)
    assert "Unsaved note draft" in marks.data(Qt.ItemDataRole.ToolTipRole)
    _type(qtbot, panel, "typed and quit at once")
    window.close()  # Ctrl+Q closes the window the same way
    service.close()
    again = AnnotationService.open(service.data_dir)
    assert again.draft(OTHER) == "typed and quit at once" and again.draft(CID) == "draft one"
    again.close()


CRASHING_CHILD = """
import os, signal, sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.ui.annotations import AnnotationPanel

app = QApplication([])
service = AnnotationService.open(sys.argv[1])
panel = AnnotationPanel(service, QUndoStack())
panel.show()
panel.set_commitment(sys.argv[2])
QTest.keyClicks(panel.note_editor, "typed before the crash")
QTest.qWait(800)  # a pause in typing: the draft is written
os.kill(os.getpid(), signal.SIGKILL)  # no close, no quit, no flush
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_draft_survives_a_crash(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", CRASHING_CHILD, str(tmp_path), CID], env=env,
                          cwd=Path(__file__).resolve().parents[1], timeout=60,
                          capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL, done.stderr
    service = AnnotationService.open(tmp_path)
    assert service.draft(CID) == "typed before the crash"
    service.close()
