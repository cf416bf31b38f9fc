"""The packet's one stylesheet, as data: colours, paper sizes, and paragraph styles by name."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import TableStyle

from jcct_desktop.core.standing import Standing
from jcct_desktop.core.standing_words import AS_OF_COLOUR, colour
from jcct_desktop.pdf.fonts import Fonts, register

PAPER = {"letter": LETTER, "a4": A4}
MARGIN = 0.9 * inch
HEADER_GAP = 0.45 * inch  # from the frame's top edge up to the header rule

NAVY = colors.HexColor("#1f3a5f")
INK = colors.HexColor("#1a1a1a")
GREY = colors.HexColor("#5f6670")
RULE = colors.HexColor("#b8c0cc")
SHADE = colors.HexColor("#eef2f7")
QUOTE_BAR = colors.HexColor("#8fa3bf")
MARKING = colors.HexColor("#8b0000")
AS_OF = colors.HexColor(AS_OF_COLOUR)


def state_colour(state: Standing) -> colors.Color:
    return colors.HexColor(colour(state))


# name → (font role, size, leading, extra attributes); "parent" inherits from another style
_STYLES: dict[str, tuple[str, float, float, dict[str, Any]]] = {
    "body": ("serif", 9.5, 13, {"spaceAfter": 4}),
    "small": ("sans", 8, 10, {"textColor": GREY}),
    "cell": ("sans", 8, 10, {}),
    "cell_head": ("sans_bold", 8, 10, {"textColor": colors.white}),
    "cell_small": ("sans", 7, 8.6, {"textColor": GREY}),
    "label": ("sans_bold", 7.5, 10, {"textColor": GREY}),
    "quote": ("serif", 9.5, 13.2, {"textColor": INK}),
    "fact": ("italic", 9, 12.4, {"spaceAfter": 3}),
    "fact_head": ("sans_bold", 8, 11, {"textColor": NAVY, "spaceAfter": 2}),
    "h1": ("sans_bold", 17, 21, {"textColor": NAVY, "spaceAfter": 8, "keepWithNext": 1}),
    "kicker": ("sans", 8.5, 11, {"textColor": GREY, "keepWithNext": 1}),
    "h2": ("sans_bold", 11, 14, {"textColor": NAVY, "spaceBefore": 12, "spaceAfter": 3,
                                 "keepWithNext": 1}),
    "meta": ("sans", 8, 10.5, {"textColor": GREY, "spaceAfter": 5, "keepWithNext": 1}),
    "cover_kicker": ("sans_bold", 10, 13, {"textColor": GREY}),
    "cover_title": ("sans_bold", 28, 33, {"textColor": NAVY, "spaceAfter": 10}),
    "cover_meeting": ("serif", 15, 19, {"textColor": INK, "spaceAfter": 4}),
    "cover_line": ("sans", 10, 13, {"textColor": GREY, "spaceAfter": 2}),
    "cover_marking": ("sans_bold", 12, 15, {"textColor": MARKING, "alignment": TA_CENTER}),
    "header": ("sans_bold", 8, 10, {"textColor": MARKING, "alignment": TA_CENTER}),
    "header_side": ("sans", 7.5, 9, {"textColor": GREY}),
    "header_right": ("sans", 7.5, 9, {"textColor": GREY, "alignment": TA_RIGHT}),
    "page1_title": ("sans_bold", 18, 22, {"textColor": NAVY, "spaceAfter": 3, "spaceBefore": 4}),
    # page 1, read by a principal: nothing under 10 pt
    "page1_as_of": ("sans_bold", 16, 20, {"textColor": NAVY, "spaceAfter": 2}),
    "page1_as_of_past": ("sans_bold", 16, 20, {"textColor": AS_OF, "spaceAfter": 2}),
    "page1_line": ("sans", 10, 12.4, {"textColor": INK}),
    "page1_counts": ("sans", 11, 19, {"textColor": NAVY, "spaceAfter": 2}),
    "page1_h": ("sans_bold", 11.5, 14, {"textColor": NAVY, "spaceBefore": 5, "spaceAfter": 1,
                                        "keepWithNext": 1}),
    "page1_item": ("sans", 10, 12.4, {"leftIndent": 12, "firstLineIndent": -12,
                                      "spaceAfter": 1.5}),
    "h3": ("sans_bold", 10, 13, {"textColor": NAVY, "spaceBefore": 4, "spaceAfter": 3,
                                 "keepWithNext": 1}),
    "count": ("sans_bold", 16, 19, {"textColor": NAVY}),
    "list_item": ("sans", 8, 10.5, {"leftIndent": 10, "firstLineIndent": -10,
                                    "spaceAfter": 2}),
    "note": ("serif", 8.5, 11.5, {"leftIndent": 1.05 * inch, "spaceAfter": 3}),
    "note_aside": ("sans", 8, 10.5, {"leftIndent": 1.05 * inch, "textColor": GREY,
                                     "spaceBefore": 2}),
    "note_label": ("sans_bold", 7.5, 10, {"textColor": GREY, "keepWithNext": 1,
                                          "spaceBefore": 2}),
    "toc0": ("sans_bold", 9.5, 12, {"spaceBefore": 3}),
    "toc1": ("sans", 8, 9.6, {"leftIndent": 14, "textColor": GREY}),
}


@dataclass(frozen=True)
class Stylesheet:
    fonts: Fonts
    styles: dict[str, ParagraphStyle]

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.styles[name]

    def font(self, name: str) -> str:
        return self.styles[name].fontName


def stylesheet() -> Stylesheet:
    return _stylesheet(register())


@cache  # styles are never modified after this, so every packet shares one set
def _stylesheet(fonts: Fonts) -> Stylesheet:
    styles = {}
    for name, (role, size, leading, extra) in _STYLES.items():
        styles[name] = ParagraphStyle(
            name,
            fontName=getattr(fonts, role),
            fontSize=size,
            leading=leading,
            textColor=extra.get("textColor", INK),
            alignment=extra.get("alignment", TA_LEFT),
            allowWidows=0,  # a lone last line at the top of a page reads as a mistake
            allowOrphans=0,
            splitLongWords=1,  # 200-character URLs wrap instead of running off the page
            **{k: v for k, v in extra.items() if k not in ("textColor", "alignment")},
        )
    return Stylesheet(fonts, styles)


def table_style(sheet: Stylesheet, commands: list[tuple[Any, ...]]) -> TableStyle:
    """A TableStyle that names our font: a Table sets its cell font (default Helvetica, never
    embedded) even when every cell is a Paragraph."""
    return TableStyle([("FONT", (0, 0), (-1, -1), sheet.fonts.sans, 8), *commands])
