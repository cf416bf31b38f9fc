"""A bounded cache that keeps what is used again and lets one-off entries pass through.

A packet's short texts are of two kinds: a few dozen used on every commitment (labels,
standings, sides) and thousands used once (ids, titles, dates). A cache that stopped
accepting entries once full was full of the one-off ones within the first few thousand
commitments, and every label after that was parsed and broken into lines again.
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Recent(OrderedDict[K, V]):
    """At most ``limit`` entries; the least recently used one goes first."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def get(self, key: K, default: V | None = None) -> V | None:  # type: ignore[override]
        value = super().get(key)
        if value is None:
            return default
        with contextlib.suppress(KeyError):  # dropped meanwhile by another packet's thread
            self.move_to_end(key)
        return value

    def __setitem__(self, key: K, value: V) -> None:
        super().__setitem__(key, value)
        with contextlib.suppress(KeyError):
            self.move_to_end(key)
            while len(self) > self.limit:
                self.popitem(last=False)
