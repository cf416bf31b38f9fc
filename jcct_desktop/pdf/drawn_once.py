"""A short paragraph drawn once per document, its drawing replayed wherever it comes again.

Labels, standings, sides and "Not assessed" are drawn on every commitment: four in five of a
large packet's paragraphs are one already drawn in the same document, at the same width.
A paragraph draws itself in its own coordinates (its flowable's ``drawOn`` moves the origin
first, and saves and restores the graphics state around it), so the page content it adds
depends only on its lines, its style and the fonts' codes for its characters, which never
change once given in a document. The content is kept per canvas and added again as it was.

What draws outside the page content is never replayed: links (annotations at the page's
own coordinates), underlines and strike-throughs, ``onDraw`` callbacks.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from jcct_desktop.pdf.recent import Recent

DRAWN_LIMIT = 4096  # drawings kept per document, the most recently used (a few MB at most)
_UNFIT = ()  # kept for a paragraph found not replayable: drawn the usual way every time


def draw_once(canv: Canvas, key: Hashable, blpara: Any, draw: Callable[[], None]) -> None:
    """``draw()`` the first time ``key`` (the paragraph's text, style and wrap width) is
    drawn on ``canv``; afterwards add what it added to the page content."""
    kept: Recent[Hashable, tuple[str, ...]] | None = canv.__dict__.get("_jcct_drawn")
    if kept is None:
        kept = canv.__dict__["_jcct_drawn"] = Recent(DRAWN_LIMIT)
    code = kept.get(key)
    if code:
        canv._code.extend(code)
        return
    start = len(canv._code)
    draw()
    if code is None:
        kept[key] = tuple(canv._code[start:]) if replayable(blpara) else _UNFIT


def replayable(blpara: Any) -> bool:
    """Whether a paragraph's broken lines draw nothing but page content."""
    if blpara.kind == 0:
        return not (getattr(blpara, "link", None) or getattr(blpara, "us_lines", None))
    return not any(getattr(word, name, None) for line in blpara.lines for word in line.words
                   for name in ("link", "cbDefn", "us_lines", "backColor"))
