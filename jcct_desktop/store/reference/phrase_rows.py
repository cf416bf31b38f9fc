"""A term typed on, searched among the last term's rows in memory, with the MATCH's answers.

Typing ``soft`` then ``softw``: every row holding ``softw`` holds ``soft``, so the second
term need not be a MATCH over the whole index (10-40 ms at 100,000 commitments) but a
substring test of the rows the first found. That is exact because of what a trigram MATCH
of a quoted phrase is: the phrase's trigrams at consecutive places of one column, i.e. the
phrase a substring of the column (``title`` or ``body``, never across the two), both
folded as the tokenizer folds them: one code point into one code point, the same wherever
it stands. :class:`TrigramFold` asks SQLite itself how each character folds (an in-memory
table with the index's own ``tokenize`` option), so no Unicode table of Python's stands in
for SQLite's. A database whose tokenizer is not the trigram one, or whose texts hold a
character it does not fold into one (a NUL ends the text it reads), is not narrowed.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections import deque
from collections.abc import Iterable, Sequence
from itertools import chain, repeat
from operator import itemgetter

from jcct_desktop.core import cancel, pieces

_TOKENIZE = re.compile(r"tokenize\s*=\s*'([^']*)'", re.IGNORECASE)


def trigram_option(ddl: str | None) -> str | None:
    """The ``tokenize`` option of the index's CREATE statement when it is the trigram
    tokenizer (with its options, such as ``case_sensitive``), else None."""
    found = _TOKENIZE.search(ddl or "")
    option = found.group(1) if found else None
    return option if option is not None and option.split()[:1] == ["trigram"] else None


class TrigramFold:
    """Text folded as the index's trigram tokenizer folds it before making trigrams."""

    def __init__(self, option: str) -> None:
        self._option = option
        # ASCII letters fold to lower case unless the tokenizer is case-sensitive: asked of
        # SQLite, like every other character
        self._table: dict[int, str] = {}
        self._lock = threading.Lock()
        self._ascii_lower = self._learn([chr(c) for c in range(1, 128)]) \
            and all(self._table.get(c, chr(c)) == chr(c).lower() for c in range(1, 128))

    def _learn(self, chars: Iterable[str]) -> bool:
        """Ask SQLite how each of ``chars`` folds, and keep the answers; False when an
        answer is not one character into one (or none)."""
        new = sorted({ch for ch in chars if ord(ch) not in self._table})
        if not new:
            return True
        if "\x00" in new:  # the tokenizer reads no further (SQLite 3.40); not followed here
            return False
        conn = sqlite3.connect(":memory:")
        try:
            conn.execute(f"CREATE VIRTUAL TABLE f USING fts5(x, tokenize='{self._option}')")
            conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(f, instance)")
            # one character and two that fold to themselves: its one trigram, if any
            conn.executemany("INSERT INTO f(rowid, x) VALUES (?, ?)",
                             ((i + 1, ch + "\x01\x01") for i, ch in enumerate(new)))
            terms = {doc: term for term, doc in conn.execute("SELECT term, doc FROM v")}
        finally:
            conn.close()
        learnt: dict[int, str] = {}
        for i, ch in enumerate(new):
            term = terms.get(i + 1)
            # no trigram: the character skipped, or the text cut there (a NUL is): unknown
            if term is None or len(term) != 3 or not term.endswith("\x01\x01"):
                return False
            learnt[ord(ch)] = term[0]
        with self._lock:
            self._table.update(learnt)
        return True

    @property
    def usable(self) -> bool:
        return self._ascii_lower

    def fold(self, text: str) -> str | None:
        """``text`` folded; None when a character's folding is not one of ours."""
        if "\x00" in text:
            return None
        if text.isascii():
            return text.lower()
        if not self._learn(text):
            return None
        return text.translate(self._table)


class _Kept:
    """The rows some phrases found, and their groups once a later phrase asks."""

    __slots__ = ("groups", "rowids")

    def __init__(self, rowids: list[int], groups: tuple[int, ...] | None = None) -> None:
        self.rowids, self.groups = rowids, groups


