"""Generate ``annotations-v2.sqlite``: a schema-version-2 user database (tags, follow-up dates,
one assessment per commitment, no assessments table).

Run ``python tests/data/make_annotations_v2.py`` to regenerate; the output is committed so the
v2 -> v3 upgrade test always starts from the same old file. Built from the frozen SQL of
version 1 plus step 1, exactly as a version-2 app left it.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from jcct_desktop.store.notes.migrations import STEPS, V1_SCHEMA  # noqa: E402

OUT = Path(__file__).with_name("annotations-v2.sqlite")

# (commitment, status, evidence, status_changed, starred, follow_up)
ANNOTATIONS = [
    ("2011-SOFT-2", "partially_fulfilled", "Provinces report 70% legal software",
     "2012-08-01T23:30:00.000000+00:00", 1, "2013-01-15"),
    ("2011-NEV-1", "fulfilled", "MOFCOM notice 2012/5", "2012-03-01T09:00:00.000000+00:00", 0,
     None),
    ("2011-AG-3", "not_assessed", "", None, 1, None),  # starred only: no assessment to carry
]
HISTORY = [
    ("2011-SOFT-2", "2012-08-01T23:30:00.000000+00:00", "jsmith", "status", "not_assessed",
     "partially_fulfilled", "Provinces report 70% legal software"),
    ("2011-NEV-1", "2012-02-01T09:00:00.000000+00:00", "akim", "status", "not_assessed",
     "in_progress", "draft seen"),
    ("2011-NEV-1", "2012-03-01T09:00:00.000000+00:00", "mlee", "status", "in_progress",
     "fulfilled", "MOFCOM notice 2012/5"),
]
TAGS = [("2011-SOFT-2", "software")]


def main() -> None:
    OUT.unlink(missing_ok=True)
    conn = sqlite3.connect(OUT)
    for statement in (*V1_SCHEMA, *STEPS[1]):
        conn.execute(statement)
    conn.executemany(
        "INSERT INTO annotations (commitment_id, status, evidence, status_changed, starred, "
        "follow_up) VALUES (?, ?, ?, ?, ?, ?)",
        ANNOTATIONS,
    )
    conn.executemany(
        "INSERT INTO history (commitment_id, at, who, field, old, new, why) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        HISTORY,
    )
    conn.executemany("INSERT INTO tags VALUES (?, ?)", TAGS)
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
