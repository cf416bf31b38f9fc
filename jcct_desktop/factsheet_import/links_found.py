"""Link candidates: where a commitment says it builds on, extends or reaffirms an earlier one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jcct_desktop.core.model import Relation

_EXISTING = r"\b(?:existing|previous|prior|earlier|(?:19|2\d)\d\d)\s+(?:JCCT|S&ED)\s+commitments?\b"
_CUES = [
    (re.compile(r"\b(?:building|build|builds|built)\s+(?:on|upon)\b", re.I), Relation.BUILDS_ON),
    (re.compile(_EXISTING, re.I), Relation.BUILDS_ON),
    (re.compile(r"\breaffirm(?:s|ed)?\b", re.I), Relation.REAFFIRMS),
    (re.compile(r"\bextend(?:s|ed)?\b[^.]{0,60}\bcommitments?\b", re.I), Relation.EXTENDS),
    (re.compile(r"\b(?:supersede[sd]?|replac(?:e|es|ed|ing))\b", re.I), Relation.SUPERSEDES),
]


@dataclass(frozen=True, slots=True)
class Cue:
    relation: Relation
    phrase: str
    start: int
    end: int


def find_link_cues(text: str) -> list[Cue]:
    """Each cue once, in text order; the officer picks the earlier commitment it points to."""
    cues: list[Cue] = []
    for pattern, relation in _CUES:
        for m in pattern.finditer(text):
            if not any(c.start <= m.start() < c.end for c in cues):
                cues.append(Cue(relation, m.group(0), m.start(), m.end()))
    return sorted(cues, key=lambda c: c.start)
