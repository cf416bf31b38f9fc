"""The search index's rows held in memory, read once per database, for the typed search.

Two reads that cost more in SQLite than in Python at 100,000 commitments:

* :class:`DocTable` maps an index rowid to its document (id and kind): a MATCH that returns
  rowids only is several times faster than one that reads the stored ``doc`` column.
* :class:`ShortTermScan` answers terms under three characters, which the trigram index
  cannot: ``(title || ' ' || body) LIKE '%term%'`` scans every row in SQLite, while a
  substring test over the texts folded once runs at C speed. It keeps SQLite's LIKE
  semantics exactly (``like_fold``).
"""

from __future__ import annotations

import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Sequence, Set
from functools import cached_property
from itertools import chain, compress, repeat
from operator import itemgetter
from typing import cast

from jcct_desktop.core import cancel, pieces
from jcct_desktop.core.masks import GroupPlaces, marked

# LIKE folds the case of ASCII letters only: "É" never matches "é", "ß" never "SS"
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
SCAN_CHUNK = pieces.SIZE  # texts tested between looks at the cancel token (and the GIL)
REMEMBERED_TERMS = 256  # short terms whose matches are kept to narrow longer ones
REMEMBERED_SETS = 16  # short terms whose id sets are kept (up to the whole index's each)
# a short term's commitments fewer than one in so many: their mask is made place by place,
# not by a gather over every commitment (bench/bench_first_time_keys.py)
FEW_PLACES = 3
# picks bytes by place from a mask (by rowid, by text) into an order of documents
Gather = Callable[[bytearray], bytes]


def like_fold(text: str) -> str:
    """``text`` as SQLite's LIKE compares it: ASCII letters lower-cased, nothing else
    changed, and cut at a NUL (SQLite reads a LIKE operand as a C string)."""
    text = text.partition("\x00")[0]
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


