"""Ranked full-text search over the reference database (FTS5 trigram, LIKE fallback).

A search returns one page of the best hits (``PAGE``): at 100,000 commitments a common word
matches tens of thousands of rows, and the first screen needs fifty. :meth:`count` says how
many there are, asked separately and only when wanted. Every query can be stopped part-way
by the work's cancel token (``core.cancel``): a search superseded by the next keystroke
gives up inside SQLite instead of finishing for nothing.

The filters' question, :meth:`ReferenceSearch.doc_ids`, is asked on every keystroke: its
MATCH reads rowids only, and its terms under three characters are tested in memory
(``index_rows``), once :meth:`ReferenceSearch.warm` has read the index's rows: the window
has its search thread do so after its first paint; before, and on the command line, SQL
answers alone, alike.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence, Set
from dataclasses import dataclass
from functools import cached_property
from itertools import compress
from typing import Any, Protocol, cast

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from jcct_desktop.core import cancel, pieces
from jcct_desktop.core.search import SearchQuery, clean_phrase, fold_apostrophes, parse_query
from jcct_desktop.store.reference.index_rows import DocTable, ShortTermScan
from jcct_desktop.store.reference.phrase_rows import PhraseRows, TrigramFold, trigram_option

PAGE = 50  # hits per page: a screenful and then some
DEFAULT_LIMIT = PAGE
# SQLite virtual-machine steps between looks at the cancel token: about a millisecond of work
CANCEL_CHECK_STEPS = 10_000


@dataclass(frozen=True, slots=True)
class Hit:
    doc: str  # commitment or fact id
    kind: str  # "commitment" | "fact"
    rank: float  # lower is better (bm25)


class SearchIndex(Protocol):
    """What the views, filters and exports ask of a search: one database's or several's."""

    @property
    def uses_fts(self) -> bool: ...
    def search(self, text: str | None, limit: int = DEFAULT_LIMIT,
               offset: int = 0) -> list[Hit]: ...
    def count(self, text: str | None) -> int: ...
    def commitment_ids(self, text: str | None) -> set[str]: ...
    def doc_ids(self, phrases: Sequence[str]) -> tuple[Set[str], Set[str]]: ...
    def warm(self) -> None: ...



def fts5_available() -> bool:
    """Probe this Python's SQLite for FTS5 with the trigram tokenizer."""
    try:
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='trigram')")
        conn.close()
    except sqlite3.OperationalError:
        return False
    return True


def _fetch(engine: Engine, sql: str, params: Sequence[object],
           plain: bool = False) -> list[Any]:
    """The rows of one query, given up inside SQLite when the current work is cancelled.
    ``plain``: as the driver's tuples (many rows read at once skip SQLAlchemy's rows)."""
    token = cancel.current()
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert isinstance(raw, sqlite3.Connection)

        def rows() -> list[Any]:
            if plain:
                return raw.execute(sql, tuple(params)).fetchall()
            return list(conn.exec_driver_sql(sql, tuple(params)).all())

        if token is None:
            return rows()
        # a non-zero answer makes SQLite stop the statement with "interrupted"
        raw.set_progress_handler(lambda: int(token.cancelled), CANCEL_CHECK_STEPS)
        try:
            return rows()
        except (OperationalError, sqlite3.OperationalError) as exc:
            if token.cancelled:
                raise cancel.Cancelled from exc
            raise
        finally:
            raw.set_progress_handler(None, 0)


def _read_whole(engine: Engine, sql: str) -> list[Any]:
    """Rows kept for every later search: read to the end even when the search that asked
    first is superseded meanwhile (the next one would only read them again)."""
    with cancel.scope(cancel.CancelToken()):
        return _fetch(engine, sql, [], plain=True)


