"""Generate ``annotations-v5.sqlite``: a schema-version-5 user database (assessments, drafts,
team sync state; no talking points), with a row in every table.

Run ``python tests/data/make_annotations_v5.py`` to regenerate; the output is committed so the
v5 -> v6 upgrade test always starts from the same old file. Built from the frozen SQL of
version 1 plus steps 1 to 4, exactly as a version-5 app left it.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from jcct_desktop.store.notes.migrations import APPLICATION_ID, STEPS, V1_SCHEMA  # noqa: E402

OUT = Path(__file__).with_name("annotations-v5.sqlite")

# (commitment, status, evidence, status_changed, starred, follow_up)
ANNOTATIONS = [
    ("2011-SOFT-2", "partially_fulfilled", "Provinces report 70% legal software",
     "2012-08-01T23:30:00.000000+00:00", 1, "2013-01-15"),
    ("2011-NEV-1", "fulfilled", "MOFCOM notice 2012/5", "2012-03-01T09:00:00.000000+00:00", 0,
     None),
]
NOTES = [
    ("2011-NEV-1", "Ask about the NEV catalogue", "2012-02-01T09:00:00.000000+00:00",
     "2012-02-01T09:00:00.000000+00:00"),
    ("2011-SOFT-2", "中文笔记：软件正版化", "2012-08-02T10:00:00.000000+00:00",
     "2012-08-03T10:00:00.000000+00:00"),
]
HISTORY = [
    ("2011-NEV-1", "2012-03-01T09:00:00.000000+00:00", "mlee", "status", "not_assessed",
     "fulfilled", "MOFCOM notice 2012/5"),
    ("2011-SOFT-2", "2012-08-01T23:30:00.000000+00:00", "jsmith", "status", "not_assessed",
     "partially_fulfilled", "Provinces report 70% legal software"),
]
ASSESSMENTS = [
    ("2011-NEV-1", "us", "fulfilled", "MOFCOM notice 2012/5", "", "2012-03-01", None,
     "2012-03-01T09:00:00.000000+00:00", "mlee"),
    ("2011-SOFT-2", "us", "partially_fulfilled", "Provinces report 70% legal software", "",
     "2012-08-01", None, "2012-08-01T23:30:00.000000+00:00", "jsmith"),
    ("2011-SOFT-2", "china", "fulfilled", "MIIT says all ministries comply", "MIIT 2012",
     "2012-07-01", None, "2012-08-02T08:00:00.000000+00:00", "jsmith"),
]
TAGS = [("2011-SOFT-2", "software")]
DRAFTS = [("2011-NEV-1", 0, "half-written note", "2012-08-04T10:00:00.000000+00:00")]
TEAM_STATE = [("team-1", 7, "2012-08-05T10:00:00.000000+00:00", '{"notes": 1}')]
TEAM_KNOWN = [("team-1", "abc123", "note")]


def main() -> None:
    OUT.unlink(missing_ok=True)
    conn = sqlite3.connect(OUT)
    for statement in (*V1_SCHEMA, *(s for v in (1, 2, 3, 4) for s in STEPS[v])):
        conn.execute(statement)
    conn.executemany(
        "INSERT INTO annotations (commitment_id, status, evidence, status_changed, starred, "
        "follow_up) VALUES (?, ?, ?, ?, ?, ?)", ANNOTATIONS)
    conn.executemany(
        "INSERT INTO notes (commitment_id, text, created, updated) VALUES (?, ?, ?, ?)", NOTES)
    conn.executemany(
        "INSERT INTO history (commitment_id, at, who, field, old, new, why) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", HISTORY)
    conn.executemany(
        "INSERT INTO assessments (commitment_id, view, status, evidence, source, effective, "
        "milestone, recorded, who) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ASSESSMENTS)
    conn.executemany("INSERT INTO tags VALUES (?, ?)", TAGS)
    conn.executemany("INSERT INTO drafts VALUES (?, ?, ?, ?)", DRAFTS)
    conn.executemany("INSERT INTO team_sync_state VALUES (?, ?, ?, ?)", TEAM_STATE)
    conn.executemany("INSERT INTO team_sync_known VALUES (?, ?, ?)", TEAM_KNOWN)
    conn.execute("PRAGMA user_version = 5")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
