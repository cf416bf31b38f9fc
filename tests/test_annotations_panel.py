"""The real annotation panel with pytest-qt: edits, undo/redo through the service, refresh."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QInputMethodEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from jcct_desktop.core.annotations import Assessment
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import backups, recovery
from jcct_desktop.ui.annotations import AnnotationPanel, backup_actions
from jcct_desktop.ui.annotations import commands as cmd

CID = "2011-NEV-1"
# The offscreen platform warns when a top-level window is shown; that message only.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def type_text(widget: QWidget, text: str) -> None:
    """Commit text like an input method would (keyClicks aborts on non-ASCII)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def setup(qtbot, tmp_path: Path):
    service = AnnotationService.open(tmp_path)
    stack = QUndoStack()
    panel = AnnotationPanel(service, stack)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_commitment(CID)
    yield panel, service, stack
    service.close()


def test_assessment_needs_evidence_then_undo_redo(qtbot, setup) -> None:
    panel, service, stack = setup
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("partially_fulfilled"))
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    assert "evidence" in panel.message.text()
    assert service.get(CID).status is Assessment.NOT_ASSESSED and stack.count() == 0
    type_text(panel.evidence, "商务部公告 2012/5 <b>&")
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    got = service.get(CID)
    assert (got.status, got.evidence) == (Assessment.PARTIALLY_FULFILLED, "商务部公告 2012/5 <b>&")
    assert panel.message.text() == "" and panel.history.count() == 1
    assert "<b>&" in panel.current_status.text()
    stack.undo()
    assert service.get(CID).status is Assessment.NOT_ASSESSED
    assert panel.status_combo.currentData() == "not_assessed"
    assert panel.history.count() == 2  # undo is recorded too (append-only)
    stack.redo()
    assert service.get(CID).status is Assessment.PARTIALLY_FULFILLED
    assert service.get(CID).status_changed == got.status_changed


def test_notes_add_edit_delete_with_undo(qtbot, setup) -> None:
    panel, service, stack = setup
    type_text(panel.note_editor, "第一行")
    qtbot.keyClick(panel.note_editor, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.note_editor, "<b>second</b> & more")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    (note,) = service.get(CID).notes
    assert note.text == "第一行\n<b>second</b> & more"
    assert panel.notes.count() == 1 and "<b>second</b>" in panel.notes.item(0).text()
    panel.notes.setCurrentRow(0)
    assert panel.note_editor.toPlainText() == note.text
    panel.note_editor.setPlainText("edited")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert service.get(CID).notes[0].text == "edited"
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert service.get(CID).notes == () and panel.notes.count() == 0
    stack.undo()  # delete undone: same note back
    assert [(n.id, n.text) for n in service.get(CID).notes] == [(note.id, "edited")]
    stack.undo()  # edit undone
    assert service.get(CID).notes[0].text == note.text
    stack.undo()  # add undone
    assert service.get(CID).notes == ()
    for _ in range(3):
        stack.redo()
    assert [n.text for n in service.get(CID).notes] == []
    stack.undo()
    assert [n.text for n in service.get(CID).notes] == ["edited"]
    assert any(h.why == "deleted" for h in service.get(CID).history)


def test_star_tags_follow_up(qtbot, setup) -> None:
    panel, service, stack = setup
    service.set_tags(commitment_id="other", tags=["autos", "IPR"])
    qtbot.mouseClick(panel.star, Qt.MouseButton.LeftButton)
    assert service.starred_ids() == {CID}
    stack.undo()
    assert service.starred_ids() == set() and not panel.star.isChecked()
    panel.tags.setFocus()
    panel.tags.setText("beef, IPR")  # typed text would pop the completer up (offscreen warns)
    qtbot.keyClick(panel.tags, Qt.Key.Key_Return)
    assert service.get(CID).tags == ("beef", "IPR")
    completer = panel.completer
    assert completer.tag_model.stringList() == ["autos", "beef", "IPR"]
    assert completer.splitPath("beef, au") == ["au"]
    assert completer.pathFromIndex(completer.tag_model.index(0)) == "beef, autos"
    panel.follow_check.setChecked(True)
    panel.follow_date.setDate(QDate(2012, 9, 30))
    panel.follow_date.setDate(QDate(2012, 10, 1))
    assert service.get(CID).follow_up == date(2012, 10, 1)
    stack.undo()  # date edits merged into one step: back to no follow-up
    assert service.get(CID).follow_up is None and not panel.follow_check.isChecked()
    stack.undo()
    assert service.get(CID).tags == ()


