"""Verbatim and coverage checks for any meeting source document against its fact sheet text
(tests/test_two_meetings.py runs them for the bundled 2011 sheet and an imported one): every
text we hold is in the fact sheet (whitespace folded), and every sentence of the fact sheet is
held somewhere."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any


def fold(text: str) -> str:
    return " ".join(text.split())


def held_texts(doc: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(what, text) for every text of the document that must be verbatim."""
    m = doc["meeting"]
    items = [("meeting introduction", m.get("introduction", ""))]
    items += [(f["id"], f["text"]) for f in doc.get("facts", [])]
    for c in doc.get("commitments", []):
        items.append((c["id"], c["text"]))
        items += [(f"{c['id']} milestone", ms["wording"]) for ms in c.get("milestones", [])]
    return [(what, text) for what, text in items if text]


def not_verbatim(doc: Mapping[str, Any], source: str) -> list[str]:
    folded = fold(source)
    return [what for what, text in held_texts(doc) if fold(text) not in folded]


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"$])")


def uncovered(doc: Mapping[str, Any], source: str) -> list[str]:
    """Sentences of the fact sheet's body held by no text of the document.

    The body starts at the meeting's introduction; a line that is a sector's name (a
    heading) is held by that sector.
    """
    folded = fold(source)
    intro = fold(doc["meeting"].get("introduction", ""))
    start = folded.find(intro[:60]) if intro else 0
    held = " \n ".join(fold(t) for _, t in held_texts(doc))
    names = {fold(s["name"]) for s in doc.get("sectors", [])}
    missing = []
    for line in source.splitlines():
        line = fold(line).lstrip("•●▪ ")
        if not line or line in names or folded.find(line) < max(start, 0):
            continue
        missing += [s for s in _SENTENCE.split(line) if s.strip() and fold(s) not in held]
    return missing
