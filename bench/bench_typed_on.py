"""The typed search per prefix, this tree against another checkout, alternately (issue 25).

    python bench/bench_typed_on.py ARCHIVE.sqlite --before DIR [--runs N]

Each run is a fresh process per tree (this one and ``--before``, alternated): the archive
opened, the search warmed as the window's worker warms it (``FilterContext.prepare``), then
each prefix of ``bench_table.WORDS`` typed in turn through ``matching_mask`` (the search
phase of a key), timed in CPU (``thread_time``) and wall milliseconds. Also the warm-up's
CPU. Prints per prefix the median CPU of each tree and their ratio, then the median / p95 /
max over the keys, and the warm-ups.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
WORDS = ("software", "regulation", "smart grid", "SFDA")  # bench_table.WORDS

CHILD = r"""
import dataclasses, gc, json, sys, time
from pathlib import Path
code = Path(sys.argv[2])
sys.path.insert(0, str(code))
import jcct_desktop
assert Path(jcct_desktop.__file__).resolve().parent.parent == code, jcct_desktop.__file__
from jcct_desktop.core import dates
from jcct_desktop.core.filtering import Filter, FilterContext, matching_mask
from jcct_desktop.store.reference.reader import open_reference
ref = open_reference(Path(sys.argv[1]))
ctx = FilterContext(ref.catalog, ref.search, None)
gc.freeze()
start = time.process_time()
ctx.prepare()
warm = (time.process_time() - start) * 1000
gc.freeze()
keys = []
for word in json.loads(sys.argv[3]):
    for end in range(1, len(word) + 1):
        flt = dataclasses.replace(Filter(), text=word[:end])
        cpu, wall = time.thread_time(), time.perf_counter()
        matching_mask(flt, ctx, dates.today())
        keys.append((word[:end], (time.thread_time() - cpu) * 1000,
                     (time.perf_counter() - wall) * 1000))
print(json.dumps({"warm": warm, "keys": keys}))
"""


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[int(0.95 * (len(ordered) - 1))]


def _run(archive: Path, code: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(archive), str(code),
                          json.dumps(WORDS)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "after": HERE}
    results: dict[str, list[dict]] = {name: [] for name in trees}
    for _ in range(args.runs):
        for name, code in trees.items():
            results[name].append(_run(args.archive.resolve(), code))
    prefixes = [k[0] for k in results["after"][0]["keys"]]
    cpu = {name: [[run["keys"][i][1] for run in runs] for i in range(len(prefixes))]
           for name, runs in results.items()}
    print(f"{'prefix':14} {'before':>8} {'after':>8} {'ratio':>6}   (CPU ms, median of "
          f"{args.runs} runs each)")
    for i, prefix in enumerate(prefixes):
        b, a = statistics.median(cpu["before"][i]), statistics.median(cpu["after"][i])
        print(f"{prefix!r:14} {b:8.1f} {a:8.1f} {a / b if b else float('nan'):6.2f}")
    for unit, at in (("CPU", 1), ("wall", 2)):
        for name, runs in results.items():
            per_run = [[k[at] for k in run["keys"]] for run in runs]
            print(f"{name:6} {unit:4} per key median / p95 / max over runs: " + ", ".join(
                f"{statistics.median(ks):.1f} / {_p95(ks):.1f} / {max(ks):.1f}"
                for ks in per_run))
    for name, runs in results.items():
        print(f"{name:6} warm-up (prepare) CPU ms: "
              + ", ".join(f"{run['warm']:.0f}" for run in runs))


if __name__ == "__main__":
    main()
