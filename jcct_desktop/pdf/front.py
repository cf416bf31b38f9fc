"""Front matter builders: paragraphs, headings and the table of contents (page 1, the
bottom line, is ``pdf.bottom``)."""

from __future__ import annotations

from reportlab.platypus import (
    Flowable,
    NextPageTemplate,
    PageBreak,
    Spacer,
    )

from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.flow import Contents, Para
from jcct_desktop.pdf.text import markup


def para(text: str, sheet: S.Stylesheet, style: str, *, breaks: bool = True) -> Para:
    """A paragraph that prints ``text`` literally."""
    return Para(markup(text, sheet.font(style), breaks=breaks), sheet[style])


def heading(text: str, sheet: S.Stylesheet, style: str, *, key: str, level: int,
            toc_level: int | None) -> Para:
    """A heading that becomes a bookmark (and a contents entry unless ``toc_level`` is None)."""
    p = para(text, sheet, style, breaks=False)
    p.outline = (key, text, level)  # read by PacketTemplate.afterFlowable
    if toc_level is not None:
        p.toc = (toc_level, markup(text, sheet.font(f"toc{toc_level}"), breaks=False))
    return p


def contents_index(sheet: S.Stylesheet) -> Contents:
    """The contents' indexing flowable: one per packet, it lives across layout passes."""
    toc = Contents(dotsMinLevel=0)
    toc.levelStyles = [sheet["toc0"], sheet["toc1"]]
    toc.tableStyle = S.table_style(sheet, [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                           ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                           ("TOPPADDING", (0, 0), (-1, -1), 0),
                                           ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
    return toc


def contents(toc: Contents, sheet: S.Stylesheet) -> list[Flowable]:
    return [
        heading("Contents", sheet, "h1", key="contents", level=0, toc_level=None),
        Spacer(1, 6),
        toc,
        NextPageTemplate("body"),
        PageBreak(),
    ]
