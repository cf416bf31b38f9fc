"""One table for the archive-scale figures (issue 25), each archive measured in a fresh process.

    python bench/bench_table.py [--sizes 10000 100000] [--write]

Per archive (built by ``make_archive.py`` into bench/ if missing, 100 commitments a meeting):
opening the data, building and showing the window, search median / p95 (the first page of
hits for the queries of ``bench_search.py``), the search thread's warm-up, which starts
after 1.5 s without typing once the window has painted (what the first typed search would
otherwise make; its own duration, waited for before the figures that follow; from
``PREPARE_AT_FIRST_PAINT_FROM`` commitments its catalog part already ran at the first paint,
beside the figures of nothing measured here), the filter per keystroke median / p95 / max
(each prefix of the words as typed: from the search handed to the worker to the tree and
timeline showing its result, typing delay excluded), the GUI thread's longest stall while
typing (an event-loop heartbeat), and the process's peak memory. As the app does, the
collector is told to leave the long-lived objects alone once the window is built.
Under it, the issue's two other figures: the 2011 start-up from spawn to first paint against a
bare QMainWindow and against the SQLAlchemy floor (``bench_ui.startup_medians``, the three
alternated), and the 10,000-commitment packet as a whole process (``bench_packet_process``:
open, assemble, write the PDF; wall, CPU, pages, peak memory). ``--startup-runs 0`` or
``--packet 0`` leaves one out.
``--write`` replaces the generated block of docs/benchmarks.md, so that page is regenerated,
never written by hand.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PAGE = REPO / "docs" / "benchmarks.md"
BEGIN = "<!-- bench_table.py: generated from here -->"
END = "<!-- bench_table.py: generated to here -->"
WORDS = ("software", "regulation", "smart grid", "SFDA")


def archive_for(size: int) -> Path:
    path = REPO / "bench" / f"archive-{size // 1000}k.sqlite"
    if not path.is_file():
        from bench.make_archive import make_archive

        make_archive(path, meetings=max(1, size // 100), per_meeting=min(size, 100))
    return path


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[int(0.95 * (len(ordered) - 1))]


def measure(path: Path) -> dict[str, float]:
    """In this process: the figures for one archive (run by ``main`` in a child process)."""
    import resource
    import tempfile

    os.environ["JCCT_REFERENCE_DB"] = str(path)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from bench.bench_search import QUERIES
    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.ui.app import configure
    from jcct_desktop.ui.main_window import MainWindow

    existing = QApplication.instance()
    app = existing or QApplication([])
    if existing is None:  # our own process, styled as the app; never restyle a caller's app
        configure(app)  # type: ignore[arg-type]
    # as the app starts (cli.main, ui.app.run_app): the cyclic collector paused until the
    # window is built, then what was made frozen out of its scans
    collecting = gc.isenabled()
    gc.disable()
    t0 = time.perf_counter()
    reference = open_reference()
    t1 = time.perf_counter()
    folder = tempfile.mkdtemp(prefix="jcct-bench-")
    settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(reference.catalog, reference.search, settings=settings)
    # the search thread's warm-up, started after a quiet spell once the window has painted:
    # timed from its start to its end
    warmed: list[float] = []
    window.searcher.warmed.connect(lambda: warmed.append(time.perf_counter()))
    window._warm_timer.timeout.connect(lambda: warmed.insert(0, time.perf_counter()))
    window.resize(1400, 880)
    window.show()
    app.processEvents()
    t2 = time.perf_counter()
    if existing is None:  # our own process: never freeze a caller's heap
        gc.freeze()
    if collecting:
        gc.enable()
    while len(warmed) < 2:  # measured apart, so that it disturbs none of the figures below
        app.processEvents()
        time.sleep(0.001)
    searches: list[float] = []
    for _ in range(5):
        for query in QUERIES:
            start = time.perf_counter()
            reference.search.search(query)
            searches.append((time.perf_counter() - start) * 1000)
    keys: list[float] = []
    for word in WORDS:
        for i in range(1, len(word) + 1):
            window.filters.search.blockSignals(True)  # no typing delay: to the worker now
            window.filters.search.setText(word[:i])
            window.filters.search.blockSignals(False)
            start = time.perf_counter()
            window.refilter_in_background()
            while window.filter_pending():
                app.processEvents()
                time.sleep(0.001)
            app.processEvents()  # the result's paint
            keys.append((time.perf_counter() - start) * 1000)
        window.set_search_text("")
        app.processEvents()
    stall = _longest_stall_typing(app, window)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    window.close()
    return {"commitments": len(reference.catalog.commitments),
            "open_ms": (t1 - t0) * 1000, "window_ms": (t2 - t1) * 1000,
            "warm_ms": (warmed[1] - warmed[0]) * 1000,
            "search_median": statistics.median(searches), "search_p95": _p95(searches),
            "key_median": statistics.median(keys), "key_p95": _p95(keys), "key_max": max(keys),
            "stall_ms": stall, "peak_mb": peak_kb / 1024}


def _longest_stall_typing(app: Any, window: Any) -> float:
    """The GUI thread's longest stall while the words are typed at 8 keys a second (the
    typing delay as shipped): the widest gap between beats of a 10 ms timer."""
    from PySide6.QtCore import QEventLoop, QTimer

    last, widest = [time.perf_counter()], [0.0]

    def beat() -> None:
        now = time.perf_counter()
        widest[0] = max(widest[0], now - last[0])
        last[0] = now

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    heart = QTimer()
    heart.setInterval(10)
    heart.timeout.connect(beat)
    heart.start()
    for word in WORDS:
        for i in range(1, len(word) + 1):
            window.filters.search.setText(word[:i])
            spin(125)
        spin(400)  # the typing delay passes; the refilter runs
        window.filters.search.setText("")
        spin(400)
    heart.stop()
    return widest[0] * 1000


def table(rows: list[dict[str, float]], day: str, startup: dict[str, float] | None = None,
          packet: dict[str, float] | None = None) -> str:
    lines = [f"Archive scale, measured {day} (`bench/bench_table.py`; whole milliseconds):", "",
             "| archive | open data | build + show window | search median / p95 "
             "| filter per keystroke median / p95 / max | longest stall typing | peak memory "
             "| search warm-up (after 1.5 s idle) |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r['commitments']:,.0f} | {r['open_ms']:,.0f} ms | {r['window_ms']:,.0f} ms "
            f"| {r['search_median']:,.0f} / {r['search_p95']:,.0f} ms "
            f"| {r['key_median']:,.0f} / {r['key_p95']:,.0f} / {r['key_max']:,.0f} ms "
            f"| {r['stall_ms']:,.0f} ms | {r['peak_mb']:,.0f} MB | {r['warm_ms']:,.0f} ms |")
    if startup is not None or packet is not None:
        lines += ["", "| also measured | figure | aim |", "|---|---|---|"]
    if startup is not None:
        bare, floor, app = startup["bare"], startup["floor"], startup["app"]
        lines.append(
            f"| the 2011 start-up, spawn → first paint (medians of {startup['runs']:.0f} "
            f"alternated runs) | JCCT Desktop {app:,.0f} ms: {app / floor:.2f}× the floor "
            f"(a bare QMainWindow importing `sqlalchemy.orm`, {floor:,.0f} ms), "
            f"{app / bare:.2f}× a bare QMainWindow ({bare:,.0f} ms) | where it was or better |")
    if packet is not None:
        lines.append(
            f"| the {packet['size']:,.0f}-commitment packet, whole process (open, assemble, "
            f"write) | {packet['process_s']:.1f} s wall, {packet['process_cpu_s']:.1f} s CPU, "
            f"{packet['pages']:,.0f} pages, peak {packet['peak_mb']:,.0f} MB "
            "| under 30 s, memory linear |")
    return "\n".join(lines)


def measure_packet(size: int, archive: Path | None = None) -> dict[str, float]:
    """The packet of the first ``size`` commitments of ``archive`` (else the archive of that
    size), written by a process of its own (``bench_packet_process.run_once``)."""
    import tempfile

    from bench.bench_packet_process import run_once

    with tempfile.TemporaryDirectory(prefix="jcct-bench-packet-") as folder:
        row = run_once(REPO, archive or archive_for(size), size, Path(folder) / "packet.pdf")
    row["size"] = size
    return row


def write_page(block: str) -> None:
    from jcct_desktop.core.files import atomic_write
    from jcct_desktop.core.own_files import OwnFiles

    text = PAGE.read_text(encoding="utf-8")
    head, found, rest = text.partition(BEGIN)
    if found:
        tail = rest.partition(END)[2]
    else:  # the first run: the block goes after the page's "Last results" heading
        head, tail = text + "\n", "\n"
    new = f"{head}{BEGIN}\n{block}\n{END}{tail}"
    # a page of the source tree: no data folder of the app's is involved
    atomic_write(PAGE, lambda fh: fh.write(new.encode("utf-8")), private=False,
                 own_files=OwnFiles(None))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--write", action="store_true", help="regenerate docs/benchmarks.md")
    parser.add_argument("--startup-runs", type=int, default=7,
                        help="runs of the 2011 start-up against the bare window (0: skip)")
    parser.add_argument("--packet", type=int, default=10_000,
                        help="commitments in the packet timed as a process (0: skip)")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child's part
    args = parser.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(args.measure)))
        return 0
    rows = []
    for size in args.sizes:
        path = archive_for(size)
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        out = subprocess.run([sys.executable, __file__, "--measure", str(path)], env=env,
                             capture_output=True, text=True, check=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
    startup = None
    if args.startup_runs > 0:
        from bench.bench_ui import startup_medians

        startup = {**startup_medians(args.startup_runs), "runs": float(args.startup_runs)}
    packet = measure_packet(args.packet) if args.packet > 0 else None
    from jcct_desktop.core import dates

    block = table(rows, dates.today().isoformat(), startup, packet)
    print(block)
    if args.write:
        write_page(block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
