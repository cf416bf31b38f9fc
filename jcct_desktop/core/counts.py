"""Counts and sizes in words: "1 commitment", "3 commitments" (never "commitment(s)"), "48 KB"."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``plural(1, "note")`` -> "1 note"; ``plural(2, "entry", "entries")`` -> "2 entries"."""
    return f"{count:,} {noun if count == 1 else (many or noun + 's')}"


def human_size(n: int) -> str:
    """A file size as people read it: "512 bytes", "48 KB", "4.2 MB"."""
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:,.0f} KB"
    return f"{n / (1024 * 1024):,.1f} MB"


# how the kinds of shared items a team sync brings in read in a sentence
_KIND_WORDS = {"history": ("history entry", "history entries"), "follow_up": ("follow-up", None),
               "talking_point": ("talking point", None)}


def kinds_line(kinds: dict[str, int]) -> str:
    """``{"note": 2, "history": 1}`` -> "1 history entry, 2 notes" (sorted by kind)."""
    parts = []
    for kind, count in sorted(kinds.items()):
        one, many = _KIND_WORDS.get(str(kind), (str(kind).replace("_", "-"), None))
        parts.append(plural(int(count), one, many))
    return ", ".join(parts)
