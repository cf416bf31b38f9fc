"""The fragments reportlab's markup parser makes of text with no tags, made without it.

Most long texts in a packet (the commitment quoted, notes, evidence) carry no markup at all:
only ``&amp;``, ``&lt;`` and ``&gt;`` from escaping. reportlab still runs each through
``html.parser`` (about a tenth of a large packet's time). For such text the parser makes one
fragment in the style's font per run between entities, and one per entity; so does this.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paraparser import ParaParser

_ENTITY = re.compile("(&amp;|&lt;|&gt;)")
_NOT_PLAIN = re.compile("<|&(?!amp;|lt;|gt;)")  # a tag, or an entity escaping never makes
_CHARS = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
_PROTOTYPES: dict[ParagraphStyle, Any] = {}


def plain_frags(text: str, style: ParagraphStyle) -> list[Any] | None:
    """The parser's fragments for ``text`` (already cleaned), or None when it has markup."""
    if not text or _NOT_PLAIN.search(text):
        return None
    proto = _PROTOTYPES.get(style)
    if proto is None:
        _, frags, _ = ParaParser().parse("x", style)
        proto = _PROTOTYPES[style] = frags[0]
    return [proto.clone(text=_CHARS.get(part, part)) for part in _ENTITY.split(text) if part]
