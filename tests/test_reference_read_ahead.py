"""Archive scale (issue 25): the milestones and commitments read ahead on a thread of their
own, each column one text (``store.reference.read_ahead``), give the catalog the rows give;
and where the texts cannot say what the rows say, they are not used."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jcct_desktop.core import resources
from jcct_desktop.store.reference import read_ahead
from jcct_desktop.store.reference.read_ahead import ReadAhead
from jcct_desktop.store.reference.reader import ReferenceDataError, open_reference
from tests.reference_plain import plain_catalog
from tests.test_reference_open_fast import same


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.make_archive import make_archive

    return make_archive(tmp_path_factory.mktemp("archive") / "a.sqlite", meetings=8,
                        per_meeting=60)


@pytest.fixture()
def used(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """For each table read ahead at open, in order: whether its texts were used (read ahead
    whatever the file's size and the machine's cores and load)."""
    seen: list[bool] = []
    monkeypatch.setattr(read_ahead, "worth_it", lambda path: True)
    columns = read_ahead.TableAhead.columns

    def spied(self: read_ahead.TableAhead) -> list[list[str]] | None:
        found = columns(self)
        seen.append(found is not None)
        return found

    monkeypatch.setattr(read_ahead.TableAhead, "columns", spied)
    yield seen


def copied(source: Path, target: Path, *updates: str) -> Path:
    """``source`` copied to ``target``, then changed by ``updates`` (SQL)."""
    shutil.copy(source, target)
    with closing(sqlite3.connect(target)) as db:
        for sql in updates:
            db.execute(sql)
        db.commit()
    return target


def opened_as_plain(path: Path) -> None:
    """The open gives what the plain reading gives, or fails as it fails."""
    try:
        fast = open_reference(path).catalog
    except Exception as error:  # what the rows raise (a position not a number, ...)
        with pytest.raises(type(error)):
            plain_catalog(path)
    else:
        assert same(fast, plain_catalog(path)) > 1000


def test_the_bundled_meeting_and_an_archive_are_read_ahead_as_the_rows_say(
        archive: Path, used: list[bool]) -> None:
    for path in (resources.reference_db(), archive):
        used.clear()
        fast, plain = open_reference(path).catalog, plain_catalog(path)
        assert used == [True, True]  # milestones, then commitments: from the texts
        assert same(fast, plain) > 1000
        assert fast == plain


@pytest.mark.parametrize("update, declined", [
    # a separator inside a value: the column's count of values is off
    ("UPDATE commitment SET title = title || char(31) WHERE rowid = 2", [True, False]),
    ("UPDATE milestone SET label = char(31) WHERE rowid = 1", [False, True]),
    # a position stored as a text or a real: the rows give it as stored
    ("UPDATE commitment SET position = 'x3' WHERE rowid = 4", [True, False]),
    ("UPDATE commitment SET position = 2.5 WHERE rowid = 4", [True, False]),
    # a text stored as a BLOB: the rows give bytes
    ("UPDATE commitment SET title = CAST(title AS BLOB) WHERE rowid = 5", [True, False]),
    ("UPDATE milestone SET label = CAST(label AS BLOB) WHERE rowid = 5", [False, True]),
    # an empty text is a value like any other
    ("UPDATE commitment SET title = '' WHERE rowid % 2 = 0", [True, True]),
])
def test_texts_that_cannot_say_what_the_rows_say_are_not_used(
        archive: Path, tmp_path: Path, used: list[bool], update: str,
        declined: list[bool]) -> None:
    path = copied(archive, tmp_path / "odd.sqlite", update)
    opened_as_plain(path)
    assert used == declined


def test_an_open_that_fails_leaves_no_thread_reading(tmp_path: Path) -> None:
    path = copied(resources.reference_db(), tmp_path / "broken.sqlite",
                 "UPDATE commitment SET party = 'Mars' WHERE rowid = 3")
    with pytest.raises(ValueError, match="'Mars' is not a valid Party"):
        open_reference(path)
    gone = copied(resources.reference_db(), tmp_path / "gone.sqlite", "DROP TABLE milestone")
    with pytest.raises(ReferenceDataError, match="no such table: milestone"):
        open_reference(gone)
    assert not [t for t in threading.enumerate() if t.name == "reference read ahead"]


VALUES = st.one_of(st.none(), st.integers(-3, 3), st.floats(allow_nan=False, width=32),
                   st.text(max_size=6), st.binary(max_size=4),
                   st.sampled_from(["\x1f", "a\x1fb", "", "’é😀"]))


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(VALUES, VALUES), max_size=6))
def test_a_table_read_ahead_is_its_rows_or_nothing(tmp_path: Path,
                                                   rows: list[tuple[Any, Any]]) -> None:
    """Any values: the texts are used exactly when each value is a text (the first column)
    or an integer (the second) without the separator, and then give the rows' values."""
    path = tmp_path / "t.sqlite"
    path.unlink(missing_ok=True)
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE t (a, b)")
        db.executemany("INSERT INTO t VALUES (?, ?)", rows)
        db.commit()
        stepped = db.execute("SELECT a, b FROM t").fetchall()
    ahead = ReadAhead(path.as_uri() + "?mode=ro")
    table = ahead.table("(SELECT t.a AS f0, t.b AS f1 FROM t)", ["f0", "f1"],
                        integers=frozenset({1}))
    ahead.start()
    found = table.columns()
    ahead.wait()
    usable = all(type(a) is str and "\x1f" not in a and type(b) is int for a, b in stepped)
    if usable:
        assert found is not None
        assert list(zip(found[0], map(int, found[1]), strict=True)) == stepped
    else:
        assert found is None


