"""Numbered schema steps for the user database, tracked in ``PRAGMA user_version``.

Each step is a list of single statements run on the caller's open transaction, never
``executescript`` (it would COMMIT first and break all-or-nothing upgrades). The SQL is frozen
text: a step must keep producing the same shape even after the models move on.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection

# Version 1: the first shipped shape (no tags, no follow-up date).
V1_SCHEMA: Sequence[str] = (
    """CREATE TABLE annotations (
        commitment_id VARCHAR NOT NULL PRIMARY KEY,
        status VARCHAR NOT NULL,
        evidence TEXT NOT NULL,
        status_changed VARCHAR,
        starred BOOLEAN NOT NULL
    )""",
    """CREATE TABLE notes (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
        commitment_id VARCHAR NOT NULL REFERENCES annotations (commitment_id),
        text TEXT NOT NULL,
        created VARCHAR NOT NULL,
        updated VARCHAR NOT NULL
    )""",
    "CREATE INDEX ix_notes_commitment ON notes (commitment_id)",
    """CREATE TABLE history (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
        commitment_id VARCHAR NOT NULL REFERENCES annotations (commitment_id),
        at VARCHAR NOT NULL,
        who VARCHAR NOT NULL,
        field VARCHAR NOT NULL,
        old TEXT NOT NULL,
        new TEXT NOT NULL,
        why TEXT NOT NULL
    )""",
    "CREATE INDEX ix_history_commitment ON history (commitment_id)",
)

# STEPS[n] upgrades version n to n + 1.
STEPS: dict[int, Sequence[str]] = {
    1: (
        "ALTER TABLE annotations ADD COLUMN follow_up VARCHAR",
        """CREATE TABLE tags (
            commitment_id VARCHAR NOT NULL REFERENCES annotations (commitment_id),
            tag VARCHAR NOT NULL,
            PRIMARY KEY (commitment_id, tag)
        )""",
    ),
    # a note being written, kept as it is typed (one per commitment and note; 0: a new note)
    2: (
        """CREATE TABLE drafts (
            commitment_id VARCHAR NOT NULL,
            note_id INTEGER NOT NULL,
            text TEXT NOT NULL,
            updated VARCHAR NOT NULL,
            PRIMARY KEY (commitment_id, note_id)
        )""",
    ),
}

LATEST_VERSION = 1 + max(STEPS)


def user_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def set_user_version(conn: Connection, version: int) -> None:
    # PRAGMA takes no bound parameters; int() keeps this injection-proof.
    conn.exec_driver_sql(f"PRAGMA user_version = {int(version)}")


def migrate(conn: Connection, start: int) -> list[int]:
    """Run every step from ``start`` to the newest inside the caller's transaction."""
    done = []
    for version in range(start, LATEST_VERSION):
        for statement in STEPS[version]:
            conn.exec_driver_sql(statement)
        done.append(version + 1)
    set_user_version(conn, LATEST_VERSION)
    return done


def create_v1(conn: Connection) -> None:
    """Build the version-1 shape (used by the fixture script and upgrade tests)."""
    for statement in V1_SCHEMA:
        conn.exec_driver_sql(statement)
    set_user_version(conn, 1)
