"""File → Export notes… starts its save dialog in the documents folder, as the memo's and the
calendar's do: a bare file name would start it in the working folder, for an installed program
its own folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from jcct_desktop.ui.annotations.backup_actions import FileChooser

REPO = Path(__file__).parents[1]


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def test_export_notes_suggests_the_documents_folder(qapp, monkeypatch, tmp_path):
    monkeypatch.chdir(REPO)  # as a program started from its own folder
    asked: list[str] = []

    def fake(parent, caption, directory, *rest):
        asked.append(directory)
        return str(tmp_path / "chosen.json"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    assert FileChooser.ask_save(None) == tmp_path / "chosen.json"
    (suggested,) = asked
    assert Path(suggested) == _documents() / "jcct-notes.json"
    assert Path(suggested).is_absolute() and not suggested.startswith(str(REPO))
