"""Every command without a mouse: commands from the search box, F6 between panes, Ctrl+D,
the timeline's focus and Enter, undo/redo that say what they did."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QApplication

from jcct_desktop.ui.shortcuts import shortcut_rows
from jcct_desktop.ui.timeline.focus import FOCUS
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CTRL = Qt.KeyboardModifier.ControlModifier
CID = "2011-SOFT-2"


@pytest.fixture
def window(make_window, qtbot):
    """The main window, active (keys go to it), with a commitment chosen."""
    window = make_window()
    window.activateWindow()
    qtbot.waitActive(window)
    window.select_commitment(CID)
    return window


def _spy(window, name: str) -> list[str]:
    """Replace what a command does by a note that it ran (its key handling stays real)."""
    hits: list[str] = []
    action = window.actions_by_name[name]
    action.triggered.disconnect()
    action.triggered.connect(lambda *_: hits.append(name))
    return hits


def test_export_and_print_keys_work_from_the_search_box(window, qtbot) -> None:
    export, print_ = _spy(window, "export"), _spy(window, "print")
    search = window.filters.search
    search.setFocus()
    qtbot.keyClicks(search, "IPR")
    qtbot.keyClick(search, Qt.Key.Key_E, CTRL)
    qtbot.keyClick(search, Qt.Key.Key_P, CTRL)
    assert (export, print_) == (["export"], ["print"])
    assert search.text() == "IPR"
    # a text field never claims a window command's keys (on X11 it took Ctrl+E and Ctrl+D)
    for key in (Qt.Key.Key_E, Qt.Key.Key_P, Qt.Key.Key_D):
        override = QKeyEvent(QEvent.Type.ShortcutOverride, key, CTRL)
        override.setAccepted(False)
        QApplication.sendEvent(search, override)
        assert not override.isAccepted()


def test_f6_and_shift_f6_move_between_the_panes(window, qtbot) -> None:
    window.tree.setFocus()
    order = [window.detail.browser, window.detail.annotation_panel.note_editor, window.timeline,
             window.tree]
    for pane in order:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        assert QApplication.focusWidget() is pane
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.timeline
    window.detail.annotation_panel.tags.setFocus()  # anywhere in the notes is the notes pane
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.timeline


def test_ctrl_d_stars_and_undo_says_what_it_undid(window, qtbot) -> None:
    service = window.annotations
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_D, CTRL)
    assert service.starred_ids() == {CID}
    assert window.statusBar().currentMessage().startswith(f"Starred {CID}")
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, CTRL)
    assert service.starred_ids() == set()
    assert window.statusBar().currentMessage() == "Undid: change star"
    window.actions_by_name["redo"].trigger()
    assert window.statusBar().currentMessage() == "Redid: change star"
    assert service.starred_ids() == {CID}


def test_timeline_shows_focus_and_enter_opens_the_focused_bar(window, qtbot) -> None:
    timeline = window.timeline
    timeline.setFocus()
    qtbot.waitUntil(lambda: timeline.hasFocus())
    assert timeline.grab().toImage().pixelColor(1, timeline.height() // 2) == QColor(FOCUS)
    qtbot.keyClick(timeline, Qt.Key.Key_Down)
    below = timeline.focused
    assert below not in (None, CID) and window.selected_commitment_id() == CID
    qtbot.keyClick(timeline, Qt.Key.Key_Return)
    assert window.selected_commitment_id() == below
    qtbot.keyClick(timeline, Qt.Key.Key_Up)
    qtbot.keyClick(timeline, Qt.Key.Key_Space)
    assert window.selected_commitment_id() == CID
    window.tree.setFocus()
    qtbot.waitUntil(lambda: not timeline.hasFocus())
    assert timeline.grab().toImage().pixelColor(1, timeline.height() // 2) != QColor(FOCUS)


def test_new_keys_are_listed_in_help(window) -> None:
    rows = {(menu, command): keys for menu, command, keys in shortcut_rows(window)}
    assert rows[("View", "Next pane")] == "F6"
    assert rows[("View", "Previous pane")] == "Shift+F6"
    assert rows[("Edit", "Star for my briefing")] == "Ctrl+D"
    assert "Ctrl+Return" in rows[("Notes", "Add or save the note being written")]


X11_CHILD = """
import sys, tempfile
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication([])
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui.main_window import MainWindow
ends = QKeySequence.keyBindings(QKeySequence.StandardKey.MoveToEndOfLine)
assert "Ctrl+E" in [s.toString() for s in ends]  # X11's binding: the field wanted Ctrl+E
ref = open_reference()
w = MainWindow(ref.catalog, ref.search,
               settings=QSettings(tempfile.mktemp(suffix=".ini"), QSettings.Format.IniFormat))
hits = []
for name in ("export", "print"):
    w.actions_by_name[name].triggered.disconnect()
    w.actions_by_name[name].triggered.connect(lambda *_, n=name: hits.append(n))
w.show()
QTest.qWaitForWindowExposed(w)
w.activateWindow()
QTest.qWaitForWindowActive(w)
w.filters.search.setFocus()
QTest.keyClick(w.filters.search, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
QTest.keyClick(w.filters.search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
print(",".join(hits))
"""


@pytest.mark.services  # starts Xvfb
def test_ctrl_e_from_the_search_box_on_real_x11(tmp_path: Path) -> None:
    """On X11 a line edit binds Ctrl+E to "end of line": this is where it went missing."""
    assert shutil.which("xvfb-run"), "xvfb-run is missing: ./run tests installs it"
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", HOME=str(tmp_path))
    done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1024x768x24", sys.executable,
                           "-c", X11_CHILD], env=env, capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parents[1])
    # ./run tests installs Xvfb and the xcb libraries (scripts/test_services.sh): no skipping
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["export,print"]


def test_the_focused_pane_is_framed(qtbot, make_window):
    """After F6 the pane with the keyboard (here the text pane) is framed in the accent
    colour by the app's style sheet."""
    from jcct_desktop.core import resources

    app = QApplication.instance()
    before = app.styleSheet()
    app.setStyleSheet(resources.style("app.qss").read_text(encoding="utf-8"))  # as launched
    try:
        window = make_window(annotations=None)
        browser = window.detail.browser

        def edge() -> QColor:
            return browser.grab().toImage().pixelColor(browser.width() // 2, 0)

        window.tree.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(window.tree.hasFocus)
        unfocused = edge()
        browser.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(browser.hasFocus)
        qtbot.waitUntil(lambda: edge() != unfocused)
        assert edge() == QColor("#2f5d8a")
    finally:
        app.setStyleSheet(before)
