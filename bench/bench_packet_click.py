"""The window's longest stall from the packet dialog's Save… click to the worker's first report.

    python bench/bench_packet_click.py [--runs 3] [--young 2000000] [--archive PATH]
                                       [--notes-per 5]

The real dialog over a generated archive (3,000 commitments unless ``--archive``), the whole
archive in scope, offscreen. Before each click the process holds ``--young`` objects made
since the window last froze its objects (what a session's work leaves; none of them is garbage),
so a collection pass that walks them holds the interpreter lock while it does. Each run is
measured twice, alternately, in the same process: as shipped (the briefing assembled with the
collector paused; the frozen objects counted once a process) and, as the baseline, the code
before (no pause; the layout counts every frozen object before it starts). A 20 ms
timer on the GUI thread gives the longest gap; the collections the worker ran before its first
report are counted. Prints the medians and their ratio.

Then the click's own time on the GUI thread (CPU) with every commitment annotated
(``--notes-per`` notes each, a real notes database): the window's notes read on the worker, as
shipped, against a host whose notes are read at the click (the code before), alternated.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QSettings, QThreadPool, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402

from bench.make_archive import make_archive  # noqa: E402
from jcct_desktop.core.annotations.model import Annotation  # noqa: E402
from jcct_desktop.core.briefing import PlainAnnotations, Scope  # noqa: E402
from jcct_desktop.core.briefing.from_annotations import snapshot  # noqa: E402
from jcct_desktop.core.catalog import Catalog  # noqa: E402
from jcct_desktop.core.own_files import OwnFiles  # noqa: E402
from jcct_desktop.pdf import render  # noqa: E402
from jcct_desktop.store.annotations import AnnotationService  # noqa: E402
from jcct_desktop.store.annotations.worker_reader import worker_reader  # noqa: E402
from jcct_desktop.store.notes import operations  # noqa: E402
from jcct_desktop.store.reference.reader import open_reference  # noqa: E402
from jcct_desktop.ui.briefing import BriefingDialog, export_packet  # noqa: E402
from jcct_desktop.ui.briefing import dialog as dialog_module  # noqa: E402
from tests.packet_host_support import WholeCatalogShown  # noqa: E402


class Host(WholeCatalogShown, QMainWindow):
    """The window's API the dialog asks for, the whole archive shown."""

    def __init__(self, catalog: Catalog, settings: QSettings) -> None:
        super().__init__()
        self.catalog, self.settings, self.own_files = catalog, settings, OwnFiles(None)


class NotesAtClick(Host):
    """A host whose notes the dialog reads at the click, on the GUI thread (the code before)."""

    def __init__(self, catalog: Catalog, settings: QSettings, service: AnnotationService) -> None:
        super().__init__(catalog, settings)
        self.service = service

    def briefing_annotations(self) -> PlainAnnotations | None:
        return snapshot(self.service)

    def stored_annotations(self) -> list[Annotation]:
        return self.service.all()


class NotesOnWorker(NotesAtClick):
    """The same notes, read by the packet's worker over a connection of its own (shipped)."""

    def notes_for_worker(self) -> Any:
        service = self.service

        @contextlib.contextmanager
        def reading() -> Any:
            reader = worker_reader(service)
            try:
                yield reader
            finally:
                reader.engine.dispose()

        return reading


def annotated(folder: Path, catalog: Catalog, per: int) -> AnnotationService:
    """A notes database with ``per`` notes on every commitment of ``catalog``."""
    stamp = "2012-01-05T09:00:00Z"
    doc = {"format": "jcct-desktop-annotations", "version": 2, "exported": stamp,
           "annotations": [{"commitment": c.id, "assessments": [], "tags": ["watch"],
                            "starred": n % 7 == 0, "follow_up": None, "talking_points": [],
                            "history": [], "notes": [{"text": f"note {i} on {c.id}",
                                                      "created": stamp, "updated": stamp}
                                                     for i in range(per)]}
                           for n, c in enumerate(catalog.commitments)]}
    (folder / "notes.json").write_text(json.dumps(doc), "utf-8")
    data = folder / "data"
    data.mkdir()
    service = AnnotationService.open(data)
    operations.import_notes(data, folder / "notes.json", service)
    return service


def click_cpu(app: QApplication, dialog: BriefingDialog) -> float:
    """The GUI thread's CPU seconds in the Preview click (the build then cancelled)."""
    start = time.thread_time()
    dialog.preview_button.click()
    spent = time.thread_time() - start
    dialog.cancel_build()
    while dialog.building:
        app.processEvents()
        time.sleep(0.005)
    QThreadPool.globalInstance().waitForDone()
    return spent


