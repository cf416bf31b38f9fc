"""How often the window gets the interpreter lock back from a worker running Python.

Qt calls the window's Python (a model's ``data()``, a paint, a slot) from C++, taking the
lock for each call and giving it back after. While a worker runs Python (a search, a
refilter, a warm-up, a packet), each such call waits for the worker's turn to end: the
interpreter's switch interval, 5 ms by default. A paint makes dozens of these calls, so at
100,000 commitments typing stalled the window 40-95 ms while the worker searched; with
1 ms turns, 16-39 ms (``bench/bench_interpreter_turns.py`` measures the ratio). A worker
loses little: a switch costs microseconds, and only happens when another thread waits.
"""

from __future__ import annotations

import sys

WINDOW_TURN_S = 0.001  # the longest a waiting thread waits for the lock


def give_window_its_turns() -> None:
    """Shorten the switch interval to ``WINDOW_TURN_S`` (never lengthen one set shorter)."""
    if sys.getswitchinterval() > WINDOW_TURN_S:
        sys.setswitchinterval(WINDOW_TURN_S)
