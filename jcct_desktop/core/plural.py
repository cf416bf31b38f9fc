"""Counts in words: "1 commitment", "3 commitments" — never "commitment(s)"."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``plural(1, "note")`` -> "1 note"; ``plural(2, "entry", "entries")`` -> "2 entries"."""
    return f"{count:,} {noun if count == 1 else (many or noun + 's')}"
