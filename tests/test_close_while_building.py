"""Closing the window (or the export dialog) while a packet builds: the build is cancelled and
its worker has left before the window is gone. Before, the application was torn down under a
worker still building; it crashed on exit ("Segmentation fault", 3 runs in 16 of a short
script; one CI-like run of tests/test_ui_single_instance.py), or printed a traceback from the
worker ("Error calling Python override of QRunnable::run()")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui_support import build_window

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2012-06-01"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """A latest meeting of 1,500 commitments (the packet's default scope): a packet that
    takes seconds, so a close surely falls within it."""
    from bench.make_archive import make_archive

    return make_archive(tmp_path_factory.mktemp("archive") / "a.sqlite", meetings=2,
                        per_meeting=1500)


@pytest.fixture
def archive_reference(archive):
    from jcct_desktop.store.reference.reader import open_reference

    return open_reference(archive)


def _building_dialog(qtbot, window):
    from jcct_desktop.ui.briefing import BriefingDialog

    dialog = BriefingDialog(window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.progressed, timeout=60_000):
        dialog.start_build()
    task = dialog._task
    assert task is not None and not task.wait(0)  # still building
    return dialog, task


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_closing_the_window_stops_the_build_and_waits_for_its_worker(
        qtbot, archive_reference, tmp_path):
    window = build_window(qtbot, archive_reference, tmp_path)
    dialog, task = _building_dialog(qtbot, window)
    window.close()
    assert task.wait(0)  # the worker had left when close() returned
    assert dialog._progress is None or dialog._progress.cancelled


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_closing_the_dialog_itself_stops_its_build(qtbot, archive_reference, tmp_path):
    window = build_window(qtbot, archive_reference, tmp_path)
    dialog, task = _building_dialog(qtbot, window)
    dialog.close()
    assert task.wait(0)
    with qtbot.waitSignal(dialog.cancelled, timeout=10_000):
        pass  # the cancelled build is reported as such, nothing written


SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui.app import configure, window_settings_file
from jcct_desktop.ui.main_window import MainWindow
from jcct_desktop.ui.briefing import BriefingDialog
app = QApplication([]); configure(app)
ref = open_reference()
w = MainWindow(ref.catalog, ref.search, settings=window_settings_file(sys.argv[1], None))
d = BriefingDialog(w)
d.start_build()
w.show(); app.processEvents()
w.close()
"""


def test_a_process_that_quits_while_a_packet_builds_exits_cleanly(archive, tmp_path):
    """The whole program, three times: exit 0, nothing on stderr from a worker."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), JCCT_REFERENCE_DB=str(archive),
               PYTHONPATH=str(REPO))
    env.pop("JCCT_DATA_DIR", None)
    for run in range(3):
        done = subprocess.run([sys.executable, "-X", "faulthandler", "-c", SCRIPT,
                               str(tmp_path / f"data{run}")], env=env, capture_output=True,
                              text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr[-3000:]
        assert "Traceback" not in done.stderr and "Fatal Python error" not in done.stderr, \
            done.stderr[-3000:]
