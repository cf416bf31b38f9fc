"""Promises about China's provinces or local governments (issue 26): whether they are kept is
decided province by province, so the importer flags them for review, quoting the words, and
the officer decides whether a milestone is jurisdictional. It never marks one itself."""

from __future__ import annotations

import re

# the words fact sheets use for sub-national governments
_WORDS = re.compile(
    r"\b(?:provinces?|provincial|municipalit(?:y|ies)|autonomous regions?|"
    r"local (?:governments?|levels?|authorities)|counties|county[- ]level|"
    r"sub-?national)\b",
    re.IGNORECASE,
)


def province_flags(text: str) -> list[str]:
    """One review flag quoting the sub-national words found (none when there are none)."""
    found: list[str] = []
    for m in _WORDS.finditer(text):
        if m.group(0).casefold() not in (f.casefold() for f in found):
            found.append(m.group(0))
    if not found:
        return []
    quoted = ", ".join(repr(w) for w in found)
    return [f"names provinces or local governments: {quoted} (counted province by province? "
            "mark its milestone jurisdictional)"]
