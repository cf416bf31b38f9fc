"""The memo's and the calendar's save dialogs start in the documents folder, as the packet's
does: a bare file name would start them in the working folder, for an installed or frozen
program its own folder (read-only, or a temporary one that is deleted on exit)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from jcct_desktop.ui.briefing.dialog import suggested_path
from jcct_desktop.ui.calendar_action import CalendarFileChooser
from jcct_desktop.ui.memo_action import MemoFileChooser

REPO = Path(__file__).parents[1]


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


@pytest.mark.parametrize(("chooser", "name"), [(MemoFileChooser, "jcct-memo.docx"),
                                               (CalendarFileChooser, "jcct-deadlines.ics")])
def test_the_save_dialog_suggests_the_documents_folder(qapp, monkeypatch, tmp_path,
                                                       chooser, name):
    monkeypatch.chdir(REPO)  # as a program started from its own folder
    asked: list[str] = []

    def fake(parent, caption, directory, *rest):
        asked.append(directory)
        return str(tmp_path / name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    assert chooser.ask_save(None) == tmp_path / name
    (suggested,) = asked
    assert Path(suggested) == _documents() / name and Path(suggested).is_absolute()
    assert not suggested.startswith(str(REPO))


def test_the_packet_keeps_its_suggestion():
    assert Path(suggested_path()) == _documents() / "briefing-packet.pdf"
    assert Path(suggested_path("2011-SOFT-1.pdf")).name == "2011-SOFT-1.pdf"
