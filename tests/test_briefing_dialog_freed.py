"""A closed export dialog is freed: its widgets, its preview (the PDF document and the buffer
of its bytes) and the packet it made (follow-up of issue 25).

Every dialog File → Export briefing packet… opened was the window's child and stayed alive
once closed: 118 objects a dialog, and with its last packet, ~3.7 MB a dialog on the 2011
meeting (``bench/bench_session_memory.py --dialogs``). Closed now (Close, Escape, the title
bar's close, the window closing), it is deleted, at once or, while its packet builds, once
the cancelled build has stopped and been told. Checked with the collector off and the
window's objects frozen, as in the app: reference counting alone frees it.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from jcct_desktop.core.briefing import Scope
from jcct_desktop.ui.briefing import BriefingDialog
from jcct_desktop.ui.briefing.dialog import CANCELLED
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE

DIALOGS = 6  # two of each way of closing one


def _deleted_later() -> None:
    """Run what was posted, then the deletions it asked for (at the event loop's top level,
    as the app's loop does between events)."""
    for _ in range(3):
        QApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def as_in_the_app() -> Iterator[None]:
    """The window's objects frozen out of the collector's passes, which are off: what is
    freed here is freed by reference counting, as it must be in the app (what is left in a
    cycle is frozen with the next packet's objects and never freed)."""
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


@pytest.fixture
def held_build(monkeypatch) -> Iterator[None]:
    """The packet's build held at its first step after reporting it, until cancelled: a
    2011 packet can finish before the test closes its dialog (it did, in the whole suite)."""
    import threading

    from jcct_desktop.ui.long_work import Progress

    step, release = Progress.step, threading.Event()

    def held(self: Progress, done: int, total: int) -> None:
        step(self, done, total)  # reported (and Cancelled raised once asked)
        if threading.current_thread() is not threading.main_thread():
            while not release.is_set() and not self._stop.is_set():
                release.wait(0.01)
            step(self, done, total)

    monkeypatch.setattr(Progress, "step", held)
    yield
    release.set()


def _open(window) -> BriefingDialog:
    """File → Export briefing packet…, as the officer opens it."""
    before = set(map(id, window.findChildren(BriefingDialog)))
    window.export_packet()
    opened = [d for d in window.findChildren(BriefingDialog) if id(d) not in before]
    assert len(opened) == 1 and opened[0].isVisible()
    return opened[0]


def _escape(dialog: QDialog) -> None:
    QApplication.sendEvent(dialog, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape,
                                             Qt.KeyboardModifier.NoModifier))


def _close_button(dialog: QDialog) -> None:
    next(b for b in dialog.findChildren(QPushButton) if b.text() == "Close").click()


CLOSINGS: list[Callable[[BriefingDialog], object]] = [
    _close_button,
    _escape,
    lambda d: d.close(),  # the title bar's close button
]


def _built(qtbot, dialog: BriefingDialog) -> None:
    dialog.scope_buttons[Scope.FILTER].setChecked(True)
    with qtbot.waitSignal(dialog.built, timeout=60_000):
        dialog.preview_button.click()
    assert dialog.pdf and dialog.findChildren(QPdfDocument)


@pytest.mark.parametrize("with_packet", [False, True], ids=["opened", "packet-made"])
def test_closed_dialogs_are_freed(qtbot, window, as_in_the_app, with_packet):
    window.set_search_text("SFDA")  # a packet of a few commitments
    _deleted_later()
    objects_before = len(window.findChildren(QObject))
    freed: list[weakref.ref[BriefingDialog]] = []
    documents: list[QPdfDocument] = []
    for n in range(DIALOGS):
        dialog = _open(window)
        if with_packet:
            _built(qtbot, dialog)
            documents += dialog.findChildren(QPdfDocument)
        freed.append(weakref.ref(dialog))
        CLOSINGS[n % len(CLOSINGS)](dialog)
        assert not dialog.isVisible()
        del dialog
        _deleted_later()
    assert window.findChildren(QDialog) == []
    assert len(window.findChildren(QObject)) <= objects_before  # (the window's own vary by one)
    assert [r() for r in freed] == [None] * DIALOGS  # the Python side too, bytes and all
    if with_packet:  # each preview's PDF document went with its dialog
        assert len(documents) == DIALOGS
        assert not any(shiboken6.isValid(d) for d in documents)


def test_reopened_after_closing_it_builds_and_saves(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "packet.pdf"
    monkeypatch.setattr(BriefingDialog, "ask_save_path",
                        classmethod(lambda cls, parent, suggested: str(target)))
    window.set_search_text("SFDA")
    first = _open(window)
    _built(qtbot, first)
    first.close()
    _deleted_later()
    assert not shiboken6.isValid(first)
    again = _open(window)  # a new dialog, its choices remembered from the last
    assert again.scope_buttons[Scope.FILTER].isChecked()
    with qtbot.waitSignal(again.saved, timeout=60_000):
        again.save_button.click()
    assert target.read_bytes().startswith(b"%PDF")
    again.close()
    _deleted_later()
    assert window.findChildren(QDialog) == []


def test_closed_while_building_it_tells_the_cancel_then_goes(qtbot, window, held_build):
    """Close pressed while the packet builds: the build is cancelled and said so (the
    dialog's ``cancelled``, the window's status bar) before the dialog is deleted."""
    dialog = _open(window)
    dialog.scope_buttons[Scope.MEETING].setChecked(True)  # the whole 2011 meeting
    with qtbot.waitSignal(dialog.progressed, timeout=60_000):
        dialog.preview_button.click()
    assert dialog.building
    gone = weakref.ref(dialog)
    with qtbot.waitSignal(dialog.cancelled, timeout=30_000):
        dialog.reject()  # Close
    assert window.statusBar().currentMessage() == CANCELLED
    del dialog
    _deleted_later()
    assert gone() is None and window.findChildren(QDialog) == []


def test_the_window_closing_frees_a_building_dialog_after_its_cancel(qtbot, window,
                                                                      held_build):
    dialog = _open(window)
    dialog.scope_buttons[Scope.MEETING].setChecked(True)
    with qtbot.waitSignal(dialog.progressed, timeout=60_000):
        dialog.preview_button.click()
    task = dialog._task
    assert task is not None
    told: list[object] = []  # connected first: the cancel may be told inside close()
    dialog.cancelled.connect(lambda *args: told.append(args))
    window.close()  # MainWindow closes its child dialogs: each cancels and waits
    assert task.wait(0)
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    _deleted_later()
    assert not shiboken6.isValid(dialog)
