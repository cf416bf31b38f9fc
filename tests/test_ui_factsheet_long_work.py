"""Reading a fact sheet (a PDF's text layer can take seconds) and saving the meeting run on a
worker (issue 23): the window keeps its event loop, and Cancel while reading drafts nothing."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from jcct_desktop.store.reference.imported_meetings import DB_NAME
from jcct_desktop.ui.factsheet_import import FactSheetChooser, ImportFactSheetDialog
from jcct_desktop.ui.factsheet_import import dialog as dialog_module
from tests.test_ui_long_work import heartbeat, pressing_cancel, stall_bound

FIXTURE = Path(__file__).parent / "data" / "jcct-23-fixture.txt"
READ_S = 1.5  # a slow PDF, as far as the window can tell


@pytest.fixture
def slow_dialog(qtbot, catalog, data_dir: Path, monkeypatch) -> tuple[ImportFactSheetDialog,
                                                                        list[str]]:
    """The importer over the fixture sheet, its reading slowed down; the reading threads kept."""
    threads: list[str] = []
    real = dialog_module.read_source

    def slow_read(path: Path):
        threads.append(threading.current_thread().name)
        time.sleep(READ_S)  # long enough for the dialog to show (after 0.4 s)
        return real(path)

    monkeypatch.setattr(dialog_module, "read_source", slow_read)
    monkeypatch.setattr(FactSheetChooser, "ask_open", classmethod(lambda cls, parent: FIXTURE))
    d = ImportFactSheetDialog(catalog, data_dir)
    qtbot.addWidget(d)
    d.choose_file()
    d.number.setValue(23)
    d.date.setText("2012-12-19")
    return d, threads


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_reading_runs_on_a_worker_and_the_window_keeps_turning(slow_dialog, data_dir) -> None:
    dialog, threads = slow_dialog
    with heartbeat() as gaps:
        assert dialog.make_drafts()
    assert threads and threads[0] != threading.main_thread().name
    assert dialog.items.count() == 3 and "drafted" in dialog.message.text()
    assert sum(gaps) >= READ_S * 0.9 and max(gaps) < stall_bound()  # it ticked throughout
    dialog.save()  # the meetings database is built on a worker too
    assert dialog.saved_path == data_dir / DB_NAME and dialog.saved_path.is_file()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_cancel_while_reading_drafts_nothing(slow_dialog) -> None:
    dialog, _threads = slow_dialog
    with pressing_cancel() as pressed:
        assert not dialog.make_drafts()
    assert pressed
    assert dialog.drafts is None and dialog.items.count() == 0
    assert dialog.message.text() == "Cancelled: nothing drafted."
