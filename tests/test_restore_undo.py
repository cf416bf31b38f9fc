"""A restore says what it changed and is one undo step: Edit → Undo puts the replaced notes
back, and the edits made before it undo on the notes they were made on (QA: undo after a
restore used to re-apply a removed tag)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from jcct_desktop.core.annotations.compare import compare
from jcct_desktop.core.annotations.model import Annotation, Note
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import backups, operations
from jcct_desktop.ui.annotations import backup_actions
from jcct_desktop.ui.annotations import commands as cmd
from tests.ui_support import AS_OF, OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CID, OTHER = "2011-SOFT-2", "2011-NEV-1"


def test_compare_names_what_an_officer_would_see_changed() -> None:
    when = datetime(2012, 1, 2, tzinfo=UTC)
    before = [Annotation(CID, tags=("ipr",)), Annotation(OTHER, starred=True),
              Annotation("2011-II-1", notes=(Note(1, "same", when, when),))]
    after = [Annotation(CID, tags=("IPR",)),  # tags compare as typed-insensitive
             Annotation("2011-II-1", notes=(Note(7, "same", when, when),)),  # ids may differ
             Annotation("2011-DC-1", follow_up=AS_OF)]
    diff = compare(before, after)
    assert diff.changed == ("2011-DC-1", OTHER) and diff.gone == (OTHER,)
    assert diff.back == ("2011-DC-1",)
    assert diff.describe() == ("Notes on 2 commitments changed (2011-DC-1, 2011-NEV-1). "
                               "1 commitment no longer has any notes.")
    assert compare(before, before).describe().startswith("Your notes were already the same")


def test_restore_reports_the_difference_from_the_command_line_path(tmp_path: Path) -> None:
    service = AnnotationService.open(tmp_path)
    service.set_starred(commitment_id=CID, starred=True)
    saved = backups.backup_now(tmp_path, reason="manual")
    service.add_note(commitment_id=OTHER, text="written after the backup")
    service.close()
    result = operations.restore_notes(tmp_path, saved)
    assert result.difference.changed == (OTHER,) and result.difference.gone == (OTHER,)


def test_undo_after_a_restore_puts_the_notes_back_in_order(qtbot, service, monkeypatch):
    stack = QUndoStack()
    saved = backups.backup_now(service.data_dir, reason="manual")  # no tags yet
    tags = cmd.ChangeTags(service, CID, add=["priority", "软件"], remove=[])
    assert cmd.push(stack, tags) is None
    told: list[str] = []
    monkeypatch.setattr(backup_actions.Notice, "show", classmethod(
        lambda cls, parent, title, text, warning=False: told.append(text)))
    assert backup_actions._restore(None, service, saved, stack)
    assert service.get(CID) is None or service.get(CID).tags == ()
    assert "Notes on 1 commitment changed (2011-SOFT-2)" in told[0]
    assert "Edit → Undo puts them back" in told[0]
    assert stack.undoText().startswith("Restore backup of ")
    stack.undo()  # the restore: the tags come back
    assert set(service.get(CID).tags) == {"priority", "软件"}
    stack.undo()  # the tags edit, on the notes it was made on
    assert service.get(CID) is None or service.get(CID).tags == ()
    stack.redo()
    stack.redo()  # the restore again: no tags
    assert service.get(CID) is None or service.get(CID).tags == ()
    # each step backed up what it replaced, named for what it was (QA: all "before restore")
    reasons = [b.reason_label for b in backups.list_backups(service.data_dir)]
    assert reasons.count("before undo") == 1 and reasons.count("before redo") == 1
    assert reasons.count("before restore") == 1


def test_the_windows_restore_menu_is_undoable(qtbot, make_window, service, monkeypatch):
    window = make_window()
    saved = backups.backup_now(service.data_dir, reason="manual")
    service.set_starred(commitment_id=CID, starred=True)
    monkeypatch.setattr(backup_actions.RestoreDialog, "ask", classmethod(lambda cls, p, i: saved))
    monkeypatch.setattr(backup_actions.Notice, "show",
                        classmethod(lambda cls, p, title, text, warning=False: None))
    with qtbot.waitSignal(window.notes.refreshed):
        window.actions_by_name["restore"].trigger()
    assert not (service.get(CID) and service.get(CID).starred)
    with qtbot.waitSignal(window.notes.refreshed):
        window.undo_stack.undo()
    assert service.get(CID).starred


def test_restore_latest_after_an_import_says_it_takes_the_import_back(tmp_path, capsys):
    """QA: `notes restore latest` right after `notes import` undid the import silently."""
    from jcct_desktop.cli import main

    mine, other = tmp_path / "mine", tmp_path / "other"
    colleague = AnnotationService.open(other)
    colleague.add_note(commitment_id=OTHER, text="from a colleague")
    colleague.close()
    shared = tmp_path / "shared.json"
    assert main(["--data-dir", str(other), "notes", "export", str(shared)]) == 0
    AnnotationService.open(mine).close()
    assert main(["--data-dir", str(mine), "notes", "import", str(shared)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(mine), "notes", "restore", "latest"]) == 0
    said = capsys.readouterr().err
    assert "before import" in said
    assert "Notes on 1 commitment changed (2011-NEV-1)" in said
    assert "no longer has any notes" in said


def test_the_note_editor_follows_a_restore_and_its_undo(qtbot, make_window, service,
                                                        monkeypatch):
    """QA (second walk): after a restore the editor was empty although the backup's draft was
    back (typing would overwrite it); after its undo the editor still showed that draft,
    which was no longer stored and was lost at quit."""
    window = make_window()
    service.save_draft(commitment_id=CID, text="DRAFT unsaved thought 王岐山")
    saved = backups.backup_now(service.data_dir, reason="manual")  # holds the draft
    assert window.select_commitment(CID)
    panel = window.detail.annotation_panel
    qtbot.waitUntil(lambda: panel.note_editor.toPlainText() == "DRAFT unsaved thought 王岐山")
    panel.note_editor.selectAll()
    qtbot.keyClicks(panel.note_editor, "note after backup")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: service.draft(CID) == "" and panel.note_editor.toPlainText() == "")
    monkeypatch.setattr(backup_actions.RestoreDialog, "ask", classmethod(lambda cls, p, i: saved))
    monkeypatch.setattr(backup_actions.Notice, "show",
                        classmethod(lambda cls, p, title, text, warning=False: None))
    with qtbot.waitSignal(window.notes.refreshed):
        window.actions_by_name["restore"].trigger()
    assert service.draft(CID) == "DRAFT unsaved thought 王岐山"
    assert panel.note_editor.toPlainText() == "DRAFT unsaved thought 王岐山"  # as stored
    with qtbot.waitSignal(window.notes.refreshed):
        window.undo_stack.undo()
    assert service.draft(CID) == ""
    assert panel.note_editor.toPlainText() == ""  # no draft shown that is not kept
    assert [n.text for n in service.get(CID).notes] == ["note after backup"]
