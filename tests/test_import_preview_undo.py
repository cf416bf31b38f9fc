"""Issue 12 item 3: an import shows what it will change, records history, and can be undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from jcct_desktop.core.annotations.exchange import export_file
from jcct_desktop.core.annotations.preview import preview_import
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import backups
from jcct_desktop.store.notes.operations import read_import
from jcct_desktop.ui.annotations import backup_actions

CID = "2011-NEV-1"


@pytest.fixture
def two_officers(tmp_path: Path):
    mine = AnnotationService.open(tmp_path / "mine")
    theirs = AnnotationService.open(tmp_path / "theirs")
    mine.add_note(commitment_id=CID, text="my note")
    mine.set_tags(commitment_id=CID, tags=["autos"])
    mine.record_assessment(commitment_id=CID, status="in_progress", evidence="mine")
    theirs.add_note(commitment_id=CID, text="their note")
    theirs.add_note(commitment_id="2011-IPR-1", text="another")
    theirs.set_tags(commitment_id=CID, tags=["AUTOS", "ipr"])
    theirs.record_assessment(commitment_id=CID, status="fulfilled", evidence="gazette")
    theirs.set_starred(commitment_id="2011-IPR-1", starred=True)
    theirs.add_note(commitment_id="9999-GONE-1", text="orphan")
    exported = tmp_path / "theirs.json"
    export_file(theirs, exported, own_files=OwnFiles(None))
    yield mine, exported
    mine.close()
    theirs.close()


def test_preview_counts_what_the_merge_then_does(two_officers) -> None:
    mine, exported = two_officers
    incoming = read_import(exported)
    preview = preview_import({a.commitment_id: a for a in mine.all()}, incoming,
                             known_ids={CID, "2011-IPR-1"})
    by_id = {i.commitment_id: i for i in preview.changed}
    assert by_id[CID].new_notes == 1 and by_id[CID].new_tags == ("ipr",)
    assert by_id[CID].assessment == ("In progress", "Fulfilled")
    assert by_id["2011-IPR-1"].starred and by_id["2011-IPR-1"].new_notes == 1
    assert by_id["9999-GONE-1"].unknown
    assert preview.summary() == (
        "3 commitments would change: 3 new notes, 1 assessment replaced, 1 new tag."
    )
    change = mine.merge_annotations(incoming, source="theirs.json")
    assert change.commitment_ids == frozenset(by_id)
    again = preview_import({a.commitment_id: a for a in mine.all()}, incoming)
    assert again.changed == () and again.summary().startswith("Nothing to import")


def test_window_import_previews_records_history_and_undoes(two_officers, qtbot,
                                                           monkeypatch) -> None:
    mine, exported = two_officers
    seen: list[str] = []
    monkeypatch.setattr(backup_actions.FileChooser, "ask_open", classmethod(lambda c, p: exported))
    monkeypatch.setattr(backup_actions.Notice, "show", classmethod(lambda c, *a, **k: None))
    monkeypatch.setattr(backup_actions.ImportPreviewDialog, "ask",
                        classmethod(lambda c, p, preview, source: seen.append(
                            preview.summary()) or False))
    stack = QUndoStack()
    assert not backup_actions.import_annotations(None, mine, stack)  # cancelled: nothing
    assert "3 commitments would change" in seen[0]
    assert len(mine.get(CID).notes) == 1 and backups.list_backups(mine.data_dir) == []
    monkeypatch.setattr(backup_actions.ImportPreviewDialog, "ask",
                        classmethod(lambda c, p, preview, source: True))
    assert backup_actions.import_annotations(None, mine, stack)
    assert [n.text for n in mine.get(CID).notes] == ["my note", "their note"]
    assert any(h.field == "import" and h.new == "theirs.json" for h in mine.get(CID).history)
    (made,) = backups.list_backups(mine.data_dir)
    assert made.reason == "import"
    assert stack.undoText() == "Import theirs.json"
    stack.undo()
    assert [n.text for n in mine.get(CID).notes] == ["my note"]
    assert mine.get(CID).status.value == "in_progress"
    stack.redo()
    assert [n.text for n in mine.get(CID).notes] == ["my note", "their note"]


def test_preview_dialog_lists_each_commitment(two_officers, qtbot) -> None:
    mine, exported = two_officers
    preview = preview_import({a.commitment_id: a for a in mine.all()}, read_import(exported),
                             known_ids={CID, "2011-IPR-1"})
    dialog = backup_actions.ImportPreviewDialog(preview, "theirs.json")
    qtbot.addWidget(dialog)
    lines = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert any(line.startswith(f"{CID}: 1 new note; assessment In progress → Fulfilled")
               for line in lines)
    assert any("9999-GONE-1" in line and "orphaned" in line for line in lines)
