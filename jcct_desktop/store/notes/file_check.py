"""Is this file a notes database we can use? Asked before a file is opened, restored or trusted.

A file counts as good only if it is a non-empty SQLite file that opens, passes
``integrity_check``, carries our schema (our ``application_id``, or 0 with our tables, as files
from before the id was set) and a ``user_version`` we can read or migrate, and holds exactly
the schema objects of that version: no trigger, view, table or index of anyone else's
(``notes.schema``). Everything is read
through a read-only URI: checking never writes the database (like any SQLite reader of a
WAL database it may leave an empty ``-wal`` and an ``-shm`` beside it, which hold nothing).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

from jcct_desktop.store.notes.migrations import APPLICATION_ID, LATEST_VERSION
from jcct_desktop.store.notes.schema import differences

_HEADER = b"SQLite format 3\x00"
OUR_TABLES = frozenset({"annotations", "notes", "history"})


@dataclass(frozen=True)
class NotesVerdict:
    ok: bool
    problem: str = ""  # why not, in words for the user ("" when ok)
    version: int = 0
    kind: str = "ok"  # ok | missing | empty | folder | unreadable | damaged | foreign | too_new
    # the file (and its journal) as checked: an open that finds them unchanged need not check
    # again (a full integrity check reads every page: ~30 ms on a 20 MB notes file)
    stamp: tuple[int, ...] | None = None

    def still_holds(self, path: Path) -> bool:
        """Good, and the file and its journal are as they were when checked."""
        return self.ok and self.stamp is not None and self.stamp == file_stamp(path)

    @property
    def label(self) -> str:
        """One word or two for listings ("good", "damaged", "from a newer app")."""
        return _LABELS.get(self.kind, self.kind)


_LABELS = {
    "ok": "good",
    "missing": "missing",
    "empty": "empty (0 bytes)",
    "folder": "a folder",
    "unreadable": "unreadable",
    "damaged": "damaged",
    "foreign": "not a notes database",
    "too_new": "from a newer app",
}


def file_stamp(path: Path) -> tuple[int, ...] | None:
    """Size, modification time and inode of the file and of its ``-wal`` journal (an empty
    journal, which a reader may leave behind, counts as none: it holds nothing)."""
    stamp: list[int] = []
    for part in (Path(path), Path(f"{path}-wal")):
        try:
            st = part.stat()
        except FileNotFoundError:
            stamp += [0, 0, 0]
            continue
        except OSError:
            return None
        stamp += [st.st_size, st.st_mtime_ns, st.st_ino] if st.st_size else [0, 0, 0]
    return tuple(stamp)


def _bad(kind: str, problem: str, version: int = 0) -> NotesVerdict:
    return NotesVerdict(False, problem, version, kind)


def check_notes_file(path: Path) -> NotesVerdict:
    path = Path(path)
    try:
        if path.is_dir():
            return _bad("folder", f"{path} is a folder, not a notes database file")
        if not path.exists():
            return _bad("missing", f"{path} does not exist")
        if path.stat().st_size == 0:
            return _bad("empty", f"{path.name} is empty (0 bytes)")
        with open(path, "rb") as handle:
            header = handle.read(len(_HEADER))
    except OSError as exc:
        return _bad("unreadable", f"{path.name} cannot be read ({exc.strerror or exc})")
    if header != _HEADER:
        return _bad("foreign", f"{path.name} is not a SQLite database")
    stamp = file_stamp(path)  # before the check: a change while checking shows as a mismatch
    try:
        conn = _connect_read_only(path)
        try:
            verdict = _check_open(conn, path.name)
            return replace(verdict, stamp=stamp) if verdict.ok else verdict
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return _bad("damaged", f"{path.name} is damaged ({exc})")


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """``mode=ro``; where a WAL file's ``-shm`` cannot be made (a read-only folder) and no
    journal holds edits, ``immutable=1``, which needs none."""
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        conn.execute("PRAGMA schema_version").fetchone()  # opening is lazy: touch the file
        return conn
    except sqlite3.OperationalError:
        wal = path.with_name(path.name + "-wal")
        if os.access(path.parent, os.W_OK) and not _read_only_mount(path):
            raise
        if wal.exists() and wal.stat().st_size > 0:
            raise
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)


def _read_only_mount(path: Path) -> bool:
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _check_open(conn: sqlite3.Connection, name: str) -> NotesVerdict:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    if rows != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in rows[:3])
        return _bad("damaged", f"{name} is damaged ({detail})")
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if app_id not in (0, APPLICATION_ID):
        return _bad("foreign", f"{name} is a foreign database (another application's), "
                    "not JCCT Desktop notes")
    # Only a file stamped as ours (or, from before the stamp, with our tables) is "from a newer
    # JCCT Desktop": another program's database (an Alembic one with its alembic_version
    # table, any SQLite counting its own user_version) is foreign, and "please update" would
    # send the officer the wrong way.
    looks_ours = app_id == APPLICATION_ID or (
        tables >= OUR_TABLES and "alembic_version" not in tables)
    if version > LATEST_VERSION and looks_ours:
        return _bad(
            "too_new",
            f"{name} was written by a newer JCCT Desktop (schema {version}; this version "
            f"reads up to {LATEST_VERSION})",
            version,
        )
    if not 1 <= version <= LATEST_VERSION or not tables >= OUR_TABLES:
        return _bad("foreign", f"{name} is a foreign database{_whose(tables)}, not JCCT "
                    "Desktop notes", version)
    extra = differences(conn, version)
    if extra:
        shown = ", ".join(extra[:3]) + (f" and {len(extra) - 3} more" if len(extra) > 3 else "")
        return _bad("foreign", f"{name} is not exactly a JCCT Desktop notes database: it "
                    f"carries {shown}, which the app never makes; it is refused unopened, so "
                    "none of its SQL runs", version)
    return NotesVerdict(True, "", version, "ok")


def _whose(tables: set[str]) -> str:
    return " (another application's: it has an alembic_version table)" if (
        "alembic_version" in tables) else ""