class DocTable:
    """rowid → document id, split by kind ("commitment" or "fact")."""

    def __init__(self, rows: Iterable[tuple[int, str, str]]) -> None:
        """``rows``: (rowid, doc, kind) of every row of the index."""
        self._commitment: dict[int, str] = {}
        self._fact: dict[int, str] = {}
        self._other: dict[int, str] = {}  # no such rows are written; found, they are an error
        for rowid, doc, kind in rows:
            # interned, as the catalog's lookups intern them (core/catalog_lookups.py): an
            # id found here is then the very object the filters hold
            doc = sys.intern(doc)
            if kind == "commitment":
                self._commitment[rowid] = doc
            else:
                (self._fact if kind == "fact" else self._other)[rowid] = doc
        every = list(chain(self._commitment, self._fact, self._other))
        self._size = 1 + max(every, default=-1)  # one more than the largest rowid
        self._lowest = min(every, default=0)
        # for the order of commitment ids last asked (by identity), the gather of their
        # rows' bytes from a mask by rowid (made once per order); the same for facts
        self._gather: tuple[Sequence[str], Gather | None] | None = None
        self._fact_gather: tuple[Sequence[str], Gather | None] | None = None
        self._by_rowid  # noqa: B018 - made with the rows (on warming), not at a first key

    @cached_property
    def _by_rowid(self) -> tuple[tuple[str | None, ...], bytes, bytes]:
        """Per rowid from 0: its doc (None: no row), whether a commitment's, a fact's."""
        docs: list[str | None] = [None] * self._size
        commitment, fact = bytearray(self._size), bytearray(self._size)
        for flags, rows in ((commitment, self._commitment), (fact, self._fact)):
            deque(map(docs.__setitem__, rows, rows.values()), maxlen=0)
            deque(map(flags.__setitem__, rows, repeat(1)), maxlen=0)
        return tuple(docs), bytes(commitment), bytes(fact)

    def row_of_docs(self) -> tuple[dict[str, int], dict[str, int]] | None:
        """Each commitment's rowid and each fact's (made anew: asked once); None when a
        document has two rows."""
        commitments = {doc: rowid for rowid, doc in self._commitment.items()}
        facts = {doc: rowid for rowid, doc in self._fact.items()}
        if len(commitments) != len(self._commitment) or len(facts) != len(self._fact):
            return None
        return commitments, facts

    def split(self, rowids: Iterable[int]) -> tuple[set[str], set[str]]:
        """(commitment ids, fact ids) of these rows."""
        rows = list(rowids)
        if self._other and not self._other.keys().isdisjoint(rows):
            raise KeyError("a search index row of an unknown kind")
        if len(rows) > 1 and len(rows) * 4 < self._size and self._lowest >= 0 \
                and min(rows) >= 0 and max(rows) < self._size:
            # the rows' docs and kinds picked by place in C, rather than a dictionary
            # lookup per row and kind (each a cache miss or two at 100,000 rows; for most
            # of the rows, looked up in rowid order, the lookups hit the cache and win)
            pick = itemgetter(*rows)
            docs, commitment, fact = self._by_rowid
            found = pick(docs)
            return (_found(compress(found, pick(commitment))),
                    _found(compress(found, pick(fact))))
        return _found(map(self._commitment.get, rows)), _found(map(self._fact.get, rows))

    def commitment_mask(self, rowids: Iterable[int], ids: Sequence[str]) -> bytes | None:
        """1 for each of ``ids`` that is the commitment of one of these rows, else 0: the
        mask of ``split(rowids)[0]`` over ``ids``, made in C (a byte set per row, then one
        gather into the order of ``ids``); None when no gather says so (an id with two rows,
        a negative rowid, a row not read)."""
        gather = self._gather_for(ids) if ids else None
        hit = self._hit(rowids) if gather is not None else None
        return None if gather is None or hit is None else gather(hit)

    def doc_masks(self, rowids: Iterable[int], ids: Sequence[str],
                  fact_ids: Sequence[str]) -> tuple[bytes, bytes] | None:
        """(:meth:`commitment_mask`, the same for the facts ``fact_ids``): a byte per id,
        1 for the documents of these rows; None when no gather says so."""
        gather, fact_gather = self._gather_for(ids), self._fact_gather_for(fact_ids)
        hit = self._hit(rowids) if gather is not None and fact_gather is not None else None
        if gather is None or fact_gather is None or hit is None:
            return None
        return gather(hit), fact_gather(hit)

    def _hit(self, rowids: Iterable[int]) -> bytearray | None:
        """A byte per rowid, 1 for these rows, and one more byte, 0 (where ids without a
        row look); None for a row added since the rows were read."""
        try:
            hit = marked(self._size + 1, rowids)
        except IndexError:
            return None
        hit[-1] = 0  # the byte of ids without a row, whatever was asked
        return hit

    def _gather_for(self, ids: Sequence[str]) -> Gather | None:
        """Picks, from a mask by rowid, the bytes of ``ids``' commitments in their order (an
        id without a row: the byte past the last rowid); made once per order of ids."""
        kept = self._gather  # one read: another thread may ask for another order
        if kept is None or kept[0] is not ids:
            kept = self._gather = (ids, self._gather_of(self._commitment, ids))
        return kept[1]

    def _fact_gather_for(self, ids: Sequence[str]) -> Gather | None:
        """:meth:`_gather_for` of facts."""
        kept = self._fact_gather
        if kept is None or kept[0] is not ids:
            kept = self._fact_gather = (ids, self._gather_of(self._fact, ids))
        return kept[1]

    def _gather_of(self, rows: dict[int, str], ids: Sequence[str]) -> Gather | None:
        row_of = {doc: rowid for rowid, doc in rows.items()}
        if len(row_of) != len(rows) or self._lowest < 0:
            return None
        return gatherer([row_of.get(i, self._size) for i in ids], self._size + 1)


def gatherer(places: list[int], size: int) -> Gather:
    """Picks, from ``size`` bytes, the bytes at ``places`` in their order, in C."""
    if len(places) < 2:  # itemgetter of one place gives no tuple
        return lambda hit: bytes(map(hit.__getitem__, places))
    if all(map(int.__lt__, places, places[1:])):
        # in order (the index's rows written in source order): the other bytes are made
        # 2 or 3 and dropped, three passes in C where a gather looks up each place
        others = bytearray(b"\x02") * size
        deque(map(others.__setitem__, places, repeat(0)), maxlen=0)
        marked = int.from_bytes(others, "little")
        return lambda hit: (int.from_bytes(hit, "little") | marked).to_bytes(
            size, "little").translate(None, b"\x02\x03")
    pick = itemgetter(*places)
    return lambda hit: bytes(pick(hit))


