"""An error escaping the window's own code (a slot, a paint) is said in one line in the
window, the traceback still where it went: the detail pane reading a commitment's text on
first use from a reference file changed in place after the open (ReferenceDataError) tells
the officer to start again, where before a traceback went to a terminal nobody sees and the
pane was left half filled."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui import unexpected_errors
from jcct_desktop.ui.main_window import MainWindow
from tests.ui_support import OFFSCREEN_NOISE


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    from bench.make_archive import make_archive

    return make_archive(tmp_path / "a.sqlite", meetings=2, per_meeting=30)


@OFFSCREEN_NOISE
@pytest.mark.qt_no_exception_capture  # the hook under test is the one that catches it
def test_a_text_read_from_a_file_changed_in_place_is_said_in_one_line(
        qtbot, tmp_path: Path, archive: Path, capsys) -> None:
    reference = open_reference(archive)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(reference.catalog, reference.search, settings=settings)
    qtbot.addWidget(window)
    window.show()
    uninstall = unexpected_errors.install(window)
    try:
        errors = window.findChild(unexpected_errors.UnexpectedErrors)
        assert errors is not None
        os.truncate(archive, archive.stat().st_size // 2)  # changed in place after the open
        last = reference.catalog.commitments[-1].id  # its text not read yet
        window.select_commitment(last)
        qtbot.waitUntil(lambda: errors.box is not None and errors.box.isVisible(), timeout=5000)
        assert errors.box is not None
        said = errors.box.text()
        assert said.startswith("The bundled database changed on disk after it was opened")
        assert "start again" in said and "\n" not in said and "Traceback" not in said
        assert errors.said == [said]
        assert "Traceback" in capsys.readouterr().err  # still there for a developer
        # the same error again (the pane asked once more): never a second dialog on top
        window.select_commitment(reference.catalog.commitments[-2].id)
        qtbot.wait(50)
        assert len(window.findChildren(QMessageBox)) == 1
        errors.box.accept()
    finally:
        uninstall()
    assert sys.excepthook is not errors.hook


def test_any_other_error_names_itself_in_one_line_of_bounded_length() -> None:
    line = unexpected_errors.one_line(ValueError("bad\nvalue " + "x" * 1000))
    assert line.startswith("Something went wrong and that step was stopped (ValueError: bad")
    assert "\n" not in line and len(line) == unexpected_errors.LONGEST
    assert unexpected_errors.one_line(KeyError()).startswith(
        "Something went wrong and that step was stopped (KeyError: KeyError)")
