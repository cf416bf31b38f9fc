"""Right-to-left text in visual order: the Unicode bidi algorithm, implicit levels only.

reportlab lays a line out left to right in logical order; its own bidi support needs
``rlbidi`` (not available here) and is switched off for paragraphs of several fonts, which
ours are. So a line is reordered just before it is drawn (``flow.Para``): character types
from ``unicodedata.bidirectional``, weak and neutral types resolved (rules W1–W7, N1–N2),
levels (I1–I2), trailing spaces at the paragraph's level (L1), runs reversed from the
highest level down (L2), brackets mirrored in right-to-left runs (L4). Explicit embeddings and
isolates (rare in typed notes) count as neutrals.
"""

from __future__ import annotations

import re
import unicodedata

RTL = re.compile("[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]")
_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_STRONG = {"L": "L", "R": "R", "AL": "R"}
_NEUTRAL = {"B", "S", "WS", "ON", "BN", "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI",
            "FSI", "PDI"}


def has_rtl(text: str) -> bool:
    return RTL.search(text) is not None


def base_level(text: str) -> int:
    """0 (left to right) or 1, from the first strong character (rules P2–P3)."""
    for ch in text:
        kind = _STRONG.get(unicodedata.bidirectional(ch))
        if kind:
            return 0 if kind == "L" else 1
    return 0


def levels(text: str, base: int) -> list[int]:
    types = [unicodedata.bidirectional(ch) or "L" for ch in text]
    sos = "R" if base else "L"
    prev = sos
    for i, t in enumerate(types):  # W1: a mark takes the type before it
        if t == "NSM":
            types[i] = prev
        prev = types[i]
    strong = sos
    for i, t in enumerate(types):  # W2, W3
        if t in ("L", "R", "AL"):
            strong = t
        if t == "EN" and strong == "AL":
            types[i] = "AN"
        if t == "AL":
            types[i] = "R"
    for i in range(1, len(types) - 1):  # W4
        a, t, b = types[i - 1], types[i], types[i + 1]
        if (t == "ES" and a == b == "EN") or (t == "CS" and a == b and a in ("EN", "AN")):
            types[i] = a
    _w5(types)
    types = ["ON" if t in ("ES", "ET", "CS") else t for t in types]  # W6
    strong = sos
    for i, t in enumerate(types):  # W7
        if t in ("L", "R"):
            strong = t
        elif t == "EN" and strong == "L":
            types[i] = "L"
    _neutrals(types, sos)
    out = []
    for t in types:  # I1, I2
        if base % 2 == 0:
            out.append(base + (1 if t == "R" else 2 if t in ("AN", "EN") else 0))
        else:
            out.append(base + (1 if t in ("L", "AN", "EN") else 0))
    return out


def _w5(types: list[str]) -> None:
    """A sequence of ET next to a European number becomes EN ("$100", "50%")."""
    i = 0
    while i < len(types):
        if types[i] != "ET":
            i += 1
            continue
        j = i
        while j < len(types) and types[j] == "ET":
            j += 1
        if (i and types[i - 1] == "EN") or (j < len(types) and types[j] == "EN"):
            types[i:j] = ["EN"] * (j - i)
        i = j


def _neutrals(types: list[str], sos: str) -> None:
    """N1–N2: neutrals between two of the same direction take it; else the embedding's."""
    def direction(t: str) -> str:
        return "R" if t in ("R", "AN", "EN") else t

    i = 0
    while i < len(types):
        if types[i] not in _NEUTRAL:
            i += 1
            continue
        j = i
        while j < len(types) and types[j] in _NEUTRAL:
            j += 1
        before = direction(types[i - 1]) if i else sos
        after = direction(types[j]) if j < len(types) else sos
        types[i:j] = [before if before == after else sos] * (j - i)
        i = j


def visual(text: str, base: int) -> tuple[str, list[int]]:
    """``text`` (one line) in visual order, and for each visual position its logical index."""
    lv = levels(text, base)
    end = len(text)
    while end and text[end - 1] in " \t":  # L1: trailing spaces at the paragraph's level
        end -= 1
        lv[end] = base
    order = list(range(len(text)))
    top = max(lv, default=0)
    lowest_odd = min((v for v in lv if v % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):  # L2
        i = 0
        while i < len(order):
            if lv[order[i]] >= level:
                j = i
                while j < len(order) and lv[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    chars = [text[k] for k in order]
    for n, k in enumerate(order):  # L4: brackets in right-to-left runs face the other way
        if lv[k] % 2 and chars[n] in _MIRROR:
            chars[n] = _MIRROR[chars[n]]
    return "".join(chars), order
