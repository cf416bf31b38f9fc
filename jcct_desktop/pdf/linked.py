"""A linked text's fragments made without the markup parser.

The summary table's first cell is its commitment's id linked to the commitment's section:
a new text on every row, so reportlab's markup parser (``html.parser``) ran once per row for
``<a href="#key" color="…">id</a>``. The parser's fragments for it are those of the plain
text (``plain_frags``) in the link's colour, each with the link: one link parsed once per
style and colour is the prototype for all.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

from jcct_desktop.pdf.plain_frags import plain_frags

_PROTOTYPES: dict[tuple[ParagraphStyle, str], Any] = {}


def linked_frags(text: str, key: str, colour: str, style: ParagraphStyle) -> list[Any] | None:
    """The parser's fragments for ``<a href="#key" color="colour">text</a>`` (``text``
    escaped, no tags), or None where they might differ (tags in the text, spaces the
    paragraph would collapse, a style that transforms text)."""
    if (cleanBlockQuotedText(text) != text or getattr(style, "textTransform", None)
            or not key or '"' in key):
        return None
    plain = plain_frags(text, style)
    if plain is None:
        return None
    proto = _PROTOTYPES.get((style, colour))
    if proto is None:
        _, frags, _ = ParaParser().parse(f'<a href="#x" color="{colour}">x</a>', style)
        proto = _PROTOTYPES[(style, colour)] = frags[0]
    link = [(0, f"#{key}")]
    return [proto.clone(text=f.text, link=link) for f in plain]
