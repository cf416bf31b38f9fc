"""The timeline's cost for a key that makes a new shown set (issue 25): ``build_layout`` from
the refilter's source-order mask, and its span, as the search worker runs them.

    python bench/bench_timeline_new_sets.py [ARCHIVE] [--runs 7] [--processes 3] [--before DIR]

For each prefix of the words ``bench_table.py`` types, the shown set is the commitments whose
text holds it (a stand-in for the search, as in ``bench_timeline.py``); each is laid out
``--runs`` times (the last layout forgotten first, so each is a new set), in a fresh process
whose masks are made first (as ``refilter.prepare`` makes them). Prints per prefix the median
thread CPU time (``time.thread_time``) and wall time in ms, the masks' warm-up, and with
``--before DIR`` (a checkout of an earlier commit) the same for that code, its processes
alternating with this code's, and the ratios after/before.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORDS = ("software", "regulation", "smart grid", "SFDA")  # as bench_table.py types them


def measure(path: Path, runs: int) -> dict[str, list[float]]:
    """In this process (a child of ``main``): per prefix, [cpu ms, wall ms, shown]."""
    from jcct_desktop.core.source_order import source_order
    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.ui.timeline import TimelineSource, build_layout

    catalog = open_reference(path).catalog
    source, order = TimelineSource(catalog), source_order(catalog)
    order.rows  # noqa: B018 - made before the masks, as refilter.prepare does
    collecting = gc.isenabled()
    gc.disable()  # the collector's passes are another phase's figure (bench_key_phases: gc)
    start = time.thread_time()
    source.masks  # noqa: B018 - the warm-up
    out = {"(masks warm-up)": [(time.thread_time() - start) * 1000, 0.0, 0.0]}
    texts = [(c.id, c.text.lower()) for c in catalog.commitments]
    seen: set[str] = set()
    for word in WORDS:
        for end in range(1, len(word) + 1):
            prefix = word[:end].lower()
            visible = {cid for cid, text in texts if prefix in text}
            mask = order.mask(visible)
            if mask in seen:  # the same set again costs nothing: only new sets
                continue
            seen.add(mask)
            cpu, wall = [], []
            for _ in range(runs):
                source.last_shown = None
                w0, c0 = time.perf_counter(), time.thread_time()
                build_layout(source, visible, mask).span  # noqa: B018 - as refilter does
                cpu.append((time.thread_time() - c0) * 1000)
                wall.append((time.perf_counter() - w0) * 1000)
            out[prefix] = [statistics.median(cpu), statistics.median(wall), len(visible)]
    if collecting:
        gc.enable()
    return out


def _child(code: Path, path: Path, runs: int) -> dict[str, list[float]]:
    env = dict(os.environ, PYTHONPATH=str(code))
    done = subprocess.run([sys.executable, __file__, str(path), "--child", "--runs", str(runs)],
                          env=env, cwd=code, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def _medians(results: list[dict[str, list[float]]]) -> dict[str, list[float]]:
    return {key: [statistics.median(r[key][i] for r in results) for i in range(3)]
            for key in results[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path, nargs="?", default=REPO / "bench/archive-100k.sqlite")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--before", type=Path)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.archive, args.runs)))
        return
    archive = args.archive.resolve()  # the children run in their checkouts
    afters, befores = [], []
    for _ in range(args.processes):  # alternately, so both see the same load
        afters.append(_child(REPO, archive, args.runs))
        if args.before:
            befores.append(_child(args.before.resolve(), archive, args.runs))
    after = _medians(afters)
    before = _medians(befores) if befores else None
    print(f"{args.archive.name}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores;"
          f" medians of {args.processes} processes x {args.runs} runs, ms")
    print(f"{'prefix':16}{'shown':>8}{'cpu':>8}{'wall':>8}" +
          (f"{'cpu before':>12}{'wall before':>12}{'cpu ratio':>11}" if before else ""))
    ratios = []
    for key, (cpu, wall, shown) in after.items():
        line = f"{key!r:16}{shown:8.0f}{cpu:8.2f}{wall:8.2f}"
        if before is not None:
            was_cpu, was_wall, _ = before[key]
            line += f"{was_cpu:12.2f}{was_wall:12.2f}{cpu / was_cpu:10.2f}x"
            if key != "(masks warm-up)":
                ratios.append(cpu / was_cpu)
        print(line)
    cpus = [v[0] for k, v in after.items() if k != "(masks warm-up)"]
    print(f"new sets: cpu median {statistics.median(cpus):.2f} max {max(cpus):.2f} ms" +
          (f"; cpu after/before median {statistics.median(ratios):.2f}x" if ratios else ""))


if __name__ == "__main__":
    main()
