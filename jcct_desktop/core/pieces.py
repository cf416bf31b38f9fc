"""Bulk set and list work done in pieces, so another thread gets the interpreter lock between.

One C-level call over 100,000 ids (a set filled, a list filtered) holds the interpreter lock
from start to end: tens of milliseconds on a busy machine, all of which the window's thread
waits to paint while the search thread works. Python hands the lock over between bytecodes,
so work cut into pieces of a few thousand items lets the window in between them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import TypeVar

T = TypeVar("T")
SIZE = 4096  # items per piece: well under a millisecond of C-level work


def pieces(items: Iterable[T], size: int = SIZE) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    it = iter(items)
    while piece := list(islice(it, size)):
        yield piece


def update(target: set[T], *sources: Iterable[T]) -> None:
    """``target.update(*sources)``, a piece at a time."""
    for piece in pieces(chain.from_iterable(sources)):  # many small sources: few pieces
        target.update(piece)


def kept(keep: Callable[[T], object], items: Iterable[T]) -> list[T]:
    """``list(filter(keep, items))``, a piece at a time."""
    found: list[T] = []
    for piece in pieces(items):
        found += filter(keep, piece)
    return found
