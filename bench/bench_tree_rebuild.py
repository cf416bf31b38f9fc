"""The tree's share of a key that makes a new shown set, at archive scale (issue 25).

    python bench/bench_tree_rebuild.py [ARCHIVE] [--before DIR] [--rounds N] [--sets N]

In a fresh process per measurement, on one archive (default ``bench/archive-100k.sqlite``):
``TreeSource.build`` for new shown sets (random 28,000, 15,000, 3,000 and 300 commitments,
given as a source-order mask as the refilter gives it), then on a shown 800-pixel view
``SectorTreeView.replace_tree`` of each (keeping a selected commitment, an opened meeting
re-opened) and its repaint; last ``Expand all`` of the unfiltered tree. CPU milliseconds
(``time.thread_time``: the machine is shared) with wall beside, medians over the sets and
the rounds. ``--before DIR`` (e.g. ``git worktree add /tmp/base <commit>``) measures that
checkout too, alternately with this one, and prints after/before ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SIZES = (28_000, 15_000, 3_000, 300)


def _timed(work: Any) -> tuple[float, float, Any]:
    """(CPU ms of this thread, wall ms, what ``work()`` gave)."""
    wall, cpu = time.perf_counter(), time.thread_time()
    got = work()
    return (time.thread_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000, got


def measure(path: Path, sets: int) -> dict[str, list[float]]:
    """In this process: the figures for one archive."""
    import gc
    import random

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from jcct_desktop.core import dates
    from jcct_desktop.core.source_order import source_order
    from jcct_desktop.core.standing import standing_book
    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.ui.tree import SectorTreeModel, SectorTreeView, TreeSource

    app = QApplication.instance() or QApplication([])
    catalog = open_reference(path).catalog
    book = standing_book(catalog.commitments, {}, dates.today())
    states = book.values()
    source = TreeSource(catalog)
    source.judge(lambda cid: book.of(cid).shortfall)
    order = source_order(catalog)
    view = SectorTreeView(SectorTreeModel())
    view.resize(400, 800)
    view.show()
    view.replace_tree(source.build(states), states, None)
    app.processEvents()
    ids = sorted(catalog.ids)
    rng = random.Random(25)
    keep = ids[len(ids) // 2]
    out: dict[str, list[float]] = defaultdict(list)
    gc.collect()
    gc.disable()  # the collector's passes are another engineer's phase: noise here
    for size in SIZES:
        for _ in range(sets):
            visible = set(rng.sample(ids, size)) | {keep}
            mask = order.mask(visible)
            cpu, wall, tree = _timed(lambda v=visible, m=mask: source.build(states, v, m))
            out[f"build {size:,}"].append(cpu)
            out[f"build {size:,} wall"].append(wall)
            cpu, _wall, _ = _timed(lambda t=tree: view.replace_tree(t, states, keep, filtered=True))
            out[f"replace_tree {size:,}"].append(cpu)
            cpu, _wall, _ = _timed(view.repaint)
            out[f"paint {size:,}"].append(cpu)
    gc.enable()
    view.replace_tree(source.build(states), states, None)
    app.processEvents()
    cpu, wall, _ = _timed(view.expandAll)
    out["Expand all"].append(cpu)
    out["Expand all wall"].append(wall)
    cpu, _wall, _ = _timed(view.repaint)
    out["paint after Expand all"].append(cpu)
    return dict(out)


def _child(checkout: Path, path: Path, sets: int) -> dict[str, list[float]]:
    code = ("import importlib.util, json, pathlib, sys; sys.path.insert(0, sys.argv[1]); "
            "spec = importlib.util.spec_from_file_location('bench_tree_rebuild', sys.argv[2]); "
            "mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod); "
            "print(json.dumps(mod.measure(pathlib.Path(sys.argv[3]), int(sys.argv[4]))))")
    done = subprocess.run([sys.executable, "-c", code, str(checkout), __file__, str(path),
                           str(sets)], check=True, capture_output=True, text=True,
                          cwd=checkout)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path, nargs="?",
                        default=REPO / "bench" / "archive-100k.sqlite")
    parser.add_argument("--before", type=Path, help="an earlier checkout, measured alongside")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--sets", type=int, default=5, help="new sets per size per round")
    args = parser.parse_args()
    path = args.archive.resolve()
    now: dict[str, list[float]] = defaultdict(list)
    before: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.rounds):  # alternately: the load changes as the run goes
        if args.before is not None:
            for name, values in _child(args.before.resolve(), path, args.sets).items():
                before[name] += values
        for name, values in _child(REPO, path, args.sets).items():
            now[name] += values
    print(f"{path.name}: CPU ms of the thread (wall where named), medians")
    for name, values in now.items():
        line = f"  {name:<28} {statistics.median(values):8.2f}"
        if before.get(name):
            was = statistics.median(before[name])
            line += f"   before {was:8.2f}   ratio {statistics.median(values) / was:.2f}"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
