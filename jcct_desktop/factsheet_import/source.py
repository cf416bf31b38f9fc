"""Read a fact sheet (plain text, a saved HTML page, or a PDF's text layer) into blocks.

Every block is a span of one text, ``SourceText.text``: the drafts quote that text by offsets,
and the drafts file carries it so ``--apply`` can check that each draft is still a span of it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from enum import StrEnum
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from jcct_desktop.factsheet_import.pdf_gaps import line_positions, with_section_gaps
from jcct_desktop.factsheet_import.reflow import BULLET_START, join_pages, reflow

MAX_BYTES = 20 * 1024 * 1024
# Bullet signs as they come out of pages and PDF text layers (Symbol-font bullets extract as
# U+F0B7 or U+007F).
BULLETS = "•●▪◦·*-–\uf0b7\x7f"


class ImportError_(ValueError):
    """The file cannot be imported; the message is one line for the officer."""


class BlockKind(StrEnum):
    LINE = "line"  # a paragraph or line without a bullet
    BULLET = "bullet"


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    start: int  # offsets into SourceText.text, bullet sign excluded
    end: int
    italic: bool = False  # HTML only: the fact sheet sets its industry facts in italics
    gap_before: int = 0  # blank lines before it: a wide gap starts a new section
    heading: bool = False  # HTML <h1>..<h6>: a heading for certain, nothing inferred


@dataclass(frozen=True, slots=True)
class SourceText:
    name: str
    form: str  # "text", "html" or "pdf"
    text: str
    blocks: tuple[Block, ...]
    has_italics: bool  # False for plain text and PDF: facts are then told apart by wording

    def span(self, block: Block) -> str:
        return self.text[block.start : block.end]


def read_source(path: Path) -> SourceText:
    data = _read_bytes(path)
    if data[:5] == b"%PDF-":
        return _from_pdf(path, data)
    text = _decode(path, data)
    if path.suffix.lower() in (".html", ".htm") or re.search(r"<(html|body|p|ul)\b", text, re.I):
        return _from_html(path.name, text)
    return _from_text(path.name, text, "text")


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise ImportError_(f"{path}: not a file")
    if path.stat().st_size > MAX_BYTES:
        raise ImportError_(f"{path}: larger than {MAX_BYTES // 2**20} MB, not a fact sheet")
    data = path.read_bytes()
    if not data.strip():
        raise ImportError_(f"{path}: the file is empty")
    return data


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ImportError_(f"{path}: a binary file, not text, HTML or PDF")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportError_(f"{path}: not UTF-8 text (save the page or text as UTF-8)") from None


_BULLET_LINE = BULLET_START  # any common glyph, Word's "o", or a list number ("1.", "a)")


def _from_text(name: str, text: str, form: str) -> SourceText:
    """One block per paragraph (wrapped lines joined first: ``reflow``); a paragraph starting
    with a bullet sign or list number is a bullet."""
    text = reflow(text, by_indent=form == "pdf")
    blocks: list[Block] = []
    pos, blank = 0, 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if not body.strip():
            blank += 1
        else:
            m = _BULLET_LINE.match(body)
            kind = BlockKind.BULLET if m else BlockKind.LINE
            lead = m.end() if m else len(body) - len(body.lstrip())
            end = len(body.rstrip())
            blocks.append(Block(kind, pos + lead, pos + end, gap_before=blank))
            blank = 0
        pos += len(line)
    return SourceText(name, form, text, tuple(blocks), has_italics=False)


_ITALIC_STYLE = re.compile(r"font-style\s*:\s*(?:italic|oblique)", re.I)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "col", "area", "base", "wbr"})


class _Html(HTMLParser):
    """Text of block elements, one per line; a <li> is a bullet; <i>/<em> runs, and text set
    in italics by CSS (a style attribute or a class), mark facts."""

    BLOCK: ClassVar[frozenset[str]] = frozenset(
        {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "br", "tr", "title"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.blocks: list[Block] = []
        self._buf: list[str] = []
        self._italic_chars = 0
        self._italic = 0
        self._skip = 0
        self._in_li = False
        self._heading = False
        self._pos = 0
        self._gap = 0  # empty paragraphs (&nbsp;) and rules before the next block
        # CSS italics read like <i>: classes a <style> sets in italics, and the tags opened
        # italic by their style or class (closed by their end tag)
        self._in_style = False
        self._italic_classes: set[str] = set()
        self._styled: list[str] = []

    def _css_italic(self, attrs: list[tuple[str, str | None]]) -> bool:
        found = dict(attrs)
        if _ITALIC_STYLE.search(found.get("style") or ""):
            return True
        return bool(set((found.get("class") or "").split()) & self._italic_classes)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID and tag not in ("i", "em") and self._css_italic(attrs):
            self._styled.append(tag)
            self._italic += 1
        if tag in ("script", "style", "head"):
            self._skip += 1
            self._in_style = self._in_style or tag == "style"
        elif tag in ("i", "em"):
            self._italic += 1
        elif tag == "hr":
            self._flush()
            self._gap += 2
        elif tag in self.BLOCK:
            self._flush()
            self._in_li = tag == "li"
            self._heading = tag[0] == "h" and tag[1:].isdigit()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._skip = max(0, self._skip - 1)
            self._in_style = self._in_style and tag != "style"
        elif tag in ("i", "em"):
            self._italic = max(0, self._italic - 1)
        elif tag in self.BLOCK:
            if not "".join(self._buf).strip() and tag in ("p", "div"):
                self._gap += 1  # the page's blank paragraph between sections
            self._flush()
        if tag in self._styled:  # lenient: a tag left open inside it closes with it
            while self._styled:
                self._italic = max(0, self._italic - 1)
                if self._styled.pop() == tag:
                    break

    def handle_data(self, data: str) -> None:
        if self._in_style:
            for selector, body in _CSS_RULE.findall(data):
                if _ITALIC_STYLE.search(body):
                    self._italic_classes |= set(re.findall(r"\.([\w-]+)", selector))
        if self._skip:
            return
        self._buf.append(data)
        if self._italic:
            self._italic_chars += len(data.strip())

    def _flush(self) -> None:
        raw = " ".join("".join(self._buf).split())
        italic = bool(raw) and self._italic_chars >= 0.8 * len(raw.replace(" ", ""))
        self._buf, self._italic_chars = [], 0
        if not raw:
            return
        kind = BlockKind.BULLET if self._in_li else BlockKind.LINE
        self.blocks.append(
            Block(kind, self._pos, self._pos + len(raw), italic=italic, gap_before=self._gap,
                  heading=self._heading)
        )  # fmt: skip
        self._gap = 0
        self.parts.append(raw + "\n")
        self._pos += len(raw) + 1

    def close(self) -> None:
        super().close()
        self._flush()


def _from_html(name: str, page: str) -> SourceText:
    parser = _Html()
    parser.feed(page)
    parser.close()
    text = "".join(parser.parts)
    has_italics = any(b.italic for b in parser.blocks)
    return SourceText(name, "html", text, tuple(parser.blocks), has_italics)


def _from_pdf(path: Path, data: bytes) -> SourceText:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ModuleNotFoundError:  # pragma: no cover - pypdf is a dependency
        raise ImportError_("reading PDF needs the pypdf package") from None
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # its warnings would make a second line; the error says it
    try:
        reader = PdfReader(path)
        # a form feed between pages: reflow joins a paragraph across it, dropping furniture
        # layout mode keeps what plain extraction loses: the blank line between paragraphs
        # and each line's indent (a bullet's continuation lines sit right of its bullet)
        layout = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
        # sections set apart by vertical space alone: two blank lines, as in a text
        text = join_pages(with_section_gaps(layout, [line_positions(p) for p in reader.pages]))
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ImportError_(f"{path}: not a readable PDF ({exc})") from None
    finally:
        quiet.setLevel(level)
    if not text.strip():
        raise ImportError_(f"{path}: the PDF has no text layer (scanned?); nothing to import")
    return _from_text(path.name, text, "pdf")