def test_a_file_that_cannot_be_opened_is_read_by_the_rows(tmp_path: Path) -> None:
    ahead = ReadAhead((tmp_path / "none.sqlite").as_uri() + "?mode=ro")
    table = ahead.table("t", ["a"])
    ahead.start()
    assert table.columns() is None
    ahead.wait()


def test_on_one_core_the_rows_are_read_as_before(archive: Path, used: list[bool],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_ahead, "worth_it", lambda path: False)
    before = {t.name for t in threading.enumerate()}
    fast = open_reference(archive).catalog
    assert used == []  # nothing read ahead
    assert {t.name for t in threading.enumerate()} == before
    assert same(fast, plain_catalog(archive)) > 5000


def test_reading_ahead_is_for_files_of_some_size_with_a_core_free(
        archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_ahead, "second_core", lambda: True)
    assert read_ahead.worth_it(archive)  # 480 commitments: 1.8 MB
    assert not read_ahead.worth_it(resources.reference_db())  # the 2011 meeting: 0.3 MB
    monkeypatch.setattr(read_ahead, "second_core", lambda: False)
    assert not read_ahead.worth_it(archive)


def test_a_second_core_is_free_where_the_load_leaves_two_idle(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_ahead.os, "sched_getaffinity", lambda pid: {0, 1})
    for load, free in ((0.1, True), (0.5, True), (0.9, True), (1.0, False), (1.5, False),
                       (3.0, False)):
        monkeypatch.setattr(read_ahead.os, "getloadavg", lambda load=load: (load, 0.0, 0.0))
        assert read_ahead.second_core() is free
    monkeypatch.setattr(read_ahead.os, "sched_getaffinity", lambda pid: {0})
    monkeypatch.setattr(read_ahead.os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert not read_ahead.second_core()  # one core: never


def test_a_text_that_is_not_utf8_is_the_rows_error(archive: Path, tmp_path: Path,
                                                   used: list[bool]) -> None:
    path = copied(archive, tmp_path / "bytes.sqlite",
                 "UPDATE commitment SET title = CAST(x'41ff42' AS TEXT) WHERE rowid = 7")
    with pytest.raises(ReferenceDataError, match=r"cannot be read .*decode"):
        open_reference(path)
    assert used == [True, False]  # the commitments' texts failed; the rows said why
