"""File → Export deadlines to calendar, File → Export briefing memo and View → Changes since…
on a worker (``ui.export_work``), driven for real (pytest-qt, a real notes database): the
window handles a key while the export runs, Esc or Cancel leaves no file (nor a temporary
one), closing the window cancels the export and waits for its worker, and the file finished
is the command line's.

The worker is held at its first step by an event until the GUI thread has done what the
test checks, so nothing here depends on timing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from jcct_desktop import cli
from jcct_desktop.core import cancel
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.ui import calendar_action, changes_view, memo_action
from jcct_desktop.ui.export_work import ExportProgressDialog
from tests.ui_support import AS_OF, OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
SOFT = "2011-SOFT-2"
WAIT_S = 60.0  # a bound on waiting for the other thread, never reached when all is well


class Held:
    """Wraps a function the worker calls: the worker waits there until released (or its
    export is cancelled), the GUI thread meanwhile doing what the test checks."""

    def __init__(self, real: Callable[..., Any]) -> None:
        self.real = real
        self.reached = threading.Event()
        self.release = threading.Event()
        self.on_worker = False

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.on_worker = threading.current_thread() is not threading.main_thread()
        self.reached.set()
        token = cancel.current()
        for _ in range(int(WAIT_S * 100)):
            if self.release.is_set() or (token is not None and token.cancelled):
                break
            self.release.wait(0.01)
        return self.real(*args, **kwargs)


def when_reached(held: Held, then: Callable[[], None]) -> None:
    """Run ``then`` on the GUI thread once the worker waits in ``held`` (asked again from
    the event loop until it does: the export's own loop runs these timers)."""

    def poll() -> None:
        if held.reached.is_set():
            then()
        else:
            QTimer.singleShot(5, poll)

    QTimer.singleShot(0, poll)


@pytest.fixture
def notes(service: AnnotationService) -> AnnotationService:
    service.record_assessment(commitment_id=SOFT, status="in_progress", evidence="audit",
                              effective=date(2011, 12, 1))
    service.set_follow_up(commitment_id=SOFT, follow_up=date(2012, 2, 1))
    service.add_note(commitment_id=SOFT, text="ask MIIT, about 王岐山's letter; \\ and ,")
    return service


def _save_to(monkeypatch: pytest.MonkeyPatch, chooser: type, path: Path) -> None:
    monkeypatch.setattr(chooser, "ask_save", classmethod(lambda cls, parent: path))


def _without_stamp(data: bytes) -> bytes:
    return b"".join(line for line in data.splitlines(keepends=True)
                    if not line.startswith(b"DTSTAMP:"))


def test_the_calendar_is_written_on_a_worker_while_the_window_handles_keys(
        qtbot, make_window, notes, data_dir, tmp_path, monkeypatch) -> None:
    window = make_window()
    out = tmp_path / "window.ics"
    _save_to(monkeypatch, calendar_action.CalendarFileChooser, out)
    held = Held(calendar_action.entries)
    monkeypatch.setattr(calendar_action, "entries", held)
    typed: list[str] = []

    def type_while_held() -> None:
        box = window.filters.search
        box.setFocus()
        QTest.keyClicks(box, "x")  # a key handled by the window while the worker waits
        typed.append(box.text())
        assert window.findChild(ExportProgressDialog).windowModality() == \
            Qt.WindowModality.NonModal
        held.release.set()

    when_reached(held, type_while_held)
    assert calendar_action.export_calendar(window) == out
    assert held.on_worker and typed == ["x"]
    assert out.stat().st_mode & 0o777 == 0o600
    assert "events written to" in window.statusBar().currentMessage()
    # the same file as the command line's (all commitments shown, the same day and notes)
    cli_out = tmp_path / "cli.ics"
    assert cli.main(["--data-dir", str(data_dir), "export", "ics", "--as-of",
                     AS_OF.isoformat(), "-o", str(cli_out)]) == 0
    assert _without_stamp(out.read_bytes()) == _without_stamp(cli_out.read_bytes())
    assert out.read_bytes().count(b"BEGIN:VEVENT") > 3


@pytest.mark.parametrize("how", ["escape", "button"])
def test_cancelling_the_calendar_writes_nothing(qtbot, make_window, notes, tmp_path,
                                                monkeypatch, how: str) -> None:
    window = make_window()
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "cancelled.ics"
    _save_to(monkeypatch, calendar_action.CalendarFileChooser, out)
    # held once the file is open: its temporary file exists while the worker waits
    held = Held(calendar_action.write_ics)
    monkeypatch.setattr(calendar_action, "write_ics", held)
    temporaries: list[list[str]] = []

    def cancel_it() -> None:
        temporaries.append([p.name for p in folder.iterdir()])
        dialog = window.findChild(ExportProgressDialog)
        if how == "escape":
            QTest.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            dialog.findChild(QPushButton).click()
        assert dialog.labelText().startswith("Cancelling")

    when_reached(held, cancel_it)
    assert calendar_action.export_calendar(window) is None
    assert temporaries and len(temporaries[0]) == 1 and temporaries[0][0].endswith(".part")
    assert list(folder.iterdir()) == []  # neither the file nor its temporary
    assert "cancelled; nothing was written" in window.statusBar().currentMessage()


def test_closing_the_window_cancels_the_export_and_waits_for_its_worker(
        qtbot, make_window, notes, tmp_path, monkeypatch) -> None:
    window = make_window()
    out = tmp_path / "closed.ics"
    _save_to(monkeypatch, calendar_action.CalendarFileChooser, out)
    held = Held(calendar_action.entries)
    monkeypatch.setattr(calendar_action, "entries", held)
    left: list[bool] = []

    def close_window() -> None:
        task = window.findChild(ExportProgressDialog).task
        assert task is not None and not task.wait(0)  # the worker is in the export
        window.close()
        left.append(task.wait(0))  # it had left when close() returned

    when_reached(held, close_window)
    assert calendar_action.export_calendar(window) is None
    assert left == [True]
    assert not out.exists()


def _answer_memo_dialog() -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, memo_action.MemoDialog)
    dialog.prepared_for.setText("Under Secretary")
    dialog.done(QDialog.DialogCode.Accepted)


