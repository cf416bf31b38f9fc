"""Turn what a person types into a safe full-text query.

SQLite FTS5 raises ``fts5: syntax error`` on much ordinary input (``U.S.-China``, ``don't``,
``IPR:``, an unbalanced quote, a bare ``AND``/``NEAR``, ``*``). We never pass user text to MATCH
raw: each term is quoted. The index uses the trigram tokenizer so substrings (and Chinese such
as 王岐山 inside 王岐山副总理) match; trigram cannot match terms under three characters, so those
become ``LIKE`` conditions instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

_SPLIT = re.compile(r"[\s\"“”`*^:(){}\[\],;!?|+]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
_EDGE = re.compile(r"^[\W_]+|[\W_]+$", re.UNICODE)
_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}
MAX_TERMS = 16  # a pasted paragraph should not become a 200-term query
# No word of the data comes near this; SQLite refuses LIKE patterns over 50,000 bytes.
MAX_TERM_CHARS = 1000


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A sanitized query: quoted FTS terms (three characters or more) and short LIKE terms."""

    fts_terms: tuple[str, ...]
    like_terms: tuple[str, ...]
    # other words that explain a match (an abbreviation's expansion, a Chinese name's English
    # form): highlighted, never required
    also_highlight: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.fts_terms and not self.like_terms

    @property
    def all_terms(self) -> tuple[str, ...]:
        return self.fts_terms + self.like_terms

    def match_expression(self) -> str | None:
        """An FTS5 MATCH string with every term quoted, or None if there are no long terms."""
        if not self.fts_terms:
            return None
        return " AND ".join('"' + t.replace('"', '""') + '"' for t in self.fts_terms)


def fold_apostrophes(text: str) -> str:
    """The source writes China’s; people type China's. The index and queries use the latter."""
    return text.translate(_APOSTROPHES)


def _clean(text: str) -> str:
    text = fold_apostrophes(unicodedata.normalize("NFKC", text))
    return "".join(ch if unicodedata.category(ch) not in _CONTROL else " " for ch in text)


def clean_phrase(text: str) -> str:
    """A phrase as searched: control characters as spaces, spaces collapsed, length capped.

    SQLite reads a NUL as the end of a string: MATCH then fails and LIKE matches everything.
    """
    return " ".join(_clean(text).split())[:MAX_TERM_CHARS]


def parse_query(text: str | None) -> SearchQuery:
    """Split typed text into terms; never raises."""
    if not text:
        return SearchQuery((), ())
    terms: list[str] = []
    for raw in _SPLIT.split(_clean(text)):
        term = _EDGE.sub("", raw)[:MAX_TERM_CHARS]
        if term and term.casefold() not in (t.casefold() for t in terms):
            terms.append(term)
    terms = terms[:MAX_TERMS]
    long_terms = tuple(t for t in terms if len(t) >= 3)
    short_terms = tuple(t for t in terms if len(t) < 3)
    return SearchQuery(long_terms, short_terms)


def highlight_spans(text: str, query: SearchQuery) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) spans of every term in ``text``, for highlighting."""
    folded = text.casefold()
    spans: list[tuple[int, int]] = []
    for term in query.all_terms + query.also_highlight:
        needle = term.casefold()
        start = folded.find(needle)
        while start != -1 and needle:
            spans.append((start, start + len(needle)))
            start = folded.find(needle, start + len(needle))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


class Thesaurus:
    """Ours, not the source's: other ways to say a term, each a phrase found as typed.

    Built from the reviewed synonym list (IPR → "intellectual property") and the name glossary
    read backwards (王岐山 → "Wang Qishan"), so a search for either finds and highlights both.
    """

    def __init__(self, pairs: Iterable[tuple[str, Iterable[str]]] = ()) -> None:
        self._others: dict[str, tuple[str, ...]] = {}
        for term, others in pairs:
            key = term.casefold()
            known = self._others.get(key, ())
            self._others[key] = known + tuple(o for o in others if o not in known)

    def alternatives(self, term: str) -> tuple[str, ...]:
        """The term itself, then its other forms (a term with none gives just itself)."""
        return (term, *self._others.get(term.casefold(), ()))

    def expand(self, query: SearchQuery) -> SearchQuery:
        """The same query, also highlighting every term's other forms."""
        extra = tuple(o for t in query.all_terms for o in self.alternatives(t)[1:])
        return replace(query, also_highlight=query.also_highlight + extra)
