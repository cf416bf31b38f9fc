"""Reading a notes file the way any SQLite tool would, independently of the app's own code."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def user_version(path: Path) -> int:
    """The file's ``PRAGMA user_version`` (its schema version), read-only: nothing is written."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()
