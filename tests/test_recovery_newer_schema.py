"""A database from a newer app is refused before anything, backups included, touches it."""

import sqlite3
from pathlib import Path

import pytest

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.backups import list_backups
from jcct_desktop.store.notes.database import DB_NAME, SchemaTooNewError
from jcct_desktop.store.notes.migrations import LATEST_VERSION
from tests.notes_support import open_at_start


def test_newer_database_is_refused_without_a_backup(data_dir: Path) -> None:
    AnnotationService.open(data_dir).close()
    path = data_dir / DB_NAME
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version={LATEST_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer JCCT Desktop"):
        open_at_start(data_dir)
    assert path.read_bytes() == before
    assert list_backups(data_dir) == []