def _ids(groups: tuple[tuple[str, ...], ...], at: Iterable[int]) -> set[str]:
    """Every id of the groups ``at``, gathered a piece at a time."""
    found: set[str] = set()
    pieces.update(found, chain.from_iterable(map(groups.__getitem__, at)))
    return found


def _found(ids: Iterable[str | None]) -> set[str]:
    found: set[str | None] = set()
    pieces.update(found, ids)
    found.discard(None)
    return cast(set[str], found)


class ShortTermScan:
    """Which documents' text holds a short term, LIKE's way, tested in memory.

    Rows with the same text are tested once (generated archives repeat their sentences). A
    term that extends one already answered (``so`` after ``s``) tests only that one's
    matches: a text holding ``so`` holds ``s``, under the same folding, so the answer is the
    same as a whole scan.
    """

    def __init__(self, rows: Iterable[tuple[str, str, str | None]]) -> None:
        """``rows``: (doc, kind, ``title || ' ' || body``) of every row of the index."""
        groups: dict[str, tuple[list[str], list[str]]] = {}
        for doc, kind, text in rows:
            if text is None:  # NULL LIKE anything is NULL: never a match
                continue
            commitments, facts = groups.setdefault(like_fold(text), ([], []))
            doc = sys.intern(doc)  # as DocTable's
            if kind == "commitment":
                commitments.append(doc)
            elif kind == "fact":
                facts.append(doc)
            else:  # none is written; the straightforward path fails on one found too
                raise KeyError(kind)
        # tuples of strings: the cyclic collector stops scanning them once it has seen them
        self._texts = tuple(groups)
        # commitment → its text's index, for a term tested among a few commitments only;
        # none when a commitment has two rows (then every text is tested, as SQL does)
        group_of = {c: i for i, (cs, _) in enumerate(groups.values()) for c in cs}
        count = sum(len(cs) for cs, _ in groups.values())
        self._group_of: dict[str, int] | None = group_of if len(group_of) == count else None
        fact_group = {f: i for i, (_, fs) in enumerate(groups.values()) for f in fs}
        facts_count = sum(len(fs) for _, fs in groups.values())
        self._fact_group: dict[str, int] | None = fact_group \
            if len(fact_group) == facts_count else None
        self._commitments = tuple(tuple(c) for c, _ in groups.values())
        self._facts = tuple(tuple(f) for _, f in groups.values())
        self._answered: dict[str, tuple[int, ...]] = {}  # folded term → indexes into _texts
        self._sets: dict[str, tuple[Set[str], Set[str]]] = {}
        # "s" or "e" is in every text: its answer is these, made once, not a set per term
        self._every = (frozenset(chain.from_iterable(self._commitments)),
                       frozenset(chain.from_iterable(self._facts)))
        self._lock = threading.Lock()
        # for the order of commitment ids last asked (by identity), the gather of their
        # texts' bytes (made once per order)
        self._gather: tuple[Sequence[str], Gather | None] | None = None
        self._fact_gather: tuple[Sequence[str], Gather | None] | None = None
        # for the order of commitment ids last asked (by identity), each text's places
        self._places: tuple[Sequence[str], GroupPlaces | None] | None = None
        # the masks of a term in every text, for the orders last asked (by identity)
        self._every_masks: tuple[Sequence[str], Sequence[str], tuple[bytes, bytes]] | None \
            = None
        # the texts of the commitments and facts a term was last asked among (by identity)
        self._among: tuple[Iterable[str], Iterable[str], list[str], list[str],
                           list[int | None], list[int | None], frozenset[int]] | None = None

    def holding(self, term: str) -> tuple[Set[str], Set[str]]:
        """(commitment ids, fact ids) whose ``title || ' ' || body`` is LIKE ``%term%``:
        sets shared with later callers, not to be changed."""
        folded = like_fold(term)
        known = self._sets.get(folded)  # one read: another thread may clear it meanwhile
        if known is None:
            known = self._as_sets(self._matches(folded))
            with self._lock:
                if len(self._sets) >= REMEMBERED_SETS:
                    self._sets.clear()
                self._sets[folded] = known
        return known

    def commitment_mask(self, term: str, ids: Sequence[str]) -> bytes | None:
        """1 for each of ``ids`` among :meth:`holding`'s commitments, else 0: made in C (a
        byte set per text holding the term, then one gather into the order of ``ids``);
        None when no gather says so (a commitment with two rows)."""
        gather = self._gather_for(ids)
        return None if gather is None else gather(self._hit(term))

    def doc_masks(self, term: str, ids: Sequence[str],
                  fact_ids: Sequence[str]) -> tuple[bytes, bytes] | None:
        """(:meth:`commitment_mask`, the same for the facts ``fact_ids``: 1 for each among
        :meth:`holding`'s facts), with no set of ids made; None when no gather says so."""
        gather, fact_gather = self._gather_for(ids), self._fact_gather_for(fact_ids)
        if gather is None or fact_gather is None:
            return None
        found = self._matches(like_fold(term))
        if len(found) == len(self._texts):  # in every text ("s", "e"): made once
            kept = self._every_masks  # one read: another thread may ask other orders
            if kept is None or kept[0] is not ids or kept[1] is not fact_ids:
                hit = marked(len(self._texts) + 1, found)
                kept = self._every_masks = (ids, fact_ids, (gather(hit), fact_gather(hit)))
            return kept[2]
        hit = marked(len(self._texts) + 1, found)
        places = self._places_for(ids)
        if places is not None and places.count(found) * FEW_PLACES < len(ids):
            return places.mask(len(ids), found), fact_gather(hit)  # a few: place by place
        return gather(hit), fact_gather(hit)

    def _places_for(self, ids: Sequence[str]) -> GroupPlaces | None:
        """The places in ``ids`` of each text's commitments (made once per order)."""
        kept = self._places  # one read: another thread may ask for another order
        if kept is None or kept[0] is not ids:
            group_of = self._group_of
            kept = self._places = (ids, None if group_of is None else GroupPlaces(
                map(group_of.get, ids, repeat(len(self._texts))), len(self._texts)))
        return kept[1]

    def _hit(self, term: str) -> bytearray:
        """A byte per text, 1 for those holding the term, and one more byte, 0 (where
        documents with no text look)."""
        return marked(len(self._texts) + 1, self._matches(like_fold(term)))

    def prepare_gather(self, ids: Sequence[str], fact_ids: Sequence[str] = ()) -> None:
        """Make now the gathers a first :meth:`doc_masks` for these orders would make."""
        self._gather_for(ids)
        self._places_for(ids)
        if fact_ids:
            self._fact_gather_for(fact_ids)

    def _gather_for(self, ids: Sequence[str]) -> Gather | None:
        """Picks, from a byte per text, the bytes of ``ids``' texts in their order (an id
        with no text: the byte past the last text); made once per order of ids."""
        kept = self._gather  # one read: another thread may ask for another order
        if kept is not None and kept[0] is ids:
            return kept[1]
        group_of = self._group_of
        gather: Gather | None = None
        if group_of is not None and len(ids) > 1:
            places = list(map(group_of.get, ids, repeat(len(self._texts))))
            gather = gatherer(places, len(self._texts) + 1)
        self._gather = (ids, gather)
        return gather

    def _fact_gather_for(self, ids: Sequence[str]) -> Gather | None:
        """:meth:`_gather_for` of facts (any number of them)."""
        kept = self._fact_gather
        if kept is not None and kept[0] is ids:
            return kept[1]
        group_of = self._fact_group
        gather: Gather | None = None
        if group_of is not None:
            places = list(map(group_of.get, ids, repeat(len(self._texts))))
            gather = gatherer(places, len(self._texts) + 1)
        self._fact_gather = (ids, gather)
        return gather

    def holding_among(self, term: str, among: Iterable[str],
                      facts_among: Iterable[str] | None = None
                      ) -> tuple[set[str], Set[str]] | None:
        """(those of the commitments ``among`` whose text is LIKE ``%term%``, every fact's
        whose is): as :meth:`holding` gives them once met with ``among``, without making
        the term's every commitment; None when this index cannot tell so. With
        ``facts_among``, the facts are those of ``facts_among`` only, and only the texts
        of ``among`` and ``facts_among`` are tested."""
        group_of = self._group_of
        if group_of is None:
            return None
        folded = like_fold(term)
        known = self._sets.get(folded)
        if known is not None:
            if facts_among is not None:
                return (set(filter(known[0].__contains__, among)),
                        set(filter(known[1].__contains__, facts_among)))
            return set(filter(known[0].__contains__, among)), known[1]
        if facts_among is not None and self._fact_group is not None:
            return self._tested_among(folded, among, facts_among, group_of,
                                      self._fact_group)
        found = self._matches(folded)
        if len(found) == len(self._texts):  # in every text ("g"): every commitment with one
            every = self._every[0]
            if among is every or (isinstance(among, Set) and among <= every):
                return set(among), self._every[1]
        held = set(found).__contains__
        commitments: set[str] = set()
        for piece in pieces.pieces(among):  # the window gets the lock between pieces
            commitments.update(compress(piece, map(held, map(group_of.get, piece))))
        if 2 * len(found) > len(self._texts):
            missing = sorted(set(range(len(self._texts))).difference(found))
            return commitments, self._every[1].difference(_ids(self._facts, missing))
        return commitments, _ids(self._facts, found)

    def _tested_among(self, folded: str, among: Iterable[str], facts_among: Iterable[str],
                      group_of: dict[str, int], fact_group: dict[str, int]
                      ) -> tuple[set[str], set[str]]:
        """:meth:`holding_among` with ``facts_among``: the texts of those documents alone
        tested (those of "smart"'s hits: a few hundred of the index's texts)."""
        kept = self._among  # one read: another thread may ask meanwhile
        if kept is None or kept[0] is not among or kept[1] is not facts_among:
            # the documents' texts, worked out once for the earlier terms' very sets ("g"
            # and "gr" of "smart gr" both asked among "smart"'s)
            commitments, facts = list(among), list(facts_among)
            groups = list(map(group_of.get, commitments))  # None: no text, never a match
            fact_groups = list(map(fact_group.get, facts))
            distinct: set[int | None] = set(groups)
            distinct.update(fact_groups)
            distinct.discard(None)
            kept = self._among = (among, facts_among, commitments, facts, groups, fact_groups,
                                  frozenset(cast(set[int], distinct)))
        _, _, commitments, facts, groups, fact_groups, every_asked = kept
        asked = set(every_asked)
        with self._lock:
            narrower = [found for term, found in self._answered.items() if term in folded]
        if narrower:  # texts that cannot hold it (they lack a part of it) left out
            narrowest: tuple[int, ...] = min(narrower, key=len)
            asked.intersection_update(narrowest)
        hit = set(self._scan(folded, sorted(asked))).__contains__
        found: set[str] = set()
        for piece, at in zip(pieces.pieces(commitments), pieces.pieces(groups), strict=True):
            found.update(compress(piece, map(hit, at)))
        return found, set(compress(facts, map(hit, fact_groups)))

    def _as_sets(self, found: tuple[int, ...]) -> tuple[Set[str], Set[str]]:
        """The ids of the texts at ``found`` (ascending indexes into ``_texts``)."""
        if len(found) == len(self._texts):
            return self._every
        if 2 * len(found) > len(self._texts):  # most texts: take the few others away
            missing = sorted(set(range(len(self._texts))).difference(found))
            return (self._every[0].difference(_ids(self._commitments, missing)),
                    self._every[1].difference(_ids(self._facts, missing)))
        return _ids(self._commitments, found), _ids(self._facts, found)

    def _matches(self, folded: str) -> tuple[int, ...]:
        with self._lock:
            known = self._answered.get(folded)
            narrower = [found for term, found in self._answered.items() if term in folded]
        if known is not None:
            return known
        candidates: Sequence[int] = min(narrower, key=len) if narrower \
            else range(len(self._texts))
        found = self._scan(folded, candidates)
        with self._lock:
            if len(self._answered) >= REMEMBERED_TERMS:
                self._answered.clear()
            self._answered[folded] = found
        return found

    def _scan(self, folded: str, candidates: Sequence[int]) -> tuple[int, ...]:
        found: list[int] = []
        texts = self._texts
        every = len(candidates) == len(texts)  # ascending, each once: every text, in order
        for start in range(0, len(candidates), SCAN_CHUNK):
            cancel.check()
            chunk = candidates[start:start + SCAN_CHUNK]
            # every text: read in place, not each looked up by its index
            asked = texts[start:start + SCAN_CHUNK] if every else map(texts.__getitem__, chunk)
            found += compress(chunk, map(str.__contains__, asked, repeat(folded)))
        return tuple(found)
