"""The exact schema a notes file of each version has, and what a given file carries beyond it.

A notes file restored or moved in from elsewhere could carry its own SQL: a trigger such as
``AFTER INSERT ON history BEGIN DELETE FROM notes; END`` would run on every later edit and be
copied into every backup. So a file counts as ours only when its schema
objects (tables, indexes, triggers, views), each table's columns and each table's foreign keys
are exactly those of its version. The expected schema is built, never written down twice: the
frozen migration steps are run in a private in-memory database (they are the same statements
that made every user's file; ``tests/test_notes_schema.py`` checks the models agree).

Reading ``sqlite_master`` and the ``PRAGMA table_xinfo``/``foreign_key_list`` of a file runs
none of its SQL: triggers fire only on writes, views only when read, and neither happens here.
"""

from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass

from jcct_desktop.store.notes.migrations import LATEST_VERSION, STEPS, V1_SCHEMA

_KINDS = {"table": "table", "index": "index", "trigger": "trigger", "view": "view"}


@dataclass(frozen=True)
class Schema:
    objects: frozenset[tuple[str, str, str]]  # (type, name, table)
    columns: tuple[tuple[str, tuple[tuple[object, ...], ...]], ...]  # table -> table_xinfo rows
    keys: tuple[tuple[str, tuple[tuple[object, ...], ...]], ...]  # table -> foreign_key_list


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_schema(conn: sqlite3.Connection) -> Schema:
    """The schema of an open database (SQLite's own ``sqlite_*`` objects left out)."""
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\'"
    ).fetchall()
    objects = set()
    columns = []
    keys = []
    for kind, name, table, sql in rows:
        if kind == "table" and not str(sql or "").lstrip().upper().startswith("CREATE TABLE"):
            kind = "virtual table"  # a module's table: never one of ours
        objects.add((str(kind), str(name), str(table)))
        if kind == "table":
            quoted = _quoted(str(name))
            columns.append((str(name), tuple(
                tuple(r[1:]) for r in conn.execute(f"PRAGMA table_xinfo({quoted})")
            )))
            keys.append((str(name), tuple(
                tuple(r[2:]) for r in conn.execute(f"PRAGMA foreign_key_list({quoted})")
            )))
    return Schema(frozenset(objects), tuple(sorted(columns)), tuple(sorted(keys)))


@functools.cache
def expected_schema(version: int) -> Schema:
    """The schema a notes file of ``version`` has: the frozen steps, run in memory."""
    if not 1 <= version <= LATEST_VERSION:
        raise ValueError(f"no notes schema {version}")
    conn = sqlite3.connect(":memory:")
    try:
        for statement in V1_SCHEMA:
            conn.execute(statement)
        for step in range(1, version):
            for statement in STEPS[step]:
                conn.execute(statement)
        return read_schema(conn)
    finally:
        conn.close()


def differences(conn: sqlite3.Connection, version: int) -> list[str]:
    """What a file of ``version`` carries that ours do not, or lacks ("trigger 'wipe'",
    "view 'v'", "table 'notes' has other columns"); empty when it is exactly ours."""
    have = read_schema(conn)
    want = expected_schema(version)
    found = [f"{kind} {name!r}" for kind, name, _table in sorted(have.objects - want.objects)]
    found += [f"no {kind} {name!r}" for kind, name, _table in sorted(want.objects - have.objects)]
    wanted_columns = dict(want.columns)
    found += [f"table {name!r} has other columns" for name, cols in have.columns
              if name in wanted_columns and cols != wanted_columns[name]]
    wanted_keys = dict(want.keys)
    found += [f"table {name!r} has other foreign keys" for name, refs in have.keys
              if name in wanted_keys and refs != wanted_keys[name]]
    return found
