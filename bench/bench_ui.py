"""Window benchmarks: startup to first paint against a bare QMainWindow, and the 10k archive.

    python bench/bench_ui.py [--runs 7] [--archive bench/archive-10k.sqlite] [--skip-startup]
                             [--skip-archive]

Startup: three programs run as subprocesses, alternated, and are timed from spawn until they
print their first-paint line: a bare QMainWindow; the same window after ``import
sqlalchemy.orm``, imported as the app imports it (the floor: SQLAlchemy is the app's data
layer, and the first paint shows standings read through it); and the app. Both ratios are
printed (aim: under 3x the bare window). The package is byte-compiled first, as an installed
app ships it. Archive: in one
offscreen process, time to open the data and show the window, to refilter on each keystroke
(aim: under 50 ms) and to repaint the timeline (aim: under 16 ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEFAULT_ARCHIVE = REPO / "bench" / "archive-10k.sqlite"

# The baseline: the same Qt, a bare QMainWindow, the same "wait for the first paint" signal.
BARE = """
import time; t0 = time.perf_counter()
# PRELOAD
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1400, 880)
class Watch(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: (print(f"first paint: "
                f"{(time.perf_counter() - t0) * 1000:.0f} ms", flush=True), app.exit(0)))
            obj.removeEventFilter(self)
        return False
watch = Watch(); w.installEventFilter(watch); w.show(); app.exec()
"""
# The floor: the bare window plus the one import the app cannot do without (its data layer),
# imported as the app imports it: before Qt, with the cyclic collector paused.
FLOOR = BARE.replace("# PRELOAD", "import gc; gc.disable(); import sqlalchemy.orm; gc.enable()")
APP = "import sys; from jcct_desktop.cli import main; sys.exit(main(['--smoke-test']))"


def _time_to_first_paint(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = (time.perf_counter() - start) * 1000
    proc.wait(timeout=60)
    if not line.startswith("first paint"):
        raise RuntimeError(f"no first-paint line (exit {proc.returncode})")
    return elapsed


def byte_compile() -> None:
    """An installed app (pip, PyInstaller) ships bytecode; a checkout run with
    PYTHONDONTWRITEBYTECODE=1 would compile every module of ours on every start."""
    import compileall

    compileall.compile_dir(str(REPO / "jcct_desktop"), quiet=1)


def bench_startup(runs: int) -> None:
    b, f, a = startup_medians(runs).values()
    print(f"startup to first paint ({runs} runs each, alternated, spawn → paint; "
          "jcct_desktop byte-compiled first, as installed):")
    print(f"  bare QMainWindow                          median {b:5.0f} ms")
    print(f"  bare QMainWindow + import sqlalchemy.orm  median {f:5.0f} ms   {f / b:4.2f}x bare "
          "(the floor: our data layer's import)")
    print(f"  JCCT Desktop                              median {a:5.0f} ms   {a / b:4.2f}x bare "
          f"(aim < 3x), {a / f:4.2f}x the floor")


def startup_medians(runs: int) -> dict[str, float]:
    """Median ms from spawn to first paint of the bare window, the floor and the app (the 2011
    data), in that order, the three run alternately ``runs`` times each."""
    import tempfile

    byte_compile()

    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("JCCT_REFERENCE_DB", None)
    # a notes database of our own (never the user's): the warm-up run creates it, so the
    # timed runs are ordinary starts (integrity check; the start-up copy after the paint)
    notes = tempfile.TemporaryDirectory(prefix="jcct-bench-notes-")
    env["JCCT_DATA_DIR"] = notes.name
    programs = {"bare": BARE, "floor": FLOOR, "app": APP}
    times: dict[str, list[float]] = {name: [] for name in programs}
    for code in programs.values():  # warm the file cache for each
        _time_to_first_paint(code, env)
    for _ in range(runs):
        for name, code in programs.items():
            times[name].append(_time_to_first_paint(code, env))
    notes.cleanup()
    return {name: statistics.median(times[name]) for name in programs}


def _median_ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples):6.1f} ms  max {max(samples):6.1f} ms"


def bench_archive(path: Path) -> None:
    if not path.is_file():
        print(f"archive: {path} not found; run `python bench/make_archive.py -o {path}` first")
        return
    os.environ["JCCT_REFERENCE_DB"] = str(path)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.ui.app import configure
    from jcct_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    configure(app)  # type: ignore[arg-type]
    t0 = time.perf_counter()
    reference = open_reference()
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(reference.catalog, reference.search, settings=settings)
        window.resize(1400, 880)
        window.show()
        app.processEvents()
        t2 = time.perf_counter()
        import gc

        gc.freeze()  # as run_app does once the window is built
        n = len(reference.catalog.commitments)
        print(f"archive ({n} commitments, {path.name}):")
        print(f"  open data {1000 * (t1 - t0):7.0f} ms; build and show window "
              f"{1000 * (t2 - t1):7.0f} ms")
        words = ("software", "regulation", "smart grid", "SFDA")
        keystrokes: list[float] = []
        for word in words:
            for i in range(1, len(word) + 1):
                start = time.perf_counter()
                window.set_search_text(word[:i])  # applies at once: no typing delay
                app.processEvents()  # includes the tree's relayout and repaint
                keystrokes.append((time.perf_counter() - start) * 1000)
            window.set_search_text("")
            app.processEvents()
        print(f"  filter per keystroke   {_median_ms(keystrokes)}  (aim < 50 ms; setText to "
              "tree and timeline updated and painted, typing delay excluded)")
        _bench_typing(app, window, words)
        paints: list[float] = []
        timeline = window.timeline
        for i in range(40):
            timeline.viewport.pan(7 if i % 2 else -7)
            start = time.perf_counter()
            timeline.repaint()
            paints.append((time.perf_counter() - start) * 1000)
        print(f"  timeline repaint       {_median_ms(paints)}  (aim < 16 ms)")
        window.close()


def _bench_typing(app: object, window: object, words: tuple[str, ...]) -> None:
    """End to end as typed: keys set one after another; time from the last key until the
    tree has updated, i.e. the typing delay plus one refilter (never one per key)."""
    from PySide6.QtCore import QEventLoop, QTimer

    from jcct_desktop.ui.filter_bar import SEARCH_DELAY_MS

    ends: list[float] = []
    refilters = 0
    for word in words:
        done = QEventLoop()
        count = [0]

        def seen(count: list[int] = count, loop: QEventLoop = done) -> None:
            count[0] += 1
            loop.quit()

        window.visibleChanged.connect(seen)  # type: ignore[attr-defined]
        for i in range(1, len(word) + 1):
            window.filters.search.setText(word[:i])  # type: ignore[attr-defined]
        last_key = time.perf_counter()
        QTimer.singleShot(5000, done.quit)
        done.exec()
        app.processEvents()  # type: ignore[attr-defined]
        ends.append((time.perf_counter() - last_key) * 1000)
        window.visibleChanged.disconnect(seen)  # type: ignore[attr-defined]
        refilters += count[0]
        window.set_search_text("")  # type: ignore[attr-defined]
        app.processEvents()  # type: ignore[attr-defined]
    print(f"  typed word, last key → tree updated  {_median_ms(ends)}  (typing delay "
          f"{SEARCH_DELAY_MS} ms included; {refilters} refilters for {len(words)} words)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--skip-archive", action="store_true", help="start-up figures only")
    args = parser.parse_args()
    if not args.skip_startup:
        bench_startup(args.runs)
    if not args.skip_archive:
        bench_archive(args.archive)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
