"""Arabic letters joined the way a reader expects, without a shaping engine.

reportlab draws each character with its own glyph, so Arabic comes out as isolated letters.
Every basic Arabic letter has contextual forms in Unicode's Arabic Presentation Forms-B
(isolated, final, initial, medial), which DejaVu Sans holds: choosing them here, in logical
order and before line breaking (so widths are the real ones), joins the letters. The bidi
module then puts the runs in visual order when the line is drawn.
"""

from __future__ import annotations

import re

# (letters, joining type): U = never joins, R = joins to the previous letter only, D = both
_LETTERS = [("ء", "U"), ("آأؤإ", "R"), ("ئ", "D"), ("ا", "R"), ("ب", "D"), ("ة", "R"),
            ("تثجحخ", "D"), ("دذرز", "R"), ("سشصضطظعغ", "D"), ("فقكلمنه", "D"), ("وى", "R"),
            ("ي", "D")]
_FORMS: dict[str, tuple[str, ...]] = {}  # letter → isolated, final[, initial, medial]
_JOIN: dict[str, str] = {"\u0640": "D"}  # tatweel joins both ways and has no forms
_code = 0xFE80
for _letters, _kind in _LETTERS:
    for _letter in _letters:
        count = {"U": 1, "R": 2, "D": 4}[_kind]
        _FORMS[_letter] = tuple(chr(_code + k) for k in range(count))
        _JOIN[_letter] = _kind
        _code += count
# lam + alef: one ligature (isolated, final) for each alef
_LAM_ALEF = {"آ": "\uFEF5\uFEF6", "أ": "\uFEF7\uFEF8", "إ": "\uFEF9\uFEFA", "ا": "\uFEFB\uFEFC"}
_MARKS = re.compile("[\u064B-\u065F\u0670]")  # harakat: transparent to joining
ARABIC = re.compile("[\u0621-\u064A]")


def _joins_back(letter: str | None) -> bool:
    return letter is not None and _JOIN.get(letter) == "D"


def shape(text: str) -> str:
    """``text`` with each Arabic letter in its contextual presentation form (logical order)."""
    if not ARABIC.search(text):
        return text
    letters = [(i, ch) for i, ch in enumerate(text) if not _MARKS.fullmatch(ch)]
    out = list(text)
    for n, (i, ch) in enumerate(letters):
        forms = _FORMS.get(ch)
        if forms is None:
            continue
        before = letters[n - 1][1] if n and letters[n - 1][0] == _prev_index(text, i) else None
        after = (letters[n + 1][1] if n + 1 < len(letters)
                 and letters[n + 1][0] == _next_index(text, i) else None)
        back = _joins_back(before) and _JOIN[ch] in "RD"
        if ch == "ل" and after in _LAM_ALEF:
            out[i] = _LAM_ALEF[after][1 if back else 0]
            out[letters[n + 1][0]] = ""
            continue
        if out[i] == "":  # the alef of a lam-alef
            continue
        ahead = _JOIN[ch] == "D" and after is not None and _JOIN.get(after) in ("R", "D")
        if len(forms) == 4 and back and ahead:
            out[i] = forms[3]
        elif len(forms) == 4 and ahead:
            out[i] = forms[2]
        elif back:
            out[i] = forms[1]
        else:
            out[i] = forms[0]
    return "".join(out)


def _prev_index(text: str, i: int) -> int:
    """The previous character that is not a mark (marks do not break a join)."""
    i -= 1
    while i >= 0 and _MARKS.fullmatch(text[i]):
        i -= 1
    return i


def _next_index(text: str, i: int) -> int:
    i += 1
    while i < len(text) and _MARKS.fullmatch(text[i]):
        i += 1
    return i
