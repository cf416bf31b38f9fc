"""Archive scale (issue 25): the big tables read ahead in parts (``read_ahead.by_rowid``,
``by_key``), so the opener makes the first part's records while SQLite reads the next,
give the catalog the rows give; a later part that cannot say what its rows say makes the
opener read the rows from the start."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from jcct_desktop.store.reference import read_ahead
from jcct_desktop.store.reference.read_ahead import ReadAhead, by_key, by_rowid
from jcct_desktop.store.reference.reader import open_reference
from tests.reference_plain import plain_catalog
from tests.test_reference_open_fast import same
from tests.test_reference_read_ahead import copied, opened_as_plain

PART = 37  # rows a part here: the archive's 480 commitments in 13 parts


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.make_archive import make_archive

    return make_archive(tmp_path_factory.mktemp("archive") / "a.sqlite", meetings=8,
                        per_meeting=60)


@pytest.fixture()
def parts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Read ahead in parts of ``PART`` rows whatever the file and the load; lists, for each
    table read at open in order, "parts", "declined" (a later part, then the rows) or
    "rows" (declined at once)."""
    monkeypatch.setattr(read_ahead, "worth_it", lambda path: True)
    monkeypatch.setattr(read_ahead, "PART_ROWS", PART)
    seen: list[str] = []
    original = read_ahead.TableAhead.parts

    def spied(self: read_ahead.TableAhead) -> Iterator[list[list[str]]] | None:
        found = original(self)
        if found is None:
            seen.append("rows")
            return None

        def watched() -> Iterator[list[list[str]]]:
            count = 0
            try:
                for part in found:
                    count += 1
                    yield part
            except read_ahead.Declined:
                seen.append("declined")
                raise
            seen.append("parts" if count > 1 else "whole")

        return watched()

    monkeypatch.setattr(read_ahead.TableAhead, "parts", spied)
    yield seen


def test_an_archive_read_in_parts_is_the_plain_reading(archive: Path,
                                                       parts: list[str]) -> None:
    fast = open_reference(archive).catalog
    assert parts == ["parts", "parts"]  # the milestones, then the commitments
    assert same(fast, plain_catalog(archive)) > 5000


@pytest.mark.parametrize("update, seen", [
    # in the last part: the first parts were used, then the rows read from the start
    ("UPDATE commitment SET title = title || char(31) WHERE rowid = 470", ["parts", "declined"]),
    ("UPDATE commitment SET position = 'x3' WHERE rowid = 450", ["parts", "declined"]),
    ("UPDATE milestone SET label = CAST(label AS BLOB) "
     "WHERE rowid = (SELECT max(rowid) FROM milestone)", ["declined", "parts"]),
    # in the first part: the rows at once
    ("UPDATE commitment SET title = title || char(31) WHERE rowid = 3", ["parts", "rows"]),
])
def test_a_part_that_cannot_say_what_its_rows_say_makes_the_rows_read(
        archive: Path, tmp_path: Path, parts: list[str], update: str,
        seen: list[str]) -> None:
    path = copied(archive, tmp_path / "odd.sqlite", update)
    opened_as_plain(path)
    assert parts == seen


def test_commitments_stored_out_of_order_with_gaps_in_their_rowids(
        archive: Path, tmp_path: Path, parts: list[str]) -> None:
    """Rowids far apart (rows deleted, others added at the end) and milestones not in
    their commitments' order: parts still cover every row once, in stored order."""
    path = copied(archive, tmp_path / "gaps.sqlite",
                 "CREATE TABLE keep AS SELECT * FROM commitment WHERE rowid % 3 = 0",
                 "DELETE FROM commitment WHERE rowid % 3 = 0",
                 "INSERT INTO commitment SELECT * FROM keep ORDER BY random()",
                 "DROP TABLE keep")
    fast = open_reference(path).catalog
    assert parts == ["parts", "parts"]
    assert same(fast, plain_catalog(path)) > 5000


