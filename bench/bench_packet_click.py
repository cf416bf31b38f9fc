"""The window's longest stall from the packet dialog's Save… click to the worker's first report.

    python bench/bench_packet_click.py [--runs 3] [--young 2000000] [--archive PATH]

The real dialog over a generated archive (3,000 commitments unless ``--archive``), the whole
archive in scope, offscreen. Before each click the process holds ``--young`` objects made
since the window last froze its objects (what a session's work leaves; none of them is garbage),
so a collection pass that walks them holds the interpreter lock while it does. Each run is
measured twice, alternately, in the same process: as shipped (the briefing assembled with the
collector paused; the frozen objects counted once a process) and, as the baseline, the code
before (no pause; the layout counts every frozen object before it starts). A 20 ms
timer on the GUI thread gives the longest gap; the collections the worker ran before its first
report are counted. Prints the medians and their ratio.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QSettings, QThreadPool, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402

from bench.make_archive import make_archive  # noqa: E402
from jcct_desktop.core.briefing import Scope  # noqa: E402
from jcct_desktop.core.catalog import Catalog  # noqa: E402
from jcct_desktop.core.filtering import Filter  # noqa: E402
from jcct_desktop.core.own_files import OwnFiles  # noqa: E402
from jcct_desktop.pdf import render  # noqa: E402
from jcct_desktop.store.reference.reader import open_reference  # noqa: E402
from jcct_desktop.ui.briefing import BriefingDialog, export_packet  # noqa: E402
from jcct_desktop.ui.briefing import dialog as dialog_module  # noqa: E402


class Host(QMainWindow):
    """The window's API the dialog asks for, the whole archive shown."""

    def __init__(self, catalog: Catalog, settings: QSettings) -> None:
        super().__init__()
        self.catalog, self.settings, self.own_files = catalog, settings, OwnFiles(None)

    def as_of(self) -> date:
        return date(2012, 3, 1)

    def current_filter(self) -> Filter:
        return Filter()

    def visible_commitment_ids(self) -> list[str]:
        return [c.id for c in self.catalog.commitments]

    def selected_commitment_id(self) -> str | None:
        return None


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


if __name__ == "__main__":
    main()
