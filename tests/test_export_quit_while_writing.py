"""The whole program closed while File → Export deadlines to calendar writes: the last window
closing quits every event loop, the export's own too; the export is then cancelled and its
worker waited for, so the process exits cleanly, leaving the whole file or none (never its
temporary). As tests/test_close_while_building.py does for packets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

SCRIPT = """
import sys
from datetime import date
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui import calendar_action
from jcct_desktop.ui.app import configure, window_settings_file
from jcct_desktop.ui.main_window import MainWindow
app = QApplication([]); configure(app)
ref = open_reference()
w = MainWindow(ref.catalog, ref.search, settings=window_settings_file(sys.argv[1], None),
               as_of=date(2000, 1, 1))
target = Path(sys.argv[2])
calendar_action.CalendarFileChooser.ask_save = classmethod(lambda cls, parent: target)
def export():
    QTimer.singleShot(int(sys.argv[3]), w.close)  # the window closed while it writes
    print("returned", calendar_action.export_calendar(w), flush=True)
w.show()
QTimer.singleShot(0, export)
app.exec()
"""


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 commitments of 2000, all open on the window's day: an export of seconds."""
    from bench.make_archive import make_archive

    return make_archive(tmp_path_factory.mktemp("archive") / "a.sqlite", meetings=2,
                        per_meeting=1500)


@pytest.mark.parametrize("close_after_ms", [0, 50, 400])
def test_a_process_that_quits_while_the_calendar_writes_exits_cleanly(
        archive: Path, tmp_path: Path, close_after_ms: int) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), JCCT_REFERENCE_DB=str(archive),
               PYTHONPATH=str(REPO))
    env.pop("JCCT_DATA_DIR", None)
    out = tmp_path / "out" / "deadlines.ics"
    out.parent.mkdir()
    done = subprocess.run([sys.executable, "-X", "faulthandler", "-c", SCRIPT,
                           str(tmp_path / "data"), str(out), str(close_after_ms)], env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr and "Fatal Python error" not in done.stderr, \
        done.stderr[-3000:]
    assert "returned" in done.stdout  # the action came back before the process ended
    left = list(out.parent.iterdir())
    assert left in ([], [out]), left  # the whole file or none, never a temporary
    if left:
        assert out.read_bytes().endswith(b"END:VCALENDAR\r\n")
