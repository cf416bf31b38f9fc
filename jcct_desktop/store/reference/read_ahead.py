"""The big tables read by SQLite on a thread of its own while the open makes the rest
(issue 25: 100,000 commitments opened in under half a second).

Python 3.11's ``sqlite3`` lets go of the interpreter lock inside each step and around each
column it reads, so two threads stepping rows at once hand the lock to each other column by
column: reading the commitments on one thread and the milestones on another took 1.5× the
wall time of reading them one after the other. Here SQLite is asked for a whole table as a
few values instead, each column's values joined by one separator (``group_concat``): one
step, the table read and joined in C without the lock, while the opening thread makes the
meetings, sectors and milestones; the opener then splits each text in C (``str.split``)
where it would have stepped the rows.

The texts must say exactly what the rows say, or they are not used (``columns`` gives None
and the opener steps the rows as before, which then raise their own errors): every value
must be of the type the rows would give (a text stays a text, an integer is checked to be
one), none NULL, none holding the separator (each column's count of values tells), and no
error.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from itertools import count, islice, pairwise
from pathlib import Path
from queue import SimpleQueue
from typing import Any

SEPARATOR = "\x1f"  # the ASCII unit separator: no text the project writes holds it


SMALLEST = 1 << 20  # bytes: a smaller file opens in a few milliseconds without a thread
PART_ROWS = 25_000  # rows a part: the opener waits only for the first part of a table
MOST_PARTS = 64  # parts of a table at most (a million rows: 40)


def worth_it(path: Path) -> bool:
    """Whether reading ``path`` ahead is likely to shorten its open: a file of some size
    (an archive; not the bundled meeting, 8 ms to open) and a second core likely free.
    Else the thread only adds its work: about as much CPU time again as it takes off the
    opening thread (the 100,000 archive: 105 ms)."""
    return path.stat().st_size >= SMALLEST and second_core()


def second_core() -> bool:
    """Whether a second core is likely free for the thread: the process may run on two at
    once, and the machine's load (runnable threads, averaged over the last minute) leaves
    more than one of them idle besides the opener's. With a whole core busy elsewhere the
    thread shares it and the open takes longer (the 100,000 archive on 2 cores: at load
    0.4-0.6, 530 → 454 ms; at load 1.1, 492 → 573 ms)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity on this platform (macOS, Windows): its core count
        cores = os.cpu_count() or 1
    if cores < 2:
        return False
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not measured here (Windows)
        return True
    return load < cores - 1


class Declined(Exception):
    """A part of a table read ahead (after the first) does not say what its rows say: the
    rows are read instead, from the start."""


Part = tuple[str, tuple[Any, ...]]  # a condition on the source's table, and its parameters
Cut = Callable[[sqlite3.Connection], list[Part]]
WHOLE: list[Part] = [("1", ())]
PART = "{part}"  # where a part's condition goes in a source
_UNKNOWN = object()


