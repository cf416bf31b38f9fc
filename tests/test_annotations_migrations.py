"""Schema versions: the committed v1 file upgrades losing nothing; a newer file is refused."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from jcct_desktop.core.annotations import Assessment
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.database import DB_NAME, SchemaTooNewError
from jcct_desktop.store.notes.migrations import LATEST_VERSION
from tests.notes_file_support import user_version

V1 = Path(__file__).parent / "data" / "annotations-v1.sqlite"


def _dump(path: Path, tables: list[str]) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}
    finally:
        conn.close()


def _columns(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            n: sorted(
                (c[1], c[2].upper(), c[3], c[5]) for c in conn.execute(f"PRAGMA table_info({n})")
            )
            for n in names
        }
    finally:
        conn.close()


def test_v1_fixture_is_really_version_1() -> None:
    assert user_version(V1) == 1
    assert "tags" not in _columns(V1)
    assert LATEST_VERSION >= 2


def test_v1_upgrades_to_newest_losing_nothing(tmp_path: Path) -> None:
    shutil.copy(V1, tmp_path / DB_NAME)
    before = _dump(tmp_path / DB_NAME, ["annotations", "notes", "history"])
    service = AnnotationService.open(tmp_path)
    assert user_version(tmp_path / DB_NAME) == LATEST_VERSION
    after = _dump(tmp_path / DB_NAME, ["annotations", "notes", "history"])
    assert after["notes"] == before["notes"]
    assert after["history"] == before["history"]
    assert [r[:5] for r in after["annotations"]] == before["annotations"]
    nev = service.get("2011-NEV-1")
    assert nev.status is Assessment.FULFILLED and nev.starred
    assert [n.text for n in nev.notes] == ["First note\nsecond line", "中文笔记：汽车 🚗 עברית"]
    orphan_ids = [a.commitment_id for a in service.orphans({"2011-NEV-1"})]
    assert orphan_ids == ["2011-AG-3", "2011-GONE-9", "2011-IPR-2"]
    # the new v2 features work on the upgraded file
    service.set_tags(commitment_id="2011-NEV-1", tags=["autos"])
    service.set_follow_up(commitment_id="2011-NEV-1", follow_up=date(2012, 12, 31))
    assert service.get("2011-NEV-1").tags == ("autos",)
    service.close()


def test_upgraded_schema_matches_a_fresh_one(tmp_path: Path) -> None:
    shutil.copy(V1, tmp_path / DB_NAME)
    AnnotationService.open(tmp_path).close()
    AnnotationService.open(tmp_path / "fresh").close()
    migrated, fresh = _columns(tmp_path / DB_NAME), _columns(tmp_path / "fresh" / DB_NAME)
    assert migrated == fresh


def test_failed_migration_rolls_back_entirely(tmp_path: Path, monkeypatch) -> None:
    from jcct_desktop.store.notes import migrations

    shutil.copy(V1, tmp_path / DB_NAME)
    broken = (*migrations.STEPS[1], "THIS IS NOT SQL")
    monkeypatch.setitem(migrations.STEPS, 1, broken)
    with pytest.raises(Exception, match=r"THIS IS NOT SQL|syntax"):
        AnnotationService.open(tmp_path)
    assert user_version(tmp_path / DB_NAME) == 1
    assert "tags" not in _columns(tmp_path / DB_NAME)  # the step's CREATE TABLE was undone


def test_newer_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    shutil.copy(V1, path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(SchemaTooNewError, match="newer JCCT Desktop"):
        AnnotationService.open(tmp_path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert not (tmp_path / (DB_NAME + "-wal")).exists()
