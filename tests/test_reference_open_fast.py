"""Archive scale (issue 25): the reference data opened the fast way holds exactly what the
straightforward reading gives (tests/reference_plain.py), value by value and type by type,
whatever order the rows are stored in; and its errors stay the one-line ones."""

from __future__ import annotations

import dataclasses
import json
import random
import re
import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jcct_desktop.core import resources
from jcct_desktop.store.reference.reader import ReferenceDataError, open_reference
from tests.reference_plain import plain_catalog

ARCHIVE_SIZE = dict(meetings=20, per_meeting=100)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.make_archive import make_archive

    return make_archive(tmp_path_factory.mktemp("archive") / "a.sqlite", **ARCHIVE_SIZE)


def same(got: Any, want: Any, where: str = "catalog") -> int:
    """Assert ``got`` and ``want`` are the same value of the same type, through every
    dataclass field and tuple item (a bool is not an int, an enum member not its text);
    returns how many leaf values were compared."""
    assert type(got) is type(want), f"{where}: {type(got).__name__} != {type(want).__name__}"
    if dataclasses.is_dataclass(got) and not isinstance(got, type):
        return sum(same(getattr(got, f.name), getattr(want, f.name), f"{where}.{f.name}")
                   for f in dataclasses.fields(got) if f.compare)  # not derived indexes
    if isinstance(got, tuple):
        assert len(got) == len(want), f"{where}: {len(got)} items != {len(want)}"
        pairs = enumerate(zip(got, want, strict=True))
        return sum(same(g, w, f"{where}[{i}]") for i, (g, w) in pairs)
    if isinstance(got, Enum):
        assert got is want, where
    assert got == want, f"{where}: {got!r} != {want!r}"
    return 1


def test_the_bundled_meeting_reads_as_the_plain_reading() -> None:
    fast, plain = open_reference().catalog, plain_catalog(resources.reference_db())
    assert same(fast, plain) > 1000
    assert fast == plain
    assert any(m.jurisdictions for c in fast.commitments for m in c.milestones)
    assert any(m.window is None for c in fast.commitments for m in c.milestones)
    assert any(len(c.milestones) > 1 for c in fast.commitments)


def test_a_generated_archive_reads_as_the_plain_reading(archive: Path) -> None:
    fast, plain = open_reference(archive).catalog, plain_catalog(archive)
    assert len(fast.commitments) == 2000
    assert same(fast, plain) > 20_000
    assert len(fast.meetings) == 20


def test_an_imported_meeting_merged_reads_as_the_plain_reading(archive: Path) -> None:
    bundled = resources.reference_db()
    fast = open_reference(bundled).catalog.merged(open_reference(archive).catalog)
    plain = plain_catalog(bundled).merged(plain_catalog(archive))
    assert same(fast, plain) > 20_000
    assert {c.meeting for c in fast.commitments} >= {"jcct-22"}


def _rewrite_shuffled(source: Path, target: Path, seed: int, ghost_meeting: bool) -> None:
    """A copy of ``source`` whose commitment and milestone rows are stored in a random order
    (and, with ``ghost_meeting``, some commitments of a meeting the file does not list)."""
    shutil.copy(source, target)
    shuffle = random.Random(seed)
    with closing(sqlite3.connect(target)) as db:
        for table in ("commitment", "milestone", "fact"):
            rows = db.execute(f"SELECT * FROM {table}").fetchall()
            shuffle.shuffle(rows)
            db.execute(f"DELETE FROM {table}")
            marks = ", ".join("?" * len(rows[0]))
            db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        if ghost_meeting:
            db.execute("UPDATE commitment SET meeting_id = 'ghost-1' WHERE rowid % 7 = 0")
        db.commit()


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), ghost_meeting=st.booleans())
def test_any_stored_order_reads_as_the_plain_reading(
        archive: Path, tmp_path: Path, seed: int, ghost_meeting: bool) -> None:
    shuffled = tmp_path / f"shuffled-{seed}-{ghost_meeting}.sqlite"
    _rewrite_shuffled(archive, shuffled, seed, ghost_meeting)
    try:
        fast, plain = open_reference(shuffled).catalog, plain_catalog(shuffled)
        assert same(fast, plain) > 20_000
        # the shuffle really changed the stored order the fast reader meets
        with closing(sqlite3.connect(shuffled)) as db:
            stored = [r[0] for r in db.execute(
                "SELECT commitment_id FROM milestone ORDER BY rowid")]
        assert stored != sorted(stored)
    finally:
        shuffled.unlink()


