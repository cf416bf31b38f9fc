"""A write that failed because the disk is full says "disk full".

SQLite reports a full disk as ``SQLITE_FULL`` ("database or disk is full") in most places,
but as a plain ``SQLITE_IOERR`` ("disk I/O error") where growing the WAL index or a journal
fails; an officer reading "disk I/O error" fears a broken disk. An I/O error on a disk with
(almost) no room left is therefore called what it is; every other error is left as it was.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from jcct_desktop.store.notes.database import UserDataError

SQLITE_IOERR = 10
SQLITE_FULL = 13
NEARLY_FULL_BYTES = 1024 * 1024  # less than this free: an I/O error is most likely this


class DiskFullError(UserDataError):
    """Nothing was written: the disk holding the notes has no room left."""


def _free_bytes(folder: Path) -> int | None:
    try:
        st = os.statvfs(folder)
    except OSError:
        return None
    return st.f_bavail * st.f_frsize


def is_disk_full(exc: BaseException, folder: Path) -> bool:
    """``exc`` (a sqlite3 error, wrapped by SQLAlchemy or not, or an OSError) means no room."""
    cause = getattr(exc, "orig", None) or exc
    if isinstance(cause, OSError):
        return cause.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    if not isinstance(cause, sqlite3.Error):
        return False
    primary = (getattr(cause, "sqlite_errorcode", 0) or 0) & 0xFF
    if primary == SQLITE_FULL:
        return True
    free = _free_bytes(folder) if primary == SQLITE_IOERR else None
    return free is not None and free < NEARLY_FULL_BYTES


def disk_full_message(folder: Path) -> str:
    return (f"disk full: there is no room left on the disk holding {folder}; free some space "
            "and try again (nothing was saved: your notes are as they were before)")
