"""Ranked full-text search over the reference database (FTS5 trigram, LIKE fallback)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from sqlalchemy import Engine

from jcct_desktop.core.search import SearchQuery, clean_phrase, parse_query

DEFAULT_LIMIT = 10_000


@dataclass(frozen=True, slots=True)
class Hit:
    doc: str  # commitment or fact id
    kind: str  # "commitment" | "fact"
    rank: float  # lower is better (bm25)


class SearchIndex(Protocol):
    """What the views, filters and exports ask of a search: one database's or several's."""

    @property
    def uses_fts(self) -> bool: ...
    def search(self, text: str | None, limit: int = DEFAULT_LIMIT) -> list[Hit]: ...
    def commitment_ids(self, text: str | None) -> set[str]: ...
    def doc_ids(self, phrases: Sequence[str]) -> tuple[set[str], set[str]]: ...


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
        """Every matching commitment: a set for filters, so no ranking and no row limit."""
        query = parse_query(text)
        if query.is_empty:
            return set()
        if not self.uses_fts:
            sql, params = self._like_sql(query, -1)
            with self._engine.connect() as conn:
                rows = conn.exec_driver_sql(sql, tuple(params)).all()
            return {doc for doc, kind, _ in rows if kind == "commitment"}
        where, params = self._fts_where(query)
        sql = f"SELECT doc FROM search_index WHERE kind = 'commitment' AND {where}"
        with self._engine.connect() as conn:
            return set(conn.exec_driver_sql(sql, tuple(params)).scalars())

    def doc_ids(self, phrases: Sequence[str]) -> tuple[set[str], set[str]]:
        """(commitment ids, fact ids) whose text holds any of ``phrases``, each found as typed.

        One term and its other forms (``IPR``, "intellectual property"): a phrase keeps its
        spaces, unlike :meth:`commitment_ids`, which ANDs the words of what was typed. Control
        characters are dropped first, so no phrase makes SQLite fail or match everything.
        """
        found: dict[str, set[str]] = {"commitment": set(), "fact": set()}
        cleaned = [c for c in (clean_phrase(p) for p in phrases) if c]
        for sql, params in self._phrase_queries(cleaned):
            with self._engine.connect() as conn:
                for doc, kind in conn.exec_driver_sql(sql, tuple(params)):
                    found[kind].add(doc)
        return found["commitment"], found["fact"]

    def _phrase_queries(self, phrases: list[str]) -> list[tuple[str, list[object]]]:
        if not self.uses_fts:
            hay = ("SELECT id AS doc, 'commitment' AS kind, title || ' ' || text AS hay "
                   "FROM commitment UNION ALL SELECT id, 'fact', text FROM fact")
            return [(f"SELECT doc, kind FROM ({hay}) "
                     "WHERE replace(hay, '’', char(39)) LIKE ? ESCAPE '\\'", [_like(p)])
                    for p in phrases]
        queries: list[tuple[str, list[object]]] = []
        long = [p for p in phrases if len(p) >= 3]  # trigram needs three characters
        if long:
            match = " OR ".join('"' + p.replace('"', '""') + '"' for p in long)
            queries.append(("SELECT doc, kind FROM search_index WHERE search_index MATCH ?",
                            [match]))
        queries += [("SELECT doc, kind FROM search_index "
                     "WHERE (title || ' ' || body) LIKE ? ESCAPE '\\'", [_like(p)])
                    for p in phrases if len(p) < 3]
        return queries

    @staticmethod
    def _fts_where(query: SearchQuery) -> tuple[str, list[object]]:
        where: list[str] = []
        params: list[object] = []
        match = query.match_expression()
        if match:
            where.append("search_index MATCH ?")
            params.append(match)
        for term in query.like_terms:
            where.append("(title || ' ' || body) LIKE ? ESCAPE '\\'")
            params.append(_like(term))
        return " AND ".join(where), params

    @classmethod
    def _fts_sql(cls, query: SearchQuery, limit: int) -> tuple[str, list[object]]:
        where, params = cls._fts_where(query)
        rank = "bm25(search_index, 0, 0, 10.0, 1.0)" if query.match_expression() else "0"
        sql = (
            f"SELECT doc, kind, {rank} AS r FROM search_index WHERE {where} ORDER BY r, doc LIMIT ?"
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


class CombinedSearch:
    """Search over the bundled and the imported databases: one answer, best ranks first.

    It answers every question a single database's search answers (``SearchIndex``), over
    every part: the window's and the packets' filters ask ``doc_ids`` of it.
    """

    def __init__(self, *parts: SearchIndex) -> None:
        self.parts = parts

    @property
    def uses_fts(self) -> bool:
        return all(p.uses_fts for p in self.parts)

    def search(self, text: str | None, limit: int = DEFAULT_LIMIT) -> list[Hit]:
        hits = [h for p in self.parts for h in p.search(text, limit)]
        return sorted(hits, key=lambda h: (h.rank, h.doc))[:limit]

    def commitment_ids(self, text: str | None) -> set[str]:
        return set().union(*(p.commitment_ids(text) for p in self.parts))

    def doc_ids(self, phrases: Sequence[str]) -> tuple[set[str], set[str]]:
        commitments: set[str] = set()
        facts: set[str] = set()
        for part in self.parts:
            ids, fact_ids = part.doc_ids(phrases)
            commitments |= ids
            facts |= fact_ids
        return commitments, facts