def one_click(app: QApplication, dialog: BriefingDialog,
              young: int) -> tuple[float, int, float]:
    """The longest heartbeat gap (s) from the click to the first report, the number of
    collections the worker ran meanwhile, and the longest the GUI thread ran itself (s)."""
    gc.disable()  # made since the last pass: still young, not yet walked
    made = [{"n": [i]} for i in range(young)]  # noqa: F841 - alive through the click
    gc.enable()
    gc.collect(0)  # walked once, as the window's own allocations would: now in the middle one
    worker_passes: list[int] = []
    window_passes: list[float] = []  # how long each pass on the GUI thread took
    main = threading.get_ident()
    began = [0.0]

    def watch(phase: str, _info: dict[str, Any]) -> None:
        if threading.get_ident() != main:
            if phase == "start":
                worker_passes.append(1)
        elif phase == "start":
            began[0] = time.perf_counter()
        else:
            window_passes.append(time.perf_counter() - began[0])

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    reported = [False]
    dialog.progressed.connect(lambda *_: reported.__setitem__(0, True))
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(tick)
    timer.start()
    gc.callbacks.append(watch)
    last[0] = time.perf_counter()
    dialog.save_button.click()
    while not reported[0]:
        app.processEvents()
        time.sleep(0.001)
    gc.callbacks.remove(watch)
    passes = len(worker_passes)
    tick()
    timer.stop()
    dialog.progressed.disconnect()
    dialog.cancel_build()
    while dialog.building:
        app.processEvents()
        time.sleep(0.005)
    QThreadPool.globalInstance().waitForDone()
    return max(gaps), passes, max(window_passes, default=0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--young", type=int, default=2_000_000)
    parser.add_argument("--archive", type=Path)
    parser.add_argument("--notes-per", type=int, default=5)
    args = parser.parse_args()
    app = QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="bench-click-"))
    archive = args.archive or make_archive(folder / "a.sqlite", meetings=30, per_meeting=100)
    catalog = open_reference(archive).catalog
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    host = Host(catalog, settings)
    dialog = export_packet(host, settings)
    dialog.scope_buttons[Scope.FILTER].setChecked(True)
    BriefingDialog.ask_save_path = classmethod(  # type: ignore[method-assign]
        lambda cls, parent, suggested: str(folder / "packet.pdf"))
    shipped = dialog_module.collector_paused
    gc.collect()
    gc.freeze()  # as ui.app does once the window is built
    one_click(app, dialog, 0)  # the process's first packet: fonts and lazy imports
    results: dict[str, list[tuple[float, int, float]]] = {"paused": [], "baseline": []}
    for _ in range(args.runs):
        for name in ("baseline", "paused"):
            dialog_module.collector_paused = (  # type: ignore[attr-defined]
                shipped if name == "paused" else contextlib.nullcontext)
            if name == "baseline":  # its layout counts the frozen objects again
                render._frozen_seen[0] = False
            results[name].append(one_click(app, dialog, args.young))
            gc.collect()
            gc.freeze()
    dialog_module.collector_paused = shipped  # type: ignore[attr-defined]
    load = os.getloadavg()[0]
    print(f"{len(catalog.commitments):,} commitments, {args.young:,} young objects, "
          f"{args.runs} alternated runs, load {load:.1f} on {os.cpu_count()} cores")
    medians = {}
    for name, found in results.items():
        medians[name] = statistics.median(g for g, _, _ in found)
        gaps = ", ".join(f"{g * 1000:.0f}" for g, _, _ in found)
        passes = ", ".join(str(p) for _, p, _ in found)
        own = ", ".join(f"{w * 1000:.0f}" for _, _, w in found)
        print(f"  {name:8}: longest stall {medians[name] * 1000:.0f} ms median ({gaps} ms); "
              f"worker collections before the first report: {passes}; the GUI thread's "
              f"own longest collection: {own} ms")
    print(f"  paused / baseline: {medians['paused'] / medians['baseline']:.2f}x")

    service = annotated(folder, catalog, args.notes_per)
    dialogs = {name: export_packet(kind(catalog, settings, service), settings)
               for name, kind in (("worker", NotesOnWorker), ("at click", NotesAtClick))}
    clicks: dict[str, list[float]] = {name: [] for name in dialogs}
    for _ in range(args.runs):
        for name, shown in dialogs.items():
            shown.scope_buttons[Scope.FILTER].setChecked(True)
            clicks[name].append(click_cpu(app, shown))
    print(f"The click on the GUI thread, {len(catalog.commitments):,} commitments annotated "
          f"with {args.notes_per} notes each (CPU, median of {args.runs}):")
    for name, spent in clicks.items():
        print(f"  notes read {name:8}: {statistics.median(spent) * 1000:.1f} ms")
    ratio = statistics.median(clicks["worker"]) / statistics.median(clicks["at click"])
    print(f"  worker / at click: {ratio:.3f}x")
    service.close()


if __name__ == "__main__":
    main()
