"""Counted nouns, written properly: "1 commitment", "3 commitments", never "commitment(s)"."""

from __future__ import annotations


def plural(n: int, one: str, many: str | None = None) -> str:
    """``n`` and the noun in the right number (``many`` for irregular plurals)."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
