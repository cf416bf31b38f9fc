"""The meeting's own data read from its fact sheet: name, dates, co-chairs, participants (issue
21; the facts' figures: ``figures_found``). Each is a draft: flagged for review, editable, kept
on save.

The imported meeting was named "23 U.S.-China…", dated "December 19–19" from ``--date`` alone,
with no co-chairs, and its facts had no figures; the participants passage says all of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from jcct_desktop.core.deadlines import DateWindow, DeadlineParseError, parse_window
from jcct_desktop.core.model import Dialogue

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
          r"|December)")  # fmt: skip
_WHEN = re.compile(rf"\b(?:on|from)\s+({_MONTH}\s+\d{{1,2}}(?:\s*[-–]\s*(?:{_MONTH}\s+)?\d{{1,2}})?"
                   rf",?\s+\d{{4}})")  # fmt: skip
_CO_CHAIRED = re.compile(r"^(?P<who>.+?),?\s+co-?chaired\b", re.I)
_INCLUDED = re.compile(r"\bparticipants\s+included\s+(?P<who>[^.]+?)\.", re.I)
_ALSO = re.compile(r"(?:^|\.\s+)(?P<who>[A-Z][^.]{3,150}?)\s+also\s+(?:took\s+part|attended"
                   r"|participated)\b")  # fmt: skip
_NAMES_SPLIT = re.compile(r",\s*together\s+with\s+|,\s*and\s+|\s+and\s+(?=[A-Z])|,\s*")
_LIST_SPLIT = re.compile(r",\s*and\s+|,\s*")  # a list: "and" inside a name stays in it


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def meeting_name(dialogue: Dialogue, number: int) -> str:
    """"23rd U.S.-China Joint Commission on Commerce and Trade", as the bundled data writes it."""
    what = ("U.S.-China Strategic and Economic Dialogue" if dialogue is Dialogue.SED
            else "U.S.-China Joint Commission on Commerce and Trade")  # fmt: skip
    return f"{ordinal(number)} {what}"


@dataclass(frozen=True, slots=True)
class MeetingDates:
    start: date
    end: date
    review: tuple[str, ...]


def meeting_dates(passage: str, given: date) -> MeetingDates:
    """The meeting's days from the participants passage ("on November 20-21, 2011"), else the
    date given; a passage that disagrees with the given date is flagged, quoting it."""
    m = _WHEN.search(passage)
    if m is None:
        return MeetingDates(given, given, ("meeting dates: only the given date is known "
                                           "(start and end set to it)",))  # fmt: skip
    try:
        window: DateWindow = parse_window(m.group(1))
    except DeadlineParseError:
        return MeetingDates(given, given, (f"meeting dates: cannot read {m.group(1)!r}",))
    if window.latest != given:
        return MeetingDates(given, given, (
            f"meeting dates: the passage says {m.group(1)!r}, the given date is {given}",))
    return MeetingDates(window.earliest, window.latest, ())


def _names(text: str, split: re.Pattern[str] = _NAMES_SPLIT) -> list[str]:
    return [n.strip(" ,.") for n in split.split(text) if n.strip(" ,.")]


def co_chairs(passage: str) -> list[str]:
    """"A and B, together with C, co-chaired …" → [A, B, C]."""
    m = _CO_CHAIRED.search(passage)
    return _names(m.group("who")) if m else []


def participants(passage: str) -> list[str]:
    """Who else took part: "X also took part …", "Other participants included Y, Z …"."""
    masked = passage.replace("U.S.", "U_S_")  # its periods end no sentence
    found = [m.group("who").strip() for m in _ALSO.finditer(masked)]
    for m in _INCLUDED.finditer(masked):
        found += _names(m.group("who"), _LIST_SPLIT)
    names = [name.replace("U_S_", "U.S.") for name in found]
    return sorted(names, key=passage.find)  # in the passage's order
