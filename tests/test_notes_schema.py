"""Issue 19, probes 2 and 8: a notes file is exactly our schema, and a foreign one is foreign.

A backup carrying ``AFTER INSERT ON history BEGIN DELETE FROM notes; END`` was restored, and
then deleted notes on every later edit. Real files, real SQLite, the real command line.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import backups
from jcct_desktop.store.notes.database import DB_NAME
from jcct_desktop.store.notes.file_check import check_notes_file
from jcct_desktop.store.notes.migrations import LATEST_VERSION
from jcct_desktop.store.notes.models import UserBase
from jcct_desktop.store.notes.schema import expected_schema, read_schema
from tests.notes_support import open_at_start

HOSTILE_SQL = {
    "trigger": "CREATE TRIGGER wipe AFTER INSERT ON history BEGIN DELETE FROM notes; END",
    "view": "CREATE VIEW everything AS SELECT * FROM notes",
    "table": "CREATE TABLE stash (x)",
    "index": "CREATE INDEX ix_mine ON notes (text)",
    "column": "ALTER TABLE notes ADD COLUMN extra TEXT",
    "cascade": None,  # notes rebuilt with ON DELETE CASCADE (same columns, other key)
}


def _notes(folder: Path) -> list[str]:
    service = AnnotationService.open(folder)
    try:
        return sorted(n.text for a in service.all() for n in a.notes)
    finally:
        service.close()


def _seeded(folder: Path) -> Path:
    service = AnnotationService.open(folder)
    service.add_note(commitment_id="2011-NEV-1", text="first")
    service.add_note(commitment_id="2011-NEV-2", text="second")
    service.close()
    return folder / DB_NAME


def _hostile_copy(good: Path, target: Path, kind: str) -> Path:
    conn = sqlite3.connect(good)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copy(good, target)
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode = DELETE")
    if kind == "cascade":
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("ALTER TABLE notes RENAME TO old_notes")
        conn.execute("""CREATE TABLE notes (
            id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            commitment_id VARCHAR NOT NULL REFERENCES annotations (commitment_id)
                ON DELETE CASCADE,
            text TEXT NOT NULL, created VARCHAR NOT NULL, updated VARCHAR NOT NULL)""")
        conn.execute("INSERT INTO notes SELECT * FROM old_notes")
        conn.execute("DROP TABLE old_notes")
        conn.execute("CREATE INDEX ix_notes_commitment ON notes (commitment_id)")
    else:
        conn.execute(HOSTILE_SQL[kind])
    conn.commit()
    conn.close()
    return target


def test_the_expected_schema_is_the_models_schema(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    UserBase.metadata.create_all(engine)
    engine.dispose()
    conn = sqlite3.connect(tmp_path / "fresh.sqlite")
    try:
        assert read_schema(conn) == expected_schema(LATEST_VERSION)
    finally:
        conn.close()


@pytest.mark.parametrize("kind", sorted(HOSTILE_SQL))
def test_restore_refuses_a_file_with_sql_of_its_own(data_dir, tmp_path, capsys, kind) -> None:
    good = _seeded(data_dir)
    hostile = _hostile_copy(good, tmp_path / "annotations-hostile.sqlite", kind)
    digest = hashlib.sha256(hostile.read_bytes()).hexdigest()
    capsys.readouterr()
    assert main(["notes", "restore", str(hostile)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "not exactly a JCCT Desktop notes database" in err and "nothing was changed" in err
    assert hashlib.sha256(hostile.read_bytes()).hexdigest() == digest  # never written to
    # the live notes keep their schema: a later edit deletes nothing
    service = AnnotationService.open(data_dir)
    service.add_note(commitment_id="2011-NEV-1", text="third")
    service.close()
    assert _notes(data_dir) == ["first", "second", "third"]
    conn = sqlite3.connect(good)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type IN "
                        "('trigger', 'view')").fetchone() == (0,)
    conn.close()


def test_the_refusal_names_the_trigger(data_dir, tmp_path) -> None:
    hostile = _hostile_copy(_seeded(data_dir), tmp_path / "x.sqlite", "trigger")
    verdict = check_notes_file(hostile)
    assert not verdict.ok and verdict.kind == "foreign"
    assert "trigger 'wipe'" in verdict.problem


def test_a_moved_in_file_with_a_trigger_is_moved_aside_unopened(data_dir, tmp_path) -> None:
    good = _seeded(data_dir)
    hostile = _hostile_copy(good, tmp_path / "elsewhere.sqlite", "trigger")
    shutil.copy(hostile, good)  # the officer copies a file in over theirs
    service, report = open_at_start(data_dir, backup=False)
    try:
        assert report is not None and "trigger 'wipe'" in report.problem
        service.add_note(commitment_id="2011-NEV-1", text="after")
    finally:
        service.close()
    assert _notes(data_dir) == ["after"]
    aside = report.moved_to
    assert hashlib.sha256(aside.read_bytes()).digest() == hashlib.sha256(
        hostile.read_bytes()).digest()


def test_a_backup_with_a_trigger_is_never_the_latest_good_one(data_dir, tmp_path) -> None:
    good = _seeded(data_dir)
    first = backups.backup_now(data_dir, reason="manual")
    taken = backups.parse_backup_name(first).taken
    # a hostile file dated a second after the good one (not in the future)
    newer = first.with_name(backups._stem(taken + timedelta(seconds=1), "import") + ".sqlite")
    _hostile_copy(good, newer, "trigger")
    assert backups.newest_good_backup(data_dir).path == first


@pytest.mark.parametrize("version", [0, 7, LATEST_VERSION + 1])
def test_another_applications_alembic_database_is_called_foreign(data_dir, capsys,
                                                                  version) -> None:
    data_dir.mkdir(parents=True)
    conn = sqlite3.connect(data_dir / DB_NAME)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    conn.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    for argv in (["notes", "export", str(data_dir.parent / "out.json")],
                 ["notes", "restore", str(data_dir / DB_NAME)]):
        capsys.readouterr()
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "foreign" in err and "newer" not in err and "update" not in err, err
        assert "alembic_version" in err
