"""The window between Save… and the packet worker's first report (issue 25): the worker
assembles the briefing with the cyclic collector paused, so none of its passes (which hold the
interpreter lock, and the window with it, for as long as they walk what the window made since
it last froze its objects) runs then; the collector runs again however the build ends.

Real parts: a generated archive, the real dialog under pytest-qt, reportlab on the worker.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QMainWindow

from bench.make_archive import make_archive
from jcct_desktop.core.briefing import Scope
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.filtering import Filter
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui import long_work
from jcct_desktop.ui.briefing import dialog as dialog_module
from jcct_desktop.ui.briefing import export_packet

AS_OF = date(2012, 3, 1)

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    archive = make_archive(tmp_path_factory.mktemp("archive") / "a.sqlite", meetings=20,
                           per_meeting=100)
    return open_reference(archive).catalog


class Host(QMainWindow):
    """The window's API the dialog asks for (``ui.briefing.host``): the whole archive shown."""

    def __init__(self, catalog: Catalog, settings: QSettings) -> None:
        super().__init__()
        self.catalog = catalog
        self.settings = settings
        self.own_files = OwnFiles(None)

    def as_of(self) -> date:
        return AS_OF

    def current_filter(self) -> Filter:
        return Filter()

    def visible_commitment_ids(self) -> list[str]:
        return [c.id for c in self.catalog.commitments]

    def selected_commitment_id(self) -> str | None:
        return self.catalog.commitments[0].id


@pytest.fixture
def collections() -> Iterator[list[tuple[int, float]]]:
    """Each automatic collection as it starts: the thread that runs it, and when."""
    started: list[tuple[int, float]] = []

    def watch(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            started.append((threading.get_ident(), time.perf_counter()))

    gc.callbacks.append(watch)
    try:
        yield started
    finally:
        gc.callbacks.remove(watch)


def _dialog(qtbot, catalog: Catalog, tmp_path: Path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    host = Host(catalog, settings)
    qtbot.addWidget(host)
    dialog = export_packet(host, settings)
    qtbot.addWidget(dialog)
    dialog.scope_buttons[Scope.FILTER].setChecked(True)
    assert QThreadPool.globalInstance().waitForDone(60_000)  # nothing else on the pool
    return dialog


def test_no_collection_runs_on_the_worker_while_the_briefing_is_assembled(
        qtbot, catalog, tmp_path, monkeypatch, collections):
    assert gc.isenabled(), "the collector was left paused before this test"
    dialog = _dialog(qtbot, catalog, tmp_path)
    laid_out: list[tuple[int, float]] = []  # the worker, when the assembled briefing is laid out
    lay_out = dialog_module._packet

    def recorded(briefing, tagged, progress):
        laid_out.append((threading.get_ident(), time.perf_counter()))
        return lay_out(briefing, tagged, progress)

    monkeypatch.setattr(dialog_module, "_packet", recorded)
    clicked = time.perf_counter()
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: "pages laid out" in dialog.status.text(), timeout=60_000)
    with qtbot.waitSignal(dialog.cancelled, timeout=30_000):  # the rest is not needed here
        dialog.cancel_button.click()
    [(worker, assembled)] = laid_out
    # the 2,000 commitments' briefing makes far more objects than one collection's threshold
    # (700): without the pause the worker collects several times here
    assert [at for thread, at in collections
            if thread == worker and clicked < at < assembled] == []
    # the layout's own collections run as before (it sets old objects aside: pdf.render)
    assert any(thread == worker and at > assembled for thread, at in collections)
    assert gc.isenabled() and long_work._pauses[0] == 0


def test_the_collector_runs_again_when_the_assembly_fails(qtbot, catalog, tmp_path,
                                                          monkeypatch):
    dialog = _dialog(qtbot, catalog, tmp_path)
    seen: list[bool] = []

    def broken(*_args: object) -> None:
        seen.append(gc.isenabled())  # on the worker, inside the pause
        raise ValueError("no briefing today")

    monkeypatch.setattr(dialog_module, "build_briefing", broken)
    with qtbot.waitSignal(dialog.failed, timeout=60_000) as failed:
        dialog.preview_button.click()
    assert failed.args == ["no briefing today"]
    assert seen == [False]
    assert gc.isenabled() and long_work._pauses[0] == 0
    assert dialog.pdf is None and not dialog.building


def test_pauses_from_several_threads_at_once_end_with_the_collector_running():
    assert gc.isenabled()
    go = threading.Barrier(4)

    def pause_and_resume() -> None:
        go.wait()
        for _ in range(2000):
            with long_work.collector_paused():
                assert not gc.isenabled()

    threads = [threading.Thread(target=pause_and_resume) for _ in range(4)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns between any two bytecodes
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert gc.isenabled() and long_work._pauses[0] == 0
