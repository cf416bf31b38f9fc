"""Copying a notes database file: under a private temporary name, through SQLite's online
backup API (consistent even while the app writes), and removing a copy with its journals."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

# a copy being made, or a folder being filled, is named ``.annotations-XXXX.part`` until done
TEMP_PREFIX = ".annotations-"
TEMP_SUFFIX = ".part"


def private_temp(folder: Path) -> Path:
    """A new empty file in ``folder`` with an unpredictable temporary name."""
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    os.close(fd)
    return Path(name)


def remove_database_files(path: Path) -> None:
    """The file and the journals SQLite may keep beside it."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def copy_database(source: Path, target: Path) -> None:
    """Copy ``source`` into ``target`` page by page, in rollback-journal mode, synced to disk."""
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")  # a copy must open in read-only folders too
    finally:
        dst.close()
        src.close()
    with open(target, "rb") as handle:
        os.fsync(handle.fileno())
