"""The figures an industry fact states, read from its words (issue 21): money, percentages,
counts with their unit ("1,200 companies", "6.8 million tons", "more than 300 flights a week"),
ranges ("$30,000-35,000"), ranks ("the third largest market") and multipliers ("doubled",
"three-fold"), each with the year it refers to when the sentence says it.

Every figure quotes its words verbatim (``text``, a span of the fact). What is guessed is
flagged quoting the words: a unit taken from the words before ("five million annually" after
"one million New Energy Vehicles"), a rank carried over ("to the third in 2016"), a change
counted from a year with no year of its own. A number with no unit at all is never a figure:
it is flagged for the officer to add if it is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_SCALE = {"trillion": 10**12, "billion": 10**9, "million": 10**6, "thousand": 10**3}
_MULTIPLIED = {"doubled": 2, "tripled": 3, "trebled": 3, "quadrupled": 4}

# The counted nouns with a unit of their own; any other plural noun is a "count" of it.
_UNIT_NOUNS = {
    "job": "jobs", "jobs": "jobs",
    "subscriber": "subscribers", "subscribers": "subscribers", "users": "subscribers",
    "unit": "units", "units": "units", "vehicle": "units", "vehicles": "units", "cars": "units",
    "ton": "tons", "tons": "tons", "tonnes": "tons",
}  # fmt: skip
# Plural words after a number that count nothing worth a figure: spans of time, the sides.
_NOT_COUNTED = frozenset({
    "years", "months", "weeks", "days", "decades", "hours", "sides", "countries", "parties",
    "governments", "times", "percent", "is", "was", "has", "its", "this", "plus", "less",
    "as", "us", "others", "thus",
})  # fmt: skip
_COUNTED_SINGULAR = frozenset({"people", "staff", "personnel"})  # plural without an s

_NUMBER_WORD = "|".join(_WORDS)
_NUMBER = re.compile(
    r"(?P<money>(?:U\.S\.\s?|US)?\$\s?)?"
    rf"(?P<n>(?<![\w.,])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?!\w)|\b(?:{_NUMBER_WORD})\b)"
    r"(?:\s+(?P<scale>trillion|billion|million|thousand)\b)?",
    re.I,
)
_PERCENT = re.compile(r"\s*(?:percent\b|per\s+cent\b|%)", re.I)
_RANGE = re.compile(r"\s*(?:[-–]|to)\s*(?=\$?\d)")
_NOUN = re.compile(
    r"\s+(?P<adj>(?:[A-Z][\w.-]*\s+){0,3})(?P<noun>[A-Za-z][a-z-]*)\b"
)
_RATE = re.compile(r"\s+(?:a|per|each)\s+(?:day|week|month|year)\b|\s+annually\b", re.I)
_QUALIFIER = re.compile(r"(?:\b(?:more|fewer|less)\s+than|\bover|\broughly|\babout"
                        r"|\bapproximately|\bnearly|\balmost|\bat\s+least|\bup\s+to"
                        r"|\ban\s+estimated)\s+$", re.I)  # fmt: skip
_RANK = re.compile(
    rf"\b(?P<o>{'|'.join(_ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))[\s-]+largest\b", re.I
)
_RANK_AGAIN = re.compile(rf"\bto\s+(?P<the>the)\s+(?P<o>{'|'.join(_ORDINALS)})\b", re.I)
_MULTIPLIER = re.compile(
    rf"\b(?P<verb>{'|'.join(_MULTIPLIED)})\b"
    rf"|\b(?P<n>\d+(?:\.\d+)?|{_NUMBER_WORD})[\s-]?fold\b"
    rf"|\b(?P<t>\d+(?:\.\d+)?|{_NUMBER_WORD})\s+times\s+(?:as|more|larger|higher|bigger"
    r"|greater|faster)\b",
    re.I,
)
_YEAR = r"(?:19|2\d)\d\d"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
          r"|December)")  # fmt: skip
_YEAR_IN = re.compile(rf"\b(?:in|by|for|to|through|until)\s+(?:(?:the\s+)?(?:end|middle"
                      rf"|first\s+half|second\s+half)\s+of\s+)?(?:{_MONTH}\s+)?(?P<y>{_YEAR})"
                      r"\b")  # fmt: skip
_FROM_YEAR = re.compile(rf"^\s*(?:\w+\s+){{0,2}}(?:from|since|over|than(?:\s+in)?|as\s+in)\s+"
                        rf"(?:{_MONTH}\s+)?(?P<y>{_YEAR})\b", re.I)  # fmt: skip
_LEADING_YEAR = re.compile(rf"^\s*In\s+(?P<y>{_YEAR}),")
_IS_YEAR = re.compile(rf"^{_YEAR}$")


@dataclass
class _Found:
    start: int
    end: int
    value: float
    unit: str
    year: int | None = None
    flags: list[str] = field(default_factory=list)
    changes_from: int | None = None  # "an increase from 2009": the base, not its year


@dataclass(frozen=True, slots=True)
class FiguresRead:
    figures: list[dict[str, object]]  # value, unit, year, text: as ``apply`` saves them
    flags: list[str]  # what was guessed or left out, quoting the words


def _number(raw: str, scale: str | None) -> float:
    word = _WORDS.get(raw.casefold())
    base = Decimal(word) if word is not None else Decimal(raw.replace(",", ""))
    # decimal arithmetic: 16.6 billion is 16600000000.0, not …000002
    return float(base * _SCALE.get((scale or "").casefold(), 1))


def read_figures(text: str) -> FiguresRead:
    """The figures of one fact (a sentence), in the order they appear."""
    found: list[_Found] = []
    flags: list[str] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for m in _RANK.finditer(text):
        found.append(_Found(_phrase_start(text, m.start()), m.end(),
                            float(_ordinal(m.group("o"))), "rank"))  # fmt: skip
        taken.append((m.start(), m.end()))
    for m in _MULTIPLIER.finditer(text):
        raw = m.group("n") or m.group("t")
        value = _MULTIPLIED[m.group("verb").casefold()] if m.group("verb") else _number(raw, None)
        found.append(_Found(m.start(), m.end(), float(value), "times"))
        taken.append((m.start(), m.end()))
    for m in _NUMBER.finditer(text):
        if not free(m.start(), m.end()):
            continue
        read = _amount(text, m, flags)
        found += read
        taken.append((m.start(), max([m.end(), *(f.end for f in read)])))
    found.sort(key=lambda f: f.start)
    if any(f.unit == "rank" for f in found):
        for m in _RANK_AGAIN.finditer(text):
            if free(m.start(), m.end()) and any(f.unit == "rank" and f.end <= m.start()
                                                for f in found):  # fmt: skip
                start = m.start("the")
                fig = _Found(start, m.end(), float(_ordinal(m.group("o"))), "rank")
                fig.flags.append(f"rank read from the words before: {text[start:m.end()]!r}")
                found.append(fig)
        found.sort(key=lambda f: f.start)
    _units_and_years(text, found)
    out = []
    for f in found:
        flags += f.flags
        if f.unit:  # a number whose unit nothing says stays a flag
            out.append({"value": f.value, "unit": f.unit, "year": f.year,
                        "text": text[f.start:f.end]})  # fmt: skip
    return FiguresRead(out, flags)


def _ordinal(word: str) -> int:
    return _ORDINALS.get(word.casefold()) or int(word.rstrip("stndrhSTNDRH"))


def _phrase_start(text: str, at: int) -> int:
    """Back to "the world's" or "the" before a rank: the words say what is ranked."""
    m = re.search(r"\bthe\s+(?:world[’']s\s+)?$", text[:at])
    return m.start() if m else at


def _amount(text: str, m: re.Match[str], flags: list[str]) -> list[_Found]:
    """A number: money, a percentage, a count of a noun, or (flagged) a number with no unit;
    a range ("$30,000-35,000", "20-30 percent") is two figures of one unit."""
    raw, scale, money = m.group("n"), m.group("scale"), m.group("money")
    is_word = raw.casefold() in _WORDS
    if not money and not scale and _IS_YEAR.match(raw):
        return []  # a year, not a figure
    if is_word and not scale and raw.casefold() == "two" and text[:m.start()].endswith("the "):
        return []  # "the two sides"
    q = _QUALIFIER.search(text[:m.start()])
    start, end, value = (q.start() if q else m.start()), m.end(), _number(raw, scale)
    partner = _range_partner(text, m, value)
    if partner is not None and partner.group("scale") and not scale:
        value = _number(raw, partner.group("scale"))  # "10 to 15 million tons": 10 million
    after = partner.end() if partner else end
    unit: str | None
    if money:
        unit, tail = "USD", after
    elif p := _PERCENT.match(text, after):
        unit, tail = "percent", p.end()
    else:
        unit, tail = _counted(text, after)
    if unit is None:
        if scale:  # "five million annually": the unit comes from before
            return [_Found(start, end, value, "")]
        if not is_word:
            flags.append(f"a number with no unit, not read as a figure: "
                         f"{text[start:end]!r} (add it if it is one)")  # fmt: skip
        return []
    rate = _RATE.match(text, tail)
    if rate and unit not in ("USD", "percent"):
        tail = rate.end()
    if partner is None:
        return [_Found(start, tail, value, unit)]
    second = _number(partner.group("n"), partner.group("scale") or scale)
    # each end of the range quotes its own words: "U.S. $30,000" and "35,000"
    return [_Found(start, end, value, unit), _Found(partner.start("n"), tail, second, unit)]


def _range_partner(text: str, m: re.Match[str], value: float) -> re.Match[str] | None:
    """The upper end of a range ("30,000-35,000", "20 to 30 percent"): a larger number of
    the same kind (money only after money), not a year."""
    r = _RANGE.match(text, m.end())
    partner = _NUMBER.match(text, r.end()) if r else None
    if partner is None or partner.group("n").casefold() in _WORDS:
        return None
    if bool(partner.group("money")) and not m.group("money"):
        return None  # "grow 232 percent to $16.6 billion": two figures
    if _IS_YEAR.match(partner.group("n")) and not partner.group("scale"):
        return None
    upper = _number(partner.group("n"), partner.group("scale") or m.group("scale"))
    return partner if upper > value else None


def _counted(text: str, at: int) -> tuple[str | None, int]:
    """The unit of a count and where its words end: a known noun after up to three
    capitalised words ("one million New Energy Vehicles"), else a plural noun ("1,500 U.S.
    companies": a count)."""
    m = _NOUN.match(text, at)
    if m is None:
        return None, at
    noun = m.group("noun")
    if noun.casefold() in _UNIT_NOUNS:
        return _UNIT_NOUNS[noun.casefold()], m.end()
    adj = m.group("adj").split()
    if adj and adj[-1].casefold() in _UNIT_NOUNS:  # "New Energy Vehicles" (capitalised)
        return _UNIT_NOUNS[adj[-1].casefold()], m.start("adj") + len(m.group("adj").rstrip())
    if noun in _COUNTED_SINGULAR or (noun.islower() and noun.endswith("s") and len(noun) > 3
                                     and noun not in _NOT_COUNTED):  # fmt: skip
        return "count", m.end()
    return None, at


def _units_and_years(text: str, found: list[_Found]) -> None:
    """Each figure's year: "in/by/for YEAR" after it and before the next figure; "to" a
    figure with a year ("grow 232 percent to $16.6 billion by 2016"); a change from a year
    takes the year of the figure before it; "In 2009, …" opening the sentence for the rest.
    The unit a bare scaled number lacks is the count's before it, or a unit noun named
    earlier in the sentence (flagged either way); with neither it stays without (flagged)."""
    leading = _LEADING_YEAR.match(text)
    for i, f in enumerate(found):
        nxt = found[i + 1].start if i + 1 < len(found) else len(text)
        window = text[f.end:nxt].split(";")[0]
        base = _FROM_YEAR.match(window)
        y = _YEAR_IN.search(window)
        if base and (y is None or y.start() > base.start()):
            # "a 17 percent increase from 2009": 2009 is the base; the words go with it
            f.changes_from = int(base.group("y"))
            if f.unit in ("percent", "times"):
                f.end += base.end()
            y = _YEAR_IN.match(window, base.end() + 1)  # "from 2005 to 2010"
        if y is not None:
            f.year = int(y.group("y"))
            if base is None and not window[: y.start()].strip():
                f.end += y.end()  # "$29.6 billion in 2010": the year's words go with it
    for i, f in enumerate(found):
        if f.unit == "":
            before = [g for g in found[:i] if g.unit not in ("", "USD", "percent", "rank",
                                                             "times")]  # fmt: skip
            noun = _unit_named_before(text, f.start)
            if before:
                f.unit = before[-1].unit
            elif noun:
                f.unit = noun
            f.flags = ([f"unit taken from the words before: {text[f.start:f.end]!r} "
                        f"({f.unit})"] if f.unit else
                       [f"a number with no unit, not read as a figure: "
                        f"{text[f.start:f.end]!r} (add it if it is one)"])  # fmt: skip
        if f.year is None and f.changes_from is not None:
            before_years = [g.year for g in found[:i] if g.year is not None]
            if before_years:
                f.year = before_years[-1]
                f.flags.append(f"year taken from the figure before: {text[f.start:f.end]!r} "
                               f"({f.year})")  # fmt: skip
        if f.year is None and f.changes_from is None and i + 1 < len(found):
            gap = text[f.end:found[i + 1].start]
            if re.fullmatch(r"\s+to\s+", gap):
                f.year = found[i + 1].year
        if f.year is None and leading and f.changes_from is None:
            f.year = int(leading.group("y"))
    for f in found:
        if f.unit and f.changes_from is not None and f.year is None:
            f.flags.append(f"the year of a change from {f.changes_from} is not said: "
                           f"{text[f.start:f.end]!r}")  # fmt: skip


def _unit_named_before(text: str, at: int) -> str | None:
    """A unit noun earlier in the sentence ("Internet subscribers projected to increase
    from 457 million"): the last one named before ``at``."""
    words = re.findall(r"[A-Za-z]+", text[:at])
    for word in reversed(words):
        if word.casefold() in _UNIT_NOUNS:
            return _UNIT_NOUNS[word.casefold()]
    return None
