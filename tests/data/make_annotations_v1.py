"""Generate ``annotations-v1.sqlite``: a schema-version-1 user database with data.

Run ``python tests/data/make_annotations_v1.py`` to regenerate. The output is committed, so the
upgrade test always starts from the same old file, like a real user's laptop would.
Version 1 had no tags table and no follow-up date.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from jcct_desktop.store.notes.migrations import V1_SCHEMA  # noqa: E402

OUT = Path(__file__).with_name("annotations-v1.sqlite")

ANNOTATIONS = [
    ("2011-NEV-1", "fulfilled", "MOFCOM notice 2012/5", "2012-03-01T09:00:00.000000+00:00", 1),
    ("2011-IPR-2", "in_progress", "Raised at the SCO", "2012-01-15T10:30:00.000000+00:00", 0),
    ("2011-GONE-9", "not_fulfilled", "No action <b>&</b>", "2012-02-01T00:00:00.000000+00:00", 1),
    ("2011-AG-3", "not_assessed", "", None, 0),
]
NOTES = [
    ("2011-NEV-1", "First note\nsecond line", "2012-03-01T09:05:00.000000+00:00"),
    ("2011-NEV-1", "中文笔记：汽车 🚗 עברית", "2012-03-02T09:05:00.000000+00:00"),
    ("2011-GONE-9", "Orphan note, kept", "2012-02-02T00:00:00.000000+00:00"),
    ("2011-AG-3", "Control \x07 char and <i>markup</i> & amp", "2012-04-01T00:00:00.000000+00:00"),
]
HISTORY = [
    (
        "2011-NEV-1",
        "2012-03-01T09:00:00.000000+00:00",
        "officer",
        "status",
        "not_assessed",
        "fulfilled",
        "MOFCOM notice 2012/5",
    ),
    (
        "2011-NEV-1",
        "2012-03-03T09:00:00.000000+00:00",
        "officer",
        "note",
        "Deleted text",
        "",
        "deleted",
    ),
]


def main() -> None:
    OUT.unlink(missing_ok=True)
    conn = sqlite3.connect(OUT)
    for statement in V1_SCHEMA:
        conn.execute(statement)
    conn.executemany("INSERT INTO annotations VALUES (?, ?, ?, ?, ?)", ANNOTATIONS)
    conn.executemany(
        "INSERT INTO notes (commitment_id, text, created, updated) VALUES (?, ?, ?, ?)",
        [(c, t, at, at) for c, t, at in NOTES],
    )
    conn.executemany(
        "INSERT INTO history (commitment_id, at, who, field, old, new, why) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        HISTORY,
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
