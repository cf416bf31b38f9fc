"""Fit text to a width: one line shrunk then cut (the meeting's name in the header), or a
few lines shrunk but never cut (the handling marking, which must always be printed whole).
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from jcct_desktop.pdf.flow import Para
from jcct_desktop.pdf.text import markup, plain

STEP = 0.5  # points per shrink step
ELLIPSIS = "…"


def one_line(text: str, style: ParagraphStyle, width: float, min_size: float,
             suffix: str = "") -> Para:
    """``text`` + ``suffix`` as a single-line paragraph no wider than ``width``.

    At the style's own size if it fits; else at the largest size down to ``min_size`` that
    fits; else at ``min_size``, ``text`` cut at the longest prefix that fits with an ellipsis
    (the suffix, such as "(continued)", is always kept whole).
    """
    text, suffix = plain(text), plain(suffix)
    size = style.fontSize
    while True:
        para = _para(_join(text, suffix), style, size)
        if _fits(para, width):
            return para
        if size - STEP < min_size - 1e-9:
            break
        size -= STEP
    low, high = 0, len(text)  # the longest prefix that fits, by bisection
    while low < high:
        mid = (low + high + 1) // 2
        if _fits(_para(_join(text[:mid].rstrip() + ELLIPSIS, suffix), style, min_size), width):
            low = mid
        else:
            high = mid - 1
    para = _para(_join(text[:low].rstrip() + ELLIPSIS, suffix), style, min_size)
    _fits(para, width)  # wrapped, ready to draw
    return para


def _join(text: str, suffix: str) -> str:
    return f"{text} {suffix}" if suffix else text


def _para(text: str, style: ParagraphStyle, size: float) -> Para:
    if size != style.fontSize:
        style = ParagraphStyle(f"{style.name}@{size}", parent=style, fontSize=size,
                               leading=style.leading * size / style.fontSize)
    return Para(markup(text, style.fontName, breaks=False), style)


def _fits(para: Para, width: float) -> bool:
    para.wrap(width, 1e6)
    return len(para.blPara.lines) <= 1


def few_lines(text: str, style: ParagraphStyle, width: float, min_size: float,
              lines: int = 2) -> Para:
    """``text`` whole, on at most ``lines`` lines at the largest size down to ``min_size``;
    failing that, one more line at ``min_size`` (the packet's option check keeps markings
    short enough for that). Never cut: a handling marking must be printed in full."""
    text = plain(text)
    size = style.fontSize
    while size - STEP >= min_size - 1e-9:
        para = _para(text, style, size)
        if _lines(para, width) <= lines:
            return para
        size -= STEP
    para = _para(text, style, min_size)
    _lines(para, width)
    return para


def _lines(para: Para, width: float) -> int:
    para.wrap(width, 1e6)
    return len(para.blPara.lines)
