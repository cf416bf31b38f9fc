"""A 10 ms timer on the GUI thread; ``widest`` is the longest gap between its beats: how long
the window could not answer. Shared by the archive-scale tests and the benches."""

from __future__ import annotations

import time


class Heartbeat:
    def __init__(self) -> None:
        from PySide6.QtCore import QTimer  # a bench's parent process never starts Qt

        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._beat)
        self.widest = 0.0
        self.beats = 0
        self._last = 0.0

    def _beat(self) -> None:
        now = time.perf_counter()
        self.widest = max(self.widest, now - self._last)
        self._last = now
        self.beats += 1

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        self._beat()
        self.timer.stop()
        return self.widest * 1000
