"""Talking points: the rules every store applies to them, and how an import merges them.

A talking point is one short line an officer says across the table, so it is checked here
(not in the SQL) and the same rules hold for the notes database, an imported file and, later,
the team database.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from jcct_desktop.core.annotations.model import TalkingPoint

MAX_POINT_CHARS = 1_000  # a few sentences: more is a note, not something said in a minute


class TalkingPointError(ValueError):
    """A talking point that cannot be kept; the message is one line fit to show."""


def checked_point(text: object) -> str:
    """The text to keep (trimmed), or :class:`TalkingPointError` saying what is wrong.

    Refused: empty text, more than ``MAX_POINT_CHARS`` characters, and any control character
    (NUL, a line break, escape codes…): a talking point is one line, and such characters would
    be invisible in the window yet break the packet, the memo or a terminal.
    """
    if not isinstance(text, str):
        raise TalkingPointError("A talking point must be text.")
    clean = text.strip()
    if not clean:
        raise TalkingPointError("A talking point cannot be empty.")
    if len(clean) > MAX_POINT_CHARS:
        raise TalkingPointError(
            f"A talking point holds at most {MAX_POINT_CHARS:,} characters; this one has "
            f"{len(clean):,}. Shorten it, or keep the longer text as a note.")
    for i, ch in enumerate(clean):
        if unicodedata.category(ch) in ("Cc", "Cs"):
            raise TalkingPointError(
                f"A talking point is one line of plain text: character {i + 1} is a control "
                f"character (U+{ord(ch):04X}); remove it.")
    return clean


def new_points(held: Sequence[TalkingPoint],
               incoming: Sequence[TalkingPoint]) -> tuple[TalkingPoint, ...]:
    """What an import adds: the incoming points whose text we do not hold yet, in the file's
    order, after ours (a union that keeps both orders and never duplicates a text). Texts are
    compared with surrounding spaces ignored, as they are kept."""
    have = {p.text.strip() for p in held}
    added = []
    for point in incoming:
        key = point.text.strip()
        if key not in have:
            have.add(key)
            added.append(point)
    return tuple(added)


@dataclass(frozen=True)
class PointAt:
    """A talking point and its place in its commitment's list (0 first): what undo needs."""

    point: TalkingPoint
    position: int
