"""The sector tree, the standings and the status-bar counts at archive scale (issue 25).

    python bench/bench_tree.py [--sizes 10000 100000] [--runs 5] [--before DIR]

Each figure is the CPU time (``time.process_time``: a loaded machine shows its own work, not
the load) of, on one archive in a fresh process: the standings' values (``StandingBook.values``,
what the window reads at start); ``TreeSource(catalog)``; the first build (everything shown,
the standings new); a rebuild of everything; a filtered build for every commitment and for
random 28,000, 15,000 and 1,000 of them (median of the runs, a new random set each run); what
a keystroke's refilter spends on the tree, the shown list and the counts together for those
sets (and, where the code has them, its parts: the set into a source-order mask, the tree
from the mask, the shown ids and counts from it); and ``SectorTreeView.replace_tree`` of the
28,000 tree on the GUI thread. ``--before DIR`` (a checkout of an earlier commit, e.g.
``git worktree add /tmp/before <commit>``) measures that code too, alternately with this one
in the same run, and prints the ratio after/before.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SIZES = (10_000, 100_000)
SHARES = (("every", None), ("28,000", 28_000), ("15,000", 15_000), ("1,000", 1_000))


def _cpu_ms(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    result = work()
    return (time.process_time() - start) * 1000, result


def _refilter_share(catalog: Any, source: Any, states: Any) -> Callable[[Any], Any]:
    """What ``ui.refilter.refilter`` does after the search: tree, shown ids, counts."""
    try:
        from jcct_desktop.core.source_order import source_order
    except ImportError:  # the code before: each on its own
        from jcct_desktop.core.standing import Standing
        from jcct_desktop.ui.refilter import shown_in_order

        def before(visible: Any) -> Any:
            tree = source.build(states, visible)
            shown = shown_in_order(catalog, visible)
            counts = dict.fromkeys(Standing, 0)
            for cid in shown:
                counts[states.get(cid, Standing.NO_DEADLINE)] += 1
            return tree, shown, counts

        return before

    def after(visible: Any) -> Any:
        order = source_order(catalog)
        mask = order.mask(visible)
        return source.build(states, visible, mask), order.shown(mask), order.counts(mask, states)

    return after


def _parts(catalog: Any, source: Any, states: Any, visible: Any) -> dict[str, float]:
    """The share's parts, where the code has them: the set into a mask, the tree from it,
    the shown ids and the counts."""
    try:
        from jcct_desktop.core.source_order import source_order
    except ImportError:
        return {}
    order = source_order(catalog)
    took, mask = _cpu_ms(lambda: order.mask(visible))
    return {"ids into a mask": took,
            "tree from the mask": _cpu_ms(lambda: source.build(states, visible, mask))[0],
            "shown ids + counts": _cpu_ms(lambda: (order.shown(mask),
                                                   order.counts(mask, states)))[0]}


def measure(path: Path, runs: int) -> dict[str, float]:
    """In this process (a child of ``main``): the figures for one archive."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from jcct_desktop.core import dates
    from jcct_desktop.core.standing import standing_book
    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.ui.tree import SectorTreeModel, SectorTreeView, TreeSource

    app = QApplication.instance() or QApplication([])
    gc.disable()  # as the app does while it builds the window: the collector's passes are noise
    catalog = open_reference(path).catalog
    out: dict[str, float] = {}
    book = standing_book(catalog.commitments, {}, dates.today())
    out["standings' values"], states = _cpu_ms(book.values)
    out["TreeSource(catalog)"], source = _cpu_ms(lambda: TreeSource(catalog))
    source.judge(lambda cid: book.of(cid).shortfall)
    out["first build"], _tree = _cpu_ms(lambda: source.build(states))
    out["rebuild, everything"], _tree = _cpu_ms(lambda: source.build(states))
    share = _refilter_share(catalog, source, states)
    share(set())  # per-catalog work done once (the first keystroke's)
    ids = sorted(catalog.ids)
    rng = random.Random(25)
    trees: dict[str, Any] = {}
    for name, size in SHARES:
        builds, shares, parts = [], [], []
        for _ in range(runs):
            visible = set(ids if size is None else rng.sample(ids, min(size, len(ids))))
            took, trees[name] = _cpu_ms(lambda v=visible: source.build(states, v))
            builds.append(took)
            shares.append(_cpu_ms(lambda v=visible: share(v))[0])
            parts.append(_parts(catalog, source, states, visible))
        out[f"build, {name} shown"] = statistics.median(builds)
        out[f"tree + shown + counts, {name}"] = statistics.median(shares)
        for part in parts[0]:
            out[f"  {name}: {part}"] = statistics.median(p[part] for p in parts)
    view = SectorTreeView(SectorTreeModel())
    view.resize(400, 800)
    view.show()
    view.replace_tree(source.build(states), states, None)
    app.processEvents()
    times = []
    for _ in range(runs):
        times.append(_cpu_ms(lambda: view.replace_tree(trees["28,000"], states, None,
                                                       filtered=True))[0])
        view.replace_tree(source.build(states), states, None)
    out["replace_tree, 28,000"] = statistics.median(times)
    return out


def _archive(folder: Path, size: int) -> Path:
    path = folder / f"archive-{size // 1000}k.sqlite"
    if not path.is_file():
        from bench.make_archive import make_archive

        make_archive(path, meetings=max(1, size // 100), per_meeting=min(size, 100))
    return path


def _child(checkout: Path, path: Path, runs: int) -> dict[str, float]:
    """``measure`` in a fresh process over the code of ``checkout`` (this file's own copy of
    ``measure``: an earlier checkout may not have it)."""
    code = ("import importlib.util, json, pathlib, sys; sys.path.insert(0, sys.argv[1]); "
            "spec = importlib.util.spec_from_file_location('bench_tree', sys.argv[2]); "
            "mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod); "
            "print(json.dumps(mod.measure(pathlib.Path(sys.argv[3]), int(sys.argv[4]))))")
    done = subprocess.run([sys.executable, "-c", code, str(checkout), __file__, str(path),
                           str(runs)], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="an earlier checkout, measured alongside")
    parser.add_argument("--archives", type=Path, default=REPO / "bench",
                        help="the folder of archive-10k.sqlite etc. (built there if missing)")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    for size in args.sizes:
        path = _archive(args.archives, size)
        now = _child(REPO, path, args.runs)
        before = _child(args.before.resolve(), path, args.runs) if args.before else None
        print(f"\n{size:,} commitments (CPU ms)")
        for name, ms in now.items():
            line = f"  {name:<34} {ms:8.1f}"
            if before is not None and name in before:
                line += f"   before {before[name]:8.1f}   ratio {ms / before[name]:.2f}"
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
