"""The views' part of a typed key at archive scale (issue 25), in CPU time, before and after.

    python bench/bench_key_views.py ARCHIVE.sqlite [--before DIR] [--runs 3] [--rounds 2]

A loaded machine makes the wall times of ``bench_key_phases.py`` noise; this measures the
CPU time (``time.thread_time``) of the same work, each prefix of ``bench_table.py``'s words
typed in turn (as ``--rounds`` rounds), in a fresh process per run, this code's processes
alternating with ``--before``'s (a checkout of an earlier commit, e.g. ``git worktree add
/tmp/before <commit>``). Per key:

- ``tree``, ``timeline``: ``TreeSource.build`` and ``build_layout`` with its span, as the
  refilter calls them on the search thread (the search itself is the same code either way
  and is left out: ``matching_mask`` is run first, untimed);
- ``swap``: on this (the window's) thread, the tree handed to a shown ``SectorTreeView``
  (``replace_tree``) and the timeline to a shown ``TimelineWidget`` (``set_layout``), then
  the event loop's pass that lays them out and paints them;
- ``gc``: the cyclic collector's passes of the key (the refilter runs with the collector
  paused, as the search thread does; it resumes after, so the young collection the key's
  objects cause is counted here, and any older one it starts);
- ``all``: the sum.

Prints the median per key over every run and the median / p95 / max over all keys, and the
ratio after / before of each.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORDS = ("software", "regulation", "smart grid", "SFDA")  # as bench_table.py types them
PHASES = ("tree", "timeline", "swap", "gc", "all")


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[int(0.95 * (len(ordered) - 1))]


def measure(archive: Path, rounds: int) -> dict[str, list[float]]:
    """In a child process, with ``jcct_desktop`` from the code asked for: per phase, one
    figure per key typed."""
    import gc
    from datetime import date

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from jcct_desktop.core.filtering import Filter, FilterContext, matching_mask
    from jcct_desktop.core.source_order import ShownIds, source_order
    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.ui.refilter import prepare
    from jcct_desktop.ui.timeline import TimelineSource, build_layout
    from jcct_desktop.ui.timeline.widget import TimelineWidget
    from jcct_desktop.ui.tree import SectorTreeModel, TreeSource
    from jcct_desktop.ui.tree.view import SectorTreeView

    app = QApplication.instance() or QApplication([])
    gc.disable()
    reference = open_reference(archive)
    catalog = reference.catalog
    context = FilterContext(catalog, reference.search, None)
    as_of = date(2026, 12, 6)
    book = context.standings(as_of)
    states = book.values()
    trees, timelines = TreeSource(catalog), TimelineSource(catalog)
    order = source_order(catalog)
    trees.judge(lambda cid: book.of(cid).shortfall)
    prepare(context, timelines)
    view = SectorTreeView(SectorTreeModel())
    view.resize(420, 800)
    timeline = TimelineWidget(catalog, standings=book)
    timeline.resize(900, 300)
    view.replace_tree(trees.build(states), states, None)
    timeline.set_layout(build_layout(timelines))
    view.show()
    timeline.show()
    app.processEvents()
    gc.freeze()  # as the app does once its window is built
    gc.enable()
    collecting: list[float] = []
    spent = [0.0]

    def collected(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            collecting.append(time.thread_time())
        elif collecting:
            spent[0] += time.thread_time() - collecting.pop()

    gc.callbacks.append(collected)
    found: dict[str, list[float]] = {phase: [] for phase in PHASES}
    for _ in range(rounds):
        for word in WORDS:
            for i in range(1, len(word) + 1):
                flt = Filter(text=word[:i])
                gc.disable()  # the search thread's pause
                mask = matching_mask(flt, context, as_of)
                visible = ShownIds(order, mask)  # as the refilter hands them on
                start = time.thread_time()
                tree = trees.build(states, visible, mask)
                built = time.thread_time()
                layout = build_layout(timelines, visible, mask)
                layout.span  # noqa: B018 - as the refilter asks for it
                laid = time.thread_time()
                spent[0] = 0.0
                gc.enable()
                swap = time.thread_time()
                view.replace_tree(tree, states, None, filtered=True)
                timeline.set_layout(layout)
                del tree, layout
                app.processEvents()
                done = time.thread_time()
                figures = {"tree": built - start, "timeline": laid - built,
                           "gc": spent[0], "swap": done - swap - spent[0]}
                figures["all"] = sum(figures.values())
                for phase, value in figures.items():
                    found[phase].append(value * 1000)
    return found


def _run(code: Path, archive: Path, rounds: int) -> dict[str, list[float]]:
    env = dict(os.environ, PYTHONPATH=str(code), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), str(archive),
                          "--measure", "--rounds", str(rounds)],
                         cwd=code, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--before", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    archive = args.archive.resolve()
    if args.measure:
        print(json.dumps(measure(archive, args.rounds)))
        return
    codes = {"after": REPO} | ({"before": args.before.resolve()} if args.before else {})
    runs: dict[str, list[dict[str, list[float]]]] = {name: [] for name in codes}
    for _ in range(args.runs):
        for name, code in codes.items():  # alternately, so the load falls on both alike
            runs[name].append(_run(code, archive, args.rounds))
    prefixes = [word[:i] for word in WORDS for i in range(1, len(word) + 1)]
    summary: dict[str, dict[str, tuple[float, float, float]]] = {}
    for name, results in runs.items():
        print(f"{name} ({codes[name]}): CPU ms per key, median over {args.runs} runs × "
              f"{args.rounds} rounds")
        print(f"{'key':<12}" + "".join(f"{p:>10}" for p in PHASES))
        per_key = len(prefixes)
        for k, prefix in enumerate(prefixes):
            cells = []
            for phase in PHASES:
                values = [r[phase][rnd * per_key + k] for r in results
                          for rnd in range(args.rounds)]
                cells.append(f"{statistics.median(values):>10.1f}")
            print(f"{prefix!r:<12}" + "".join(cells))
        summary[name] = {}
        for phase in PHASES:
            every = [v for r in results for v in r[phase]]
            summary[name][phase] = (statistics.median(every), _p95(every), max(every))
    print("\nover every key: median / p95 / max CPU ms" + ("; after / before" if len(runs) > 1
                                                          else ""))
    for phase in PHASES:
        line = f"{phase:<10}" + "".join(
            f"  {name}: {m:6.1f} / {p:6.1f} / {x:6.1f}" for name, (m, p, x) in
            ((n, summary[n][phase]) for n in runs))
        if "before" in summary:
            after, before = summary["after"][phase], summary["before"][phase]
            line += "  ratio " + " / ".join(f"{a / b:.2f}" if b else "-"
                                            for a, b in zip(after, before, strict=True))
        print(line)


if __name__ == "__main__":
    main()
