"""The archive packet as a whole process, this tree against another checkout, alternated.

    python bench/bench_packet_process.py --base /tmp/base-packet [--size 10000] [--runs 3]
                                         [--archive bench/archive-10k.sqlite]

Each run starts one process per tree, in turn (base first, then this tree, then base...):
it imports the app, opens the archive, assembles the briefing of the first ``--size``
commitments and writes the packet to a file, as ``jcct-desktop export pdf`` does, then exits.
Timed from outside: the wall time and the CPU time of the whole process (what a user waits
for), and inside: the packet's own wall and CPU time and the process's peak memory. Prints
medians and this tree's ratio to the base, and whether the two trees' packets are the same
bytes (``--deterministic`` packets: they must be).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Run with the tree to time first on sys.path; only APIs both trees have.
CHILD = """
import json, resource, sys, time
from datetime import date
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from jcct_desktop.core.briefing import BriefingOptions, Scope, build_briefing
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.pdf import render_packet
from jcct_desktop.store.reference.reader import open_reference
size = int(sys.argv[3])
catalog = open_reference(Path(sys.argv[2])).catalog
ids = frozenset(c.id for c in catalog.commitments[:size])
options = BriefingOptions(scope=Scope.FILTER, ids=ids, as_of=date(2012, 3, 1),
                          deterministic=True, scope_label=f"first {size} commitments")
start, cpu = time.perf_counter(), time.process_time()
pages = render_packet(build_briefing(catalog, options), sys.argv[4], own_files=OwnFiles(None))
print(json.dumps({"packet_s": time.perf_counter() - start,
                  "packet_cpu_s": time.process_time() - cpu, "pages": pages,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_once(tree: Path, archive: Path, size: int, out: Path) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, str(tree), str(archive), str(size),
                           str(out)], capture_output=True, text=True, check=True, cwd=tree)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    row: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    row["process_s"] = wall
    row["process_cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    row["sha"] = int(hashlib.sha256(out.read_bytes()).hexdigest()[:15], 16)
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", type=Path, required=True, help="a checkout of the base commit")
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--archive", type=Path, default=REPO / "bench" / "archive-10k.sqlite")
    args = parser.parse_args()
    trees = {"base": args.base.resolve(), "this": REPO}
    rows: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as folder:
        for n in range(args.runs):
            for name, tree in trees.items():
                row = run_once(tree, args.archive.resolve(), args.size,
                               Path(folder) / f"{name}.pdf")
                rows[name].append(row)
                print(f"run {n + 1} {name}: process {row['process_s']:.1f} s "
                      f"(CPU {row['process_cpu_s']:.1f} s), packet {row['packet_s']:.1f} s "
                      f"(CPU {row['packet_cpu_s']:.1f} s), {row['pages']:.0f} pages, "
                      f"peak {row['peak_mb']:.0f} MB", flush=True)
    print(f"{args.size} commitments, medians of {args.runs} alternated runs:")
    for key in ("process_s", "process_cpu_s", "packet_s", "packet_cpu_s", "peak_mb"):
        base = statistics.median(r[key] for r in rows["base"])
        this = statistics.median(r[key] for r in rows["this"])
        print(f"  {key:>14}: base {base:8.1f}  this {this:8.1f}  ratio {this / base:.2f}x")
    same = {r["sha"] for r in rows["base"]} == {r["sha"] for r in rows["this"]}
    print(f"  the packets are {'the same bytes' if same else 'NOT the same bytes'}")


if __name__ == "__main__":
    main()
