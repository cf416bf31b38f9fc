"""Splitting blocks: a bullet holding more than one commitment, a paragraph of several facts."""

from __future__ import annotations

import re

from jcct_desktop.core.model import Party
from jcct_desktop.factsheet_import.parties import opening_party

# A sentence opening with one of these starts a separate commitment in the fact sheets we hold
# ("In addition, China affirmed …" follows a different promise in the same bullet).
_ADDITION = re.compile(r"^(?:In addition,|Additionally,|Further(?:more)?,)")
_ABBREVIATIONS = ("U.S.", "Mr.", "Ms.", "Dr.", "No.", "St.", "Inc.", "Co.", "e.g.", "i.e.")
_BOUNDARY = re.compile(r"(?<=[.!?;])\s+(?=[A-Z“\"$\d])")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (never after an abbreviation such as U.S.)."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _BOUNDARY.finditer(text, start, end):
        if text[cursor : m.start()].endswith(_ABBREVIATIONS):
            continue
        spans.append((cursor, m.start()))
        cursor = m.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _starts_new(previous: str, sentence: str) -> bool:
    if _ADDITION.match(sentence):
        return True
    # A sentence whose subject brings in the U.S. after one about someone else starts a new
    # commitment ("… SFDA is conducting …. The United States and China will participate …");
    # "The two sides …" refers back to the sentence before and continues it.
    now, before = opening_party(sentence), opening_party(previous)
    if sentence.startswith("The two sides"):
        return False
    if {now, before} == {Party.CHINA, Party.UNITED_STATES}:
        return True  # "The United States will …. China will …": two promises, two parties
    return now in (Party.BOTH, Party.UNITED_STATES) and before is not now


def split_commitments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    previous = ""
    for s, e in sentences(text, start, end):
        sentence = text[s:e]
        if not parts or _starts_new(previous, sentence):
            parts.append((s, e))
        else:
            parts[-1] = (parts[-1][0], e)
        previous = sentence
    return parts
