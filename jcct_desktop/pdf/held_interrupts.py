"""Ctrl+C held back while reportlab reads a font file, and while ``export pdf`` lays out.

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

from jcct_desktop.core.progress import Step


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


class Interrupts:
    """Ctrl+C recorded by ``interrupts_at_checks``, raised where the work asks."""

    def __init__(self) -> None:
        self.arrived = False

    def check(self) -> None:
        """Raise KeyboardInterrupt if Ctrl+C came since the block began."""
        if self.arrived:
            raise KeyboardInterrupt

    def checked(self, step: Step) -> Step:
        """``step``, after a check: the layout's progress calls are where it stops."""
        def checking(placed: int, total: int) -> None:
            self.check()
            step(placed, total)

        return checking


@contextmanager
def interrupts_at_checks() -> Iterator[Interrupts]:
    """Within the block SIGINT is recorded, and raised as KeyboardInterrupt only where the
    block calls ``check()`` (or a step made by ``checked``): never inside reportlab, whose
    bare ``except:`` clauses on the layout's path swallow it (a colour or a paragraph's
    fallback, ``tables.py``'s ``pass``) or turn it into another error (``ValueError``,
    ``KeyError``, ``TTFError``). One left unchecked when the block ends is dropped: the work
    it would have stopped is done. Only the main thread receives signals; elsewhere, and
    where SIGINT is not Python's default, nothing is held and ``check`` never raises."""
    held = Interrupts()
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield held
        return

    def record(signum: int, frame: FrameType | None) -> None:
        held.arrived = True

    signal.signal(signal.SIGINT, record)
    try:
        yield held
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
