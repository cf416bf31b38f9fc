"""Cancelling a large briefing packet (issue 23): the export dialog shows how far the build is
and its Cancel stops it within about a second, writing nothing; the PDF layer stops at the
first step that raises; Ctrl+C on ``export pdf`` leaves the output as it was.

Real parts throughout: a generated archive (``bench/make_archive.py``), reportlab, the real
dialog under pytest-qt, the command line in a process of its own.
"""

from __future__ import annotations

import gc
import io
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication, QMainWindow, QProgressDialog, QPushButton

from bench.make_archive import make_archive
from jcct_desktop.core.briefing import Briefing, BriefingOptions, Scope, build_briefing
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.filtering import Filter
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.core.progress import Cancelled
from jcct_desktop.pdf import render_packet
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui import announce
from jcct_desktop.ui.briefing import BriefingDialog, Printing, export_packet, print_packet
from jcct_desktop.ui.briefing import options as stored_options
from jcct_desktop.ui.briefing.dialog import CANCELLED
from tests.heartbeat_support import heartbeat

REPO = Path(__file__).resolve().parents[1]
SIZE = 3000  # commitments: ~20 s to build whole on an idle core, far longer than a cancel
AS_OF = date(2012, 3, 1)
OLD = b"%PDF-1.4 the packet saved last week\n"
# The window's longest pause while the packet builds until it is cancelled, on an idle
# machine: the worker's own garbage collections during the layout hold the interpreter lock,
# and the window with it (measured 0.08-0.5 s; the build on the GUI thread froze it for all of
# its ~20 s). The briefing is assembled with the collector paused (ui.briefing.dialog).
MAX_STALL_S = 1.5
STOP_WITHIN_S = 1.5  # from pressing Cancel until the build has stopped, on an idle machine

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def load_factor() -> float:
    """How much slower every thread runs on this machine now (its load per core, at least 1)."""
    return max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalog]:
    archive = make_archive(tmp_path_factory.mktemp("archive") / "a.sqlite", meetings=30,
                           per_meeting=SIZE // 30)
    catalog = open_reference(archive).catalog
    # as ui.app does once the window is built: what lives until exit is frozen out of the
    # collector's passes
    gc.collect()
    gc.freeze()
    yield catalog  # left frozen, as the app leaves what it froze


def _briefing(catalog: Catalog, count: int) -> Briefing:
    ids = frozenset(c.id for c in catalog.commitments[:count])
    options = BriefingOptions(scope=Scope.FILTER, ids=ids, as_of=AS_OF,
                              scope_label=f"{count} commitments")
    return build_briefing(catalog, options)


class Stop:
    """A step that records its calls and raises Cancelled from the ``at``-th one on."""

    def __init__(self, at: int | None = None) -> None:
        self.at = at
        self.calls: list[tuple[int, int]] = []

    def __call__(self, placed: int, total: int) -> None:
        self.calls.append((placed, total))
        if self.at is not None and len(self.calls) >= self.at:
            raise Cancelled


def _left_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_pdf_layer_stops_at_the_first_step_that_raises(catalog, tmp_path):
    briefing = _briefing(catalog, 60)
    frozen = gc.get_freeze_count()
    whole = Stop()
    pages = render_packet(briefing, tmp_path / "whole.pdf", own_files=OwnFiles(None), step=whole)
    assert len(PdfReader(tmp_path / "whole.pdf").pages) == pages
    # told after every commitment placed and every page, counting up to all of them
    placed = [p for p, _ in whole.calls]
    assert placed == sorted(placed) and placed[-1] == 60
    assert {t for _, t in whole.calls} == {60}
    assert len(whole.calls) > 60 + pages  # and while the file is written out

    target = tmp_path / "packet.pdf"
    for at in (1, 10, len(whole.calls) // 2, len(whole.calls) - 1):  # the last: writing out
        target.write_bytes(OLD)
        stop = Stop(at)
        with pytest.raises(Cancelled):
            render_packet(briefing, target, own_files=OwnFiles(None), step=stop)
        assert len(stop.calls) == at  # not one layout step after the one that raised
        assert target.read_bytes() == OLD  # untouched
        assert _left_in(tmp_path) == ["packet.pdf", "whole.pdf"]  # no temporary file
    # the objects frozen before (the window's catalog) are still frozen after
    assert gc.get_freeze_count() >= frozen > 0


class WindowStub(QMainWindow):
    """The window's API the dialog asks for (``ui.briefing.host``), over the archive."""

    def __init__(self, catalog: Catalog, settings: QSettings) -> None:
        super().__init__()
        self.catalog = catalog
        self.settings = settings
        self.own_files = OwnFiles(None)
        self.visible = [c.id for c in catalog.commitments]

    def as_of(self) -> date:
        return AS_OF

    def current_filter(self) -> Filter:
        return Filter()

    def visible_commitment_ids(self) -> list[str]:
        return self.visible

    def selected_commitment_id(self) -> str | None:
        return self.visible[0]


def test_cancel_stops_a_large_build_writes_nothing_and_the_next_build_saves(
        qtbot, catalog, tmp_path, monkeypatch):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = WindowStub(catalog, settings)
    qtbot.addWidget(window)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "packet.pdf"
    target.write_bytes(OLD)
    monkeypatch.setattr(BriefingDialog, "ask_save_path",
                        classmethod(lambda cls, parent, suggested: str(target)))
    heard: list[str] = []
    announce.announcer().announced.connect(lambda message, _loud: heard.append(message))
    dialog = export_packet(window, settings)
    qtbot.addWidget(dialog)
    dialog.scope_buttons[Scope.FILTER].setChecked(True)
    assert not dialog.cancel_button.isVisible()

    counts: list[int] = []
    dialog.progress.valueChanged.connect(counts.append)
    # what earlier tests left running on the shared pool would share the interpreter lock
    # and the two workers with this build
    assert QThreadPool.globalInstance().waitForDone(60_000)
    with heartbeat() as gaps:
        started = time.monotonic()
        dialog.save_button.click()  # no packet yet: builds it, then would ask where to save
        assert dialog.cancel_button.isVisible() and dialog.progress.isVisible()
        # progress reported: pages laid out, commitments placed of the whole archive
        qtbot.waitUntil(lambda: dialog.progress.maximum() == SIZE
                        and "3 pages laid out" in dialog.status.text(), timeout=60_000)
        assert re.fullmatch(rf"Building the packet: [\d,]+ pages laid out, [\d,]+ of "
                            rf"{SIZE:,} commitments placed…", dialog.status.text())
        # from here, while the worker builds: before the first report this file alone stalls
        # 0.08-0.15 s, but in the whole suite's process (millions of earlier tests' objects)
        # it stalled 2.1 s once, cause not isolated; bench/bench_packet_click.py measures the
        # click to the first report apart
        gaps.clear()
        with qtbot.waitSignal(dialog.cancelled, timeout=30_000):
            pressed = time.monotonic()
            dialog.cancel_button.click()
            assert dialog.status.text() == "Cancelling…"
        stopped = time.monotonic()
        # the worker has returned, not just the dialog given up on it
        qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0,
                        timeout=5000)
    factor = load_factor()
    assert stopped - pressed < STOP_WITHIN_S * factor, (
        f"stopped {stopped - pressed:.2f} s after Cancel (load factor {factor:.1f})")
    # before it would have finished (every commitment placed): since the packet got three
    # times faster (issue 25) the first report may come most of the way in (the summary is
    # prepared ahead; 2,228 of 3,000 once on the CI run)
    assert max(counts) < SIZE
    assert stopped - started < 10 * factor
    stall = max(gaps)
    assert gaps and stall < MAX_STALL_S * factor, (
        f"the window stalled {stall * 1000:.0f} ms (load factor {factor:.1f})")

    assert target.read_bytes() == OLD  # nothing written: no save followed the cancelled build
    assert _left_in(folder) == ["packet.pdf"]
    assert dialog.pdf is None
    assert dialog.status.text() == CANCELLED
    assert CANCELLED in heard  # said to a screen reader
    assert window.statusBar().currentMessage() == CANCELLED
    assert not dialog.cancel_button.isVisible() and not dialog.progress.isVisible()

    # the dialog is usable for another build: a smaller one, saved this time
    window.visible = window.visible[:40]
    with qtbot.waitSignal(dialog.saved, timeout=60_000):
        dialog.save_button.click()
    data = target.read_bytes()
    assert data != OLD
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == dialog.view.document().pageCount()
    text = "".join(p.extract_text() for p in reader.pages)
    assert window.visible[0] in text and window.visible[-1] in text
    assert _left_in(folder) == ["packet.pdf"]


def test_closing_the_dialog_cancels_its_build(qtbot, catalog, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = WindowStub(catalog, settings)
    qtbot.addWidget(window)
    dialog = export_packet(window, settings)
    qtbot.addWidget(dialog)
    dialog.scope_buttons[Scope.FILTER].setChecked(True)
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: "pages laid out" in dialog.status.text(), timeout=60_000)
    with qtbot.waitSignal(dialog.cancelled, timeout=30_000):
        dialog.reject()  # Close, or Escape
    assert dialog.pdf is None and not dialog.isVisible()


def test_print_shows_the_build_in_a_progress_dialog_whose_cancel_stops_it(
        qtbot, catalog, tmp_path, monkeypatch):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = WindowStub(catalog, settings)
    qtbot.addWidget(window)
    asked: list[int] = []
    monkeypatch.setattr(Printing, "printers_available", classmethod(lambda cls: True))
    monkeypatch.setattr(Printing, "ask_printer",
                        classmethod(lambda cls, parent, printer, pages: asked.append(pages)))
    # File → Print… builds with the choices last made: here the current filter, all of it
    stored_options.save(settings, stored_options.Choices(scope=Scope.FILTER.value))
    dialog = print_packet(window, settings)
    assert dialog is not None and dialog.building

    def box() -> QProgressDialog | None:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, QProgressDialog) and w.isVisible()), None)

    qtbot.waitUntil(lambda: box() is not None and "pages laid out" in box().labelText(),
                    timeout=60_000)
    shown = box()
    assert shown is not None and shown.maximum() == SIZE
    with qtbot.waitSignal(dialog.cancelled, timeout=30_000):
        shown.findChild(QPushButton).click()
    assert asked == []  # no printer asked for, nothing printed
    assert window.statusBar().currentMessage() == CANCELLED
    qtbot.waitUntil(lambda: box() is None and not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, BriefingDialog)], timeout=5000)


def test_ctrl_c_during_export_pdf_exits_130_with_one_line_and_writes_nothing(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "packet.pdf"
    target.write_bytes(OLD)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # Ctrl+C as a terminal delivers it: a process started in the background by a shell
    # without job control inherits SIGINT ignored, so the default is put back first
    start = ("import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler);"
             " sys.argv[0] = 'jcct-desktop'; runpy.run_module('jcct_desktop', run_name='__main__')")
    command = [sys.executable, "-c", start, "--data-dir", str(tmp_path / "data"),
               "export", "pdf", "-o", str(target), "--history"]
    process = subprocess.Popen(command, cwd=REPO, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        # the layout has begun once the temporary file beside the target exists
        while len(_left_in(folder)) < 2 and process.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.005)
        assert process.poll() is None, "the packet was written before Ctrl+C could be pressed"
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert err.strip().splitlines() == ["jcct-desktop: interrupted; nothing was written"]
    assert target.read_bytes() == OLD
    assert _left_in(folder) == ["packet.pdf"]
