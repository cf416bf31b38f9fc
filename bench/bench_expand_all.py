"""View → Expand all and Collapse all at archive scale (issue 25), against another checkout.

    python bench/bench_expand_all.py [ARCHIVE ...] [--against DIR] [--rounds N]

In a fresh process per checkout, archive and round: the main window (1400×880, offscreen,
the search warmed up, the collector frozen after as ``ui.app`` does), then for the whole
tree and after the searches "smart grid" and "re": Expand all (the first time: its rows are
made), the paint after it, Collapse all, Expand all again (rows made already) and Collapse
all again. CPU milliseconds of the window's thread (``time.thread_time``: the machine is
shared) with wall beside, medians over the rounds. ``--against DIR`` (e.g. ``git worktree
add /tmp/base <commit>``) measures that checkout too, alternately with this one, prints the
ratios and whether the window looked the same: a hash of ``QWidget.grab()`` of the window
after each first Expand all (at the top, and scrolled to the end of the tree).
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
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
QUERIES = ("", "smart grid", "re")


def measure(archive: Path, code: Path, grabs: Path | None = None) -> dict[str, Any]:
    """In this process, over the checkout ``code``: per step, [CPU ms, wall ms]; per view
    grabbed, a hash of its pixels (and the picture, into ``grabs`` when given)."""
    sys.path.insert(0, str(code))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import gc

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    import jcct_desktop
    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.ui.app import configure
    from jcct_desktop.ui.main_window import MainWindow

    if Path(jcct_desktop.__file__).resolve().parent.parent != code:
        raise SystemExit(f"jcct_desktop came from {jcct_desktop.__file__}, not {code}")
    app = QApplication.instance() or QApplication([])
    configure(app)  # type: ignore[arg-type]
    reference = open_reference(archive)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(reference.catalog, reference.search, settings=settings)
    warmed: list[bool] = []
    window.searcher.warmed.connect(lambda: warmed.append(True))
    window.resize(1400, 880)
    window.show()
    while not warmed:
        app.processEvents()
        time.sleep(0.001)
    gc.collect()
    gc.freeze()  # as ui.app does once the window is built

    def settle() -> None:
        while window.filter_pending():
            app.processEvents()
            time.sleep(0.001)
        app.processEvents()

    def timed(work: Any) -> list[float]:
        wall, cpu = time.perf_counter(), time.thread_time()
        work()
        return [(time.thread_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000]

    def grabbed(view: str) -> str:
        settle()
        until = time.monotonic() + 0.5  # the search field's clear button fades in (160 ms)
        while time.monotonic() < until:
            app.processEvents()
            time.sleep(0.01)
        image = window.grab().toImage()
        if grabs is not None:
            image.save(str(grabs / f"{view.replace(' ', '-')}.png"))
        return hashlib.sha256(bytes(image.constBits())).hexdigest()[:16]

    tree = window.tree
    steps: dict[str, list[float]] = {}
    looks: dict[str, str] = {}
    for query in QUERIES:
        window.set_search_text(query)
        settle()
        name = query or "everything"
        steps[f"{name}: Expand all"] = timed(tree.expandAll)
        steps[f"{name}: its paint"] = timed(app.processEvents)
        looks[f"{name} top"] = grabbed(f"{name} top")
        tree.scrollToBottom()
        app.processEvents()
        looks[f"{name} end"] = grabbed(f"{name} end")
        steps[f"{name}: Collapse all"] = timed(tree.collapseAll)
        app.processEvents()
        steps[f"{name}: Expand all again"] = timed(tree.expandAll)
        app.processEvents()
        steps[f"{name}: Collapse all again"] = timed(tree.collapseAll)
        app.processEvents()
        looks[f"{name} collapsed"] = grabbed(f"{name} collapsed")
    steps["rows shown after"] = [float(tree.tree_model().root.count)] * 2
    window.close()
    return {"steps": steps, "looks": looks}


def _child(code: Path, archive: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, str(archive), "--code", str(code),
                           "--json"], check=True, capture_output=True, text=True, cwd=code)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archives", type=Path, nargs="*",
                        default=[REPO / "bench" / "archive-10k.sqlite",
                                 REPO / "bench" / "archive-100k.sqlite"])
    parser.add_argument("--against", type=Path, help="another checkout, measured alongside")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--code", type=Path, default=REPO, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # the child
    parser.add_argument("--grabs", type=Path, help=argparse.SUPPRESS)  # the child's pictures
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure(args.archives[0].resolve(), args.code.resolve(), args.grabs)))
        return 0
    for archive in args.archives:
        now: dict[str, list[list[float]]] = defaultdict(list)
        was: dict[str, list[list[float]]] = defaultdict(list)
        differ: set[str] = set()
        for _ in range(args.rounds):  # alternately: the load changes as the run goes
            if args.against is not None:
                theirs = _child(args.against.resolve(), archive.resolve())
                for step, value in theirs["steps"].items():
                    was[step].append(value)
            ours = _child(REPO, archive.resolve())
            for step, value in ours["steps"].items():
                now[step].append(value)
            if args.against is not None:
                differ |= {view for view, h in ours["looks"].items()
                           if theirs["looks"].get(view) != h}
        print(f"{archive.name}: CPU ms of the window's thread (wall), medians of "
              f"{args.rounds}")
        for step, values in now.items():
            cpu = statistics.median(v[0] for v in values)
            wall = statistics.median(v[1] for v in values)
            line = f"  {step:<34} {cpu:8.1f} ({wall:8.1f})"
            if was.get(step):
                b_cpu = statistics.median(v[0] for v in was[step])
                b_wall = statistics.median(v[1] for v in was[step])
                line += (f"   against {b_cpu:8.1f} ({b_wall:8.1f})"
                         f"   ratio {cpu / b_cpu if b_cpu else 1:.2f}")
            print(line)
        if args.against is not None:
            print("  window grabs: " + ("identical" if not differ
                                        else "DIFFER: " + ", ".join(sorted(differ))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
