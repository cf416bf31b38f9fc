"""Where one typed key's time goes at archive scale (issue 25), per prefix of the words
``bench_table.py`` types, measured as ``bench_table.py`` measures a key (from
``refilter_in_background`` until the result is swapped in and painted).

    python bench/bench_key_phases.py ARCHIVE.sqlite [--rounds N] [--code DIR]

Per key, in wall milliseconds (CPU milliseconds of the worker thread in brackets):

- ``worker``: the refilter on the search thread, split into ``search`` (``matching_ids``, or
  ``matching_mask``),
  ``tree`` (``TreeSource.build``), ``timeline`` (``build_layout`` and its span) and the rest
  (masks, shown ids, counts);
- ``handoff``: from the worker's return to ``_apply_refilter`` starting on the GUI thread
  (the queued signal, and the GUI thread's own events meanwhile);
- ``apply``: ``_apply_refilter``, split into ``replace_tree`` (of which ``detail``: the
  detail pane's page for the selection, or for the search when none), ``set_layout``,
  ``set_selected``, ``counts`` (``_update_counts``), ``announce`` and the rest (the
  ``visibleChanged`` listeners and the assignments);
- ``paint``: the event loop's pass after the swap, of which ``paint_tree`` and
  ``paint_timeline`` (the rest: the detail pane's text laid out and painted, the status bar);
- ``gc``: the cyclic collector's passes meanwhile, on either thread;
- ``key``: the whole, as ``bench_table.py`` counts it.

Last, over every key: the wall median / p95 / max, and the CPU time of the worker, of the
GUI thread (from the request to the paint: the swap, the paint and the polling loop) and of
both (the figure a loaded machine disturbs least).

``--code DIR`` measures another checkout (the base commit, say) the same way, so before and
after can be run alternately on a loaded machine. Phases the other code does not have are
left blank. Prints the median per prefix over the rounds, and the median / p95 / max of the
whole keys.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

PHASES = ("key", "worker", "search", "tree", "timeline", "handoff", "apply", "replace_tree",
          "detail", "set_layout", "set_selected", "counts", "announce", "apply_rest", "paint",
          "paint_tree", "paint_timeline", "gc")


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[int(0.95 * (len(ordered) - 1))]


class Clock:
    """Per key, the milliseconds of each phase (added up when a phase runs twice)."""

    def __init__(self) -> None:
        self.now: dict[str, float] = defaultdict(float)
        self.marks: dict[str, float] = {}
        self.worker_cpu = 0.0

    def timed(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.now[name] += (time.perf_counter() - start) * 1000
        return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    code = args.code.resolve()
    sys.path.insert(0, str(code))
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import jcct_desktop

    if Path(jcct_desktop.__file__).parent.parent != code:
        sys.exit(f"jcct_desktop came from {jcct_desktop.__file__}, not {code}")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QTreeView

    import jcct_desktop.ui.main_window as main_window
    import jcct_desktop.ui.refilter as refilter_module
    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.ui.app import configure
    from jcct_desktop.ui.main_window import MainWindow
    from jcct_desktop.ui.timeline.widget import TimelineWidget
    from jcct_desktop.ui.tree.items import TreeSource
    from jcct_desktop.ui.tree.view import SectorTreeView

    words = ("software", "regulation", "smart grid", "SFDA")  # bench_table.WORDS
    clock = Clock()
    # the worker's parts: the names the refilter module calls
    for name in ("matching_ids", "matching_mask"):  # the search as the code names it
        if hasattr(refilter_module, name):
            setattr(refilter_module, name, clock.timed("search", getattr(refilter_module, name)))
    refilter_module.build_layout = clock.timed("timeline", refilter_module.build_layout)
    TreeSource.build = clock.timed("tree", TreeSource.build)  # type: ignore[method-assign]
    whole_refilter = main_window.refilter

    def worker(*a: Any, **k: Any) -> Any:
        cpu, start = time.thread_time(), time.perf_counter()
        try:
            return whole_refilter(*a, **k)
        finally:
            end = time.perf_counter()
            if threading.current_thread() is not threading.main_thread():
                clock.now["worker"] += (end - start) * 1000
                clock.worker_cpu += (time.thread_time() - cpu) * 1000
                clock.marks["worker_end"] = end

    main_window.refilter = worker
    apply = MainWindow._apply_refilter

    def timed_apply(self: Any, *a: Any, **k: Any) -> Any:
        start = time.perf_counter()
        if "worker_end" in clock.marks:
            clock.now["handoff"] += (start - clock.marks.pop("worker_end")) * 1000
        try:
            return apply(self, *a, **k)
        finally:
            clock.now["apply"] += (time.perf_counter() - start) * 1000

    # before the window connects to it
    MainWindow._apply_refilter = timed_apply  # type: ignore[method-assign]
    for cls, name in ((SectorTreeView, "replace_tree"), (TimelineWidget, "set_layout"),
                      (TimelineWidget, "set_selected"), (MainWindow, "_update_counts"),
                      (MainWindow, "_announce_count"), (MainWindow, "_on_tree_selection"),
                      (TimelineWidget, "paintEvent")):
        setattr(cls, name, clock.timed({"_update_counts": "counts",
                                        "_announce_count": "announce",
                                        "_on_tree_selection": "detail",
                                        "paintEvent": "paint_timeline"}.get(name, name),
                                       getattr(cls, name)))
    SectorTreeView.paintEvent = clock.timed(  # type: ignore[method-assign]
        "paint_tree", lambda self, event: QTreeView.paintEvent(self, event))

    collecting: list[float] = []

    def collected(phase: str, _info: dict[str, int]) -> None:  # any thread's collection
        if phase == "start":
            collecting.append(time.perf_counter())
        elif collecting:
            clock.now["gc"] += (time.perf_counter() - collecting.pop()) * 1000

    gc.callbacks.append(collected)
    app = QApplication.instance() or QApplication([])
    configure(app)  # type: ignore[arg-type]
    gc.disable()
    reference = open_reference(args.archive)
    folder = tempfile.mkdtemp(prefix="jcct-bench-")
    settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(reference.catalog, reference.search, settings=settings)
    warmed: list[float] = []
    window.searcher.warmed.connect(lambda: warmed.append(time.perf_counter()))
    window.resize(1400, 880)
    window.show()
    app.processEvents()
    gc.freeze()
    gc.enable()
    while not warmed:
        app.processEvents()
        time.sleep(0.001)
    per_prefix: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    keys: list[float] = []
    cpu: list[float] = []
    gui: list[float] = []  # the GUI thread's CPU per key (the swap, the paint, the polling)
    both_cpu: list[float] = []
    shown: dict[str, int] = {}
    for _ in range(args.rounds):
        for word in words:
            for i in range(1, len(word) + 1):
                prefix = word[:i]
                window.filters.search.blockSignals(True)
                window.filters.search.setText(prefix)
                window.filters.search.blockSignals(False)
                clock.now.clear()
                clock.worker_cpu = 0.0
                gui_cpu = time.thread_time()
                start = time.perf_counter()
                window.refilter_in_background()
                while window.filter_pending():
                    app.processEvents()
                    time.sleep(0.001)
                painted = time.perf_counter()
                app.processEvents()  # the result's paint
                end = time.perf_counter()
                gui_cpu = (time.thread_time() - gui_cpu) * 1000
                now = clock.now
                now["paint"] = (end - painted) * 1000
                now["key"] = (end - start) * 1000
                now["apply_rest"] = now["apply"] - sum(
                    now[p] for p in ("replace_tree", "set_layout", "set_selected", "counts",
                                     "announce"))
                for phase in PHASES:
                    per_prefix[prefix][phase].append(now[phase])
                per_prefix[prefix]["cpu"].append(clock.worker_cpu)
                keys.append(now["key"])
                cpu.append(clock.worker_cpu)
                both_cpu.append(clock.worker_cpu + gui_cpu)
                gui.append(gui_cpu)
                shown[prefix] = len(window._shown)
            window.set_search_text("")
            app.processEvents()
    print(f"code {code}; {args.rounds} rounds; medians per prefix, wall ms "
          f"(worker CPU ms in brackets)")
    print(f"{'prefix':<12}{'shown':>7} " + " ".join(f"{p[:9]:>9}" for p in PHASES))
    for prefix, phases in per_prefix.items():
        cells = []
        for phase in PHASES:
            value = statistics.median(phases[phase])
            cell = f"{value:.1f}"
            if phase == "worker":
                cell += f"({statistics.median(phases['cpu']):.0f})"
            cells.append(f"{cell:>9}")
        print(f"{prefix!r:<12}{shown[prefix]:>7} " + " ".join(cells))
    print(f"key median / p95 / max: {statistics.median(keys):.0f} / {_p95(keys):.0f} / "
          f"{max(keys):.0f} ms; worker CPU median / p95: {statistics.median(cpu):.0f} / "
          f"{_p95(cpu):.0f} ms; GUI thread CPU {statistics.median(gui):.0f} / "
          f"{_p95(gui):.0f} ms; both {statistics.median(both_cpu):.0f} / "
          f"{_p95(both_cpu):.0f} / {max(both_cpu):.0f} ms")
    window.close()


if __name__ == "__main__":
    main()
