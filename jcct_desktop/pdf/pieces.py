"""A paragraph whose markup is made of pieces that repeat (a label, a standing, a window).

A milestone's paragraph is its label and standing, then its wording, then its window: every
one of them parsed by reportlab's markup parser, on every commitment, though only the wording
is new. Each piece here closes every tag it opens, so the parser's fragments for the whole
are its fragments for each piece in turn: a short piece is parsed once per process, text
without markup not at all (``plain_frags``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

from jcct_desktop.pdf.flow import PARSED_LIMIT, SHORT_TEXT, Para
from jcct_desktop.pdf.plain_frags import plain_frags
from jcct_desktop.pdf.recent import Recent

_PIECES: Recent[tuple[str, ParagraphStyle], list[Any]] = Recent(PARSED_LIMIT)


def pieced(pieces: Sequence[str], style: ParagraphStyle) -> Para:
    """``Para("".join(pieces), style)``, each piece parsed on its own (see above)."""
    text = "".join(pieces)
    if (cleanBlockQuotedText(text) != text  # the paragraph would first collapse its spaces
            or getattr(style, "textTransform", None)  # it would change the fragments' text
            or any(p.startswith("<para") for p in pieces)):  # the parser's own wrapper tag
        return Para(text, style)
    frags: list[Any] = []
    for piece in pieces:
        found = _frags(piece, style) if piece else []
        if found is None:
            return Para(text, style)
        frags += found
    return Para(text, style, frags=frags)


def _frags(piece: str, style: ParagraphStyle) -> list[Any] | None:
    plain = plain_frags(piece, style)
    if plain is not None:
        return plain
    if len(piece) > SHORT_TEXT:
        return _parsed(piece, style)
    key = (piece, style)
    found = _PIECES.get(key)
    if found is None:
        found = _parsed(piece, style)
        if found is not None:
            _PIECES[key] = found  # only ever read: a paragraph's line breaking makes new lists
    return found


def _parsed(piece: str, style: ParagraphStyle) -> list[Any] | None:
    parsed_style, frags, bullet = ParaParser().parse(piece, style)
    if frags is None or bullet or parsed_style is not style:  # <para> or <bullet>: whole
        return None
    return list(frags)
