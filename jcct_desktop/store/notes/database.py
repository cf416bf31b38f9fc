"""Open the per-user annotation database safely.

- owner-only file (0600) in an owner-only folder (0700);
- WAL journal, ``synchronous=FULL`` (edits survive power loss), foreign keys on;
- every transaction starts with ``BEGIN IMMEDIATE`` so DDL is transactional and two app
  instances queue for the write lock (busy timeout) instead of failing mid-transaction;
- a database written by a newer app is refused before anything touches it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect

from jcct_desktop.store.notes.migrations import (
    APPLICATION_ID,
    LATEST_VERSION,
    application_id,
    migrate,
    set_application_id,
    set_user_version,
    user_version,
)
from jcct_desktop.store.notes.models import UserBase

if TYPE_CHECKING:
    from jcct_desktop.store.notes.file_check import NotesVerdict

DB_NAME = "annotations.sqlite"
BUSY_TIMEOUT_S = 15.0


class UserDataError(Exception):
    """The data folder or database cannot be used; the message is meant for the user."""


class SchemaTooNewError(UserDataError):
    pass


class NotesDamagedError(UserDataError):
    """The notes file is damaged, empty or not ours: it was left exactly as found."""


RECOVERY_HINT = (
    "nothing was changed; open JCCT Desktop to recover your notes from a backup, "
    "or run 'jcct-desktop notes restore latest'"
)


@dataclass(frozen=True)
class UserDb:
    engine: Engine
    path: Path
    data_dir: Path
    read_only: bool = False
    snapshot_dir: Path | None = None  # a private copy read in place of the file (see below)

    def close(self) -> None:
        self.engine.dispose()
        if self.snapshot_dir is not None:
            shutil.rmtree(self.snapshot_dir, ignore_errors=True)


def prepare_data_dir(data_dir: str | os.PathLike[str]) -> Path:
    """Create the data folder (0700) or explain why it cannot be used."""
    folder = Path(data_dir)
    if folder.exists() and not folder.is_dir():
        raise UserDataError(f"The data folder {folder} is a file, not a folder.")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise UserDataError(
            f"Cannot create the data folder {folder}: {exc.strerror or exc}"
        ) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserDataError(f"The data folder {folder} is not writable; notes cannot be saved.")
    return folder


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see module docstring)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def make_engine(path: Path) -> Engine:
    # Pooled connections stay open: closing the last one would checkpoint the WAL every edit.
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_S})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    return engine


def _create_private_file(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def ensure_schema(engine: Engine) -> None:
    """Create a fresh schema or run pending migrations, all in one transaction."""
    with engine.begin() as conn:
        version = user_version(conn)
        if version > LATEST_VERSION:
            raise SchemaTooNewError(too_new_message(version))
        if version == 0 and not inspect(conn).get_table_names():
            UserBase.metadata.create_all(conn)
            set_user_version(conn, LATEST_VERSION)
        elif version < LATEST_VERSION:
            migrate(conn, version)
        if application_id(conn) != APPLICATION_ID:
            set_application_id(conn)


def too_new_message(version: int) -> str:
    return (
        f"Your notes database was written by a newer JCCT Desktop (schema {version}; this "
        f"version knows up to {LATEST_VERSION}). It was left untouched: please update the app."
    )


def refuse_unusable(path: Path) -> int:
    """Raise a clear error unless ``path`` is missing (a first run) or a good notes file.

    Returns the file's schema version (0 when missing)."""
    from jcct_desktop.store.notes.file_check import check_notes_file

    verdict = check_notes_file(path)
    if verdict.ok or verdict.kind == "missing":
        return verdict.version
    if verdict.kind == "too_new":
        raise SchemaTooNewError(too_new_message(verdict.version))
    if verdict.kind in ("folder", "unreadable"):
        raise UserDataError(f"Cannot open your notes: {verdict.problem}")
    raise NotesDamagedError(f"Your notes database {path} cannot be used: {verdict.problem}")


def open_user_db(data_dir: str | os.PathLike[str],
                 checked: NotesVerdict | None = None) -> UserDb:
    """Open read-write, creating a first database; a damaged or foreign file is refused as is.

    ``checked``: the verdict of a check made just before (``recovery.prepare_open``); when the
    file is unchanged since, it is not checked a second time."""
    folder = prepare_data_dir(data_dir)
    path = folder / DB_NAME
    if checked is None or not checked.still_holds(path):
        refuse_unusable(path)
    try:
        if not path.exists():
            _create_private_file(path)
        engine = make_engine(path)
        ensure_schema(engine)
    except sqlite3.Error as exc:
        raise UserDataError(f"Cannot open {path}: {exc}") from exc
    except OSError as exc:
        raise UserDataError(f"Cannot open {path}: {exc.strerror or exc}") from exc
    except Exception as exc:  # SQLAlchemy wraps sqlite3 errors
        orig = getattr(exc, "orig", None)
        if isinstance(orig, sqlite3.Error):
            raise UserDataError(f"Cannot open {path}: {orig}") from exc
        raise
    return UserDb(engine=engine, path=path, data_dir=folder)


def _read_only_engine(uri: str) -> Engine:
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))

    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
    return engine


def open_user_db_read_only(data_dir: str | os.PathLike[str]) -> UserDb | None:
    """Open the notes for reading only (exports, a read-only folder); None when there are none.

    Never creates the folder or the file. Where the file or its folder cannot be written, it
    is read without a journal (``immutable=1``: no ``-shm``/``-wal`` files appear, which would
    otherwise be created read-only and keep the notes unwritable later); if a crash left
    edits in a ``-wal`` file, a private copy with that journal is read instead, so nothing
    recorded is missing from the export.
    """
    folder = Path(data_dir)
    if folder.exists() and not folder.is_dir():
        raise UserDataError(f"The data folder {folder} is a file, not a folder.")
    path = folder / DB_NAME
    if not path.exists() and not path.is_symlink():
        return None
    if refuse_unusable(path) < LATEST_VERSION:
        raise UserDataError(
            f"Your notes database {path} is from an older version; open JCCT Desktop once "
            "(with a writable data folder) to upgrade it."
        )
    writable = (
        os.access(path, os.W_OK)
        and os.access(folder, os.W_OK | os.X_OK)
        and not os.statvfs(folder).f_flag & os.ST_RDONLY
    )
    if writable:
        return UserDb(engine=make_engine(path), path=path, data_dir=folder)
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        snapshot = Path(tempfile.mkdtemp(prefix="jcct-notes-"))
        copy = snapshot / DB_NAME
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        return UserDb(make_engine(copy), path, folder, read_only=True, snapshot_dir=snapshot)
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    return UserDb(engine=_read_only_engine(uri), path=path, data_dir=folder, read_only=True)
