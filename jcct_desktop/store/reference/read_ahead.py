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
from pathlib import Path

SEPARATOR = "\x1f"  # the ASCII unit separator: no text the project writes holds it


SMALLEST = 1 << 20  # bytes: a smaller file opens in a few milliseconds without a thread


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


class TableAhead:
    """One select's rows as one text per column, read by ``ReadAhead``'s thread.

    ``columns`` are SQL expressions over ``source`` (a table, or a select in parentheses)
    in the order they are wanted; ``integers`` the positions of those that must be stored
    integers, ``texts`` of those that are texts whatever is stored (SQLite's ``json_array``);
    the others must be stored texts.
    """

    def __init__(self, source: str, columns: list[str], integers: frozenset[int],
                 texts: frozenset[int]) -> None:
        # a value of another type than the rows should give (NULL too) is joined as one more
        # separator: like a value holding the separator, it only adds to the column's count
        # of values, so the count alone tells (a CASE: a third of the time of an ``iif``)
        joined = ", ".join(
            f"group_concat({c}, char(31))" if i in texts else
            f"group_concat(CASE typeof({c}) WHEN '{'integer' if i in integers else 'text'}' "
            f"THEN {c} ELSE char(31) END, char(31))"
            for i, c in enumerate(columns))
        self.sql = f"SELECT count(*), {joined} FROM {source}"
        self._found: tuple[int | str | None, ...] | None = None
        self._done = threading.Event()

    def read(self, db: sqlite3.Connection | None) -> None:
        try:
            if db is not None:
                self._found = db.execute(self.sql).fetchone()
        except Exception:  # any failure: the rows are stepped as before
            self._found = None
        finally:
            self._done.set()

    def columns(self) -> list[list[str]] | None:
        """Each column's values in the order SQLite scans ``source``, each a ``str``; None
        when the texts do not say what the rows say."""
        self._done.wait()
        found, self._found = self._found, None  # the texts are let go with the split
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
              texts: frozenset[int] = frozenset()) -> TableAhead:
        found = TableAhead(source, columns, integers, texts)
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
