"""Opening the reference data (``open_reference``) in wall time, process CPU time and the
opening thread's CPU time, each open in a fresh process, this tree alternated with another
checkout (issue 25: the 100,000 archive opened in under 0.5 s).

    python bench/bench_open_wall.py --against /tmp/before-checkout [--size 100000]
        [--runs 12] [--archives bench] [--bundled] [--ahead always|never|app] [--both]

The open reads ahead on a second thread (``store.reference.read_ahead``), so its wall time
is below its process CPU time when a second core is free, and the opening thread's CPU time
is what the wall time comes to then. On a machine whose cores are all busy, wall time is
about the process CPU time. The app reads ahead only when a second core looks free
(``read_ahead.worth_it``: the load average); ``--ahead always`` or ``never`` makes this
tree's opens read ahead or not whatever the load, to measure each way on a busy machine
(``--both``: the baseline's opens too).
Each open as the app opens its data: the collector paused, and SQLAlchemy's SQLite dialect
imported beforehand (the window's modules import it). Prints medians, the after/before
ratios, and the load average before and after.
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

CHILD = """
import gc, json, sys, time
from pathlib import Path
import sqlalchemy.dialects.sqlite  # noqa: F401  (as the app has it by the open)
from jcct_desktop.store.reference.reader import open_reference
if sys.argv[2] != "app":
    from jcct_desktop.store.reference import read_ahead
    read_ahead.second_core = lambda: sys.argv[2] == "always"

gc.disable()
wall, cpu, thread = time.perf_counter(), time.process_time(), time.thread_time()
data = open_reference(Path(sys.argv[1]))
print(json.dumps({"wall": (time.perf_counter() - wall) * 1000,
                  "cpu": (time.process_time() - cpu) * 1000,
                  "opening thread": (time.thread_time() - thread) * 1000,
                  "commitments": len(data.catalog.commitments)}))
"""


def measure_once(tree: Path, archive: Path, ahead: str = "app") -> dict[str, float]:
    return json_child(tree, CHILD, str(archive), ahead)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, required=True)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--archives", type=Path, default=REPO / "bench")
    parser.add_argument("--bundled", action="store_true",
                        help="open each tree's own db/jcct.sqlite instead (the 2011 meeting)")
    parser.add_argument("--ahead", choices=("always", "never", "app"), default="app",
                        help="this tree: read ahead whatever the load, never, or as the app")
    parser.add_argument("--both", action="store_true",
                        help="--ahead for the baseline too (a checkout that reads ahead)")
    args = parser.parse_args()
    archive = args.archives / f"archive-{args.size // 1000}k.sqlite"
    trees = {"baseline": args.against, "this tree": REPO}
    files = {k: (tree / "db" / "jcct.sqlite" if args.bundled else archive)
             for k, tree in trees.items()}
    load = os.getloadavg()[0]
    runs: dict[str, list[dict[str, float]]] = {k: [] for k in trees}
    for _ in range(args.runs):
        for key, tree in trees.items():
            runs[key].append(measure_once(
                tree, files[key], args.ahead if key == "this tree" or args.both else "app"))
    sizes = {r["commitments"] for rs in runs.values() for r in rs}
    assert len(sizes) == 1 and (args.bundled or sizes == {args.size}), sizes
    print(f"{sizes.pop():,} commitments, {args.runs} opens each, alternated, "
          f"{'both trees' if args.both else 'this tree'} reading ahead: {args.ahead}; load average "
          f"{load:.1f} before, {os.getloadavg()[0]:.1f} after, {os.cpu_count()} cores")
    print("| ms (median) | baseline | this tree | ratio |")
    print("|---|---|---|---|")
    for figure in ("wall", "cpu", "opening thread"):
        before, after = (statistics.median(r[figure] for r in runs[k]) for k in trees)
        print(f"| {figure} | {before:,.0f} | {after:,.0f} | {after / before:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
