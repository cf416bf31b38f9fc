"""Opening the reference data (``open_reference``) on the generated archives, in CPU time,
against another checkout measured in the same run (issue 25: under 0.5 s at 100,000).

    python bench/bench_open.py --against /tmp/before-checkout [--sizes 10000 100000]
        [--runs 5] [--archives bench] [--against-archives DIR] [--bundled]

Each open runs in a fresh process, as the app opens its data once (the collector paused, as
``cli.main`` does); the two checkouts alternate, so a machine's load falls on both alike.
CPU time of the process, not wall time: the figures hold on a shared, loaded machine. Also
the memory the open added (resident set after, less before). Prints the median and best of
each, and after/before ratios.

After a change of the schema (an index the open reads), give the baseline the files its own
tree builds, ``--against-archives /tmp/before-checkout/bench``: each tree then opens what its
own builder writes. The bundled database is each tree's own ``db/jcct.sqlite``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHILD = """
import gc, json, resource, sys, time
from pathlib import Path
from jcct_desktop.store.reference.reader import open_reference

def resident_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 1e6

gc.disable()
before = resident_mb()
t0 = time.process_time()
data = open_reference(Path(sys.argv[1]))
cpu = time.process_time() - t0
print(json.dumps({"cpu_ms": cpu * 1000, "added_mb": resident_mb() - before,
                  "commitments": len(data.catalog.commitments)}))
"""


def archive_for(folder: Path, size: int) -> Path:
    path = folder / f"archive-{size // 1000}k.sqlite"
    if not path.is_file():
        from bench.make_archive import make_archive

        make_archive(path, meetings=max(1, size // 100), per_meeting=min(size, 100))
    return path


def measure_once(tree: Path, archive: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(archive)], cwd=tree, check=True,
                          capture_output=True, text=True, env={"PYTHONPATH": str(tree)})
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, required=True,
                        help="another checkout of the project (the baseline)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--archives", type=Path, default=REPO / "bench",
                        help="folder of archive-10k.sqlite etc. (built there if missing)")
    parser.add_argument("--against-archives", type=Path, default=None,
                        help="the baseline's folder of archives (default: --archives)")
    parser.add_argument("--bundled", action="store_true",
                        help="also the bundled 2011 database (the start-up an officer has)")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    print("| archive | open CPU ms, baseline median (best) | this tree | ratio (medians) "
          "| memory added MB, baseline → this |")
    print("|---|---|---|---|---|")
    theirs = args.against_archives or args.archives
    targets = [(f"{size:,}", archive_for(theirs, size), archive_for(args.archives, size))
               for size in args.sizes]
    if args.bundled:
        targets.insert(0, ("2011 (bundled)", args.against / "db" / "jcct.sqlite",
                           REPO / "db" / "jcct.sqlite"))
    for name, their_archive, archive in targets:
        runs: dict[str, list[dict[str, float]]] = {"base": [], "this": []}
        for _ in range(args.runs):
            runs["base"].append(measure_once(args.against, their_archive))
            runs["this"].append(measure_once(REPO, archive))
        cpu = {k: [r["cpu_ms"] for r in v] for k, v in runs.items()}
        mem = {k: statistics.median(r["added_mb"] for r in v) for k, v in runs.items()}
        base, this = statistics.median(cpu["base"]), statistics.median(cpu["this"])
        print(f"| {name} | {base:,.0f} ({min(cpu['base']):,.0f}) "
              f"| {this:,.0f} ({min(cpu['this']):,.0f}) | {this / base:.2f}× "
              f"| {mem['base']:,.0f} → {mem['this']:,.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
