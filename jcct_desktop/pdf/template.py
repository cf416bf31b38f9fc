"""The packet's one document template: cover, contents and body pages, header and footer.

Flowables that open a section carry an ``outline`` attribute ``(key, title, level)`` and a
``toc`` attribute ``(level, markup)``; ``afterFlowable`` turns them into PDF bookmarks and
contents entries. A packet is laid out once (``passes.build_once``): the contents' page
numbers and each footer's "Page X of Y" are forms drawn at the end. The classic way, which
tests compare against, has ``multiBuild`` repeat the layout until the contents' page numbers
are stable, a ``PageTotal`` entry making it also repeat until "Page X of Y" has the right Y.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, BinaryIO

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import BaseDocTemplate, Flowable, PageTemplate

from jcct_desktop.core.briefing import Briefing
from jcct_desktop.core.dates import long_date
from jcct_desktop.core.progress import Step, no_progress
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.fit import few_lines, one_line
from jcct_desktop.pdf.flow import PacketFrame, Para, form_name
from jcct_desktop.pdf.text import plain

MIN_HEADER_SIZE = 6.0  # the meeting's name shrinks to this, then is cut with an ellipsis
MIN_MARKING_SIZE = 4.5  # a long marking wraps to two lines and shrinks to this; never cut


class PacketCanvas(Canvas):
    """A canvas whose drawn text objects are freed as soon as drawn, so that the canvas, and
    the PDF's every object with it, is freed when the packet is written (the template lets
    go of it then, ``render._write``).

    reportlab draws a paragraph of several styles with a text object holding a method bound
    to itself: a reference cycle per paragraph, each holding the canvas until a full
    collection walked everything (a second or more at 10,000 commitments, at the command's
    exit or stalling the window; never, once the window has frozen its objects). Broken
    here, once the text object's drawing is in the page."""

    def drawText(self, aTextObject: PDFTextObject) -> None:
        super().drawText(aTextObject)
        aTextObject.__dict__.pop("_do_line", None)


