"""Archive scale (issue 25): the indexes the open reads (``ix_milestone_open``,
``ix_sector_open``, ``store.reference.models``) and the columns it packs into one JSON text
per row (a commitment's sector, a milestone's position) change nothing any reader sees.

Every database the project writes has them (the bundled file, the generated archives, the
importer's meetings file, all through ``build.write_database``); a database written before
them, without them, reads the same values, whatever order its rows are stored in; and the
open really reads them (SQLite's plan for its statements), so its time does not quietly go
back to reading the table of wordings.
"""

from __future__ import annotations

import random
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jcct_desktop.core import resources
from jcct_desktop.store.reference import read_ahead, reader
from jcct_desktop.store.reference.imported_meetings import DB_NAME
from jcct_desktop.store.reference.reader import ReferenceDataError, open_reference
from tests.imported_support import import_jcct_23
from tests.reference_plain import plain_catalog
from tests.test_reference_open_fast import same

OPEN_INDEXES = {"ix_milestone_open": "milestone", "ix_sector_open": "sector"}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.make_archive import make_archive

    return make_archive(tmp_path_factory.mktemp("archive") / "a.sqlite", meetings=12,
                        per_meeting=100)


def _indexes(path: Path) -> dict[str, str]:
    with closing(sqlite3.connect(path)) as db:
        return dict(db.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' "
            "AND name LIKE 'ix_%_open'"))


def _without_open_indexes(source: Path, target: Path) -> Path:
    """``source`` as a database built before the open's indexes."""
    shutil.copy(source, target)
    with closing(sqlite3.connect(target)) as db:
        for name in OPEN_INDEXES:
            db.execute(f"DROP INDEX {name}")
        db.commit()
    assert _indexes(target) == {}
    return target


def test_every_database_the_project_writes_has_the_open_indexes(
        archive: Path, tmp_path: Path) -> None:
    assert _indexes(resources.reference_db()) == OPEN_INDEXES
    assert _indexes(archive) == OPEN_INDEXES
    # the importer's meetings file, written by the real command line
    data_dir = tmp_path / "data"
    import_jcct_23(data_dir, tmp_path)
    imported = data_dir / DB_NAME
    assert _indexes(imported) == OPEN_INDEXES
    assert same(open_reference(imported).catalog, plain_catalog(imported)) > 50


@pytest.mark.parametrize("which", ["bundled", "archive", "both merged"])
def test_with_and_without_the_indexes_every_field_is_the_plain_one(
        archive: Path, tmp_path: Path, which: str) -> None:
    bundled = resources.reference_db()
    old_bundled = _without_open_indexes(bundled, tmp_path / "old-bundled.sqlite")
    old_archive = _without_open_indexes(archive, tmp_path / "old-archive.sqlite")

    def opened(new: Path, old: Path) -> tuple[Any, Any, Any]:
        return open_reference(new).catalog, open_reference(old).catalog, plain_catalog(new)

    if which == "both merged":
        new_b, old_b, plain_b = opened(bundled, old_bundled)
        new_a, old_a, plain_a = opened(archive, old_archive)
        new, old, plain = new_b.merged(new_a), old_b.merged(old_a), plain_b.merged(plain_a)
    else:
        new, old, plain = opened(*((bundled, old_bundled) if which == "bundled"
                                   else (archive, old_archive)))
    compared = same(new, plain)
    assert compared > (1000 if which == "bundled" else 10_000)
    assert same(old, plain) == compared
    # the values the packed columns carry: each sector code one shared string, positions ints
    assert all(type(m) is tuple for m in (c.milestones for c in new.commitments))
    codes = {id(c.sector) for c in new.commitments}
    assert len(codes) == len({c.sector for c in new.commitments})


def _stored_shuffled(source: Path, target: Path, seed: int, gaps: bool) -> None:
    """A copy of ``source`` with the commitments, milestones and sectors stored in a random
    order; with ``gaps``, each commitment's milestone positions spread apart and reversed
    against their stored order (the position now comes packed with the date phrase)."""
    shutil.copy(source, target)
    shuffle = random.Random(seed)
    with closing(sqlite3.connect(target)) as db:
        for table in ("commitment", "milestone", "sector"):
            rows = db.execute(f"SELECT * FROM {table}").fetchall()
            shuffle.shuffle(rows)
            db.execute(f"DELETE FROM {table}")
            marks = ", ".join("?" * len(rows[0]))
            db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        if gaps:
            db.execute("UPDATE milestone SET position = 1000 - 7 * position")
        db.commit()


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), gaps=st.booleans(), indexed=st.booleans(),
       bundled=st.booleans())
