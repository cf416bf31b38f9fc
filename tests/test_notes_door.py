"""Issue 19, probes 7 and 8: bad text stopped at the door, and messages that say what happened.

Real notes files, the real command line and the real panel (pytest-qt); a real full disk (a
small tmpfs, as root).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from jcct_desktop.cli import main
from jcct_desktop.core.annotations.exchange import ExchangeError, parse_document
from jcct_desktop.core.annotations.model import Annotation, Note
from jcct_desktop.core.annotations.text_rules import UnstorableText
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import backups
from jcct_desktop.store.notes.disk_full import DiskFullError
from jcct_desktop.ui.annotations import AnnotationPanel
from tests.fs_support import IS_ROOT

CID = "2011-NEV-1"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _export_with(tmp_path: Path, note: str) -> Path:
    document = {
        "format": "jcct-desktop-annotations", "version": 2, "exported": "2012-01-01T00:00:00Z",
        "annotations": [
            {"commitment": "2011-NEV-2", "notes": [{"text": "fine",
                                                    "created": "2012-01-01T00:00:00Z",
                                                    "updated": "2012-01-01T00:00:00Z"}]},
            {"commitment": CID, "notes": [{"text": "ok", "created": "2012-01-01T00:00:00Z",
                                           "updated": "2012-01-01T00:00:00Z"},
                                          {"text": note, "created": "2012-01-02T00:00:00Z",
                                           "updated": "2012-01-02T00:00:00Z"}]},
        ],
    }
    path = tmp_path / "in.json"
    path.write_text(json.dumps(document), "utf-8")  # \u0000 and \ud800 as JSON escapes
    return path


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
    source = _export_with(tmp_path, bad)
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


def test_the_window_says_why_a_note_or_evidence_is_not_saved(qtbot, data_dir) -> None:
    service = AnnotationService.open(data_dir)
    panel = AnnotationPanel(service, QUndoStack())
    qtbot.addWidget(panel)
    panel.show()
    panel.set_commitment(CID)
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
    service.close()


def test_a_bom_is_accepted_and_duplicated_keys_are_refused(data_dir, tmp_path, capsys) -> None:
    text = _export_with(tmp_path, "fine").read_text("utf-8")
    with_bom = tmp_path / "notepad.json"
    with_bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert main(["notes", "import", str(with_bom)]) == 0
    doubled = tmp_path / "doubled.json"
    doubled.write_text(text[:-1] + ', "annotations": []}', "utf-8")
    capsys.readouterr()
    assert main(["notes", "import", str(doubled)]) == 2
    err = capsys.readouterr().err
    assert "annotations: this key appears twice" in err, err
    nested = text.replace('"text": "ok"', '"text": "ok", "text": "other"')
    with pytest.raises(ExchangeError) as caught:
        parse_document(nested)
    assert caught.value.where == "annotations[1].notes[0].text"


def test_a_clock_behind_the_notes_is_said_before_recording(data_dir, tmp_path, capsys,
                                                            qtbot) -> None:
    ahead = AnnotationService(AnnotationService.open(data_dir).db,
                              clock=lambda: datetime.now(UTC) + timedelta(days=3))
    ahead.record_assessment(commitment_id=CID, status="fulfilled", evidence="seen in 3 days")
    ahead.close()
    source = _export_with(tmp_path, "fine")
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


def test_a_right_clock_says_nothing(data_dir, qtbot) -> None:
    service = AnnotationService.open(data_dir)
    service.add_note(commitment_id=CID, text="now")
    panel = AnnotationPanel(service, QUndoStack())
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.clock_banner.isVisible()
    panel.set_commitment(CID)
    panel.evidence.setText("seen")
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("fulfilled"))
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    assert panel.message.text() == ""
    service.close()


@pytest.fixture
def full_disk(tmp_path):
    small = tmp_path / "small"
    if not IS_ROOT or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root; CI runs as root")
    small.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(small)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"no tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield small
    finally:
        subprocess.run(["umount", "-l", str(small)], check=False)


def _fill(folder: Path) -> Path:
    """Take every free byte of the disk (left for the test to free again)."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\xff" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_says_disk_full(full_disk, tmp_path, capsys) -> None:
    data = full_disk / "notes"
    service = AnnotationService.open(data)
    service.add_note(commitment_id=CID, text="before the disk filled")
    filler = _fill(full_disk)
    with pytest.raises(DiskFullError, match=r"^disk full: "):
        for i in range(200):
            service.add_note(commitment_id=CID, text=f"{i} " + "y" * 3000)
    service.close()
    source = _export_with(tmp_path, "x" * 50_000)
    capsys.readouterr()
    assert main(["--data-dir", str(data), "notes", "import", str(source)]) == 1
    err = capsys.readouterr().err
    assert "disk full" in err and "disk I/O error" not in err, err
    assert err.count("\n") == 1
    filler.unlink()
    service = AnnotationService.open(data)
    assert "before the disk filled" in [n.text for n in service.get(CID).notes]
    service.close()