class PacketTemplate(BaseDocTemplate):
    def __init__(self, out: BinaryIO, briefing: Briefing, sheet: S.Stylesheet,
                 step: Step = no_progress, on_page: Callable[[int], None] | None = None
                 ) -> None:
        """``step(placed, total)`` is told after each page and each commitment placed; it
        may raise ``core.progress.Cancelled``, which stops the layout there. ``on_page`` is
        told each page's number as it is finished."""
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
            lang="en-US",
            invariant=1 if opts.deterministic else 0,
            initialFontName=sheet.fonts.sans,  # else the canvas names Helvetica, never embedded
            allowSplitting=1,
        )
        self.briefing = briefing
        self.sheet = sheet
        self.total = PageTotal(self)  # put first in the story
        self.passes = 0
        self.step, self.on_page = step, on_page
        self.placed = 0  # commitments laid out so far in this pass
        # counted once: the briefing's list is made afresh on each read, and the count is
        # asked after every commitment and page (quadratic in the packet's size)
        self.commitments = len(briefing.commitment_ids)
        # One pass: each footer's "Page X of Y" is a form drawn at the end (``number_pages``)
        self.one_pass = False
        self._header: tuple[Para | None, Para] | None = None
        self._continues = ""  # the commitment the current page is inside of, if any
        self.key_pages: dict[str, int] = {}  # each bookmark's page, as this pass lays it out
        self.page_refs: set[str] = set()  # bookmarks whose page a "page N" form names
        self.historical = briefing.cover.as_of != briefing.cover.generated.date()
        self.frame_ = frame = PacketFrame(self.leftMargin, self.bottomMargin, self.width,
                                          self.height, id="main", leftPadding=0,
                                          rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", [frame], onPage=self._decorate),
            PageTemplate("contents", [frame], onPage=self._decorate),
            PageTemplate("body", [frame], onPage=self._decorate),
        ])

    def build(self, flowables: Any, filename: Any = None,
              canvasmaker: Any = PacketCanvas) -> None:
        super().build(flowables, filename, canvasmaker)

    def beforeDocument(self) -> None:
        # The first pass only learns page numbers and the total (the contents is seeded with
        # its final entries, so nothing moves afterwards): place everything, draw nothing.
        self.passes += 1
        self._continues = ""
        self.placed = 0
        self.frame_.layout_only = self.passes == 1 and not self.one_pass
        self.canv.showOutline()  # the reader opens with the bookmarks shown

    # -- bookmarks and contents ------------------------------------------------------------
    def afterFlowable(self, flowable: Flowable) -> None:
        outline = getattr(flowable, "outline", None)
        if outline:
            key, title, level = outline
            self.key_pages[key] = self.page
            # land on the heading itself, not the page top: the frame's cursor is now just
            # below the flowable
            top = self.frame._y + flowable.getSpaceAfter() + getattr(flowable, "height", 0)
            self.canv.bookmarkHorizontalAbsolute(key, min(top + 6, self.pagesize[1]))
            self.canv.addOutlineEntry(plain(title), key, level=level, closed=level > 0)
        continues = getattr(flowable, "commitment", None)
        if continues is not None:  # a commitment begins ("title") or ends ("")
            self._continues = continues
            if continues:
                self.placed += 1
                self.step(self.placed, self.commitments)
        toc = getattr(flowable, "toc", None)
        if toc:
            level, text = toc
            self.notify("TOCEntry", (level, text, self.page, outline[0] if outline else None))

    def afterPage(self) -> None:
        # a page of the summary or contents places no commitment: Cancel still stops there
        if self.on_page is not None:
            self.on_page(self.page)
        self.step(self.placed, self.commitments)

    # -- header and footer on every page ----------------------------------------------------
    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        if self.frame_.layout_only:
            return
        cover = self.briefing.cover
        width, height = self.pagesize
        left, right = self.leftMargin, width - self.rightMargin
        top = height - self.topMargin + S.HEADER_GAP
        canv.saveState()
        mark, side = self._header_lines(right - left)
        if mark is not None:  # top and bottom of every page, whole
            mark.drawOn(canv, left, top + 2)
            mark.drawOn(canv, left, self.bottomMargin - 0.35 * 72 - 4 - mark.height)
        as_of = f"As of {long_date(cover.as_of)}"
        if self.historical:  # every page says so: a page read alone must not look current
            as_of = f"Historical briefing as of {long_date(cover.as_of)}"
            canv.setFont(self.sheet.fonts.sans_bold, 8)
            canv.setFillColor(S.AS_OF)
            if canv.getPageNumber() == 1:
                canv.drawRightString(right, top - 11, as_of)
        if canv.getPageNumber() > 1:
            if self._continues:  # this page goes on with a commitment begun before it
                # at the running header's own size: a long title is cut with "…", never
                # shrunk to a size nobody reads
                style = self.sheet["header_side"]
                side = one_line(self._continues, style, (right - left) * 0.7,
                                style.fontSize, suffix="(continued)")
            side.drawOn(canv, left, top - 12)
            if not self.historical:
                canv.setFont(self.sheet.fonts.sans, 7.5)
                canv.setFillColor(S.GREY)
            canv.drawRightString(right, top - 11, as_of)
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
        if self.one_pass:
            canv.doForm(form_name("page", doc.page))
        else:
            self._page_number(canv, doc.page, self.total.used)
        canv.restoreState()

    def _page_number(self, canv: Canvas, page: int, total: int) -> None:
        canv.drawRightString(self.pagesize[0] - self.rightMargin, self.bottomMargin - 0.35 * 72,
                             f"Page {page} of {total}")

    def number_pages(self) -> None:
        """After a one-pass build: every page's "Page X of Y", now that Y is known."""
        for page in range(1, self.page + 1):
            self.canv.beginForm(form_name("page", page))
            self.canv.setFont(self.sheet.fonts.sans, 7.5)
            self.canv.setFillColor(S.GREY)
            self._page_number(self.canv, page, self.page)
            self.canv.endForm()
        for key in self.page_refs:  # page 1's "and K more — … page N"
            style = self.sheet["page1_item"]
            self.canv.beginForm(form_name("ref", key), lowerx=-1, lowery=-style.fontSize,
                                upperx=8 * style.fontSize, uppery=2 * style.fontSize)
            self.canv.setFont(style.fontName, style.fontSize)
            self.canv.setFillColor(style.textColor)
            self.canv.drawString(0, 0, str(self.key_pages.get(key, "?")))
            self.canv.endForm()


    def _header_lines(self, width: float) -> tuple[Para | None, Para]:
        """The marking and the meeting, one line each (made once, drawn on every page)."""
        if self._header is None:
            cover, sheet = self.briefing.cover, self.sheet
            mark = None
            if cover.marking:
                mark = few_lines(cover.marking, sheet["header"], width, MIN_MARKING_SIZE)
            side = one_line(cover.meeting, sheet["header_side"], width * 0.7, MIN_HEADER_SIZE)
            self._header = (mark, side)
        return self._header


class PageTotal(Flowable):
    """Invisible indexing flowable: keeps ``multiBuild`` going until the "of Y" drawn in the
    footers equals the pass's real page count (a canvas that holds pages back until the end
    would break bookmarks, which point at the page being drawn)."""

    def __init__(self, doc: PacketTemplate) -> None:
        super().__init__()
        self.doc = doc
        self.used = 0  # the total the footers of this pass print
        self.counted = -1  # the pages the last pass produced

    def isIndexing(self) -> int:
        return 1

    def isSatisfied(self) -> bool:
        return self.used == self.counted

    def beforeBuild(self) -> None:
        self.used = max(self.counted, 0)

    def afterBuild(self) -> None:
        self.counted = self.doc.page

    def notify(self, kind: str, stuff: object) -> None:
        pass  # contents entries are the TableOfContents' business

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass
