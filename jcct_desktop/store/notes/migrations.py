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
    # v3: assessments stand on a date, per milestone, from our view or China's. Every existing
    # assessment is carried over as ours, for the whole commitment, effective on the (UTC) date
    # it was recorded; who recorded it comes from its latest "status" history entry.
    2: (
        """CREATE TABLE assessments (
            id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            commitment_id VARCHAR NOT NULL REFERENCES annotations (commitment_id),
            view VARCHAR NOT NULL,
            status VARCHAR NOT NULL,
            evidence TEXT NOT NULL,
            source TEXT NOT NULL,
            effective VARCHAR NOT NULL,
            milestone VARCHAR,
            recorded VARCHAR NOT NULL,
            who VARCHAR NOT NULL
        )""",
        "CREATE INDEX ix_assessments_commitment ON assessments (commitment_id)",
        """INSERT INTO assessments
            (commitment_id, view, status, evidence, source, effective, milestone, recorded, who)
        SELECT a.commitment_id, 'us', a.status, a.evidence, '', substr(a.status_changed, 1, 10),
            NULL, a.status_changed,
            COALESCE((SELECT h.who FROM history h
                      WHERE h.commitment_id = a.commitment_id AND h.field = 'status'
                      ORDER BY h.id DESC LIMIT 1), 'unknown')
        FROM annotations a
        WHERE a.status != 'not_assessed' AND a.status_changed IS NOT NULL
        ORDER BY a.status_changed, a.commitment_id""",
    ),
    # a note being written, kept as it is typed (one per commitment and note; 0: a new note)
    3: (
        """CREATE TABLE drafts (
            commitment_id VARCHAR NOT NULL,
            note_id INTEGER NOT NULL,
            text TEXT NOT NULL,
            updated VARCHAR NOT NULL,
            PRIMARY KEY (commitment_id, note_id)
        )""",
    ),
    # v5: team sync (issue 15). What this computer knows of each team database it syncs with:
    # the last change pulled, when, what that sync brought in, and every item already shared.
    4: (
        """CREATE TABLE team_sync_state (
            team VARCHAR NOT NULL PRIMARY KEY,
            last_seq INTEGER NOT NULL,
            last_sync VARCHAR,
            brought_in TEXT NOT NULL
        )""",
        """CREATE TABLE team_sync_known (
            team VARCHAR NOT NULL,
            digest VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            PRIMARY KEY (team, digest)
        )""",
    ),
    # v6: talking points (issue 24), a commitment's short items in the order they are said
    # (``position`` 0, 1, 2… per commitment), each with who wrote it.
    5: (
        """CREATE TABLE talking_points (
            id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            commitment_id VARCHAR NOT NULL REFERENCES annotations (commitment_id),
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            created VARCHAR NOT NULL,
            updated VARCHAR NOT NULL,
            who VARCHAR NOT NULL
        )""",
        "CREATE INDEX ix_talking_points_commitment ON talking_points (commitment_id)",
    ),
    # v7: province by province (issue 26). An assessment may speak for one provincial-level
    # division (ISO 3166-2 code); every existing one stays for all of China (NULL).
    6: ("ALTER TABLE assessments ADD COLUMN jurisdiction VARCHAR",),
}

LATEST_VERSION = 1 + max(STEPS)

# "JCCT" in PRAGMA application_id: marks a file as our notes database (files from before it was
# set carry 0 and are recognised by their tables; every open or migration then stamps it).
APPLICATION_ID = 0x4A434354


def user_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def set_user_version(conn: Connection, version: int) -> None:
    # PRAGMA takes no bound parameters; int() keeps this injection-proof.
    conn.exec_driver_sql(f"PRAGMA user_version = {int(version)}")


def application_id(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA application_id").scalar_one())


def set_application_id(conn: Connection) -> None:
    conn.exec_driver_sql(f"PRAGMA application_id = {int(APPLICATION_ID)}")


def migrate(conn: Connection, start: int) -> list[int]:
    """Run every step from ``start`` to the newest inside the caller's transaction."""
    done = []
    for version in range(start, LATEST_VERSION):
        for statement in STEPS[version]:
            conn.exec_driver_sql(statement)
        done.append(version + 1)
    set_user_version(conn, LATEST_VERSION)
    return done
