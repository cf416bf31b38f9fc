"""Front matter builders: the cover page and the table of contents."""

from __future__ import annotations

from reportlab.lib.units import inch
from reportlab.platypus import (
    Flowable,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
    )

from jcct_desktop.core.briefing import Briefing
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


def cover(b: Briefing, sheet: S.Stylesheet, width: float) -> list[Flowable]:
    c = b.cover
    rows = [
        ("Scope", c.scope[:1].upper() + c.scope[1:]),
        ("Commitments", f"{c.commitment_count} in {c.sector_count} "
                        f"section{'s' if c.sector_count != 1 else ''}"),
        ("Standing as of", f"{c.as_of:%B %-d, %Y}"),
        ("Prepared by", c.prepared_by or "—"),
        ("Prepared for", c.prepared_for or "—"),
        ("Generated", f"{c.generated:%B %-d, %Y, %H:%M}"),
    ]
    table = Table(
        [[para(k.upper(), sheet, "label"), para(v, sheet, "body")] for k, v in rows],
        colWidths=[1.5 * inch, width - 1.5 * inch],
    )
    table.setStyle(S.table_style(sheet, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, S.NAVY),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, S.RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    story: list[Flowable] = [
        Spacer(1, 1.1 * inch),
        para("U.S.–CHINA JOINT COMMISSION ON COMMERCE AND TRADE", sheet, "cover_kicker"),
        Spacer(1, 10),
        para(c.title, sheet, "cover_title"),
        para(c.meeting, sheet, "cover_meeting"),
        para(c.dates_place, sheet, "cover_line"),
    ]
    if c.co_chairs:
        story.append(para("Co-chaired by " + "; ".join(c.co_chairs), sheet, "cover_line"))
    story += [Spacer(1, 0.5 * inch), table, Spacer(1, 0.45 * inch)]
    if c.marking:
        mark = Table([[para(c.marking, sheet, "cover_marking")]], colWidths=[width])
        mark.setStyle(S.table_style(sheet, [("BOX", (0, 0), (-1, -1), 1, S.MARKING),
                                  ("TOPPADDING", (0, 0), (-1, -1), 6),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 7)]))
        story.append(mark)
    story += [
        Spacer(1, 12),
        para("Quotations are verbatim from the fact sheet released at the meeting. Titles, "
             "sector names marked as ours, deadline windows and assessments are added by "
             "the preparer.", sheet, "small"),
        NextPageTemplate("contents"),
        PageBreak(),
    ]
    return story


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
