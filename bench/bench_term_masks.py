"""A fresh term's search, as the refilter asks it (``matching_mask``), in two checkouts
measured alternately in the same run (issue 25: a term's hits as a mask in source order).

    python bench/bench_term_masks.py ARCHIVE.sqlite --base DIR [--rounds N] [--repeats N]

Each round runs one child process per checkout (this one and ``--base``), in turn: it opens
the archive, prepares the filter context as the search worker does, then per word asks
``matching_mask`` with every cache emptied first (so each ask is a fresh term), ``--repeats``
times, and reports per word the median CPU time of the thread and the wall time. Printed:
per word the median over rounds of each checkout's medians, and the ratio this / base, CPU
first (a loaded machine disturbs it least).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
WORDS = ("sof", "software", "regul", "regulation", "smart", "smart grid", "SFDA", "grid",
         "state-owned", "the")


def _child(archive: Path, repeats: int) -> None:
    from datetime import date

    from jcct_desktop.core.filtering import Filter, FilterContext, matching_mask
    from jcct_desktop.core.source_order import source_order
    from jcct_desktop.store.reference.reader import open_reference

    reference = open_reference(archive)
    ctx = FilterContext(reference.catalog, reference.search)
    ctx.prepare()
    order = source_order(reference.catalog)
    order.rows  # noqa: B018 - made once by the worker's preparation (ui.refilter.prepare)
    as_of = date(2026, 1, 1)
    found: dict[str, tuple[float, float, int]] = {}
    for word in WORDS:
        cpu, wall = [], []
        shown = 0
        for _ in range(repeats):
            ctx._cache.clear()
            order._masks.clear()
            t0, c0 = time.perf_counter(), time.thread_time()
            shown = matching_mask(Filter(text=word), ctx, as_of).count(1)
            cpu.append(time.thread_time() - c0)
            wall.append(time.perf_counter() - t0)
        found[word] = (statistics.median(cpu) * 1000, statistics.median(wall) * 1000, shown)
    print(json.dumps(found))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("archive", type=Path)
    parser.add_argument("--base", type=Path, required=True, help="the checkout to compare")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.archive.resolve(), args.repeats)
        return
    runs: dict[str, list[dict[str, list[float]]]] = {"base": [], "this": []}
    for _ in range(args.rounds):
        for name, code in (("base", args.base.resolve()), ("this", HERE)):
            out = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), str(args.archive.resolve()),
                 "--base", str(args.base), "--repeats", str(args.repeats), "--child"],
                cwd=code, env={"PYTHONPATH": str(code)}, capture_output=True, text=True,
                check=True)
            runs[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"{'word':14}{'shown':>8}  {'CPU ms base → this (ratio)':>30}  "
          f"{'wall ms base → this (ratio)':>30}")
    ratios: list[float] = []
    for word in WORDS:
        base = [statistics.median(r[word][i] for r in runs["base"]) for i in (0, 1)]
        this = [statistics.median(r[word][i] for r in runs["this"]) for i in (0, 1)]
        shown = {r[word][2] for r in runs["base"] + runs["this"]}
        assert len(shown) == 1, (word, shown)  # both checkouts show the same number
        ratios.append(this[0] / base[0])
        print(f"{word!r:14}{shown.pop():>8}  {base[0]:>10.1f} → {this[0]:>6.1f} "
              f"({this[0] / base[0]:.2f})  {base[1]:>10.1f} → {this[1]:>6.1f} "
              f"({this[1] / base[1]:.2f})")
    print(f"median CPU ratio this / base over the words: {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
