"""An event-loop heartbeat: how long the GUI thread went without turning while a block ran."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer


@contextmanager
def heartbeat() -> Iterator[list[float]]:
    """The gaps between ticks of a 20 ms timer on the GUI thread, while the block runs.

    The app freezes what it made at start out of the collector's scans (ui/app.py); the test
    process's heap holds every earlier test's objects, so it is frozen the same way (and left
    so, as the app leaves its own), or a full collection over them would be measured as the
    window's stall."""
    gaps: list[float] = []
    gc.collect()
    gc.freeze()
    last = [time.perf_counter()]  # after the collection above: not the window's time

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(tick)
    timer.start()
    try:
        yield gaps
    finally:
        timer.stop()
