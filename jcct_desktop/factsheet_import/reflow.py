"""Wrapped text back into paragraphs before it is segmented (issue 21).

A fact sheet hard-wrapped at 60–100 columns (``fold -s -w 76``), a PDF's text layer or a word
processor's plain-text export breaks every paragraph into lines; read line by line, each draft
was the first line of a promise and the continuation lines became "sectors" and "facts". Here
lines are joined into one line per paragraph, page furniture (page numbers, running headers and
footers, form feeds) is dropped and hyphenated breaks are mended. A text with nothing to join
(one paragraph per line, as our own source) comes back unchanged.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

# A bullet or list number opening a line: always a new paragraph. "o" is Word's plain-text
# bullet, kept only before a capital or an opening quote so a line starting "o" is not one.
BULLET_START = re.compile(
    r"^[ \t]*(?:[•●▪◦·*\-–\uf0b7\x7f]|o(?=[ \t]+[A-Z“\"(])|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]+"
)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?(?:\s*[-–—])?\s*$", re.I
)
_SENTENCE_END = re.compile(r"[.!?:;”\"’)]$")
_RUNNING_MIN = 3  # a short line seen this often, identically, is a running header or footer


def _width(lines: list[str]) -> int:
    """The wrap width: what most long lines come up to (the 90th percentile of lengths)."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _furniture(lines: list[str]) -> tuple[set[int], set[int]]:
    """Indexes of page numbers and running headers or footers to drop, and of the first of
    each running line, kept as a paragraph of its own (it often repeats the title)."""
    drop = {i for i, line in enumerate(lines) if _PAGE_NUMBER.match(line) and line.strip()}
    seen = Counter(" ".join(line.split()) for line in lines if line.strip())
    first: dict[str, int] = {}
    for i, line in enumerate(lines):
        key = " ".join(line.split())
        if not key or len(key) > 100 or seen[key] < _RUNNING_MIN or BULLET_START.match(line):
            continue
        if key in first:
            drop.add(i)
        else:
            first[key] = i
    return drop, set(first.values())


def _blank_separated(lines: list[str], width: int) -> bool:
    """Paragraphs end with a blank line (then any two adjacent text lines are one
    paragraph), rather than follow each other directly as in a PDF's text layer."""
    ends = followed = 0
    for line, after in itertools.pairwise(lines):
        if line.strip() and len(line.rstrip()) < 0.7 * width:
            ends += 1
            if after.strip() and not BULLET_START.match(after):
                followed += 1
    return ends == 0 or followed <= 0.2 * ends


def _continues(previous: str, line: str, width: int, by_blank_lines: bool,
               by_indent: bool = False) -> bool:
    if BULLET_START.match(line):
        # a dash after an unfinished sentence is the sentence's dash, broken onto this line
        # ("three additional provinces" / "– Henan, Jiangxi and Guizhou")
        dash = line.lstrip()[:1] in "-–—"
        if not dash or _SENTENCE_END.search(previous.rstrip()):
            return False
    if by_indent and _indent(line) + 2 <= _text_indent(previous):
        return False  # left of the text before it: a new paragraph after a bullet's text
    if by_blank_lines:
        return True
    text = line.strip()
    if (_SENTENCE_END.search(previous.rstrip()) and text[:1].isupper()
            and not _SENTENCE_END.search(text) and len(text) < 0.7 * width):
        return False  # a heading after a finished sentence ("Smart Grid")
    # Greedy wrapping broke the line because the next word did not fit (a little slack for
    # proportional fonts and byte-counting fold); a short line ended its paragraph.
    first_word = len(line.split()[0]) if line.split() else 0
    fits = len(previous.rstrip()) + 1 + first_word > width - max(2, width // 10)
    unfinished = not _SENTENCE_END.search(previous.rstrip())
    return fits or (unfinished and line.lstrip()[:1].islower())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _hanging(lines: list[str]) -> bool:
    """Do bullets' continuation lines sit right of the bullet, under its words (a hanging
    indent)? Only then is a line further left a new paragraph."""
    hanging = total = 0
    for line, after in itertools.pairwise(lines):
        if BULLET_START.match(line) and after.strip() and not BULLET_START.match(after):
            total += 1
            hanging += _indent(after) + 2 > _text_indent(line)
    return total > 0 and hanging > total / 2


def _text_indent(line: str) -> int:
    """Where the line's words start: after its bullet, if it opens with one."""
    m = BULLET_START.match(line)
    return m.end() if m else _indent(line)


def _join(previous: str, line: str, words: set[str]) -> str:
    head, tail = previous.rstrip(), line.strip()
    m = re.search(r"(\w+)-$", head)
    if m and tail[:1].islower():
        whole = m.group(1) + re.match(r"\w*", tail).group(0)  # type: ignore[union-attr]
        # "legaliza-" + "tion": a word broken for the line; "state-" + "owned" keeps its hyphen
        return (head[:-1] if whole.casefold() in words else head) + tail
    return f"{head} {tail}"


def reflow(text: str, by_indent: bool = False) -> str:
    """One line per paragraph; blank lines between paragraphs kept; furniture dropped.

    ``by_indent``: lines keep their place on the page (a PDF's text layer in layout mode),
    so a line left of the words of the line before starts a new paragraph; a wrapped text
    file's continuation lines start at its margin, so there it means nothing."""
    # a page break is no paragraph break: the blank lines around a form feed go with it
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    raw = re.sub(r"[ \t]*\n*\f\n*", "\n", unified).split("\n")
    drop, alone = _furniture(raw)
    lines = [line for i, line in enumerate(raw) if i not in drop]
    alone_lines = {raw[i] for i in alone}
    width = _width(lines)
    if width == 0:
        return text
    by_blank_lines = _blank_separated(lines, width)
    by_indent = by_indent and _hanging(lines)
    words = {w.casefold() for w in re.findall(r"\w+", text)}
    out: list[str] = []
    joinable = False  # the last line out is text a following line may continue
    last = ""  # the physical line before: its length says whether it was wrapped
    for line in lines:
        if not line.strip():
            out.append("")
            joinable = False
        elif line in alone_lines:
            out.append(line.rstrip())
            joinable = False
        elif joinable and _continues(last, line, width, by_blank_lines, by_indent):
            out[-1] = _join(out[-1], line, words)
        else:
            out.append(line.rstrip())
            joinable = True
        last = line
    flowed = "\n".join(out)
    same = flowed == "\n".join(line.rstrip() for line in unified.split("\n"))
    return text if same else flowed + "\n"


def join_pages(pages: list[str]) -> str:
    """A PDF's pages as one text, each page's running header and footer (the same first or
    last line on three pages or more, kept once on the first page) and page numbers dropped
    with the blank lines around them, so a paragraph runs on across the page break."""
    split = [_trimmed(page.split("\n")) for page in pages]

    def edge_counts(edge: int) -> Counter[str]:
        return Counter(" ".join(lines[edge].split()) for lines in split if lines)

    firsts, lasts = edge_counts(0), edge_counts(-1)
    out: list[str] = []
    for n, lines in enumerate(split):
        while lines and (_PAGE_NUMBER.match(lines[0])
                         or (n > 0 and firsts[" ".join(lines[0].split())] >= _RUNNING_MIN)):
            lines = _trimmed(lines[1:])
        while lines and (_PAGE_NUMBER.match(lines[-1])
                         or lasts[" ".join(lines[-1].split())] >= _RUNNING_MIN):
            lines = _trimmed(lines[:-1])
        out.append("\n".join(lines))
    return "\n".join(page for page in out if page)


def _trimmed(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]
