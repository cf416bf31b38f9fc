"""What the GUI thread's event loop does for a typed key after ``MainWindow._apply_refilter``
returns (issue 25): each event delivered, by receiver and event type, with the wall time until
the next event starts (so a receiver's handling, and any painting it triggers), added up per
key.

    python bench/bench_after_apply_events.py ARCHIVE.sqlite [--rounds N] [--top N]

The key is typed as ``bench_key_phases.py`` types it: the phase ``after`` runs from the
swap's end until the search is no longer pending (the rest of that pass of the event loop),
and ``paint`` is the next pass, where the result is painted. An application event filter
sees each event before its receiver does. Names are class, object name and parent class.
Wall time, so run it on a quiet machine or compare shares, not absolute figures.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication

from bench.bench_table import WORDS
from bench.typed_keys import refilter_typed
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui.app import configure
from jcct_desktop.ui.main_window import MainWindow

Key = tuple[str, str, str]  # phase, receiver, event type


class EventClock(QObject):
    """Times each event from its delivery to the next one's (while ``phase`` is set)."""

    def __init__(self) -> None:
        super().__init__()
        self.phase: str | None = None
        self.totals: dict[Key, float] = defaultdict(float)
        self._last: Key | None = None
        self._since = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.phase is not None:
            self.close()
            parent = watched.parent()
            name = (f"{type(watched).__name__} {watched.objectName()}"
                    f"<{type(parent).__name__ if parent is not None else ''}")
            self._last, self._since = (self.phase, name, event.type().name), time.perf_counter()
        return False

    def start(self, phase: str) -> None:
        self.close()
        self.phase = phase

    def close(self) -> None:
        """The last event's time runs until now."""
        if self._last is not None:
            self.totals[self._last] += (time.perf_counter() - self._since) * 1000
            self._last = None

    def stop(self) -> None:
        self.close()
        self.phase = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    configure(app)  # type: ignore[arg-type]
    reference = open_reference(args.archive)
    folder = tempfile.mkdtemp(prefix="jcct-bench-")
    settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
    clock = EventClock()
    apply = MainWindow._apply_refilter

    def timed_apply(self: MainWindow, *a: object, **k: object) -> None:
        apply(self, *a, **k)  # type: ignore[arg-type]
        clock.start("after")

    MainWindow._apply_refilter = timed_apply  # type: ignore[method-assign]
    window = MainWindow(reference.catalog, reference.search, settings=settings)
    warmed: list[bool] = []
    window.searcher.warmed.connect(lambda: warmed.append(True))
    window.resize(1400, 880)  # as bench_table
    window.show()
    while not warmed:
        app.processEvents()
        time.sleep(0.001)
    app.installEventFilter(clock)
    keys = 0
    for _ in range(args.rounds):
        for word in WORDS:
            for i in range(1, len(word) + 1):
                refilter_typed(app, window, word[:i])
                clock.start("paint")  # ends "after" (none if the search was superseded)
                app.processEvents()
                clock.stop()
                keys += 1
            window.set_search_text("")
            app.processEvents()
    app.removeEventFilter(clock)
    print(f"{keys} keys; wall ms per key by phase, receiver and event, the top {args.top}")
    for name in ("after", "paint"):
        whole = sum(ms for (phase, _, _), ms in clock.totals.items() if phase == name)
        print(f"{whole / keys:7.2f}  {name}, all events")
    ranked = sorted(clock.totals.items(), key=lambda item: -item[1])
    for (phase, receiver, kind), ms in ranked[:args.top]:
        print(f"{ms / keys:7.2f}  {phase:<6} {kind:<16} {receiver}")
    window.close()


if __name__ == "__main__":
    main()
