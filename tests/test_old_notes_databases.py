"""The old notes databases the migration tests start from (tests/data/annotations-v*.sqlite):
their generators build them from frozen literal SQL (annotations-v*.sql), never from the
current migration code, and regenerating gives the committed file's schema and rows; the
migrations' own SQL for those versions still builds that schema; and the current code
upgrades each of them to the newest version, keeping every row."""

from __future__ import annotations

import ast
import importlib.util
import sqlite3
from pathlib import Path
from types import ModuleType

import pytest

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.database import DB_NAME
from jcct_desktop.store.notes.migrations import LATEST_VERSION, STEPS, V1_SCHEMA
from tests.notes_file_support import user_version as stored_version

DATA = Path(__file__).parent / "data"
VERSIONS = (1, 2, 5)


def _generator(version: int) -> ModuleType:
    path = DATA / f"make_annotations_v{version}.py"
    spec = importlib.util.spec_from_file_location(f"make_annotations_v{version}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _schema(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    return sorted(conn.execute("SELECT type, name, sql FROM sqlite_master "
                               "WHERE sql IS NOT NULL AND name != 'sqlite_sequence'"))


def _contents(path: Path) -> dict[str, object]:
    """Schema, rows of every table (order-free) and the stamps in the header."""
    conn = sqlite3.connect(path)
    try:
        tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            "schema": _schema(conn),
            "rows": {t: sorted(conn.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables},
            "user_version": conn.execute("PRAGMA user_version").fetchone()[0],
            "application_id": conn.execute("PRAGMA application_id").fetchone()[0],
        }
    finally:
        conn.close()


def _columns(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: sorted((c[1], c[2].upper(), c[3], c[5])
                          for c in conn.execute(f'PRAGMA table_info("{n}")')) for n in names}
    finally:
        conn.close()


@pytest.mark.parametrize("version", VERSIONS)
def test_a_generator_imports_nothing_of_the_app(version: int) -> None:
    tree = ast.parse((DATA / f"make_annotations_v{version}.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom)}
    assert imported and not {m for m in imported if m.split(".")[0] in ("jcct_desktop", "tests")}


@pytest.mark.parametrize("version", VERSIONS)
def test_regenerating_gives_the_committed_old_file(tmp_path: Path, version: int) -> None:
    made = tmp_path / f"annotations-v{version}.sqlite"
    _generator(version).build(made)
    committed = _contents(DATA / f"annotations-v{version}.sqlite")
    assert committed["user_version"] == version
    assert _contents(made) == committed


@pytest.mark.parametrize("version", VERSIONS)
def test_the_migrations_sql_for_an_old_version_still_builds_its_frozen_schema(
        version: int) -> None:
    """Old steps must never be edited: the app's SQL up to ``version`` gives the same schema
    as the frozen text the old file was built from."""
    frozen, replayed = sqlite3.connect(":memory:"), sqlite3.connect(":memory:")
    frozen.executescript((DATA / f"annotations-v{version}.sql").read_text(encoding="utf-8"))
    for statement in (*V1_SCHEMA, *(s for step in range(1, version) for s in STEPS[step])):
        replayed.execute(statement)
    assert _schema(replayed) == _schema(frozen)


def _rows(path: Path, table: str, columns: list[str]) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        names = ", ".join(f'"{c}"' for c in columns)
        return sorted(conn.execute(f'SELECT {names} FROM "{table}"'), key=repr)
    finally:
        conn.close()


@pytest.mark.parametrize("version", VERSIONS)
def test_each_old_database_upgrades_to_the_newest_keeping_every_row(
        tmp_path: Path, version: int) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _generator(version).build(data / DB_NAME)
    old = {table: [c[0] for c in cols] for table, cols in _columns(data / DB_NAME).items()
           if table != "sqlite_sequence"}
    before = {table: _rows(data / DB_NAME, table, cols) for table, cols in old.items()}
    assert stored_version(data / DB_NAME) == version < LATEST_VERSION
    assert sum(map(len, before.values())) > 0
    AnnotationService.open(data).close()
    assert stored_version(data / DB_NAME) == LATEST_VERSION
    for table, cols in old.items():  # each old column of each old row, as it was
        assert _rows(data / DB_NAME, table, cols) == before[table], table
    AnnotationService.open(tmp_path / "fresh").close()
    assert _columns(data / DB_NAME) == _columns(tmp_path / "fresh" / DB_NAME)