def test_panel_refreshes_on_service_events_only_for_its_commitment(qtbot, setup) -> None:
    panel, service, _ = setup
    service.add_note(commitment_id=CID, text="from elsewhere")
    assert panel.notes.count() == 1
    service.add_note(commitment_id="another", text="x")
    assert panel.notes.count() == 1
    service.set_starred(commitment_id=CID, starred=True)
    assert panel.star.isChecked()
    panel.set_commitment(None)
    assert not panel.isEnabled()


def test_failed_edit_is_reported_not_pushed(setup) -> None:
    panel, service, stack = setup
    error = cmd.push(stack, cmd.EditNote(service, 12345, "text"))
    assert isinstance(error, KeyError) and stack.count() == 0
    assert not panel._push(cmd.DeleteNote(service, 12345))
    assert panel.message.text().startswith("Not saved")


def test_item_models_pass_modeltester(qtmodeltester, setup) -> None:
    panel, service, _ = setup
    for i in range(3):
        service.add_note(commitment_id=CID, text=f"note {i}\n中文")
    service.set_tags(commitment_id=CID, tags=["a", "b"])
    qtmodeltester.check(panel.notes.model())
    qtmodeltester.check(panel.completer.tag_model)


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_backup_menu_actions(qtbot, setup, monkeypatch) -> None:
    panel, service, _ = setup
    shown: list[str] = []
    monkeypatch.setattr(
        backup_actions.Notice, "show", classmethod(lambda c, p, t, x, **k: shown.append(t))
    )
    service.add_note(commitment_id=CID, text="keep")
    made = backup_actions.back_up_now(panel, service)
    assert made is not None and made.exists() and shown[-1] == "Backup made"
    service.add_note(commitment_id=CID, text="later")
    monkeypatch.setattr(
        backup_actions.RestoreDialog, "ask", classmethod(lambda c, p, items: items[-1].path)
    )
    assert backup_actions.restore_backup(panel, service)
    assert [n.text for n in service.get(CID).notes] == ["keep"]
    assert panel.notes.count() == 1  # the panel heard "annotations_replaced"
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        assert backup_actions.reveal_data_folder(service)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert catcher.urls[0].toLocalFile() == str(service.data_dir)


def test_restore_dialog_lists_backups(qtbot, setup) -> None:
    _, service, _ = setup
    first = backups.backup_now(service.data_dir)
    dialog = backup_actions.RestoreDialog(backups.list_backups(service.data_dir))
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and dialog.chosen() == first


def test_recovery_report_offers_the_backup(setup, monkeypatch) -> None:
    panel, service, _ = setup
    service.add_note(commitment_id=CID, text="precious")
    good = backups.backup_now(service.data_dir)
    service.delete_note(note_id=service.get(CID).notes[0].id)
    report = recovery.RecoveryReport(
        "malformed", service.data_dir / "x", backups.list_backups(service.data_dir)[0]
    )
    asked: list[str] = []
    monkeypatch.setattr(
        backup_actions.Confirm, "ask", classmethod(lambda c, p, t, text: asked.append(text) or True)
    )
    monkeypatch.setattr(backup_actions.Notice, "show", classmethod(lambda c, *a, **k: None))
    assert backup_actions.show_recovery_report(panel, report, service)
    assert good.name in asked[0]
    assert [n.text for n in service.get(CID).notes] == ["precious"]


def test_file_menu_export_and_import(tmp_path: Path, setup, monkeypatch) -> None:
    panel, service, _ = setup
    shown: list[tuple[str, str]] = []
    notice = classmethod(lambda c, p, title, text, **k: shown.append((title, text)))
    monkeypatch.setattr(backup_actions.Notice, "show", notice)
    service.add_note(commitment_id=CID, text="shared <b>note</b>")
    target = tmp_path / "out.json"
    monkeypatch.setattr(backup_actions.FileChooser, "ask_save", classmethod(lambda c, p: target))
    assert backup_actions.export_annotations(panel, service) == target
    other = AnnotationService.open(tmp_path / "other")
    monkeypatch.setattr(backup_actions.FileChooser, "ask_open", classmethod(lambda c, p: target))
    monkeypatch.setattr(backup_actions.ImportPreviewDialog, "ask",
                        classmethod(lambda c, p, preview, source: True))
    assert backup_actions.import_annotations(panel, other)
    assert other.get(CID).notes[0].text == "shared <b>note</b>"
    target.write_text("{broken", encoding="utf-8")
    assert not backup_actions.import_annotations(panel, other)
    assert shown[-1][0] == "Nothing imported" and "line 1" in shown[-1][1]
    other.close()
