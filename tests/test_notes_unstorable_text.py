"""Text the notes database cannot hold (a NUL, a lone surrogate) is stopped at the door: by
the notes import (naming the note), by the service (recording nothing) and in the panel
(saying why, the text kept to fix). Real notes files, the real command line and panel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from jcct_desktop.cli import main
from jcct_desktop.core.annotations.model import Annotation, Note
from jcct_desktop.core.annotations.text_rules import UnstorableText
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import backups
from tests.notes_support import export_with_note

CID = "2011-NEV-1"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _history(folder: Path) -> int:
    service = AnnotationService.open(folder)
    try:
        return sum(len(a.history) for a in service.all())
    finally:
        service.close()


@pytest.mark.parametrize(("bad", "words"), [("a\x00b", "NUL character (U+0000)"),
                                            ("a\ud800b", "lone surrogate, U+D800")])
def test_notes_import_refuses_unstorable_text_naming_the_note(data_dir, tmp_path, capsys,
                                                              bad, words) -> None:
    service = AnnotationService.open(data_dir)
    service.add_note(commitment_id=CID, text="mine")
    service.close()
    before = _history(data_dir)
    source = export_with_note(tmp_path, bad)
    capsys.readouterr()
    assert main(["notes", "import", str(source)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert words in err and "annotations[1].notes[1].text" in err and CID in err, err
    assert _history(data_dir) == before and backups.list_backups(data_dir) == []


@pytest.mark.parametrize("bad", ["\x00", "x\x00", "\ud83d"])
def test_the_service_refuses_unstorable_text_and_records_nothing(data_dir, bad) -> None:
    service = AnnotationService.open(data_dir)
    try:
        note = service.add_note(commitment_id=CID, text="kept").after
        attempts = [
            lambda: service.add_note(commitment_id=CID, text=bad),
            lambda: service.edit_note(note_id=note.id, text=bad),
            lambda: service.record_assessment(commitment_id=CID, status="fulfilled",
                                              evidence=bad),
            lambda: service.record_assessment(commitment_id=CID, status="fulfilled",
                                              evidence="fine", source=bad),
            lambda: service.set_tags(commitment_id=CID, tags=[bad]),
            lambda: service.change_tags(commitment_id=CID, add=[bad]),
            lambda: service.merge_annotations(
                [Annotation(CID, notes=(Note(0, bad, note.created, note.updated),))]),
        ]
        for attempt in attempts:
            with pytest.raises(UnstorableText, match="cannot hold"):
                attempt()
        got = service.get(CID)
        assert [n.text for n in got.notes] == ["kept"] and len(got.history) == 1
        assert got.tags == () and got.assessments == ()
    finally:
        service.close()


def test_the_window_says_why_a_note_or_evidence_is_not_saved(qtbot, service,
                                                             make_panel) -> None:
    panel = make_panel(CID)
    panel.note_editor.setPlainText("pasted\x00from a PDF")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert "Not saved: The note contains a NUL character" in panel.message.text()
    panel.evidence.setText("evidence\x00")
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("fulfilled"))
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    assert "Not saved: The evidence contains a NUL character" in panel.message.text()
    got = service.get(CID)
    assert got.notes == () and got.assessments == ()
    assert "pasted" in panel.note_editor.toPlainText()  # the text is kept to fix, not lost
