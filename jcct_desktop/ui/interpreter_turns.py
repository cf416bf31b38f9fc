"""How often the window gets the interpreter lock back from a worker running Python.

Qt calls the window's Python (a model's ``data()``, a paint, an event filter, a slot) from
C++, taking the lock for each call and giving it back after. While a worker runs Python (a
search, a refilter, a warm-up, a packet), each such call waits for the worker's turn to end:
the interpreter's switch interval, 5 ms by default. A key press or a paint makes dozens of
these calls, so at 100,000 commitments typing stalled the window 40-95 ms while the worker
searched, and 74-174 ms while the warm-up read the search's rows beside it; with 0.2 ms
turns, 36-64 ms (``bench/bench_interpreter_turns.py`` measures a paint beside a worker).
A worker loses little: a switch costs microseconds, and only happens when another thread
waits for the lock; a window idle in its event loop waits for nothing.
"""

from __future__ import annotations

import sys

WINDOW_TURN_S = 0.0002  # the longest a waiting thread waits for the lock


def give_window_its_turns() -> None:
    """Shorten the switch interval to ``WINDOW_TURN_S`` (never lengthen one set shorter)."""
    if sys.getswitchinterval() > WINDOW_TURN_S:
        sys.setswitchinterval(WINDOW_TURN_S)
