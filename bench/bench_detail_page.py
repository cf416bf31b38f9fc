"""The detail pane's search page per typed key at archive scale (issue 25): the worker's part
(the page's HTML and its ``QTextDocument``) and the GUI thread's (the swap into the pane and
the layout Qt then does of the whole page, in steps on 0 ms timers), in CPU milliseconds of
the thread doing it, for each limit on the facts listed, alternately in the same run.

    python bench/bench_detail_page.py ARCHIVE.sqlite [--rounds N] [--limits 200,50]

Each prefix of ``bench_table.WORDS`` is searched once by the real window (its page's inputs
kept); then per round, per limit, per prefix: ``worker`` = ``overview.filtered_page`` plus
the document's ``setHtml`` (as ``prepared_page`` does on the search thread), ``swap`` =
``DetailPane.show_prepared`` (the browser relays the document out at its width and lays out
the part in view), ``layout`` = 50 ms of the event loop (the rest is laid out in steps on
Qt's timers; the polling's own CPU is in it too), ``left`` = what ``documentSize()`` still
had to lay out after (about nothing: the layout had finished), ``gui`` = swap + layout.
CPU time (``time.thread_time``) is what a loaded machine disturbs least. Prints the median per limit
and the ratios against the first limit (the baseline).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

import jcct_desktop.ui.detail.prepared_page as prepared_page
from bench.bench_table import WORDS
from bench.typed_keys import refilter_typed
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui.app import configure
from jcct_desktop.ui.detail import overview
from jcct_desktop.ui.main_window import MainWindow

PARTS = ("worker", "swap", "layout", "left", "gui")


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--limits", default="200,50")
    args = parser.parse_args()
    limits = [int(n) for n in args.limits.split(",")]
    app = QApplication.instance() or QApplication([])
    configure(app)  # type: ignore[arg-type]
    reference = open_reference(args.archive)
    folder = tempfile.mkdtemp(prefix="jcct-bench-")
    settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(reference.catalog, reference.search, settings=settings)
    warmed: list[bool] = []
    window.searcher.warmed.connect(lambda: warmed.append(True))
    window.resize(1400, 880)  # as bench_table
    window.show()
    while not warmed:  # the warm-up's threads idle before anything is measured
        app.processEvents()
        time.sleep(0.001)

    inputs: dict[str, tuple[Any, ...]] = {}  # prefix → filtered_page's arguments
    made = prepared_page.filtered_page

    def kept(*page_args: Any) -> str | None:
        inputs[window.filters.search.text()] = page_args
        return made(*page_args)

    prepared_page.filtered_page = kept  # type: ignore[assignment]
    for word in WORDS:
        for i in range(1, len(word) + 1):
            refilter_typed(app, window, word[:i])
            app.processEvents()
    prepared_page.filtered_page = made
    font, margin = window.detail.page_font()
    browser = window.detail.browser
    listed = overview.FACTS_LISTED
    cpu: dict[int, dict[str, list[float]]] = {n: defaultdict(list) for n in limits}
    for _ in range(args.rounds):
        for limit in limits:  # alternately, so a burst of load hits both alike
            overview.FACTS_LISTED = limit
            for page_args in inputs.values():
                start = time.thread_time()
                html = overview.filtered_page(*page_args)
                if html is None:
                    continue
                document = QTextDocument()
                document.setDefaultFont(font)
                document.setDocumentMargin(margin)
                document.setHtml(html)
                swap = time.thread_time()
                window.detail.show_prepared(document)
                laid = time.thread_time()
                until = time.perf_counter() + 0.05  # the layout's timers, a step each
                while time.perf_counter() < until:
                    app.processEvents()
                    time.sleep(0.002)
                end = time.thread_time()
                browser.document().documentLayout().documentSize()  # finished? (else: left)
                left = time.thread_time()
                cpu[limit]["left"].append((left - end) * 1000)
                for part, ms in (("worker", swap - start), ("swap", laid - swap),
                                 ("layout", end - laid), ("gui", end - swap)):
                    cpu[limit][part].append(ms * 1000)
    overview.FACTS_LISTED = listed
    base = limits[0]
    print(f"{len(inputs)} keys' pages, {args.rounds} rounds; CPU ms per key (median / p95), "
          f"ratio to {base} facts listed")
    for limit in limits:
        cells = []
        for part in PARTS:
            median = statistics.median(cpu[limit][part])
            ratio = median / statistics.median(cpu[base][part])
            cells.append(f"{part} {median:5.2f} / {_p95(cpu[limit][part]):5.2f} (x{ratio:.2f})")
        print(f"{limit:>4} facts: " + "  ".join(cells))
    window.close()


if __name__ == "__main__":
    main()
