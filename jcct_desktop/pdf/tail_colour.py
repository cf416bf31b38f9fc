"""A paragraph in one font whose last words are drawn in another colour.

A milestone's wording is followed by its window in grey. As one paragraph of several styles,
reportlab breaks and draws it fragment by fragment: about five times the time of the same text
in one style. Widths do not depend on colour, so here the text is laid out as one plain
fragment (the same lines) and the colour changes inside the text object where the window
begins: the same glyphs in the same places and colours. The label and standing before it are a
paragraph of their own, ending where the line break was.
"""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import unescape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from jcct_desktop.pdf.bidi import has_rtl
from jcct_desktop.pdf.flow import Para
from jcct_desktop.pdf.plain_frags import plain_frags

_OTHER_SPACE = re.compile(r"[^\S ]")  # whitespace a plain paragraph would treat differently
# Longer words might not fit a line; reportlab splits those differently in the two kinds of
# paragraph. Shorter ones always fit a table's cell (40 of the widest letters at 8 pt).
LONGEST_WORD = 40


def tail_coloured(head: str, body: str, tail: str, colour: str,
                  style: ParagraphStyle) -> list[Para] | None:
    """``head`` (markup), then on a new line ``body`` and ``tail`` (escaped text, the tail in
    ``colour``) as two paragraphs that print what ``head<br/>body<font color>tail</font>``
    prints; None where they might not (markup in the body or tail, right-to-left text, a word
    too long for a line, a head whose fonts stand taller than the style's, which would move
    the lines after it)."""
    if "<" in body or "<" in tail:
        return None
    text = unescape(body + tail)
    if (not text.strip() or has_rtl(text) or _OTHER_SPACE.search(text)
            or max(map(len, text.split())) > LONGEST_WORD):
        return None
    first = Para(head, style)
    ascent = getAscentDescent(style.fontName, style.fontSize)[0]
    if any(getAscentDescent(f.fontName, f.fontSize)[0] > ascent for f in first.frags):
        return None
    proto = plain_frags("x", style)
    assert proto is not None
    rest = TailColoured(body + tail, style, frags=[proto[0].clone(text=text)])
    rest.tail_from = len(unescape(body).split())
    rest.tail_colour = colors.HexColor(colour)
    return [first, rest]


class TailColoured(Para):
    """Drawn in its style's colour up to word ``tail_from``, in ``tail_colour`` after."""

    tail_from: int | None = None
    tail_colour: colors.Color | None = None

    def beginText(self, x: float = 0, y: float = 0) -> PDFTextObject:
        if self.tail_from is None or self.tail_colour is None:
            return self.canv.beginText(x, y)
        return _TailText(self.canv, x, y, self.tail_from, self.tail_colour)


class _TailText(PDFTextObject):
    """A text object that switches colour before the ``words``-th word it is given."""

    def __init__(self, canvas: Canvas, x: float, y: float, words: int,
                 colour: colors.Color) -> None:
        super().__init__(canvas, x, y)
        self._before: int | None = words
        self._colour = colour

    def _textOut(self, text: Any, TStar: int = 0) -> None:
        before = self._before
        if before is None or not text:
            super()._textOut(text, TStar)
            return
        words = text.split(" ")
        if before >= len(words):
            self._before = before - len(words)
            super()._textOut(text, TStar)
            return
        if before:  # as the two-style paragraph draws it: the space ends the first run
            super()._textOut(" ".join(words[:before]) + " ", 0)
        self.setFillColor(self._colour)
        self._before = None
        super()._textOut(" ".join(words[before:]), TStar)
