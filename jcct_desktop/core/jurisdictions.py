"""China's provincial-level divisions, the jurisdictions a jurisdictional milestone is counted
over (issue 26), and the progress of such a milestone as of a date.

The list itself is reviewed reference data (``db/jurisdictions.toml``); this module only holds
its shape and the counting, so the standing, the views and the exports all count alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# ISO 3166-2:CN subdivision codes are "CN-" and two letters (CN-GD, CN-BJ…).
CODE = re.compile(r"CN-[A-Z]{2}")


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    code: str  # ISO 3166-2, "CN-GD"
    name: str  # English, as U.S. reports write it
    chinese: str
    kind: str  # province, municipality, autonomous region, special administrative region
    row: int  # tile-grid position, 0-based, north to south
    col: int  # west to east
    counted: bool  # one of the 31 mainland divisions (Hong Kong, Macao, Taiwan are not)


def is_code(text: str) -> bool:
    return CODE.fullmatch(text) is not None


def check_code(code: str, known: Sequence[Jurisdiction] = ()) -> str:
    """The code as given, or a one-line ValueError naming what is wrong with it."""
    if not isinstance(code, str) or not is_code(code):
        raise ValueError(f"{code!r} is not a jurisdiction code (ISO 3166-2, like CN-GD).")
    if known and code not in {j.code for j in known}:
        raise ValueError(f"{code} is not one of China's provincial-level divisions.")
    return code


@dataclass(frozen=True, slots=True)
class Progress:
    """How a jurisdictional milestone stands over its jurisdictions on one date."""

    met: tuple[Jurisdiction, ...]
    not_met: tuple[Jurisdiction, ...]  # assessed not (or only partially) fulfilled
    not_assessed: tuple[Jurisdiction, ...]  # no assessment in force, or "in progress"
    superseded: tuple[Jurisdiction, ...] = ()  # set aside: counted in no total

    @property
    def total(self) -> int:
        return len(self.met) + len(self.not_met) + len(self.not_assessed)

    @property
    def missing(self) -> tuple[Jurisdiction, ...]:
        """Every jurisdiction not (yet) met, not met first: the laggards."""
        return self.not_met + self.not_assessed

    @property
    def words(self) -> str:
        """"24 of 31 met · 5 not met · 2 not assessed" (parts that are 0 left out)."""
        parts = [f"{len(self.met)} of {self.total} met"]
        if self.not_met:
            parts.append(f"{len(self.not_met)} not met")
        if self.not_assessed:
            parts.append(f"{len(self.not_assessed)} not assessed")
        return " · ".join(parts)

    @property
    def missing_words(self) -> str:
        """"Missing: Guangdong, Hainan" or ""."""
        names = ", ".join(j.name for j in self.missing)
        return f"Missing: {names}" if names else ""


@dataclass(frozen=True, slots=True)
class Tile:
    """One province on the map as of a date: what it is, its status word and standing value
    (a ``core.standing.Standing`` value, for the shared palette and glyphs)."""

    place: Jurisdiction
    word: str  # "Met", "Not met", "Not assessed", "Superseded"
    standing: str  # met, not_met, no_deadline (not assessed), superseded
    evidence: str = ""

    @property
    def accessible_name(self) -> str:
        """"Guangdong: met" — what a screen reader says for the tile."""
        return f"{self.place.name}: {self.word.lower()}"

    @property
    def tooltip(self) -> str:
        text = f"{self.place.name} {self.place.chinese} ({self.place.code}): {self.word}"
        return f"{text}\n{self.evidence}" if self.evidence else text