def by_rowid(table: str) -> Cut:
    """Parts of about ``PART_ROWS`` rows of ``table`` by ranges of its rowid: read in
    rowid order, as SQLite scans the table, they come in the order of the whole."""

    def cut(db: sqlite3.Connection) -> list[Part]:
        # apart: SQLite seeks one end of the table for a lone min() or max() only
        low = db.execute(f"SELECT min(rowid) FROM {table}").fetchone()[0]
        high = db.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
        # as many parts as the span of rowids would fill, but a few at most where rowids
        # lie far apart (they need not be dense: an edited table; more parts, emptier)
        count = 0 if low is None else min(-(-(high - low + 1) // PART_ROWS), MOST_PARTS)
        if count < 2:
            return WHOLE
        step = -(-(high - low + 1) // count)
        ends = [low - 1 + step * i for i in range(count)] + [high]
        return [(f"{table}.rowid > ? AND {table}.rowid <= ?", (a, b))
                for a, b in pairwise(ends)]

    return cut


def by_key(table: str, column: str) -> Cut:
    """Parts of about ``PART_ROWS`` rows of ``table`` by ranges of ``column``, cut where a
    value begins (every row of one value in one part): read by an index that begins with
    ``column``, as SQLite reads the whole, they come in the order of the whole. Not cut
    when a value is NULL (no range holds it)."""
    named = f"{table}.{column}"

    def cut(db: sqlite3.Connection) -> list[Part]:
        if db.execute(f"SELECT 1 FROM {table} WHERE {named} IS NULL LIMIT 1").fetchone():
            return WHOLE
        starts: list[Any] = []
        # the value at every PART_ROWS-th row (MOST_PARTS at most: the last holds the rest)
        for offset in islice(count(PART_ROWS, PART_ROWS), MOST_PARTS - 1):
            found = db.execute(f"SELECT {named} FROM {table} ORDER BY {named} LIMIT 1 "
                               f"OFFSET ?", (offset,)).fetchone()
            if found is None:
                break
            if not starts or found[0] != starts[-1]:
                starts.append(found[0])
        if not starts:
            return WHOLE
        return [(f"{named} < ?", (starts[0],)),
                *((f"{named} >= ? AND {named} < ?", (a, b))
                  for a, b in pairwise(starts)),
                (f"{named} >= ?", (starts[-1],))]

    return cut


class TableAhead:
    """One select's rows as one text per column, read by ``ReadAhead``'s thread, in parts
    when ``cut`` cuts them (``by_rowid``, ``by_key``) so the opener can make the first
    part's records while SQLite reads the next.

    ``columns`` are SQL expressions over ``source`` (a table, or a select in parentheses)
    in the order they are wanted; where ``source`` says ``PART`` (a select over one table:
    its ``WHERE``), each part's condition goes (``1`` for the whole). ``integers`` are the
    positions of those that must be stored integers, ``texts`` of those that are texts
    whatever is stored (SQLite's ``json_array``); the others must be stored texts.
    """

    def __init__(self, source: str, columns: list[str], integers: frozenset[int],
                 texts: frozenset[int], cut: Cut | None = None) -> None:
        # a value of another type than the rows should give (NULL too) is joined as one more
        # separator: like a value holding the separator, it only adds to the column's count
        # of values, so the count alone tells (a CASE: a third of the time of an ``iif``)
        joined = ", ".join(
            f"group_concat({c}, char(31))" if i in texts else
            f"group_concat(CASE typeof({c}) WHEN '{'integer' if i in integers else 'text'}' "
            f"THEN {c} ELSE char(31) END, char(31))"
            for i, c in enumerate(columns))
        self._head = f"SELECT count(*), {joined} FROM "
        self._source = source
        self._cut = cut
        # the thread puts the number of parts (None: declined), then each part's texts
        # (None: declined, and no more parts come)
        self._found: SimpleQueue[Any] = SimpleQueue()
        self._parts: int | object | None = _UNKNOWN  # taken from the queue, once

    def _count(self) -> int | None:
        """The number of parts the thread reads (None: declined), once it knows."""
        if self._parts is _UNKNOWN:
            self._parts = self._found.get()
        return self._parts  # type: ignore[return-value]  # no longer unknown

    def read(self, db: sqlite3.Connection | None) -> None:
        parts: list[Part] | None = None
        try:
            if db is not None:
                parts = self._cut(db) if self._cut is not None else WHOLE
        except Exception:  # any failure: the rows are stepped as before
            parts = None
        self._found.put(None if parts is None else len(parts))
        for condition, params in parts or ():
            try:
                found = db.execute(  # type: ignore[union-attr]  # parts: a connection
                    self._head + self._source.replace(PART, condition), params).fetchone()
            except Exception:
                found = None
            self._found.put(found)
            if found is None:
                break

    def columns(self) -> list[list[str]] | None:
        """Each column's values in the order SQLite scans the select, each a ``str``; None
        when the texts do not say what the rows say."""
        parts = self._count()
        if parts is None:
            return None
        values: list[list[str]] | None = None
        for _ in range(parts):
            part = _split(self._found.get())  # the texts are let go with the split
            if part is None:
                return None
            if values is None:
                values = part
            else:
                for whole, more in zip(values, part, strict=True):
                    whole.extend(more)
        return values

    def parts(self) -> Iterator[list[list[str]]] | None:
        """The columns part by part as the thread reads them (a table of one part: its
        ``columns``); None when the first part does not say what its rows say. A later
        part that does not raises ``Declined`` where it would come."""
        parts = self._count()
        if parts is None:
            return None
        if parts == 1:
            whole = self.columns()
            return None if whole is None else iter([whole])
        first = _split(self._found.get())
        if first is None:
            return None
        return self._more(first, parts - 1)

    def _more(self, first: list[list[str]], left: int) -> Iterator[list[list[str]]]:
        yield first
        for _ in range(left):
            part = _split(self._found.get())
            if part is None:
                raise Declined
            yield part


def _split(found: tuple[int | str | None, ...] | None) -> list[list[str]] | None:
    """One part's texts split into each column's values; None when they do not say what
    the rows say."""
    if found is None:
        return None
    rows, *texts = found
    if rows == 0:
        return [[] for _ in texts]
    values = []
    for text in texts:
        if not isinstance(text, str):
            return None
        split = text.split(SEPARATOR)
        if len(split) != rows:
            return None
        values.append(split)
    return values


class ReadAhead:
    """Tables read one after the other on one thread of their own, started by ``start``, on
    a connection of its own to the file at ``uri``, opened now: beside the opener's, so it
    reads the same file even if the importer puts a new one in its place meanwhile."""

    def __init__(self, uri: str) -> None:
        try:
            self._db: sqlite3.Connection | None = sqlite3.connect(
                uri, uri=True, check_same_thread=False)
        except Exception:  # the opener's own connection reports what is wrong
            self._db = None
        self._tables: list[TableAhead] = []
        self._thread = threading.Thread(target=self._run, name="reference read ahead",
                                        daemon=True)

    def table(self, source: str, columns: list[str], integers: frozenset[int] = frozenset(),
              texts: frozenset[int] = frozenset(), cut: Cut | None = None) -> TableAhead:
        found = TableAhead(source, columns, integers, texts, cut)
        self._tables.append(found)
        return found

    def start(self) -> None:
        self._thread.start()

    def wait(self) -> None:
        """Let the thread finish (an open that fails before it uses every table)."""
        if self._thread.is_alive():
            self._thread.join()
        elif self._db is not None and not self._thread.ident:  # never started: close
            self._db.close()

    def _run(self) -> None:
        try:
            for table in self._tables:
                table.read(self._db)
        finally:
            if self._db is not None:
                self._db.close()
