"""Every piece of source or user text goes through here before it reaches Paragraph markup.

reportlab parses Paragraph text as XML-ish markup: an unescaped ``&`` silently changes the text
and a stray ``<`` raises. So text is cleaned (control characters removed), escaped, and only then
given our own markup: ``<br/>`` for line breaks, and ``<font face=...>`` around runs the style's
font cannot draw (Chinese → WenQuanYi, Arabic/Hebrew → DejaVu Sans). A character no bundled font
has (emoji) prints as its code point, never as an invisible blank.

Very long words and URLs wrap because every style keeps reportlab's ``splitLongWords``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from xml.sax.saxutils import escape

from jcct_desktop.pdf.arabic import shape
from jcct_desktop.pdf.fonts import coverage, covered_chars, register

# C0/C1 controls (but not \t \n), unpaired surrogates and non-characters: not valid in markup
_CONTROL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def clean(text: str) -> str:
    """Text with line breaks normalized to ``\\n`` and characters markup cannot carry removed."""
    text = _NEWLINES.sub("\n", str(text))
    return _CONTROL.sub("", text.replace("\t", "    "))


def plain(text: str) -> str:
    """One line of clean text, for outline entries and document metadata."""
    return " ".join(clean(text).split())


@lru_cache(maxsize=4096)  # labels, states, sides and dates repeat on every commitment
def markup(text: str, font: str, *, breaks: bool = True) -> str:
    """Paragraph markup that prints ``text`` literally in ``font`` (with fallbacks).

    With ``breaks`` the text's line breaks become ``<br/>``; otherwise they become spaces.
    """
    text = shape(clean(text))  # Arabic letters joined; the order is set when drawn
    lines = text.split("\n") if breaks else [" ".join(text.split())]
    return "<br/>".join(_runs(line, font) for line in lines)


def _runs(line: str, font: str) -> str:
    if line.isascii() or covered_chars(font).issuperset(line):  # the common case, in C
        return escape(line)
    out: list[str] = []
    face: str | None = None
    run: list[str] = []
    for ch in line:
        want = face if ch.isspace() else _face_for(ch, font)
        if want != face and run:
            out.append(_wrap("".join(run), face))
            run = []
        face = want
        run.append(ch)
    if run:
        out.append(_wrap("".join(run), face))
    return "".join(out)


def _face_for(ch: str, font: str) -> str | None:
    """None: the style's own font; "?": no bundled font; otherwise the fallback's name."""
    code = ord(ch)
    if code > 0xFFFF:  # reportlab writes a broken ToUnicode entry for these: the text is lost
        return "?"
    if code in coverage(font):
        return None
    for name in register().fallbacks:
        if code in coverage(name):
            return name
    return "?"


def _wrap(run: str, face: str | None) -> str:
    if face is None:
        return escape(run)
    if face == "?":
        # a space after the character joins its run (spaces keep the face before them): it
        # stays a space after the placeholder, not lost inside it
        shown = run.rstrip()
        codes = " ".join(f"U+{ord(ch):04X}" for ch in shown if not ch.isspace())
        return (f'<font face="{register().sans}" color="#777777">[{codes}]</font>'
                + escape(run[len(shown):]))
    return f'<font face="{face}">{escape(run)}</font>'
