"""What a reference database gives after it is opened (``core.deferred``): a commitment's
text, a milestone's wording, the facts.

They are read on a connection of the database's own, opened with the rest at open and kept:
it reads the file that was opened, even after the importer writes a new one in its place
(``os.replace``; the opened file stays readable). Every statement is compiled at open
(``check``), so a missing table or column is still an error of the open. While few texts
are asked for (the commitment an officer picks) each is one look-up by its key (a
commitment's id, a milestone's commitment and position); past ``ROW_BY_ROW`` of them (an
export, a packet, the straightforward filter) the whole column is read at once and kept.

A file changed in place after the open (truncated, or another database copied over it) can
no longer give what the open read: each read first checks that the file at the opened path
is either another file (moved over it: the connection still reads its own) or gone (the
same), or else the one opened, of the same size and time; if not, and if SQLite fails, the
read raises ``ReferenceDataError``, one line, as the open would.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from jcct_desktop.store.reference.errors import ReferenceDataError

ROW_BY_ROW = 64


class LaterReads:
    """One database's connection for reads after open, one thread at a time."""

    def __init__(self, uri: str, path: Path) -> None:
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._path = path
        self._opened = _stamp(path)

    def check(self, sql: str) -> None:
        """Compile ``sql`` without running it: what it names must exist."""
        with self._lock:
            self._db.execute("EXPLAIN " + sql, (None,) * sql.count("?")).close()

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with self._lock:
            self._check()
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise ReferenceDataError(
                    f"The bundled database cannot be read ({self._path}): {exc}") from None

    def _check(self) -> None:
        try:
            now = _stamp(self._path)
        except OSError:  # gone (deleted, moved away): the connection holds the file opened
            return
        if now[:2] == self._opened[:2] and now != self._opened:  # the same file, changed
            raise ReferenceDataError(
                f"The bundled database changed on disk after it was opened ({self._path}): "
                "start again to read it")

    def close(self) -> None:
        self._db.close()


def _stamp(path: Path) -> tuple[int, int, int, int]:
    """Which file is at ``path`` (device, inode) and its size and modification time."""
    found = os.stat(path)
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns


class StoredTexts:
    """One column's texts by its key columns (``core.deferred.TextColumn``): a key of one
    column is its value, of several a tuple of theirs."""

    def __init__(self, reads: LaterReads, table: str, column: str, *key: str) -> None:
        self._reads = reads
        # qualified as SQLAlchemy's selects are, so a missing column is named alike
        named = [f"{table}.{part}" for part in key]
        self._one = f"SELECT {table}.{column} FROM {table} WHERE " + " AND ".join(
            f"{part} = ?" for part in named)
        self._all = f"SELECT {', '.join(named)}, {table}.{column} FROM {table}"
        self._parts = len(key)
        self._lock = threading.Lock()
        self._asked = 0
        self._texts: dict[Any, str] | None = None
        reads.check(self._one)
        reads.check(self._all)

    def text_of(self, key: Any) -> str:
        texts = self._texts
        if texts is not None:  # read whole: a plain look-up, no lock (never changed again)
            return texts[key]
        with self._lock:
            if self._texts is None and self._asked < ROW_BY_ROW:
                self._asked += 1
                found = self._reads.rows(self._one, *(key if self._parts > 1 else (key,)))
                if not found:
                    raise LookupError(f"no row {key!r} in: {self._one}")
                text: str = found[0][0]
                return text
            if self._texts is None:
                rows = self._reads.rows(self._all)
                self._texts = (dict(rows) if self._parts == 1
                               else {row[:-1]: row[-1] for row in rows})
            return self._texts[key]
