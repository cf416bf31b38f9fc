"""Open the per-user annotation database safely.

- owner-only file (0600) in an owner-only folder (0700);
- WAL journal, ``synchronous=FULL`` (edits survive power loss), foreign keys on;
- every transaction starts with ``BEGIN IMMEDIATE`` so DDL is transactional and two app
  instances queue for the write lock (busy timeout) instead of failing mid-transaction;
- a database written by a newer app is refused before anything touches it.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect

from jcct_desktop.core.paths import user_data_dir
from jcct_desktop.store.user_migrations import (
    LATEST_VERSION,
    migrate,
    set_user_version,
    user_version,
)
from jcct_desktop.store.user_models import UserBase

DB_NAME = "annotations.sqlite"
BUSY_TIMEOUT_S = 15.0


class UserDataError(Exception):
    """The data folder or database cannot be used; the message is meant for the user."""


class SchemaTooNewError(UserDataError):
    pass


@dataclass(frozen=True)
class UserDb:
    engine: Engine
    path: Path
    data_dir: Path

    def close(self) -> None:
        self.engine.dispose()


def prepare_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Create the data folder (0700) or explain why it cannot be used."""
    folder = user_data_dir(override)
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


def stored_version(path: Path) -> int:
    """``user_version`` read without writing anything (read-only URI, no journal change)."""
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    conn.close()
    return version


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


def too_new_message(version: int) -> str:
    return (
        f"The annotation database was written by a newer JCCT Desktop (schema {version}; this "
        f"version knows up to {LATEST_VERSION}). It was left untouched: please update the app."
    )


def open_user_db(data_dir: str | os.PathLike[str] | None = None) -> UserDb:
    folder = prepare_data_dir(data_dir)
    path = folder / DB_NAME
    try:
        if path.exists() and path.stat().st_size > 0:
            version = stored_version(path)
            if version > LATEST_VERSION:
                raise SchemaTooNewError(too_new_message(version))
        else:
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
