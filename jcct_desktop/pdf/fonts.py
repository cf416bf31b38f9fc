"""Register the bundled TrueType fonts once, and know which characters each one can draw.

Roles (serif body, italic, bold, condensed sans, condensed sans bold) map to DejaVu; CJK runs
switch to WenQuanYi Micro Hei. Every font is embedded as a subset. If the DejaVu files are
missing, every role falls back to WenQuanYi, which has Latin glyphs too.

The two fallback fonts are parsed only when a character first needs one: parsing WenQuanYi
(5 MB, 30,000 glyphs) took a tenth of a second of every packet, most of which print no Chinese.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError

from jcct_desktop.core import resources
from jcct_desktop.pdf.held_interrupts import interrupts_held
from jcct_desktop.pdf.subset_font import SubsetFont

CJK = "JCCT-CJK"
WIDE = "JCCT-Sans"  # DejaVu Sans: Arabic, Hebrew, Greek, Cyrillic, symbols
_FILES = {
    "JCCT-Serif": "DejaVuSerif.ttf",
    "JCCT-Serif-Italic": "DejaVuSerif-Italic.ttf",
    "JCCT-Serif-Bold": "DejaVuSerif-Bold.ttf",
    "JCCT-Cond": "DejaVuSansCondensed.ttf",
    "JCCT-Cond-Bold": "DejaVuSansCondensed-Bold.ttf",
}
_FALLBACK_FILES = {WIDE: "DejaVuSans.ttf", CJK: "wqy-microhei.ttc"}  # in the order tried
_lock = threading.RLock()  # the UI may build a packet on a worker while another starts


@dataclass(frozen=True)
class Fonts:
    serif: str
    italic: str
    bold: str
    sans: str
    sans_bold: str

    @property
    def fallbacks(self) -> tuple[str, ...]:
        """Fonts tried, in order, for a character the style's own font cannot draw (each is
        registered by ``coverage`` when first asked about)."""
        return _fallbacks()


@cache
def _fallbacks() -> tuple[str, ...]:
    return tuple(n for n, file in _FALLBACK_FILES.items() if resources.font(file).is_file())


def _register(name: str, path: str, **options: int) -> None:
    try:
        with interrupts_held():  # reportlab's bare excepts would swallow Ctrl+C
            font = SubsetFont(name, path, **options)
    except TTFError as exc:
        # reportlab reads the file under a bare ``except:``: Ctrl+C pressed meanwhile comes
        # out as "corrupt font"; it is the interrupt the command line answers with exit 130
        if isinstance(exc.__context__, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        raise
    pdfmetrics.registerFont(font)


@cache
def _registered() -> frozenset[str]:
    """The role fonts; WenQuanYi too when a DejaVu file is missing (it stands in for it)."""
    names = set()
    for name, file in _FILES.items():
        path = resources.font(file)
        if path.is_file():
            _register(name, str(path))
            names.add(name)
    if len(names) < len(_FILES):
        ensure(CJK)
        names.add(CJK)
    return frozenset(names)


@cache
def ensure(name: str) -> str:
    """Register a fallback font on first use; returns its name."""
    with _lock:
        file = resources.font(_FALLBACK_FILES[name])
        _register(name, str(file), subfontIndex=0)
    return name


def register() -> Fonts:
    with _lock:
        names = _registered()

    def pick(name: str) -> str:
        return name if name in names else CJK

    fonts = Fonts(pick("JCCT-Serif"), pick("JCCT-Serif-Italic"), pick("JCCT-Serif-Bold"),
                  pick("JCCT-Cond"), pick("JCCT-Cond-Bold"))
    for family in {fonts.serif, fonts.sans}:
        bold = fonts.bold if family == fonts.serif else fonts.sans_bold
        italic = fonts.italic if family == fonts.serif else family
        pdfmetrics.registerFontFamily(family, normal=family, bold=bold, italic=italic,
                                      boldItalic=bold)
    return fonts


@cache
def coverage(font_name: str) -> frozenset[int]:
    """Code points the font has a glyph for."""
    if font_name in _FALLBACK_FILES:
        ensure(font_name)
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


@cache
def covered_chars(font_name: str) -> frozenset[str]:
    """The characters the font draws without help (below U+10000, which reportlab mangles)."""
    return frozenset(chr(c) for c in coverage(font_name) if c <= 0xFFFF)
