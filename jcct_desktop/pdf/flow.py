"""Layout helpers that make the two-pass build cheap.

``multiBuild`` lays the whole story out once to learn the contents' page numbers and the page
total, then again to draw it. Two things made that slow: every pass drew every page (only the
last pass's drawing is kept), and a Paragraph breaks its lines afresh on every ``wrap`` — a
table cell is wrapped three or four times per pass (row heights, split, valign, draw).
"""

from __future__ import annotations

import ast
import copy
import re
from functools import lru_cache, partial
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph, Spacer, TableStyle
from reportlab.platypus.paragraph import textTransformFrags
from reportlab.platypus.tableofcontents import TableOfContents, drawPageNumbers

from jcct_desktop.pdf.bidi import base_level, has_rtl, visual
from jcct_desktop.pdf.drawn_once import draw_once
from jcct_desktop.pdf.paged_table import PagedTable
from jcct_desktop.pdf.plain_frags import plain_frags
from jcct_desktop.pdf.recent import Recent

Entry = tuple[int, str, int, Any]  # level, markup, page, bookmark key


SHORT_TEXT = 120  # markup up to this long is parsed once per process
PARSED_LIMIT = 4096  # parsed texts kept, the most recently used
_PARSED: Recent[tuple[str, ParagraphStyle, Any], tuple[Any, Any, ParagraphStyle, Any]] = \
    Recent(PARSED_LIMIT)
# ...and broken into lines once per width: (parse key, width) → what ``wrap`` sets
_WRAPPED: Recent[tuple[tuple[str, ParagraphStyle, Any], float], tuple[Any, ...]] = \
    Recent(PARSED_LIMIT)


class Para(Paragraph):
    """A Paragraph that keeps its line breaks for the width it was last wrapped at, and draws
    right-to-left text in visual order.

    Line breaking depends on the width only (the height merely decides a later split), so a
    re-wrap at the same width — same pass or the next — reuses the previous result; a short
    text (a label, a standing, a side) is broken once per width for all the paragraphs that
    print it. Lines are
    broken in logical order and reordered only while drawn (``pdf.bidi``), so a split keeps
    working on the logical text.
    """

    # set by reportlab's Paragraph (untyped): named here for the type checker
    blPara: Any
    style: ParagraphStyle
    text: Any
    frags: Any
    bulletText: Any

    def draw(self) -> None:
        text = getattr(self, "text", None)  # None in the parts of a split paragraph
        logical, style = self.blPara, self.style
        if not has_rtl(text if isinstance(text, str) else plain_text(logical)):
            key = self._drawn_key()
            if key is None:
                super().draw()
            else:  # a short text drawn before at this width: its page content again
                draw_once(self.canv, key, logical, super().draw)
            return
        base = base_level(plain_text(logical))
        self.blPara = in_visual_order(logical, base)
        if base and style.alignment == TA_LEFT:  # a right-to-left paragraph starts at the right
            self.style = _right_aligned(style)
        try:
            super().draw()
        finally:
            self.blPara, self.style = logical, style

    def _drawn_key(self) -> tuple[Any, float] | None:
        """What the drawing depends on (the shared text and style, the width its lines were
        broken at), for a short text whose lines are those of its last wrap; else None."""
        shared, memo = self.__dict__.get("_shared"), self.__dict__.get("_memo")
        if shared is None or memo is None or memo[3] is not self.blPara:
            return None
        return shared, memo[0]

    def _setup(self, text: Any, style: ParagraphStyle, bulletText: Any, frags: Any,
               cleaner: Any) -> None:
        # Short texts repeat on every commitment (labels, sides, "Not assessed", standings):
        # their markup is parsed once. Parsed fragments are only read afterwards (reportlab's
        # own split shares them between the parts of a paragraph).
        if frags is not None or not isinstance(text, str) or bulletText is not None:
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        short = len(text) <= SHORT_TEXT
        key = (text, style, bulletText)
        parsed = _PARSED.get(key) if short else None
        if parsed is not None:
            self.text, self.frags, self.style, self.bulletText = parsed
            self.debug = 0
            self._shared = key  # parsed as every paragraph of this text: laid out alike too
            return
        if not self._set_plain(text, style, cleaner):
            super()._setup(text, style, bulletText, frags, cleaner)
        if short:
            _PARSED[key] = (self.text, self.frags, self.style, self.bulletText)
            self._shared = key

    def _set_plain(self, text: str, style: ParagraphStyle, cleaner: Any) -> bool:
        """Text without markup (most of it: quotes, notes, titles) gets the parser's fragments
        without the parser; False when it has markup."""
        cleaned = cleaner(text)
        plain = plain_frags(cleaned, style)
        if plain is None:
            return False
        textTransformFrags(plain, style)
        self.text, self.frags, self.style, self.bulletText = cleaned, plain, style, None
        self.debug = 0
        return True

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        memo = self.__dict__.get("_memo")
        if memo is not None and memo[0] == availWidth:
            _, self.width, self.height, self.blPara, self._wrapWidths, self.frags = memo
            return self.width, self.height
        shared = self.__dict__.get("_shared")
        if shared is not None:
            memo = _WRAPPED.get((shared, availWidth))
            if memo is not None:
                self._memo = memo
                _, self.width, self.height, self.blPara, self._wrapWidths, self.frags = memo
                return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if "blPara" in self.__dict__:  # not set when the width was too small to wrap at all
            # the frags too: breaking lines may replace them with the words it found
            self._memo = (availWidth, width, height, self.blPara, self._wrapWidths, self.frags)
            if shared is not None:
                _WRAPPED[(shared, availWidth)] = self._memo
        return width, height