def test_a_commitment_row_that_breaks_the_schema_gives_the_same_errors(tmp_path: Path) -> None:
    # the same ValueError the straightforward reading raises, which callers catch
    # (store.reference.imported_meetings rebuilds an imported database then)
    for column, value, message in (("party", "Mars", "'Mars' is not a valid Party"),
                                   ("kind", "rumour", "'rumour' is not a valid Kind")):
        broken = tmp_path / f"{column}.sqlite"
        shutil.copy(resources.reference_db(), broken)
        with closing(sqlite3.connect(broken)) as db:
            db.execute(f"UPDATE commitment SET {column} = ? WHERE rowid = 3", (value,))
            db.commit()
        with pytest.raises(ValueError, match=message):
            plain_catalog(broken)
        with pytest.raises(ValueError, match=message):
            open_reference(broken)
    backwards = tmp_path / "window.sqlite"
    shutil.copy(resources.reference_db(), backwards)
    with closing(sqlite3.connect(backwards)) as db:
        db.execute("UPDATE milestone SET earliest = '2099-01-01' WHERE precision IS NOT NULL")
        db.commit()
    with pytest.raises(ValueError):
        open_reference(backwards)


@pytest.mark.parametrize("damage", ["no milestone table", "no commitment column",
                                    "empty file", "foreign database"])
def test_a_damaged_or_foreign_database_is_one_clear_line(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "reference.sqlite"
    if damage == "empty file":
        path.write_bytes(b"")
    elif damage == "foreign database":
        with closing(sqlite3.connect(path)) as db:
            db.execute("CREATE TABLE things (x)")
            db.commit()
    else:
        shutil.copy(resources.reference_db(), path)
        with closing(sqlite3.connect(path)) as db:
            if damage == "no milestone table":
                db.execute("DROP TABLE milestone")
            else:
                db.execute("ALTER TABLE commitment DROP COLUMN agencies")
            db.commit()
    with pytest.raises(ReferenceDataError) as caught:
        open_reference(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    expected = {"no milestone table": "cannot be read .*no such table: milestone",
                "no commitment column": "cannot be read .*no such column: commitment.agencies",
                "empty file": "has data schema 0; this app reads schema",
                "foreign database": "has data schema 0; this app reads schema"}[damage]
    assert re.search(expected, message), message


def test_the_lookups_built_on_first_use_answer_as_a_plain_scan(archive: Path) -> None:
    catalog = open_reference(archive).catalog
    # several threads race to build the indexes, as the window and its search worker may
    def look(sector_index: int) -> list[Any]:
        sector = catalog.sectors[sector_index]
        return [catalog.commitments_in(sector), catalog.subsectors(sector),
                catalog.facts_in(sector), catalog.sector_of(catalog.commitments[sector_index]),
                catalog.commitment(catalog.commitments[-sector_index].id),
                catalog.groups(sector.meeting), catalog.meeting(sector.meeting)]

    picks = range(0, len(catalog.sectors), 37)
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(look, picks))
    for i, (in_sector, subsectors, facts, sector_of, by_id, groups, meeting) in zip(
            picks, answers, strict=True):
        sector = catalog.sectors[i]
        key = (sector.meeting, sector.code)
        assert in_sector == [c for c in catalog.commitments if (c.meeting, c.sector) == key]
        assert subsectors == [s for s in catalog.sectors
                              if (s.meeting, s.parent) == (sector.meeting, sector.code)]
        assert facts == [f for f in catalog.facts if (f.meeting, f.sector) == key]
        c = catalog.commitments[i]
        assert sector_of == next(s for s in catalog.sectors
                                 if (s.meeting, s.code) == (c.meeting, c.sector))
        assert by_id is catalog.commitments[-i]
        assert groups == [s for s in catalog.sectors
                          if s.meeting == sector.meeting and s.parent is None]
        assert meeting is next(m for m in catalog.meetings if m.id == sector.meeting)
    assert sum(len(a[0]) for a in answers) > 50


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.text(max_size=12), min_size=4, max_size=4),
       agencies=st.lists(st.text(max_size=8), max_size=3))
def test_any_text_in_the_columns_read_as_one_json_text_reads_back_exactly(
        tmp_path: Path, words: list[str], agencies: list[str]) -> None:
    """Quotes, backslashes, control characters, NUL and astral characters survive the
    JSON text SQLite builds of a row's few-valued columns."""
    path = tmp_path / "odd.sqlite"
    shutil.copy(resources.reference_db(), path)
    when, label, sheet, sector = words
    with closing(sqlite3.connect(path)) as db:
        db.execute("UPDATE milestone SET when_text = ?, label = ? WHERE rowid % 2 = 0",
                   (when, label))
        db.execute("UPDATE commitment SET fact_sheet_id = ?, agencies = ?, sector_code = ? "
                   "WHERE rowid % 3 = 0", (sheet, json.dumps(agencies), sector))
        db.commit()
    try:
        fast, plain = open_reference(path).catalog, plain_catalog(path)
        assert same(fast, plain) > 1000
        assert any(c.fact_sheet == sheet and c.agencies == tuple(agencies)
                   for c in fast.commitments)
        assert any(m.label == label and m.when == when
                   for c in fast.commitments for m in c.milestones)
    finally:
        path.unlink()
