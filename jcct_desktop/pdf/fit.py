"""Fit a line of text to a width: shrink it, then cut it with an ellipsis.

Page headers have room for one line; a second would climb into the top margin (a paragraph is
drawn upward from its baseline). The cover prints the full text.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from jcct_desktop.pdf.flow import Para
from jcct_desktop.pdf.text import markup, plain

STEP = 0.5  # points per shrink step
ELLIPSIS = "…"


def one_line(text: str, style: ParagraphStyle, width: float, min_size: float) -> Para:
    """``text`` as a single-line paragraph no wider than ``width``.

    At the style's own size if it fits; else at the largest size down to ``min_size`` that
    fits; else at ``min_size``, cut at the longest prefix that fits with an ellipsis.
    """
    text = plain(text)
    size = style.fontSize
    while True:
        para = _para(text, style, size)
        if _fits(para, width):
            return para
        if size - STEP < min_size - 1e-9:
            break
        size -= STEP
    low, high = 0, len(text)  # the longest prefix that fits, by bisection
    while low < high:
        mid = (low + high + 1) // 2
        if _fits(_para(text[:mid].rstrip() + ELLIPSIS, style, min_size), width):
            low = mid
        else:
            high = mid - 1
    para = _para(text[:low].rstrip() + ELLIPSIS, style, min_size)
    _fits(para, width)  # wrapped, ready to draw
    return para


def _para(text: str, style: ParagraphStyle, size: float) -> Para:
    if size != style.fontSize:
        style = ParagraphStyle(f"{style.name}@{size}", parent=style, fontSize=size,
                               leading=style.leading * size / style.fontSize)
    return Para(markup(text, style.fontName, breaks=False), style)


def _fits(para: Para, width: float) -> bool:
    para.wrap(width, 1e6)
    return len(para.blPara.lines) <= 1
