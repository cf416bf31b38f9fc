"""The open read ahead (``store.reference.read_ahead``) as it would run with a core free for
each of its two threads, estimated from CPU times, this tree alternated with another
checkout, each open in a fresh process (issue 25: the 100,000 archive opened in under
0.5 s).

    python bench/bench_open_overlap.py --against /tmp/before-checkout [--size 100000]
        [--runs 7] [--archives bench]

On a shared machine the wall time of a two-thread open says more about the other
processes than about the open: the read-ahead thread waits for a core. CPU times do not:
the opening thread's CPU time between its waits for the thread, and the thread's CPU time
up to each table (or part of one) it hands over. The estimate replays them as if neither
thread were ever descheduled: the opener takes each table or part at the later of its own
clock and the part's; what it waits is the wall time the open could lose, what is left is
the opener's own work. The thread's parts and the opener's waits are read by wrapping
``read_ahead``'s queue (this checkout's, in parts) or its tables' ``read`` and
``columns`` (a checkout reading each table whole). Interference at the interpreter lock
is not in the estimate; the measured wall time is printed beside it. Reading ahead is forced
on (``second_core``) in both. Medians over the runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script: this checkout's bench package importable
from bench.child_json import json_child  # noqa: E402

CHILD = r"""
import gc, json, sys, time
from pathlib import Path
import sqlalchemy.dialects.sqlite  # noqa: F401  (as the app has it by the open)
from jcct_desktop.store.reference import read_ahead as RA
from jcct_desktop.store.reference.reader import open_reference

RA.second_core = lambda: True
handed, taken, started = [], [], {}  # (table or queue, index, CPU ms of its thread)

def cpu(who):
    return (time.thread_time() - started[who]) * 1000

run = RA.ReadAhead._run
def timed_run(self):
    started["thread"] = time.thread_time()
    run(self)
RA.ReadAhead._run = timed_run
if hasattr(RA, "SimpleQueue"):  # in parts: the thread puts each part on a queue
    class Queue(RA.SimpleQueue):
        def __init__(self):
            super().__init__()
            self.put_count = self.get_count = 0
        def put(self, item):
            handed.append((id(self), self.put_count, cpu("thread")))
            self.put_count += 1
            super().put(item)
        def get(self):
            taken.append((id(self), self.get_count, cpu("opener")))
            self.get_count += 1
            return super().get()
    RA.SimpleQueue = Queue
else:  # each table whole
    read, columns = RA.TableAhead.read, RA.TableAhead.columns
    def timed_read(self, db):
        read(self, db)
        handed.append((id(self), 0, cpu("thread")))
    def timed_columns(self):
        taken.append((id(self), 0, cpu("opener")))
        return columns(self)
    RA.TableAhead.read, RA.TableAhead.columns = timed_read, timed_columns

gc.disable()
started["opener"] = time.thread_time()
wall = time.perf_counter()
data = open_reference(Path(sys.argv[1]))
wall = (time.perf_counter() - wall) * 1000
opener = cpu("opener")
ready = {(key, i): at for key, i, at in handed}
clock = last = waited = 0.0
for key, i, at in taken:
    mine = clock + (at - last)
    clock, last = max(mine, ready[(key, i)]), at
    waited += clock - mine
print(json.dumps({"estimate": clock + opener - last, "waits": waited,
                  "opening thread CPU": opener, "read-ahead thread CPU": max(ready.values()),
                  "wall measured": wall, "commitments": len(data.catalog.commitments)}))
"""

FIGURES = ("estimate", "waits", "opening thread CPU", "read-ahead thread CPU",
           "wall measured")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, required=True)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--archives", type=Path, default=REPO / "bench")
    args = parser.parse_args()
    archive = args.archives / f"archive-{args.size // 1000}k.sqlite"
    trees = {"baseline": args.against, "this tree": REPO}
    load = os.getloadavg()[0]
    runs: dict[str, list[dict[str, float]]] = {k: [] for k in trees}
    for _ in range(args.runs):
        for key, tree in trees.items():
            runs[key].append(json_child(tree, CHILD, str(archive)))
    sizes = {r["commitments"] for rs in runs.values() for r in rs}
    assert sizes == {args.size}, sizes
    print(f"{args.size:,} commitments read ahead, {args.runs} opens each, alternated; load "
          f"average {load:.1f} before, {os.getloadavg()[0]:.1f} after, {os.cpu_count()} cores")
    print("| ms (median) | baseline | this tree | ratio |")
    print("|---|---|---|---|")
    for figure in FIGURES:
        before, after = (statistics.median(r[figure] for r in runs[k]) for k in trees)
        ratio = f"{after / before:.2f}×" if before else "—"
        print(f"| {figure} | {before:,.0f} | {after:,.0f} | {ratio} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
