"""One window per notes folder: a second launch brings the first forward and exits; a lock
left by a crash is taken over; window settings follow --data-dir."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from jcct_desktop.core.paths import resolve_data_dir
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.backups import list_backups
from jcct_desktop.ui.app import window_settings_file
from jcct_desktop.ui.single_instance import LOCK_NAME, REQUEST_NAME, InstanceGuard
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, build_window

pytestmark = OFFSCREEN_NOISE


def _app(tmp_path: Path, *args: str) -> list[str]:
    code = f"import sys; from jcct_desktop.cli import main; sys.exit(main({list(args)!r}))"
    return [sys.executable, "-c", code]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("JCCT_DATA_DIR", None)
    return env


@pytest.mark.skipif(not hasattr(os, "kill"), reason="needs to kill a process")
def test_second_launch_raises_the_first_and_a_crashed_lock_is_taken_over(qapp, tmp_path: Path):
    folder = tmp_path / "notes"
    AnnotationService.open(folder).close()  # an existing database: the window backs it up
    first = subprocess.Popen(_app(tmp_path, "--data-dir", str(folder)), env=_env(tmp_path),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        while not list_backups(folder):  # the start-up copy: made once the window painted
            assert first.poll() is None, first.stderr.read() if first.stderr else ""
            assert time.monotonic() < deadline, "the first window never came up"
            time.sleep(0.1)
        second = subprocess.run(_app(tmp_path, "--data-dir", str(folder)), env=_env(tmp_path),
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert "already open on the notes in" in second.stderr
        assert "brought that window to the front" in second.stderr
        assert not (folder / REQUEST_NAME).exists()  # the first one answered
        assert first.poll() is None  # and is still running
    finally:
        first.kill()  # a crash: the lock file stays behind
        first.wait(30)
    assert (folder / LOCK_NAME).exists()
    guard = InstanceGuard(folder)
    assert guard.acquire()  # its holder is gone: taken over
    guard.release()


def test_a_live_holder_is_named_and_an_unanswered_request_is_withdrawn(qtbot, tmp_path):
    first, second = InstanceGuard(tmp_path), InstanceGuard(tmp_path)
    assert first.acquire()
    assert not second.acquire()
    assert f"process {os.getpid()} on this computer" in second.holder()
    # this thread is busy waiting, so the first cannot answer: the request is withdrawn
    assert not second.ask_holder_to_raise(wait_s=0.3)
    assert not (tmp_path / REQUEST_NAME).exists()
    with qtbot.waitSignal(first.raiseRequested, timeout=5000):
        (tmp_path / REQUEST_NAME).write_text("4242")  # what a second launch leaves
    assert not (tmp_path / REQUEST_NAME).exists()
    first.release()
    assert second.acquire()
    second.release()


def test_window_settings_follow_the_data_folder(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("JCCT_DATA_DIR", raising=False)
    chosen = window_settings_file(str(tmp_path / "d"), None)
    assert Path(chosen.fileName()) == tmp_path / "d" / "settings.ini"
    assert chosen.format() == QSettings.Format.IniFormat
    # JCCT_DATA_DIR names a folder as --data-dir does (the entry point decides, once)
    named = resolve_data_dir(None, {"JCCT_DATA_DIR": str(tmp_path / "env")})
    assert named.named
    assert Path(window_settings_file(named.path, None).fileName()) == \
        tmp_path / "env" / "settings.ini"


def test_the_briefing_dialog_keeps_its_choices_in_the_windows_settings(qtbot, reference,
                                                                       tmp_path) -> None:
    from jcct_desktop.ui.briefing import BriefingDialog

    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF, show=False)
    dialog = BriefingDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.settings is window.settings  # one settings file, never a second of its own


@pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")
def test_bring_to_front_says_why(qtbot, reference, tmp_path) -> None:
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    window.showMinimized()
    window.bring_to_front()
    assert not window.isMinimized()
    assert "one window at a time" in window.statusBar().currentMessage()


def test_one_settings_file_per_run_in_the_data_folder(tmp_path) -> None:
    """The window and the export dialog share the run's one settings object: with
    --data-dir, everything remembered lands in that folder's settings.ini, and nothing in
    the user's usual configuration folder (a second officer's layout stays separate)."""
    data, config = tmp_path / "officer", tmp_path / "config"
    script = f"""
import sys
from PySide6.QtWidgets import QApplication
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui.app import configure, window_settings_file
from jcct_desktop.ui.main_window import MainWindow
from jcct_desktop.ui.briefing import BriefingDialog
app = QApplication([]); configure(app)
ref = open_reference()
w = MainWindow(ref.catalog, ref.search, settings=window_settings_file({str(data)!r}, None))
d = BriefingDialog(w)
d.prepared_for.setText("Deputy Assistant Secretary")
d.start_build()
d.close(); w.close()
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(config))
    env.pop("JCCT_DATA_DIR", None)
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    ini = (data / "settings.ini").read_text(encoding="utf-8")
    assert "[briefing]" in ini and "Deputy Assistant Secretary" in ini
    assert "[window]" in ini
    assert not config.exists() or not any(config.rglob("*"))