def _headings(path: Path) -> list[str]:
    """The memo's commitments, one Heading 3 each."""
    return [p.text for p in Document(str(path)).paragraphs
            if p.style is not None and p.style.name == "Heading 3"]


def test_the_memo_on_a_worker_and_its_cancel(qtbot, make_window, notes, data_dir, tmp_path,
                                            monkeypatch) -> None:
    from jcct_desktop.memo import docx_memo

    window = make_window()
    window.set_search_text("software")
    qtbot.waitUntil(lambda: SOFT in window.visible_commitment_ids()
                    and len(window.visible_commitment_ids()) < 40)
    out = tmp_path / "memo.docx"
    _save_to(monkeypatch, memo_action.MemoFileChooser, out)
    held = Held(docx_memo.render_memo)
    monkeypatch.setattr(docx_memo, "render_memo", held)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))

    def stop_and_release() -> None:
        timer.stop()
        held.release.set()

    def count_then_release() -> None:
        timer.start(0)  # a timer of the window's thread fires while the worker waits
        QTimer.singleShot(20, stop_and_release)

    QTimer.singleShot(0, _answer_memo_dialog)
    when_reached(held, count_then_release)
    assert memo_action.export_memo(window) == out
    assert held.on_worker and ticks
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    assert "TO: Under Secretary" in paragraphs and any(SOFT in p for p in paragraphs)
    # the command line's memo of the same commitments says the same
    cli_out = tmp_path / "cli.docx"
    assert cli.main(["--data-dir", str(data_dir), "export", "docx", "--as-of",
                     AS_OF.isoformat(), "--query", "software", "--prepared-for",
                     "Under Secretary", "-o", str(cli_out)]) == 0
    assert _headings(cli_out) == _headings(out) and _headings(out)
    # cancelled: nothing written, the earlier file kept as it was
    before = out.read_bytes()
    held.release.clear()
    held.reached.clear()
    QTimer.singleShot(0, _answer_memo_dialog)
    when_reached(held, lambda: QTest.keyClick(window.findChild(ExportProgressDialog),
                                              Qt.Key.Key_Escape))
    assert memo_action.export_memo(window) is None
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".part") == []
    assert "cancelled" in window.statusBar().currentMessage()


def test_a_changes_refresh_asked_meanwhile_supersedes_the_one_under_way(
        qtbot, make_window, notes, monkeypatch) -> None:
    window = make_window(as_of=date(2012, 7, 15))
    window.settings.setValue(changes_view.SINCE_KEY, "2011-11-01")
    dialog = changes_view.ChangesDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.report is not None and SOFT in [g.commitment.id
                                                 for g in dialog.report.commitments]
    held = Held(changes_view.changes_between)
    monkeypatch.setattr(changes_view, "changes_between", held)
    later: list[object] = []

    def change_the_day() -> None:
        held.reached.clear()
        monkeypatch.setattr(changes_view, "changes_between", held.real)  # the second runs
        dialog.since.set_day(date(2012, 7, 1))  # asks again: the first is given up
        later.append(dialog.report)

    when_reached(held, change_the_day)
    dialog.refresh()
    assert held.on_worker
    # the report shown is the later day's, not the first refresh's
    assert dialog.report is later[0] and dialog.report.since == date(2012, 7, 1)
    assert SOFT not in [g.commitment.id for g in dialog.report.commitments]