TEXTS = st.text(alphabet="abc", max_size=2)
def test_rowids_far_apart_make_a_few_parts_at_most(archive: Path, tmp_path: Path,
                                                  parts: list[str]) -> None:
    path = copied(archive, tmp_path / "far.sqlite",
                 "UPDATE commitment SET rowid = rowid + 1000000000000 WHERE rowid > 400")
    with closing(sqlite3.connect(path)) as db:
        assert len(by_rowid("commitment")(db)) == read_ahead.MOST_PARTS
    fast = open_reference(path).catalog
    assert parts == ["parts", "parts"]
    assert same(fast, plain_catalog(path)) > 5000


KEYS = st.one_of(TEXTS, st.none(), st.integers(-3, 3), st.text(alphabet="a\x1f", max_size=2),
                 st.binary(max_size=1))
VALUES = st.text(alphabet="xyz", max_size=2)
# texts alone, as the tables hold (then the parts are used), or any keys
ROWS = st.one_of(st.lists(st.tuples(TEXTS, VALUES), max_size=20),
                 st.lists(st.tuples(KEYS, VALUES), max_size=20))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=ROWS, part=st.integers(1, 6), deleted=st.sets(st.integers(1, 20), max_size=5))
def test_parts_hold_every_row_once_in_the_order_of_the_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: list[tuple[Any, str]],
        part: int, deleted: set[int]) -> None:
    """Any keys (NULL, numbers, texts, bytes; repeated), rowids with gaps: read in parts by
    the key's index or by rowid, the texts are the rows of the whole select in its order,
    or nothing (a key that is not a text; texts holding the separator)."""
    monkeypatch.setattr(read_ahead, "PART_ROWS", part)
    path = tmp_path / "t.sqlite"
    path.unlink(missing_ok=True)
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE t (k, v)")
        db.execute("CREATE INDEX ix_t ON t (k, v)")
        db.executemany("INSERT INTO t VALUES (?, ?)", rows)
        db.executemany("DELETE FROM t WHERE rowid = ?", [(d,) for d in deleted])
        db.commit()
        by_index = db.execute("SELECT k, v FROM t INDEXED BY ix_t").fetchall()
        in_rowids = db.execute("SELECT k, v FROM t ORDER BY rowid").fetchall()
    for cut, index, want in ((by_key("t", "k"), "INDEXED BY ix_t", by_index),
                             (by_rowid("t"), "", in_rowids)):
        source = f"(SELECT t.k AS f0, t.v AS f1 FROM t {index} WHERE {{part}})"
        ahead = ReadAhead(path.as_uri() + "?mode=ro")
        table = ahead.table(source, ["f0", "f1"], cut=cut)
        ahead.start()
        found = table.parts()
        usable = all(type(k) is str and "\x1f" not in k for k, _ in want)
        try:
            got = None if found is None else [
                row for columns in found for row in zip(*columns, strict=True)]
        except read_ahead.Declined:
            got = None
        ahead.wait()
        event(f"usable: {usable}, in parts: {len(want) > part}")
        if usable:
            assert got == want
        else:
            assert got is None


def test_a_milestone_key_of_null_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite"
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE t (k)")
        db.executemany("INSERT INTO t VALUES (?)", [("a",), (None,), ("b",)] * 20)
        db.commit()
        assert by_key("t", "k")(db) == read_ahead.WHOLE
        assert len(by_rowid("t")(db)) == 1  # 60 rows: one part of PART_ROWS


def test_the_parts_are_cut_where_a_commitment_begins(archive: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_ahead, "PART_ROWS", PART)
    with closing(sqlite3.connect(archive)) as db:
        cuts = by_key("milestone", "commitment_id")(db)
        ids = [params[0] for _, params in cuts[1:]]
        assert len(cuts) > 10 and ids == sorted(set(ids))
        counted = [db.execute(f"SELECT count(*) FROM milestone WHERE {condition}",
                              params).fetchone()[0] for condition, params in cuts]
        assert sum(counted) == db.execute("SELECT count(*) FROM milestone").fetchone()[0]
    monkeypatch.setattr(read_ahead, "PART_ROWS", 3)  # 64 parts at most: the last the rest
    with closing(sqlite3.connect(archive)) as db:
        cuts = by_key("milestone", "commitment_id")(db)
        last = db.execute(f"SELECT count(*) FROM milestone WHERE {cuts[-1][0]}",
                          cuts[-1][1]).fetchone()[0]
    assert len(cuts) == read_ahead.MOST_PARTS and last > 200
