"""What the window's switch interval (``ui/interpreter_turns.py``) buys while a worker runs
Python: the GUI thread's paints of a tree over a Python model, timed with a worker thread
spinning Python beside them, at the interpreter's default 5 ms turns and at the window's.

    python bench/bench_interpreter_turns.py [--paints 30] [--rounds 5]

Prints, per interval, the median milliseconds per paint alone and beside the worker, the
worker's pace meanwhile, and the ratios of the window's interval to the default (measured
alternately in this run).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paints", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from jcct_desktop.ui.interpreter_turns import WINDOW_TURN_S

    class Rows(QAbstractTableModel):  # Qt asks Python once per cell and role
        def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else 200

        def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else 3

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            return f"{index.row()}:{index.column()}" if role == Qt.ItemDataRole.DisplayRole \
                else None

    app = QApplication.instance() or QApplication([])
    view = QTableView()
    view.setModel(Rows())
    view.resize(600, 500)
    view.show()
    app.processEvents()

    def paints() -> float:
        start = time.perf_counter()
        for _ in range(args.paints):
            view.viewport().repaint()
        return (time.perf_counter() - start) * 1000 / args.paints

    spun: list[float] = []  # the worker's steps per millisecond, per run beside the paints

    def beside_worker() -> float:
        stop = threading.Event()

        def spin() -> None:  # pure Python, as a search or a refilter is
            n, steps, start = 0, 0, time.perf_counter()
            while not stop.is_set():
                n = (n * 31 + 7) % 1_000_003
                steps += 1
            spun.append(steps / ((time.perf_counter() - start) * 1000))

        worker = threading.Thread(target=spin)
        worker.start()
        try:
            return paints()
        finally:
            stop.set()
            worker.join()

    default = sys.getswitchinterval()
    results: dict[float, dict[str, list[float]]] = {
        s: {"alone": [], "beside": [], "worker": []} for s in (default, WINDOW_TURN_S)}
    for _ in range(args.rounds):
        for interval in (default, WINDOW_TURN_S):  # alternately, so that load drifts alike
            sys.setswitchinterval(interval)
            results[interval]["alone"].append(paints())
            results[interval]["beside"].append(beside_worker())
            results[interval]["worker"].append(spun[-1])
    sys.setswitchinterval(default)
    medians = {s: {k: statistics.median(v) for k, v in r.items()} for s, r in results.items()}
    for interval, m in medians.items():
        print(f"switch interval {interval * 1000:.1f} ms: a paint {m['alone']:.2f} ms alone, "
              f"{m['beside']:.2f} ms beside a worker running Python (its pace meanwhile: "
              f"{m['worker']:,.0f} steps/ms)")
    ratio = medians[WINDOW_TURN_S]["beside"] / medians[default]["beside"]
    pace = medians[WINDOW_TURN_S]["worker"] / medians[default]["worker"]
    print(f"beside a worker: the window's interval / the default = {ratio:.2f}x a paint, "
          f"{pace:.2f}x the worker's pace")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