def test_any_stored_order_with_or_without_the_indexes_reads_as_the_plain_reading(
        archive: Path, tmp_path: Path, seed: int, gaps: bool, indexed: bool,
        bundled: bool) -> None:
    shuffled = tmp_path / f"shuffled-{seed}-{gaps}-{indexed}-{bundled}.sqlite"
    _stored_shuffled(resources.reference_db() if bundled else archive, shuffled, seed, gaps)
    if not indexed:
        _without_open_indexes(shuffled, shuffled.with_suffix(".old"))
        shuffled.with_suffix(".old").replace(shuffled)
    try:
        fast, plain = open_reference(shuffled).catalog, plain_catalog(shuffled)
        assert same(fast.sectors, plain.sectors) > 10
        assert same(fast, plain) > 1000
        assert any(len(c.milestones) > 1 for c in fast.commitments)
    finally:
        shuffled.unlink()


@pytest.fixture(params=["rows", "ahead"])
def statements(monkeypatch: pytest.MonkeyPatch,
               request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """Every statement SQLite is given on the connections ``open_reference`` makes, the big
    tables read by rows or ahead on a thread (``read_ahead``: the app's choice depends on
    the machine's load, so each is asked for here); the read-ahead's probes for where to cut
    a table (one row each, ``LIMIT 1``) left out."""
    monkeypatch.setattr(read_ahead, "worth_it", lambda path: request.param == "ahead")
    seen: list[str] = []
    connect: Callable[..., sqlite3.Connection] = sqlite3.connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        db = connect(*args, **kwargs)
        db.set_trace_callback(lambda sql: None if "LIMIT 1" in sql else seen.append(sql))
        return db

    monkeypatch.setattr(reader.sqlite3, "connect", traced)
    yield seen


def _plans(path: Path, sql: list[str], table: str) -> list[str]:
    """SQLite's plan for each statement of ``sql`` that reads ``table`` at open."""
    reads = [s for s in sql if re.search(rf"\bFROM {table}\b", s) and "?" not in s
             and not s.startswith("EXPLAIN")]
    with closing(sqlite3.connect(path)) as db:
        return [" / ".join(row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + s))
                for s in reads]


def test_the_open_reads_milestones_and_sectors_from_their_indexes(
        archive: Path, statements: list[str]) -> None:
    statements.clear()
    open_reference(archive)
    assert _plans(archive, statements, "milestone") == [
        "SCAN milestone USING COVERING INDEX ix_milestone_open"]
    assert _plans(archive, statements, "sector") == [
        "SCAN sector USING COVERING INDEX ix_sector_open"]


def test_without_the_indexes_the_open_reads_the_tables_once_each(
        archive: Path, tmp_path: Path, statements: list[str]) -> None:
    old = _without_open_indexes(archive, tmp_path / "old.sqlite")
    statements.clear()
    catalog = open_reference(old).catalog
    at_open = list(statements)
    milestone_plans = _plans(old, at_open, "milestone")
    assert milestone_plans == ["SCAN milestone"]  # stored order, checked, not read again
    sector_plans = _plans(old, at_open, "sector")
    assert len(sector_plans) == 1 and "TEMP B-TREE" in sector_plans[0]  # sorted: slower
    assert same(catalog, plain_catalog(old)) > 10_000


@pytest.mark.parametrize("damage, expected", [
    ("DROP TABLE milestone", "cannot be read .*no such table: milestone"),
    ("ALTER TABLE commitment DROP COLUMN agencies",
     "cannot be read .*no such column: commitment.agencies"),
    ("ALTER TABLE milestone DROP COLUMN wording",
     "cannot be read .*no such column: milestone.wording"),
    ("DROP TABLE sector", "cannot be read .*no such table: sector"),
    ("ALTER TABLE milestone DROP COLUMN label", "cannot be read .*no such column"),
])
def test_a_damaged_database_without_the_indexes_is_still_one_line(
        tmp_path: Path, damage: str, expected: str) -> None:
    path = _without_open_indexes(resources.reference_db(), tmp_path / "reference.sqlite")
    with closing(sqlite3.connect(path)) as db:
        db.execute(damage)
        db.commit()
    with pytest.raises(ReferenceDataError) as caught:
        open_reference(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    assert re.search(expected, message), message
