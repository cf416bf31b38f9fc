"""Ranked full-text search over the reference database (FTS5 trigram, LIKE fallback)."""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import Engine

from jcct_desktop.core.search import SearchQuery, parse_query

DEFAULT_LIMIT = 10_000
RECENT = 32  # remembered queries: typing on, or backspacing, reuses them


@dataclass(frozen=True, slots=True)
class Hit:
    doc: str  # commitment or fact id
    kind: str  # "commitment" | "fact"
    rank: float  # lower is better (bm25)


def fts5_available() -> bool:
    """Probe this Python's SQLite for FTS5 with the trigram tokenizer."""
    try:
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='trigram')")
        conn.close()
    except sqlite3.OperationalError:
        return False
    return True


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class ReferenceSearch:
    def __init__(self, engine: Engine, use_fts: bool | None = None) -> None:
        self._engine = engine
        self._forced = use_fts
        self._lock = threading.Lock()  # the cache is shared with export workers
        self._recent: OrderedDict[tuple[bytes, ...], frozenset[str]] = OrderedDict()
        self._prepared = False

    @cached_property
    def uses_fts(self) -> bool:
        return fts5_available() if self._forced is None else self._forced

    def search(self, text: str | None, limit: int = DEFAULT_LIMIT) -> list[Hit]:
        """Ranked hits for what a person typed; never raises on odd input."""
        query = parse_query(text)
        if query.is_empty:
            return []
        sql, params = self._fts_sql(query, limit) if self.uses_fts else self._like_sql(query, limit)
        with self._engine.connect() as conn:
            rows = conn.exec_driver_sql(sql, tuple(params)).all()
        return [Hit(doc, kind, float(rank)) for doc, kind, rank in rows]

    def commitment_ids(self, text: str | None) -> set[str]:
        """Commitments matching ``text`` (a set: no ranking), fast enough for every keystroke.

        Once :meth:`prepare` has read the indexed text, queries are answered by the same rule
        as the index (every term a substring of title + body; ASCII letters case-folded) in
        Python, from the narrowest remembered answer that must contain them, else from all
        commitments. Terms with cased non-ASCII letters (FTS folds them, LIKE does not) and
        an unprepared index go to SQLite.
        """
        query = parse_query(text)
        if query.is_empty:
            return set()
        terms = tuple(sorted({_fold(t) for t in query.all_terms}))
        with self._lock:
            return set(self._answer(text, terms))

    def _answer(self, text: str | None, terms: tuple[bytes, ...]) -> frozenset[str]:
        found = self._recent.get(terms)
        if found is None:
            base = self._narrowest_answer(terms) if self._prepared else None
            if base is not None:
                found = self._filter(base, terms)
            else:
                hits = self.search(text)
                if len(hits) >= DEFAULT_LIMIT:  # cut short: fine to show, unsafe to refine
                    return frozenset(h.doc for h in hits if h.kind == "commitment")
                found = frozenset(h.doc for h in hits if h.kind == "commitment")
            self._recent[terms] = found
            while len(self._recent) > RECENT:
                self._recent.popitem(last=False)
        self._recent.move_to_end(terms)
        return found

    def prepare(self) -> None:
        """Read the indexed text once (about 50 ms for 10,000 commitments); any thread."""
        if self.uses_fts:
            with self._lock:
                _ = self._haystacks  # the cached read itself
                self._prepared = True

    def _narrowest_answer(self, terms: tuple[bytes, ...]) -> frozenset[str] | None:
        if not all(_folds_alike(t) for t in terms):
            return None
        best: frozenset[str] | None = self._everything
        for earlier, found in self._recent.items():
            narrower = best is None or len(found) < len(best)
            if narrower and all(any(e in t for t in terms) for e in earlier):
                best = found
        return best

    def _filter(self, base: frozenset[str], terms: tuple[bytes, ...]) -> frozenset[str]:
        hay = self._haystacks
        if len(terms) == 1:
            (term,) = terms
            return frozenset(d for d in base if term in hay.get(d, b""))
        return frozenset(d for d in base if all(t in hay.get(d, b"") for t in terms))

    @cached_property
    def _haystacks(self) -> dict[str, bytes]:
        """What the index holds per commitment, as LIKE sees it (title || ' ' || body)."""
        sql = "SELECT doc, title || ' ' || body FROM search_index WHERE kind = 'commitment'"
        with self._engine.connect() as conn:
            rows = conn.exec_driver_sql(sql).all()
        return {doc: _fold(text) for doc, text in rows}

    @cached_property
    def _everything(self) -> frozenset[str]:
        return frozenset(self._haystacks)


    @staticmethod
    def _fts_sql(query: SearchQuery, limit: int) -> tuple[str, list[object]]:
        where: list[str] = []
        params: list[object] = []
        match = query.match_expression()
        if match:
            where.append("search_index MATCH ?")
            params.append(match)
        for term in query.like_terms:
            where.append("(title || ' ' || body) LIKE ? ESCAPE '\\'")
            params.append(_like(term))
        rank = "bm25(search_index, 0, 0, 10.0, 1.0)" if match else "0"
        sql = (
            f"SELECT doc, kind, {rank} AS r FROM search_index WHERE {' AND '.join(where)} "
            f"ORDER BY r, doc LIMIT ?"
        )
        return sql, [*params, limit]

    @staticmethod
    def _like_sql(query: SearchQuery, limit: int) -> tuple[str, list[object]]:
        conds = " AND ".join(
            "replace(hay, '’', char(39)) LIKE ? ESCAPE '\\'" for _ in query.all_terms
        )
        sql = (
            "SELECT doc, kind, 0 FROM ("
            "SELECT id AS doc, 'commitment' AS kind, position, title || ' ' || text AS hay "
            "FROM commitment UNION ALL "
            "SELECT id, 'fact', position, text FROM fact) "
            f"WHERE {conds} ORDER BY position, doc LIMIT ?"
        )
        return sql, [*(_like(t) for t in query.all_terms), limit]


def _fold(text: str) -> bytes:
    """LIKE folds ASCII letters only, and so does ``bytes.lower``; UTF-8 keeps substrings."""
    return text.encode("utf-8", "surrogatepass").lower()


def _folds_alike(term: bytes) -> bool:
    """True unless the term has a cased non-ASCII letter (FTS would fold it, LIKE would not)."""
    return term.isascii() or all(ch.lower() == ch.upper() for ch in term.decode("utf-8", "replace"))
