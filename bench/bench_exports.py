"""``export json|csv|ics`` as whole processes, this tree against another checkout, alternated.

    python bench/bench_exports.py --base /tmp/base-exports [--runs 3]
                                  [--archive bench/archive-10k.sqlite --as-of 2005-01-01]
                                  [--formats json csv ics]

Each run starts ``python -m jcct_desktop export FORMAT -o FILE`` once per tree, in turn (base
first, then this tree, then base…), over the archive (``JCCT_REFERENCE_DB``) with an empty
notes folder. Measured from outside, as ``/usr/bin/time`` does (``os.wait4``): the wall time,
the CPU time (user + system) and the peak resident memory of the whole process. Prints the
medians and this tree's ratio to the base's, and whether the two trees wrote the same bytes
(the calendar's DTSTAMP, the time it was made, left out).

``--window``: instead, File → Export deadlines to calendar in the real window over the archive
(a process per tree, alternated), a 10 ms heartbeat timer running on the window's thread:
how long the export took and the widest gap between two beats (the longest the window could
not answer; on the base tree the export runs on the window's thread, so it is the export).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FORMATS = ("json", "csv", "ics")


def run_once(tree: Path, archive: Path, fmt: str, as_of: str, out: Path,
             data_dir: Path) -> dict[str, float]:
    env = dict(os.environ, JCCT_REFERENCE_DB=str(archive), PYTHONPATH=str(tree))
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "jcct_desktop", "--data-dir",
                              str(data_dir), "--as-of", as_of, "export", fmt, "-o", str(out)],
                             cwd=tree, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    stderr = child.stderr.read().decode() if child.stderr else ""
    if child.stderr:
        child.stderr.close()
    if status != 0:
        raise SystemExit(f"{tree} export {fmt} failed ({status}): {stderr[-2000:]}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_mb": usage.ru_maxrss / 1024}


# the window's calendar export with a heartbeat; the tree to time first on sys.path
WINDOW_CHILD = """
import json, sys, time
from datetime import date
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui import calendar_action
from jcct_desktop.ui.app import configure, window_settings_file
from jcct_desktop.ui.main_window import MainWindow
configure(app)
ref = open_reference(Path(sys.argv[2]))
w = MainWindow(ref.catalog, ref.search, settings=window_settings_file(sys.argv[4], None),
               as_of=date.fromisoformat(sys.argv[5]))
calendar_action.CalendarFileChooser.ask_save = classmethod(lambda cls, p: Path(sys.argv[3]))
gaps, last = [], [0.0]
def beat():
    now = time.perf_counter()
    gaps.append(now - last[0])
    last[0] = now
timer = QTimer()
timer.timeout.connect(beat)
def go():
    last[0] = start = time.perf_counter()
    timer.start(10)
    calendar_action.export_calendar(w)
    beat()  # the gap up to the return (the whole export when it held the window)
    timer.stop()
    print(json.dumps({"export_s": time.perf_counter() - start, "widest_gap_ms":
                      1000 * max(gaps), "beats": len(gaps)}))
    app.quit()
w.show()
QTimer.singleShot(2000, go)
app.exec()
"""


def run_window(tree: Path, archive: Path, as_of: str, out: Path,
               data_dir: Path) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", JCCT_DATA_DIR=str(data_dir))
    done = subprocess.run([sys.executable, "-c", WINDOW_CHILD, str(tree), str(archive),
                           str(out), str(data_dir), as_of], cwd=tree, env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{tree} window export failed: {done.stderr[-2000:]}")
    row: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return row


def digest(path: Path, fmt: str) -> str:
    """The file's SHA-256 (for a calendar, without its DTSTAMP lines)."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for line in fh:
            if fmt == "ics" and line.startswith(b"DTSTAMP:"):
                continue
            h.update(line)
    return h.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the checkout to compare with")
    parser.add_argument("--archive", type=Path, default=REPO / "bench" / "archive-10k.sqlite")
    parser.add_argument("--as-of", default="2005-01-01",
                        help="the day judged (the calendar holds what is open then)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    parser.add_argument("--window", action="store_true",
                        help="the window's calendar export with a heartbeat instead")
    args = parser.parse_args()
    trees = {"base": args.base.resolve(), "this": REPO}
    args.archive = args.archive.resolve()
    print(f"archive {args.archive.name}, as of {args.as_of}, {args.runs} runs each, "
          f"alternated; load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if args.window:
            return window_runs(trees, args.archive, args.as_of, args.runs, work)
        for fmt in args.formats:
            rows: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
            sums: dict[str, str] = {}
            for _ in range(args.runs):
                for name, tree in trees.items():
                    out = work / f"{name}.{fmt}"
                    rows[name].append(run_once(tree, args.archive, fmt, args.as_of, out,
                                               work / "notes"))
                    sums[name] = digest(out, fmt)
                    size_mb = out.stat().st_size / 1e6
                    out.unlink()
            print(f"\nexport {fmt} ({size_mb:,.0f} MB; same bytes: "
                  f"{sums['base'] == sums['this']})")
            for key in ("wall_s", "cpu_s", "peak_mb"):
                base = statistics.median(r[key] for r in rows["base"])
                this = statistics.median(r[key] for r in rows["this"])
                print(f"  {key:8} base {base:9.2f}  this {this:9.2f}  ratio {this / base:5.2f}")
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    return 0


def window_runs(trees: dict[str, Path], archive: Path, as_of: str, runs: int,
                work: Path) -> int:
    rows: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(runs):
        for name, tree in trees.items():
            out = work / f"{name}.ics"
            rows[name].append(run_window(tree, archive, as_of, out, work / f"notes-{name}"))
            out.unlink(missing_ok=True)
    print("\nFile → Export deadlines to calendar in the window")
    for key in ("export_s", "widest_gap_ms"):
        base = statistics.median(r[key] for r in rows["base"])
        this = statistics.median(r[key] for r in rows["this"])
        print(f"  {key:14} base {base:9.1f}  this {this:9.1f}  ratio {this / base:5.2f}")
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
