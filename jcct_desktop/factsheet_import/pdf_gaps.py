"""Section breaks a PDF marks only by vertical space (issue 21).

A typeset fact sheet may set its headings as plain lines and its sections apart by a wider gap
alone: no bullet, no colon, no bold. pypdf's layout text keeps a blank line only for a gap of a
line or more, so a gap of half a line or so (a section) read like the small one between
paragraphs, and the sections without a heading were lost. Here each line's position on the page
(pypdf's text visitor) gives the gaps between lines: the line advance is the most common gap,
and a gap wider than it by a good part of a line starts a section, written as two blank lines
(``source``'s "wide gap"). The layout text is otherwise kept as it is; a page whose lines do not
match the visitor's, line for line, is kept unchanged.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

_SECTION_SHARE = 0.6  # a gap this share of a line wider than the line advance: a section
_OVER_PARAGRAPH = 2.0  # or twice the usual paragraph gap, when that is at least …
_SECTION_FLOOR = 0.4  # … this share of a line


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def line_positions(page: Any) -> list[tuple[float, str]]:
    """The page's lines top to bottom as (baseline height, text), from pypdf's visitor."""
    by_y: dict[float, list[str]] = {}

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], *_: Any) -> None:
        if not text.strip():
            return
        y = round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5], 1)  # the text matrix on the page
        near = next((k for k in by_y if abs(k - y) < 1.0), y)
        by_y.setdefault(near, []).append(text)

    page.extract_text(visitor_text=visit)
    return [(y, "".join(parts).strip()) for y, parts in sorted(by_y.items(), key=lambda kv: -kv[0])]


def _section_starts(pages: list[list[tuple[float, str]]]) -> list[set[int]]:
    """For each page, the indexes of the lines a wide gap comes before."""
    gaps = [round(a[0] - b[0], 1) for lines in pages for a, b in itertools.pairwise(lines)]
    if not gaps:
        return [set() for _ in pages]
    # the most common gap (of two as common, the smaller: a paragraph's gap is never less)
    advance = max(Counter(round(g * 2) / 2 for g in gaps).items(),
                  key=lambda kv: (kv[1], -kv[0]))[0]  # fmt: skip
    extras = [g - advance for g in gaps if g - advance > 1.0]
    paragraph = Counter(round(e) for e in extras).most_common(1)[0][0] if extras else 0.0

    def wide(extra: float) -> bool:
        return extra >= _SECTION_SHARE * advance or (
            extra >= _OVER_PARAGRAPH * paragraph and extra >= _SECTION_FLOOR * advance)

    return [{i for i in range(1, len(lines)) if wide(lines[i - 1][0] - lines[i][0] - advance)}
            for lines in pages]  # fmt: skip


def with_section_gaps(layout: list[str], pages: list[list[tuple[float, str]]]) -> list[str]:
    """Each page's layout text with two blank lines before each line a wide gap precedes."""
    out = []
    for text, lines, starts in zip(layout, pages, _section_starts(pages), strict=True):
        rows = text.split("\n")
        filled = [i for i, row in enumerate(rows) if row.strip()]
        if [_squeezed(rows[i]) for i in filled] != [_squeezed(t) for _, t in lines]:
            out.append(text)  # the two readings disagree: keep the layout text
            continue
        new: list[str] = []
        for n, i in enumerate(filled):
            before = rows[(filled[n - 1] + 1 if n else 0) : i]
            blank = len(before)
            new += before + ([""] * (2 - blank) if n in starts and blank < 2 else [])
            new.append(rows[i])
        new += rows[filled[-1] + 1 :] if filled else rows
        out.append("\n".join(new))
    return out
