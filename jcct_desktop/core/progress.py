"""What long work (an import, a restore, reading a fact sheet) is told while it runs.

The work calls ``step(done, total)`` as it goes; whoever started it (the window's progress
dialog, ``ui.long_work``) answers by raising :class:`Cancelled` when the officer pressed
Cancel. Work that writes runs in one transaction, so a cancel rolls it back whole.
"""

from __future__ import annotations

from collections.abc import Callable

Step = Callable[[int, int], None]  # (done, total); may raise Cancelled


class Cancelled(Exception):
    """The officer cancelled; nothing the work was doing was kept."""


def no_progress(_done: int, _total: int) -> None:
    """The step of work nobody watches (the command line)."""
