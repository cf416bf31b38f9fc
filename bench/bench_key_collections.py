"""The cyclic collector's passes during typed keys, and the memory left after many keys, in
this checkout against another (the two alternated, each run in a fresh process).

    python bench/bench_key_collections.py ARCHIVE.sqlite --before DIR [--runs 3]
        [--keys 300] [--idle-ms 0]

Each run opens ARCHIVE as ``bench_table.py`` does (the collector paused while the window is
built, then frozen), waits for the search's warm-up, and types ``--keys`` keys: the prefixes
of ``bench_table.WORDS`` over and over, each key timed as ``bench_table.py`` times it (from
``refilter_in_background`` until the result is swapped in and painted), the search box
emptied after each word. ``--idle-ms 0`` asks the keys back to back (as ``bench_table.py``:
the event loop never waits between keys); more waits that long in the event loop after each
key (a typist's pause, longer than nothing the window does: the loop idles).

Printed per code and run, then medians and this/before ratios: the key wall median / p95 /
max (ms); the collections that started inside a key (count and ms, on the worker and on the
window's thread); the collections outside the keys; and at the end of the keys, then again
after 300 ms of idle loop, and again after a full collection (what is alive: nothing
leaked), ``gc.get_count()``, ``len(gc.get_objects())`` and the resident memory (MB).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[int(0.95 * (len(ordered) - 1))]


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def child(archive: Path, keys: int, idle_ms: int) -> dict[str, Any]:
    """In a fresh process whose ``jcct_desktop`` is the checkout to measure."""
    import gc
    import tempfile
    import threading
    import time

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.ui.app import configure
    from jcct_desktop.ui.main_window import MainWindow

    words = ("software", "regulation", "smart grid", "SFDA")  # bench_table.WORDS
    app = QApplication([])
    configure(app)
    gc.disable()
    reference = open_reference(archive)
    settings = QSettings(str(Path(tempfile.mkdtemp(prefix="jcct-bench-")) / "s.ini"),
                         QSettings.Format.IniFormat)
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

    def idle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    idle(300)
    inside = [False]
    passes: dict[str, list[float]] = {"worker": [], "window": [], "outside": []}
    started: list[float] = []

    def collected(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            started.append(time.perf_counter())
        elif started:
            ms = (time.perf_counter() - started.pop()) * 1000
            on_window = threading.current_thread() is threading.main_thread()
            passes[("window" if on_window else "worker") if inside[0] else "outside"].append(ms)

    gc.callbacks.append(collected)
    key_ms: list[float] = []
    typed = 0
    while typed < keys:
        for word in words:
            for i in range(1, len(word) + 1):
                if typed == keys:
                    break
                window.filters.search.blockSignals(True)
                window.filters.search.setText(word[:i])
                window.filters.search.blockSignals(False)
                inside[0] = True
                start = time.perf_counter()
                window.refilter_in_background()
                while window.filter_pending():
                    app.processEvents()
                    time.sleep(0.001)
                app.processEvents()  # the result's paint
                key_ms.append((time.perf_counter() - start) * 1000)
                inside[0] = False
                typed += 1
                if idle_ms:
                    idle(idle_ms)
            window.set_search_text("")
            app.processEvents()
    ended = {"count": list(gc.get_count()), "objects": len(gc.get_objects()),
             "rss": _rss_mb()}
    idle(300)
    after_idle = {"count": list(gc.get_count()), "objects": len(gc.get_objects()),
                  "rss": _rss_mb()}
    gc.callbacks.remove(collected)
    gc.collect()  # what is left is what is alive: nothing leaked, nothing frozen
    collected_all = {"count": list(gc.get_count()), "objects": len(gc.get_objects()),
                     "rss": _rss_mb()}
    window.close()
    return {"key_median": statistics.median(key_ms), "key_p95": _p95(key_ms),
            "key_max": max(key_ms),
            **{f"{where}_n": len(ms) for where, ms in passes.items()},
            **{f"{where}_ms": sum(ms) for where, ms in passes.items()},
            **{f"{where}_max": max(ms, default=0.0) for where, ms in passes.items()},
            "ended": ended, "after_idle": after_idle, "after_full": collected_all}


def run(tree: Path, args: argparse.Namespace) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), str(args.archive.resolve()),
         "--child", str(tree), "--keys", str(args.keys), "--idle-ms", str(args.idle_ms)],
        cwd=tree, env=dict(os.environ, PYTHONPATH=str(tree)), capture_output=True, text=True,
        check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


SHOWN = ("key_median", "key_p95", "key_max", "worker_n", "worker_ms", "worker_max",
         "window_n", "window_ms", "window_max", "outside_n", "outside_ms", "outside_max")


def _flat(figures: dict[str, Any]) -> dict[str, float]:
    flat = {name: float(figures[name]) for name in SHOWN}
    for when in ("ended", "after_idle", "after_full"):
        flat[f"{when}_young"] = float(figures[when]["count"][0])
        flat[f"{when}_objects"] = float(figures[when]["objects"])
        flat[f"{when}_rss_mb"] = float(figures[when]["rss"])
    return flat


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--before", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keys", type=int, default=300)
    parser.add_argument("--idle-ms", type=int, default=0)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        import jcct_desktop

        assert Path(jcct_desktop.__file__).resolve().parents[1] == args.child.resolve()
        print(json.dumps(child(args.archive, args.keys, args.idle_ms)))
        return 0
    if args.before is None:
        parser.error("--before DIR: the checkout to compare with")
    trees = {"this": REPO, "before": args.before.resolve()}
    results: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    load = os.getloadavg()[0]
    for n in range(args.runs):
        for name, tree in trees.items() if n % 2 == 0 else reversed(list(trees.items())):
            figures = _flat(run(tree, args))
            results[name].append(figures)
            print(name, n, " ".join(f"{k}={v:.1f}" for k, v in figures.items()), flush=True)
    print(f"{args.keys} keys, idle {args.idle_ms} ms between; load {load:.1f} -> "
          f"{os.getloadavg()[0]:.1f}; medians over {args.runs} runs each")
    print(f"{'':<20}{'this':>12}{'before':>12}{'ratio':>8}")
    for name in results["this"][0]:
        this = statistics.median(r[name] for r in results["this"])
        before = statistics.median(r[name] for r in results["before"])
        ratio = f"{this / before:.2f}" if before else "-"
        print(f"{name:<20}{this:>12.1f}{before:>12.1f}{ratio:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
