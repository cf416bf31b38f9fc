"""Ctrl+C held back while reportlab reads a font file.

reportlab reads font files under bare ``except:`` clauses: an interrupt raised there is
swallowed (a name table decoded again as Latin-1) or comes out as "corrupt font". The command
line then wrote the whole packet and exited 0 after Ctrl+C (1 run in 10 on a loaded machine),
where it must stop, write nothing and exit 130. A font loads in milliseconds: the interrupt
is held for that long, then raised as if it had just arrived.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Within the block, SIGINT is recorded, not raised; raised as KeyboardInterrupt once the
    block ends. Only the main thread receives signals; elsewhere (a packet built on the
    window's worker) and where SIGINT is not Python's default, nothing changes."""
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield
        return
    arrived: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        arrived.append(signum)

    signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if arrived:
        raise KeyboardInterrupt