def _skip_draw(*_args: Any, **_kwargs: Any) -> None:
    """Stands in for ``drawOn`` while a layout-only pass places a flowable."""


class PacketFrame(Frame):
    """A Frame that, while ``layout_only`` is set, places flowables without drawing them."""

    layout_only = False

    def __deepcopy__(self, memo: dict[int, Any]) -> PacketFrame:
        # KeepTogether deep-copies the frame on every wrap; only its lists need copying.
        twin = copy.copy(self)
        for name, value in self.__dict__.items():
            if isinstance(value, list):
                twin.__dict__[name] = copy.deepcopy(value, memo)
        return twin

    def add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
        if not self.layout_only:
            return self._add(flowable, canv, trySplit)
        # An instance attribute shadows the method (set through __dict__: Drawing validates
        # its attributes).
        flowable.__dict__["drawOn"] = _skip_draw
        try:
            return self._add(flowable, canv, trySplit)
        finally:
            del flowable.__dict__["drawOn"]


class Contents(TableOfContents):
    """The table of contents, keeping one paragraph per entry between wraps.

    reportlab's rebuilds and re-parses every entry on each of its half-dozen wraps per pass.
    Same table, same callback and labels, so the output is unchanged.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._paras: dict[Entry, Para] = {}
        # In a one-pass build each page number is a form XObject named here and drawn once
        # the pass has found the real page (``define_page_numbers``).
        self.deferred: dict[str, tuple[ParagraphStyle, str, float, str]] | None = None

    def beforeBuild(self) -> None:
        super().beforeBuild()
        keep = set(self._lastEntries)  # the entries this pass draws; older ones are garbage
        self._paras = {e: p for e, p in self._paras.items() if e in keep}

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        entries = self._lastEntries or [(0, "Placeholder for table of contents", 0, None)]
        self.canv.setNamedCB("drawTOCEntryEnd", partial(self._entry_end, availWidth, availHeight))
        rows: list[list[Flowable]] = []
        for entry in entries:
            style = self.getLevelStyle(entry[0])
            if style.spaceBefore:
                rows.append([Spacer(1, style.spaceBefore)])
            rows.append([self._para(entry, style)])
        # a page at a time: thousands of sectors make a contents of dozens of pages
        self._table = PagedTable(None, rows, (availWidth,), self._style)
        self.width, self.height = self._table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height

    def _style(self, first: int, count: int) -> TableStyle:
        return self.tableStyle  # the same for every row

    def _para(self, entry: Entry, style: ParagraphStyle) -> Para:
        para = self._paras.get(entry)
        if para is None:
            level, text, page, key = entry
            key_val = None
            if key:
                text = f'<a href="#{key}">{text}</a>'
                key_val = repr(key).replace(",", "\\x2c").replace('"', "\\x2c")
            label = f"{page},{level},{key_val}"
            para = self._paras[entry] = Para(
                f'{text}<onDraw name="drawTOCEntryEnd" label="{label}"/>', style)
        return para

    def _entry_end(self, width: float, height: float, canvas: Canvas, kind: str,
                   label: str) -> None:
        """Dots and page number after an entry (reportlab's own callback, unchanged)."""
        page, level, key = label.split(",")
        style = self.getLevelStyle(int(level))
        dot = " . " if 0 <= self.dotsMinLevel <= int(level) else ""
        if self.deferred is not None:
            self._deferred_end(canvas, style, page, ast.literal_eval(key), width, dot)
            return
        number: Any = self.formatter(int(page)) if self.formatter else int(page)
        drawPageNumbers(canvas, style, [(number, ast.literal_eval(key))], width, height, dot)


    def _deferred_end(self, canvas: Canvas, style: ParagraphStyle, guess: str, key: str,
                      width: float, dot: str) -> None:
        """A form where ``drawPageNumbers`` would draw the dots and the number: both are
        drawn into it at the end, when the page is known."""
        x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
        name = form_name("toc", key)
        assert self.deferred is not None
        self.deferred[name] = (style, key, width - x, dot)
        canvas.saveState()
        canvas.translate(x, y)
        canvas.doForm(name)
        canvas.restoreState()
        number_width = stringWidth(guess, style.fontName, style.fontSize)
        canvas.linkRect("", key, (width - number_width, y, width, y + style.leading),
                        relative=1)

    def define_page_numbers(self, canvas: Canvas) -> None:
        """Draw the forms the contents refers to, now that this pass knows every page (the
        same dots and number ``drawPageNumbers`` draws, in the form's own coordinates)."""
        pages = {key: page for _, _, page, key in self._entries if key}
        for name, (style, key, free, dot) in (self.deferred or {}).items():
            number = str(pages[key])
            size = style.fontSize
            number_width = stringWidth(number, style.fontName, size)
            while number_width > free and size >= 1.0:
                size *= 0.9
                number_width = stringWidth(number, style.fontName, size)
            dot_width = stringWidth(dot, style.fontName, size) if dot else 0
            count = int((free - number_width) / dot_width) if dot else 0
            canvas.beginForm(name, lowerx=-1, lowery=-size, upperx=free + 1,
                             uppery=2 * size)
            text = canvas.beginText(free - count * dot_width - number_width, 0)
            text.setFont(style.fontName, size)
            text.setFillColor(style.textColor)
            text.textLine(count * dot + number)
            canvas.drawText(text)
            canvas.endForm()


def form_name(kind: str, key: object) -> str:
    """A form XObject's name: PDF names take no spaces or delimiters."""
    return kind + re.sub(r"[^A-Za-z0-9]", "_", str(key))


@lru_cache(maxsize=64)
def _right_aligned(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)


def plain_text(bl: Any) -> str:
    if bl.kind == 0:
        return " ".join(" ".join(words) for _, words in bl.lines)
    return "".join(f.text for line in bl.lines for f in line.words if hasattr(f, "text"))


def in_visual_order(bl: Any, base: int) -> Any:
    """A copy of a paragraph's broken lines with each line's characters in visual order."""
    twin = copy.copy(bl)
    if bl.kind == 0:
        twin.lines = [(extra, visual(" ".join(words), base)[0].split(" "))
                      for extra, words in bl.lines]
        return twin
    twin.lines = [_frag_line(line, base) for line in bl.lines]
    return twin


def _frag_line(line: Any, base: int) -> Any:
    frags = line.words
    if any(not hasattr(f, "text") or hasattr(f, "cbDefn") for f in frags):
        return line  # images or callbacks on the line: leave it as laid out
    owner = [n for n, f in enumerate(frags) for _ in f.text]
    text = "".join(f.text for f in frags)
    if not has_rtl(text):
        return line
    shown, order = visual(text, base)
    words: list[Any] = []
    for n, ch in enumerate(shown):  # regroup the characters by the fragment they came from
        source = frags[owner[order[n]]]
        if words and words[-1][0] is source:
            words[-1][1].append(ch)
        else:
            words.append((source, [ch]))
    twin = copy.copy(line)
    twin.words = [f.clone(text="".join(chars)) for f, chars in words]
    return twin
