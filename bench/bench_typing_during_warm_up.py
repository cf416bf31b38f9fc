"""A search typed while the window's search warms up (issue 25): from the last key to the
result shown, when typing starts 0, 500, 1,000 or 2,000 ms after the window's first paint,
this checkout against another (the base commit, say) run alternately in the same run.

    python bench/bench_typing_during_warm_up.py ARCHIVE.sqlite --base DIR [--rounds N]
        [--starts 0,500,1000,2000] [--word export]

Each measurement is a fresh process (the warm-up happens once per window): it opens the
archive, builds and shows the window as the app does (``gc.freeze()`` after building), waits
for the first paint, waits ``start`` ms, types the word at 8 keys a second with QTest, and
times from the last key to the result swapped in and painted. ``idle`` (no typing) times the
warm-up itself: from its start (``WARM_UP_AFTER_IDLE_MS`` after the first paint) to its
``warmed`` signal. Every typed result is checked against ``bench/straightforward_filter.py``
(the catalog walked, the search in SQL alone).

Printed per start: the median wall milliseconds of each code and their ratio, the CPU
milliseconds of the worker threads over the same interval (the process's but the GUI
thread's, which only polls here), the longest stall of a 10 ms heartbeat on the GUI thread
from the first key until both the result and the warm-up are in (idle: during the warm-up),
and how many results were shown before the warm-up under way had finished.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent
# run as a script: this checkout's bench package (the heartbeat) importable, whichever
# checkout a child measures
sys.path.insert(0, str(HERE))
from bench.heartbeat import Heartbeat  # noqa: E402

KEY_GAP_MS = 125  # 8 keys a second (tests/archive_support.py)


def _wait(app: Any, until: Any, timeout_s: float = 120.0) -> None:
    end = time.perf_counter() + timeout_s
    while not until():
        if time.perf_counter() > end:
            raise TimeoutError("waited too long")
        app.processEvents()
        time.sleep(0.001)


def _spin(app: Any, ms: float) -> None:
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def _workers_cpu() -> float:
    """CPU seconds of every thread but this one (the GUI thread, which only polls here):
    the search thread's and the warm-up's."""
    return time.process_time() - time.thread_time()


def child(archive: Path, code: Path, start: str, word: str) -> dict[str, Any]:
    """One measurement in this process (run from the parent with ``--child``)."""
    sys.path.insert(0, str(code))
    import gc
    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import jcct_desktop

    if Path(jcct_desktop.__file__).parent.parent != code:
        sys.exit(f"jcct_desktop came from {jcct_desktop.__file__}, not {code}")
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from bench.straightforward_filter import straightforward
    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.store.reference.search import ReferenceSearch
    from jcct_desktop.ui.app import configure
    from jcct_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    configure(app)  # type: ignore[arg-type]
    gc.disable()  # as cli.main while the window is built
    reference = open_reference(archive)
    folder = tempfile.mkdtemp(prefix="jcct-bench-")
    settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(reference.catalog, reference.search, settings=settings)
    events: dict[str, list[tuple[float, float]]] = {"warmed": [], "warm_start": []}

    def mark(name: str) -> None:
        events[name].append((time.perf_counter(), _workers_cpu()))

    window.searcher.warmed.connect(lambda: mark("warmed"))
    window._warm_timer.timeout.connect(lambda: mark("warm_start"))
    painted: list[float] = []
    window.firstPainted.connect(lambda: painted.append(time.perf_counter()))
    window.resize(1400, 880)
    gc.freeze()  # as ui.app once the window is built
    gc.enable()
    window.show()
    _wait(app, lambda: bool(painted))
    heart = Heartbeat()
    result: dict[str, Any] = {"start": start}
    if start == "idle":
        _wait(app, lambda: bool(events["warm_start"]))
        heart.start()
        _wait(app, lambda: len(events["warmed"]) >= 1)
        (w0, c0), (w1, c1) = events["warm_start"][0], events["warmed"][-1]
        result.update(wall_ms=(w1 - w0) * 1000, cpu_ms=(c1 - c0) * 1000,
                      stall_ms=heart.stop())
    else:
        _spin(app, float(start) - (time.perf_counter() - painted[0]) * 1000)
        search = window.filters.search
        search.setFocus()
        heart.start()
        for k, key in enumerate(word):
            if k:
                _spin(app, KEY_GAP_MS)
            QTest.keyClicks(search, key)
        last, last_cpu = time.perf_counter(), _workers_cpu()
        _wait(app, lambda: not window.filter_pending())
        app.processEvents()  # the result's paint
        shown, shown_cpu = time.perf_counter(), _workers_cpu()
        # the full warm-up: the one the idle timer starts, under way or to come
        _wait(app, lambda: bool(events["warm_start"])
              and events["warmed"] and events["warmed"][-1][0] > events["warm_start"][0][0])
        warmed_at = events["warmed"][-1][0]
        result.update(stall_ms=heart.stop())
        began_at = events["warm_start"][0][0]
        assert isinstance(reference.search, ReferenceSearch)
        expected, _facts = straightforward(reference.catalog,
                                           ReferenceSearch(reference.search._engine),
                                           None, word)
        same = window.visible_commitment_ids() == [
            c.id for c in reference.catalog.commitments if c.id in expected]
        result.update(wall_ms=(shown - last) * 1000, cpu_ms=(shown_cpu - last_cpu) * 1000,
                      during_warm_up=began_at < shown < warmed_at, same=same,
                      shown=len(window.visible_commitment_ids()))
    window.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--base", type=Path, required=True, help="the other checkout")
    parser.add_argument("--code", type=Path, default=HERE, help="this checkout")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--starts", default="0,500,1000,2000,idle")
    parser.add_argument("--word", default="export")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--start", default="0", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.archive.resolve(), args.code.resolve(), args.start,
                               args.word)))
        return
    codes = {"base": args.base.resolve(), "this": args.code.resolve()}
    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    starts = args.starts.split(",")
    for round_ in range(args.rounds):
        for start in starts:
            order = ("base", "this") if round_ % 2 == 0 else ("this", "base")
            for name in order:
                done = subprocess.run(
                    [sys.executable, str(Path(__file__).resolve()), str(args.archive.resolve()),
                     "--base", str(codes["base"]), "--code", str(codes[name]), "--child",
                     "--start", start, "--word", args.word],
                    capture_output=True, text=True, check=False, cwd=codes[name])
                if done.returncode != 0:
                    sys.exit(f"{name} at {start}: exit {done.returncode}\n"
                             f"{done.stderr[-3000:]}")
                line = json.loads(done.stdout.strip().splitlines()[-1])
                found.setdefault((name, start), []).append(line)
                print(f"round {round_ + 1} {name:>4} start {start:>5}: "
                      f"{line['wall_ms']:7.0f} ms wall, {line['cpu_ms']:6.0f} ms CPU, "
                      f"stall {line['stall_ms']:4.0f} ms, load {os.getloadavg()[0]:.1f}"
                      + (f", during warm-up {line['during_warm_up']}, same {line['same']}"
                         if "same" in line else ""), flush=True)
    print(f"\n{args.archive.name}, word {args.word!r}, {args.rounds} rounds, medians "
          f"(last key to result shown; idle: the warm-up from its start to warmed)")
    print(f"{'start ms':>9} {'base wall':>10} {'this wall':>10} {'ratio':>6} "
          f"{'base CPU':>9} {'this CPU':>9} {'base stall':>11} {'this stall':>11} "
          f"{'shown during warm-up base/this':>31}")
    for start in starts:
        base, this = found[("base", start)], found[("this", start)]
        bw = statistics.median(x["wall_ms"] for x in base)
        tw = statistics.median(x["wall_ms"] for x in this)
        bc = statistics.median(x["cpu_ms"] for x in base)
        tc = statistics.median(x["cpu_ms"] for x in this)
        during = "" if start == "idle" else (
            f"{sum(x['during_warm_up'] for x in base)}/{len(base)} · "
            f"{sum(x['during_warm_up'] for x in this)}/{len(this)}")
        bs = statistics.median(x["stall_ms"] for x in base)
        ts = statistics.median(x["stall_ms"] for x in this)
        print(f"{start:>9} {bw:10.0f} {tw:10.0f} {tw / bw:6.2f} {bc:9.0f} {tc:9.0f} "
              f"{bs:11.0f} {ts:11.0f} {during:>31}")
        if start != "idle" and not all(x["same"] for x in base + this):
            print("  !! a typed result differed from the straightforward filter's")


if __name__ == "__main__":
    main()