def _match_expression(phrases: Sequence[str]) -> str:
    """FTS5's expression for rows holding any of these phrases (each found as typed)."""
    return " OR ".join('"' + p.replace('"', '""') + '"' for p in phrases)


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class ReferenceSearch:
    def __init__(self, engine: Engine, use_fts: bool | None = None) -> None:
        self._engine = engine
        self._forced = use_fts
        self._loading = threading.Lock()
        self._rows: tuple[DocTable, ShortTermScan] | None = None
        # the rows by their folded columns, for a term typed on (set before ``_rows``)
        self._phrases: PhraseRows | None = None
        # the split of the last few rowid lists (by identity): a term typed on that finds
        # the same rows gets the same sets, so what the filters keep by identity holds
        self._splits: dict[int, tuple[list[int], tuple[set[str], set[str]]]] = {}
        # the last MATCH's rowids, by its expression: a term's mask is asked right after
        # its ids (one read and one write each: the window's thread may search too)
        self._last_match: tuple[str, list[int]] | None = None
        # the rows of the commitments and facts a term was last asked among (by identity)
        self._among_rows: tuple[Set[str], Set[str], list[str], list[str], list[int | None],
                                list[int | None], tuple[int, ...]] | None = None
        # the masks of the last rowid list asked (``_row_masks``), by identity
        self._masks_of_rows: tuple[list[int], Sequence[str], Sequence[str],
                                   tuple[bytes, bytes] | None] | None = None
        # each commitment's and fact's group of rows in ``_phrases`` (None: a document
        # with two rows, none tested so); made once, when the search is prepared
        self._doc_groups: tuple[dict[str, int], dict[str, int]] | None = None

    @cached_property
    def uses_fts(self) -> bool:
        return fts5_available() if self._forced is None else self._forced

    def search(self, text: str | None, limit: int = DEFAULT_LIMIT,
               offset: int = 0) -> list[Hit]:
        """One page of ranked hits for what a person typed, best first (``offset`` hits
        skipped); never raises on odd input."""
        query = parse_query(text)
        if query.is_empty:
            return []
        if self.uses_fts:
            sql, params = self._fts_sql(query, limit, offset)
        else:
            sql, params = self._like_sql(query, limit, offset)
        rows = _fetch(self._engine, sql, params)
        return [Hit(doc, kind, float(rank)) for doc, kind, rank in rows]

    def count(self, text: str | None) -> int:
        """How many hits :meth:`search` pages through (no ranking, no rows carried out)."""
        query = parse_query(text)
        if query.is_empty:
            return 0
        if self.uses_fts:
            where, params = self._fts_where(query)
            sql = f"SELECT count(*) FROM search_index WHERE {where}"
        else:
            inner, params = self._like_sql(query, -1, 0)
            sql = f"SELECT count(*) FROM ({inner})"
        return int(_fetch(self._engine, sql, params)[0][0])

    def commitment_ids(self, text: str | None) -> set[str]:
        """Every matching commitment: a set for filters, so no ranking and no row limit."""
        query = parse_query(text)
        if query.is_empty:
            return set()
        if not self.uses_fts:
            sql, params = self._like_sql(query, -1, 0)
            return {doc for doc, kind, _ in _fetch(self._engine, sql, params)
                    if kind == "commitment"}
        where, params = self._fts_where(query)
        sql = f"SELECT doc FROM search_index WHERE kind = 'commitment' AND {where}"
        return {doc for (doc,) in _fetch(self._engine, sql, params)}

    def doc_ids(self, phrases: Sequence[str]) -> tuple[Set[str], Set[str]]:
        """(commitment ids, fact ids) whose text holds any of ``phrases``, each found as typed:
        sets the caller must not change (a short term's are kept for the next search).

        One term and its other forms (``IPR``, "intellectual property"): a phrase keeps its
        spaces, unlike :meth:`commitment_ids`, which ANDs the words of what was typed. Control
        characters are dropped first, so no phrase makes SQLite fail or match everything.
        """
        cleaned = [c for c in (clean_phrase(fold_apostrophes(p)) for p in phrases if p) if c]
        rows = self._rows
        if rows is not None:  # warmed: the fast path, with exactly the SQL's answers
            return self._doc_ids_by_rowid(cleaned, *rows)
        found: dict[str, set[str]] = {"commitment": set(), "fact": set()}
        for sql, params in self._phrase_queries(cleaned):
            for doc, kind in _fetch(self._engine, sql, params):
                found[kind].add(doc)
        return found["commitment"], found["fact"]

    def commitment_mask(self, phrases: Sequence[str], ids: Sequence[str]) -> bytes | None:
        """1 for each of ``ids`` (commitment ids, in any order) among :meth:`doc_ids`'
        commitments, else 0, made from the index's rowids in C (the rowids of the MATCH
        :meth:`doc_ids` just ran, when it ran the same) and, for a phrase under three
        characters, from the texts holding it (``ShortTermScan``); None when not so
        answered (not warmed, an index a gather cannot read). No phrase at all: every byte
        0, and the gathers for ``ids`` made, once."""
        cleaned = [c for c in (clean_phrase(fold_apostrophes(p)) for p in phrases if p) if c]
        rows = self._rows
        if rows is None:
            return None
        if not cleaned:
            rows[1].prepare_gather(ids)
            self._groups_of_docs(rows[0])  # made here, not at a first narrowed term
            return rows[0].commitment_mask((), ids)
        masks: list[bytes | None] = [rows[1].commitment_mask(p, ids)
                                     for p in cleaned if len(p) < 3]  # as doc_ids tests them
        long = [p for p in cleaned if len(p) >= 3]
        if long:
            match = _match_expression(long)
            last = self._last_match  # one read: the window's thread may search too
            rowids = last[1] if last is not None and last[0] == match \
                else self._match_rowids(match)
            masks.append(rows[0].commitment_mask(rowids, ids))
        if None in masks:
            return None
        if len(masks) == 1:
            return masks[0]
        bits = 0
        for mask in masks:
            bits |= int.from_bytes(cast(bytes, mask), "little")
        return bits.to_bytes(len(ids), "little")

    def doc_masks(self, phrases: Sequence[str], ids: Sequence[str],
                  fact_ids: Sequence[str]) -> tuple[bytes, bytes] | None:
        """1 for each of ``ids`` (commitment ids) among :meth:`doc_ids`' commitments, and
        for each of ``fact_ids`` among its facts, else 0: the same answers with no set of
        ids made (rows or texts marked, then gathered into those orders in C); None when
        not so answered (not warmed, a document with two rows). No phrase at all: every
        byte 0, and the gathers for these orders made, once."""
        cleaned = [c for c in (clean_phrase(fold_apostrophes(p)) for p in phrases if p) if c]
        rows = self._rows
        if rows is None:
            return None
        docs, short = rows
        if not cleaned:
            short.prepare_gather(ids, fact_ids)
            self._groups_of_docs(docs)  # made here, not at a first narrowed term
            return docs.doc_masks((), ids, fact_ids)
        masks = [short.doc_masks(p, ids, fact_ids) for p in cleaned if len(p) < 3]
        long = [p for p in cleaned if len(p) >= 3]  # trigram needs three characters
        if long:
            masks.append(self._row_masks(docs, self._long_rowids(long), ids, fact_ids))
        if len(masks) == 1 or None in masks:
            return masks[0] if None not in masks else None
        bits, fact_bits = 0, 0
        for mask, fact_mask in cast(list[tuple[bytes, bytes]], masks):
            bits |= int.from_bytes(mask, "little")
            fact_bits |= int.from_bytes(fact_mask, "little")
        return bits.to_bytes(len(ids), "little"), fact_bits.to_bytes(len(fact_ids), "little")

    def _row_masks(self, docs: DocTable, rowids: list[int], ids: Sequence[str],
                   fact_ids: Sequence[str]) -> tuple[bytes, bytes] | None:
        """``docs.doc_masks(rowids, ...)``, the very same masks for the same list of rows
        (a term typed on that finds the same rows: its commitments are then known the
        same by identity, and nothing is gathered again)."""
        kept = self._masks_of_rows  # one read: the window's thread may search too
        if kept is not None and kept[0] is rowids and kept[1] is ids and kept[2] is fact_ids:
            return kept[3]
        masks = docs.doc_masks(rowids, ids, fact_ids)
        self._masks_of_rows = (rowids, ids, fact_ids, masks)
        return masks

    def _long_rowids(self, phrases: list[str]) -> list[int]:
        """The rowids a MATCH of these phrases (three characters or more) finds: tested
        among an earlier term's rows when each phrase holds one of its phrases
        (``phrase_rows``), else asked of the MATCH; remembered for :meth:`commitment_mask`
        and for the next term typed on."""
        match = _match_expression(phrases)
        narrowing = self._phrases
        folded = narrowing.fold(phrases) if narrowing is not None else None
        if narrowing is None or folded is None:
            return self._match_rowids(match)
        rowids = narrowing.rowids(folded)
        if rowids is None:
            rowids = self._match_rowids(match)
            narrowing.remember(folded, rowids)
        else:
            self._last_match = (match, rowids)
        return rowids

    def _split(self, docs: DocTable, rowids: list[int]) -> tuple[set[str], set[str]]:
        """``docs.split(rowids)``, the same sets for the same list of rows."""
        kept = self._splits.get(id(rowids))  # one read: the window's thread may search too
        if kept is not None and kept[0] is rowids:
            return kept[1]
        split = docs.split(rowids)
        if len(self._splits) >= 8:
            self._splits.clear()
        self._splits[id(rowids)] = (rowids, split)
        return split

    def _match_rowids(self, match: str) -> list[int]:
        """The rowids a MATCH finds, remembered for :meth:`commitment_mask`."""
        # one text of every rowid, split here: a row per rowid made a tuple and an int per
        # hit in sqlite3 (2-3 times the time, at 10,000-20,000 hits)
        sql = "SELECT group_concat(rowid) FROM search_index WHERE search_index MATCH ?"
        joined = _fetch(self._engine, sql, [match], plain=True)[0][0]
        rowids = list(map(int, joined.split(","))) if joined else []
        self._last_match = (match, rowids)
        return rowids

    def doc_ids_among(self, phrases: Sequence[str], among: Set[str],
                      facts_among: Set[str] | None = None
                      ) -> tuple[set[str], Set[str]] | None:
        """:meth:`doc_ids` with its commitments met with ``among`` (and its facts with
        ``facts_among``, when given): once warmed, tested among those documents alone,
        short phrases in memory as :meth:`doc_ids` tests them, and, with ``facts_among``,
        longer ones among their rows as a MATCH finds them (``phrase_rows``); None when not
        so answered."""
        cleaned = [c for c in (clean_phrase(fold_apostrophes(p)) for p in phrases if p) if c]
        rows = self._rows
        long = [p for p in cleaned if len(p) >= 3]
        if rows is None or not cleaned or (long and facts_among is None):
            return None
        commitments: set[str] = set()
        facts: set[str] = set()
        if long:
            assert facts_among is not None
            long_found = self._long_among(long, rows[0], among, facts_among)
            if long_found is None:
                return None
            commitments, facts = long_found
        for phrase in cleaned:
            if len(phrase) >= 3:
                continue
            found = rows[1].holding_among(phrase, among, facts_among)
            if found is None:
                return None
            commitments |= found[0]
            pieces.update(facts, found[1])
        return commitments, facts

    def _long_among(self, phrases: list[str], docs: DocTable, among: Set[str],
                    facts_among: Set[str]) -> tuple[set[str], set[str]] | None:
        """Those of ``among`` and ``facts_among`` a MATCH of these phrases (three
        characters or more) finds, tested among their rows in memory; None when the rows
        cannot be so tested."""
        narrowing = self._phrases
        folded = narrowing.fold(phrases) if narrowing is not None else None
        group_of = self._groups_of_docs(docs)
        if narrowing is None or folded is None or group_of is None:
            return None
        kept = self._among_rows  # one read: the window's thread may search too
        if kept is None or kept[0] is not among or kept[1] is not facts_among:
            # the documents' groups, worked out once for the earlier terms' very sets
            # ("gri" and "grid" of "smart grid" both asked among "smart"'s)
            commitments, facts = list(among), list(facts_among)
            groups = list(map(group_of[0].get, commitments))  # None: no row
            fact_groups = list(map(group_of[1].get, facts))
            distinct: set[int | None] = set(groups)
            distinct.update(fact_groups)
            distinct.discard(None)
            kept = self._among_rows = (among, facts_among, commitments, facts, groups,
                                       fact_groups, tuple(sorted(cast(set[int], distinct))))
        _, _, commitments, facts, groups, fact_groups, asked = kept
        hit = narrowing.groups_holding(folded, asked).__contains__
        return (set(compress(commitments, map(hit, groups))),
                set(compress(facts, map(hit, fact_groups))))

    def _groups_of_docs(self, docs: DocTable) -> tuple[dict[str, int], dict[str, int]] | None:
        """Each commitment's and fact's group of rows in ``_phrases``; None when a
        document has two rows or the rows cannot be tested in memory."""
        known = self._doc_groups
        narrowing = self._phrases
        if known is None and narrowing is not None and narrowing.usable:
            row_of = docs.row_of_docs()
            if row_of is not None:
                known = self._doc_groups = (narrowing.groups_by_doc(row_of[0]),
                                            narrowing.groups_by_doc(row_of[1]))
        return known

    def warm(self) -> None:
        """Read the index rows into memory, for :meth:`doc_ids` to use from then on (the
        window's search thread does, after its first paint). Until then, and on the command
        line, which asks a question or two, SQL answers alone."""
        if self._rows is None and self.uses_fts:
            with self._loading:  # one thread reads them; another asking meanwhile waits
                if self._rows is None:
                    read = _read_whole(self._engine, "SELECT rowid, doc, kind, title, body "
                                       "FROM search_index")
                    option = trigram_option(_read_whole(
                        self._engine,
                        "SELECT sql FROM sqlite_master WHERE name = 'search_index'")[0][0])
                    if option is not None:
                        self._phrases = PhraseRows(((r[0], r[3], r[4]) for r in read),
                                                   TrigramFold(option))
                    # title || ' ' || body, made here rather than by SQLite (NULL: None)
                    self._rows = (DocTable(r[:3] for r in read), ShortTermScan(
                        (r[1], r[2], None if r[3] is None or r[4] is None else f"{r[3]} {r[4]}")
                        for r in read))

    def _doc_ids_by_rowid(self, phrases: list[str], docs: DocTable,
                          short: ShortTermScan) -> tuple[Set[str], Set[str]]:
        found: list[tuple[Set[str], Set[str]]] = []
        long = [p for p in phrases if len(p) >= 3]  # trigram needs three characters
        if long:
            found.append(self._split(docs, self._long_rowids(long)))
        found += (short.holding(p) for p in phrases if len(p) < 3)
        if len(found) == 1:  # one phrase's sets as they are: a short term's are kept
            return found[0]
        commitments: set[str] = set()
        facts: set[str] = set()
        for more_commitments, more_facts in found:
            pieces.update(commitments, more_commitments)
            pieces.update(facts, more_facts)
        return commitments, facts

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
    def _fts_sql(cls, query: SearchQuery, limit: int, offset: int) -> tuple[str, list[object]]:
        """Best first, equal ranks in source order (the index's rowid): the page is chosen
        from rowids and ranks alone, and only its rows' ids are read, so a word with
        15,000 hits costs the ranking, not 15,000 reads of the stored columns."""
        where, params = cls._fts_where(query)
        if not query.match_expression():  # short terms only: no rank, the scan stops early
            sql = (f"SELECT doc, kind, 0 FROM search_index WHERE {where} "
                   "ORDER BY rowid LIMIT ? OFFSET ?")
            return sql, [*params, limit, offset]
        sql = ("SELECT s.doc, s.kind, p.r FROM ("
               "SELECT rowid AS id, bm25(search_index, 0, 0, 10.0, 1.0) AS r FROM search_index "
               f"WHERE {where} ORDER BY r, id LIMIT ? OFFSET ?) AS p "
               "JOIN search_index AS s ON s.rowid = p.id ORDER BY p.r, p.id")
        return sql, [*params, limit, offset]

    @staticmethod
    def _like_sql(query: SearchQuery, limit: int, offset: int) -> tuple[str, list[object]]:
        conds = " AND ".join(
            "replace(hay, '’', char(39)) LIKE ? ESCAPE '\\'" for _ in query.all_terms
        )
        sql = (
            "SELECT doc, kind, 0 FROM ("
            "SELECT id AS doc, 'commitment' AS kind, position, title || ' ' || text AS hay "
            "FROM commitment UNION ALL "
            "SELECT id, 'fact', position, text FROM fact) "
            f"WHERE {conds} ORDER BY position, doc LIMIT ? OFFSET ?"
        )
        return sql, [*(_like(t) for t in query.all_terms), limit, offset]


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

    def search(self, text: str | None, limit: int = DEFAULT_LIMIT,
               offset: int = 0) -> list[Hit]:
        # each part's best offset+limit hold the merged page's (ranks compare across parts)
        hits = [h for p in self.parts for h in p.search(text, offset + limit)]
        return sorted(hits, key=lambda h: (h.rank, h.doc))[offset:offset + limit]

    def count(self, text: str | None) -> int:
        return sum(p.count(text) for p in self.parts)

    def commitment_ids(self, text: str | None) -> set[str]:
        return set().union(*(p.commitment_ids(text) for p in self.parts))

    def doc_ids(self, phrases: Sequence[str]) -> tuple[Set[str], Set[str]]:
        if len(self.parts) == 1:
            return self.parts[0].doc_ids(phrases)
        commitments: set[str] = set()
        facts: set[str] = set()
        for part in self.parts:
            ids, fact_ids = part.doc_ids(phrases)
            commitments |= ids
            facts |= fact_ids
        return commitments, facts

    def commitment_mask(self, phrases: Sequence[str], ids: Sequence[str]) -> bytes | None:
        """One part's :meth:`ReferenceSearch.commitment_mask`; None for several (their
        rowids are not one numbering)."""
        ask = getattr(self.parts[0], "commitment_mask", None) if len(self.parts) == 1 else None
        return ask(phrases, ids) if ask is not None else None

    def doc_masks(self, phrases: Sequence[str], ids: Sequence[str],
                  fact_ids: Sequence[str]) -> tuple[bytes, bytes] | None:
        """One part's :meth:`ReferenceSearch.doc_masks`; None for several (as
        :meth:`commitment_mask`)."""
        ask = getattr(self.parts[0], "doc_masks", None) if len(self.parts) == 1 else None
        return ask(phrases, ids, fact_ids) if ask is not None else None

    def doc_ids_among(self, phrases: Sequence[str], among: Set[str],
                      facts_among: Set[str] | None = None
                      ) -> tuple[set[str], Set[str]] | None:
        """As each part's :meth:`ReferenceSearch.doc_ids_among`; None unless every part
        answers so."""
        commitments: set[str] = set()
        facts: set[str] = set()
        for part in self.parts:
            ask = getattr(part, "doc_ids_among", None)
            found = ask(phrases, among, facts_among) if ask is not None else None
            if found is None:
                return None
            commitments |= found[0]
            facts |= found[1]
        return commitments, facts

    def warm(self) -> None:
        for part in self.parts:
            part.warm()