class PhraseRows:
    """The index's rows by their (title, body), folded, for phrases tested in memory.

    A phrase's rows are kept by the folded phrases that found them (from a MATCH or from
    here); a later phrase holding one of those is tested among its rows only.
    """

    REMEMBERED = 64  # phrase lists whose rows are kept
    # a phrase is tested in memory among an earlier one's rows when they are at most this
    # share of the index's rows, or the index's distinct texts are (a test of every text
    # then costs less than the MATCH of a common term): a MATCH costs about 0.2-0.3 us per
    # row it finds, a test about 0.45 us per text (bench/bench_typed_on.py's notes)
    SCAN_SHARE = 0.25

    def __init__(self, rows: Iterable[tuple[int, str | None, str | None]],
                 fold: TrigramFold) -> None:
        """``rows``: (rowid, title, body) of every row of the index."""
        at: dict[tuple[str | None, str | None], int] = {}
        members: list[list[int]] = []
        for rowid, title, body in rows:
            group = at.setdefault((title, body), len(at))
            if group == len(members):
                members.append([])
            members[group].append(rowid)
        folded = [(fold.fold(t or ""), fold.fold(b or "")) for t, b in at]
        every = list(chain.from_iterable(members))
        self.usable = fold.usable and min(every, default=0) >= 0 and all(
            t is not None and b is not None for t, b in folded)
        self._fold = fold
        self._count = len(every)
        self._titles = tuple(t or "" for t, _ in folded)
        self._bodies = tuple(b or "" for _, b in folded)
        self._rowids = tuple(tuple(m) for m in members)
        group_of = [-1] * (1 + max(every, default=-1) if self.usable else 0)
        if self.usable:
            for group, rowids in enumerate(members):
                deque(map(group_of.__setitem__, rowids, repeat(group)), maxlen=0)
        # a tuple: a kept term's rows are looked up by one itemgetter, in C
        self._group_of = tuple(group_of)
        self._found: dict[tuple[str, ...], _Kept] = {}  # by the folded phrases
        self._lock = threading.Lock()

    def fold(self, phrases: Sequence[str]) -> tuple[str, ...] | None:
        """The phrases folded as the index folds them; None when one cannot be."""
        folded = tuple(self._fold.fold(p) for p in phrases)
        return None if not self.usable or None in folded else folded  # type: ignore[return-value]

    def remember(self, folded: tuple[str, ...], rowids: list[int]) -> None:
        """The rows a MATCH found for these folded phrases."""
        self._keep(folded, _Kept(rowids))

    def _keep(self, folded: tuple[str, ...], kept: _Kept) -> None:
        with self._lock:
            if len(self._found) >= self.REMEMBERED:
                self._found.clear()
            self._found[folded] = kept

    def rowids(self, folded: tuple[str, ...]) -> list[int] | None:
        """The rows holding any of the folded phrases (the very list of the earlier phrases
        tested among when one phrase finds the same rows: ``soft``, ``softw``); None when
        some phrase holds no earlier one, or testing the earlier rows would cost more."""
        if not folded or any(len(p) < 3 for p in folded):  # as MATCH reads those: no say
            return None
        cancel.check()  # superseded: stop here, as a MATCH would inside SQLite
        with self._lock:
            known = self._found.get(folded)
            earlier = list(self._found.items())
        if known is not None:
            return known.rowids
        found: list[tuple[int, ...]] = []
        narrowest: _Kept | None = None
        for phrase in folded:
            among = [kept for key, kept in earlier if any(e in phrase for e in key)]
            if not among:
                return None
            narrowest = min(among, key=lambda kept: len(kept.rowids))
            if not self._cheap(narrowest):
                return None
            found.append(self._scan(phrase, self._groups(narrowest)))
        assert narrowest is not None  # folded is never empty
        if len(found) == 1 and len(found[0]) == len(self._groups(narrowest)):
            kept = _Kept(narrowest.rowids, found[0])  # the same rows: the same list
        else:
            hit = tuple(sorted(set(chain.from_iterable(found)))) if len(found) > 1 \
                else found[0]
            kept = _Kept(list(chain.from_iterable(map(self._rowids.__getitem__, hit))), hit)
        self._keep(folded, kept)
        return kept.rowids

    def groups_by_doc(self, row_of: dict[str, int]) -> dict[str, int]:
        """Each document's group of rows with the same texts, from its rowid."""
        return dict(zip(row_of, map(self._group_of.__getitem__, row_of.values()),
                        strict=True))

    def groups_holding(self, folded: tuple[str, ...], groups: Sequence[int]) -> set[int]:
        """Those of the groups (of :meth:`groups_by_doc`) whose texts hold any of the
        folded phrases, as a MATCH finds them."""
        hit: set[int] = set()
        for phrase in folded:
            hit.update(self._scan(phrase, tuple(g for g in groups if g not in hit)))
        return hit

    def _cheap(self, kept: _Kept) -> bool:
        """Whether testing a phrase among these rows costs less than its MATCH."""
        most = self.SCAN_SHARE * self._count
        return len(kept.rowids) <= most or len(self._rowids) <= most

    def _groups(self, kept: _Kept) -> tuple[int, ...]:
        """The groups of kept rows (worked out once, when first narrowed from)."""
        if kept.groups is None:
            rowids = kept.rowids
            found = itemgetter(*rowids)(self._group_of) if len(rowids) > 1 else \
                tuple(map(self._group_of.__getitem__, rowids))
            kept.groups = tuple(sorted(set(found)))
        return kept.groups

    def _scan(self, phrase: str, groups: tuple[int, ...]) -> tuple[int, ...]:
        titles, bodies = self._titles, self._bodies
        found: list[int] = []
        for piece in pieces.pieces(groups):
            cancel.check()
            found += [g for g in piece if phrase in titles[g] or phrase in bodies[g]]
        return tuple(found)
