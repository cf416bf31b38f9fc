"""The packet's one document template: cover, contents and body pages, header and footer.

Flowables that open a section carry an ``outline`` attribute ``(key, title, level)`` and a
``toc`` attribute ``(level, markup)``; ``afterFlowable`` turns them into PDF bookmarks and
contents entries, and ``multiBuild`` repeats the layout until the contents' page numbers are
stable. "Page X of Y" is drawn when the canvas is saved, once the total is known.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from jcct_desktop.core.briefing import Briefing
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.text import markup, plain


class PacketTemplate(BaseDocTemplate):
    def __init__(self, out: BinaryIO, briefing: Briefing, sheet: S.Stylesheet) -> None:
        opts = briefing.options
        cover = briefing.cover
        super().__init__(
            out,
            pagesize=S.PAPER[opts.paper],
            leftMargin=S.MARGIN, rightMargin=S.MARGIN,
            topMargin=S.MARGIN + 0.1 * 72, bottomMargin=S.MARGIN,
            title=plain(f"{cover.title}: {cover.meeting}"),
            author=plain(cover.prepared_by or "JCCT Desktop"),
            subject=plain(f"JCCT commitments, {cover.scope}, as of {cover.as_of.isoformat()}"),
            keywords=["JCCT", "briefing", *(plain(s.title) for s in briefing.sections[:40])],
            creator="JCCT Desktop",
            invariant=1 if opts.deterministic else 0,
            initialFontName=sheet.fonts.sans,  # else the canvas names Helvetica, never embedded
            allowSplitting=1,
        )
        self.briefing = briefing
        self.sheet = sheet
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="main",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", [frame], onPage=self._decorate),
            PageTemplate("contents", [frame], onPage=self._decorate),
            PageTemplate("body", [frame], onPage=self._decorate),
        ])

    # -- bookmarks and contents ------------------------------------------------------------
    def afterFlowable(self, flowable: Flowable) -> None:
        outline = getattr(flowable, "outline", None)
        if outline:
            key, title, level = outline
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(plain(title), key, level=level, closed=level > 0)
        toc = getattr(flowable, "toc", None)
        if toc:
            level, text = toc
            self.notify("TOCEntry", (level, text, self.page, outline[0] if outline else None))

    # -- header and footer on every page ----------------------------------------------------
    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        cover = self.briefing.cover
        width, height = self.pagesize
        left, right = self.leftMargin, width - self.rightMargin
        top = height - self.topMargin + S.HEADER_GAP
        canv.saveState()
        if cover.marking:
            mark = Paragraph(markup(cover.marking, self.sheet.font("header")), self.sheet["header"])
            mark.wrap(right - left, 40)
            mark.drawOn(canv, left, top + 2)
        if canv.getPageNumber() > 1:
            side = Paragraph(markup(cover.meeting, self.sheet.font("header_side"), breaks=False),
                             self.sheet["header_side"])
            side.wrap((right - left) * 0.7, 20)
            side.drawOn(canv, left, top - 12)
            canv.setFont(self.sheet.fonts.sans, 7.5)
            canv.setFillColor(S.GREY)
            canv.drawRightString(right, top - 11, f"As of {cover.as_of:%B %-d, %Y}")
            canv.setStrokeColor(S.RULE)
            canv.setLineWidth(0.5)
            canv.line(left, top - 15, right, top - 15)
        canv.setStrokeColor(S.RULE)
        canv.setLineWidth(0.5)
        foot = self.bottomMargin - 0.35 * 72
        canv.line(left, foot + 10, right, foot + 10)
        canv.setFont(self.sheet.fonts.sans, 7.5)
        canv.setFillColor(S.GREY)
        canv.drawString(left, foot, f"Generated {cover.generated:%Y-%m-%d %H:%M} by JCCT Desktop")
        canv.restoreState()


class NumberedCanvas(Canvas):
    """Holds every page until ``save`` so each footer can say "Page X of Y"."""

    footer_font = "Helvetica"  # replaced by the packet's font in ``canvas_for``
    right_margin = 72.0
    bottom_margin = 72.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            width = self._pagesize[0]
            self.setFont(self.footer_font, 7.5)
            self.setFillColorRGB(0.37, 0.4, 0.44)
            self.drawRightString(width - self.right_margin, self.bottom_margin - 0.35 * 72,
                                 f"Page {self._pageNumber} of {total}")
            super().showPage()
        self._held = []
        super().save()


def canvas_for(doc: PacketTemplate) -> type[NumberedCanvas]:
    return type("PacketCanvas", (NumberedCanvas,), {
        "footer_font": doc.sheet.fonts.sans,
        "right_margin": doc.rightMargin,
        "bottom_margin": doc.bottomMargin,
    })
