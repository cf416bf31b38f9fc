"""The 2011 start-up (spawn to the window's first paint, the app's own ``--smoke-test`` as
``bench_ui.py`` runs it) against another checkout, the two alternated run by run.

    python bench/bench_startup_against.py --against /tmp/before-checkout [--runs 9]

On a shared machine one wall time says little: each run's wall time and the CPU time of its
process (user + system, from ``wait4``) are kept, and the medians and this/baseline ratios
printed. Both trees are byte-compiled first, as an installed app ships them.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
APP = "import sys; from jcct_desktop.cli import main; sys.exit(main(['--smoke-test']))"


def run_once(tree: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall ms to the first-paint line, and the process's CPU ms to its exit."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", APP], cwd=tree,
                            env=dict(env, PYTHONPATH=str(tree)), stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    wall = (time.perf_counter() - start) * 1000
    proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if not line.startswith("first paint"):
        raise RuntimeError(f"{tree}: no first-paint line (exit {proc.returncode})")
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    trees = {"baseline": args.against.resolve(), "this": REPO}
    for tree in trees.values():
        compileall.compile_dir(str(tree / "jcct_desktop"), quiet=1)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("JCCT_REFERENCE_DB", None)
    with tempfile.TemporaryDirectory(prefix="jcct-bench-notes-") as notes:
        env["JCCT_DATA_DIR"] = notes
        for tree in trees.values():  # the warm-up: file cache, and the notes database made
            run_once(tree, env)
        walls: dict[str, list[float]] = {name: [] for name in trees}
        cpus: dict[str, list[float]] = {name: [] for name in trees}
        for _ in range(args.runs):
            for name, tree in trees.items():
                wall, cpu = run_once(tree, env)
                walls[name].append(wall)
                cpus[name].append(cpu)
    wb, wt = (statistics.median(walls[n]) for n in trees)
    cb, ct = (statistics.median(cpus[n]) for n in trees)
    print(f"2011 start-up, {args.runs} runs each, alternated (median; best):")
    print(f"  spawn to first paint, wall  baseline {wb:5.0f} ms ({min(walls['baseline']):.0f})"
          f"  this {wt:5.0f} ms ({min(walls['this']):.0f})  ratio {wt / wb:.2f}x")
    print(f"  process CPU (to exit)       baseline {cb:5.0f} ms ({min(cpus['baseline']):.0f})"
          f"  this {ct:5.0f} ms ({min(cpus['this']):.0f})  ratio {ct / cb:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
