"""A TrueType font that measures a string once and encodes text it has met in one C call.

Line breaking measures every word of every paragraph (``stringWidth``); the same words come
back all through a packet, so each string's width at each size is kept (a width is a function
of the string, the font and the size alone), up to ``WIDTHS`` of them.

reportlab embeds a TrueType font as subsets of 256 codes, each character given the next free
code the first time a document uses it; every string drawn is turned into those codes one
character at a time in Python (``TTFont.splitString``), a twentieth of a large packet's time.
Once a character has its code that code never changes, so a string made only of characters
already coded in the first subset is encoded with ``str.translate``; anything else (a new
character, another subset, a no-break space, a character the font lacks) goes the usual way.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.ttfonts import TTFont


class _Coded:
    """The first subset's codes as a document's state of the font holds them."""

    def __init__(self, assignments: dict[int, int]) -> None:
        self.seen = len(assignments)
        first = {code: n for code, n in assignments.items() if n < 256}
        self.chars = frozenset(map(chr, first))
        self.table = first


WIDTHS = 50_000  # strings whose width is kept per font (a few MB): a packet's common words


class SubsetFont(TTFont):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._widths: dict[tuple[str, float], float] = {}

    def stringWidth(self, text: Any, size: float, encoding: str = "utf8") -> float:
        if not isinstance(text, str):
            return float(super().stringWidth(text, size, encoding))
        key = (text, size)
        width = self._widths.get(key)
        if width is None:
            width = super().stringWidth(text, size, encoding)
            if len(self._widths) < WIDTHS:
                self._widths[key] = width
        return width

    def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        state = self.state.get(doc)
        if state is not None and isinstance(text, str):
            assignments = state.assignments
            coded: _Coded | None = getattr(state, "jcct_coded", None)
            if coded is None or coded.seen != len(assignments):
                coded = state.jcct_coded = _Coded(assignments)
            if text and coded.chars.issuperset(text):
                return [(0, text.translate(coded.table).encode("latin-1"))]
        result: list[tuple[int, bytes]] = super().splitString(text, doc, encoding)
        return result
