"""The deadline timeline at archive scale (issue 25): its source, its layouts and a repaint.

    python bench/bench_timeline.py [--sizes 10000 100000] [--runs 3] [--processes 1]
                                   [--before DIR] [--archives DIR]

Each figure is the CPU time (``time.process_time``, so a loaded machine shows its own work,
not the load) of, on one archive in a fresh process: ``TimelineSource(catalog)``; the first
``build_layout(source)`` (everything shown); ``build_layout(source, visible)`` for every
commitment and for random 28,000 and 15,000 of them (median of the runs, a new random set
each run, never the last layout given again); the same for each prefix of four typed words,
shown as the commitments whose text holds it (median and max: consecutive prefixes often show
the same set); ``TimelineWidget.set_layout`` and a repaint of the 28,000 layout;
and how many lanes the first paint of the whole layout read. ``--before DIR`` (a checkout of
an earlier commit, e.g. ``git worktree add /tmp/before <commit>``) measures that code too, in
the same run, its processes alternating with this code's, and prints the ratio after/before.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SIZES = (10_000, 100_000)
SHARES = (("every", None), ("28,000", 28_000), ("15,000", 15_000))
WORDS = ("software", "regulation", "smart grid", "SFDA")  # as bench_table.py types them


def _cpu_ms(work: Any) -> tuple[float, Any]:
    start = time.process_time()
    result = work()
    return (time.process_time() - start) * 1000, result


def measure(path: Path, runs: int) -> dict[str, float]:
    """In this process (a child of ``main``): the figures for one archive."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    collecting = gc.isenabled()
    gc.disable()  # as the app does while it builds the window: the collector's passes are noise
    try:
        return _measure(app, path, runs)
    finally:
        if collecting:
            gc.enable()


def _measure(app: Any, path: Path, runs: int) -> dict[str, float]:
    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.ui.timeline import TimelineSource, TimelineWidget, build_layout

    catalog = open_reference(path).catalog
    out: dict[str, float] = {}
    out["source"], source = _cpu_ms(lambda: TimelineSource(catalog))
    out["first layout"], everything = _cpu_ms(lambda: build_layout(source))
    ids = sorted(catalog.ids)
    rng = random.Random(25)
    layouts: dict[str, Any] = {}
    for name, size in SHARES:
        times = []
        for _ in range(runs):
            visible = set(ids if size is None else rng.sample(ids, min(size, len(ids))))
            if hasattr(source, "last_shown"):  # laid out, not the last layout given again
                source.last_shown = None
            took, layouts[name] = _cpu_ms(lambda v=visible: build_layout(source, v))
            times.append(took)
        out[f"layout, {name} shown"] = statistics.median(times)
    # typing: each prefix of bench_table.py's words, shown as the commitments whose text holds
    # it (a stand-in for the search: sets that shrink and repeat as a word is typed)
    texts = [(c.id, c.text.lower()) for c in catalog.commitments]
    typed, changed = [], []
    previous: set[str] | None = None
    for word in WORDS:
        for end in range(1, len(word) + 1):
            prefix = word[:end].lower()
            visible = {cid for cid, text in texts if prefix in text}
            took, _ = _cpu_ms(lambda v=visible: build_layout(source, v))
            typed.append(took)
            if visible != previous:
                changed.append(took)
            previous = visible
    out["layout, typing: median"] = statistics.median(typed)
    out["layout, typing: max"] = max(typed)
    out["layout, typing: median of new sets"] = statistics.median(changed)
    widget = TimelineWidget(catalog)
    widget.resize(1000, 400)
    widget.show()
    app.processEvents()
    lanes_read: list[int] = []
    by_lane = type(everything.by_lane)
    getitem = by_lane.__getitem__

    def counting(self: Any, lane: Any) -> Any:
        lanes_read.append(lane)
        return getitem(self, lane)

    patched = by_lane is not list  # a plain list (the code before) cannot be patched
    if patched:  # how many lanes the first paint of everything reads
        by_lane.__getitem__ = counting
    widget.set_layout(everything)
    widget.repaint()
    if patched:
        by_lane.__getitem__ = getitem
    out["lanes read by a first paint"] = float(len(set(lanes_read))) if patched else -1.0
    times = []
    for _ in range(runs):
        widget.set_layout(everything)
        widget.repaint()
        took, _ = _cpu_ms(lambda: (widget.set_layout(layouts["28,000"]), widget.repaint()))
        times.append(took)
    out["set_layout + repaint, 28,000"] = statistics.median(times)
    return out


def _child(code: Path, path: Path, runs: int) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(code), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, __file__, "--child", str(path), "--runs", str(runs)],
                          env=env, cwd=code, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def _medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=3, help="of each layout, in a process")
    parser.add_argument("--processes", type=int, default=1,
                        help="fresh processes per archive (and per checkout), medians printed")
    parser.add_argument("--before", type=Path, help="a checkout of the code to compare with")
    parser.add_argument("--archives", type=Path, default=REPO / "bench",
                        help="where make_archive.py wrote archive-10k.sqlite, archive-100k.sqlite")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.runs)))
        return
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; CPU ms")
    for size in args.sizes:
        path = args.archives / f"archive-{size // 1000}k.sqlite"
        if not path.is_file():
            sys.exit(f"{path} is missing: bench/make_archive.py builds it")
        afters, befores = [], []
        for _ in range(args.processes):  # alternately, so both see the same load
            afters.append(_child(REPO, path, args.runs))
            if args.before:
                befores.append(_child(args.before.resolve(), path, args.runs))
        after = _medians(afters)
        before = _medians(befores) if befores else None
        print(f"\n{size:,} commitments")
        for key, value in after.items():
            line = f"  {key:38} {value:9.1f}"
            if before is not None and key in before:
                was = before[key]
                ratio = f"{value / was:.2f}x" if was > 0 else "-"
                line += f"   before {was:9.1f}   after/before {ratio}"
            print(line)


if __name__ == "__main__":
    main()
