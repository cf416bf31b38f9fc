"""Archive scale (issue 25): what the reference data reads on first use, not at open (a
commitment's text, a milestone's wording, the facts; ``core.deferred``,
``store.reference.later_reads``), is what the straightforward reading gives
(tests/reference_plain.py), whichever way and order it is first read; the records stay
immutable, hashable, equal by value and picklable; a damaged database is still refused at
open with one line."""

from __future__ import annotations

import copy
import dataclasses
import os
import pickle
import random
import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jcct_desktop.core import resources
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.deferred import DeferredText, Later
from jcct_desktop.core.model import Commitment, Milestone
from jcct_desktop.store.reference.later_reads import ROW_BY_ROW
from jcct_desktop.store.reference.reader import ReferenceDataError, open_reference
from tests.reference_plain import plain_catalog
from tests.test_reference_open_fast import same

ARCHIVE_SIZE = dict(meetings=4, per_meeting=100)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.make_archive import make_archive

    return make_archive(tmp_path_factory.mktemp("archive") / "a.sqlite", **ARCHIVE_SIZE)


def _held(record: object, name: str) -> object:
    """What the record's slot holds, without reading it on."""
    descriptor = vars(type(record))[name]
    assert isinstance(descriptor, DeferredText)
    return descriptor.slot.__get__(record, type(record))


def _unread(catalog: Catalog) -> tuple[int, int]:
    texts = sum(not isinstance(_held(c, "text"), str) for c in catalog.commitments)
    wordings = sum(not isinstance(_held(m, "wording"), str)
                   for c in catalog.commitments for m in c.milestones)
    return texts, wordings


def _milestones(catalog: Catalog) -> list[Milestone]:
    return [m for c in catalog.commitments for m in c.milestones]


def test_opening_reads_no_text_no_wording_and_no_fact(archive: Path) -> None:
    catalog = open_reference(archive).catalog
    assert _unread(catalog) == (400, len(_milestones(catalog))) and len(_milestones(catalog))
    assert isinstance(vars(catalog)["facts"], Later)
    assert len(catalog.facts) > 0 and isinstance(vars(catalog)["facts"], tuple)


def test_texts_read_one_by_one_then_all_at_once_are_the_plain_ones(archive: Path) -> None:
    catalog, plain = open_reference(archive).catalog, plain_catalog(archive)
    pairs = list(zip(catalog.commitments, plain.commitments, strict=True))
    random.Random(7).shuffle(pairs)
    for fast, want in pairs[:ROW_BY_ROW]:  # one by one, each its own look-up
        assert fast.text == want.text and type(fast.text) is str
    assert _unread(catalog)[0] == 400 - ROW_BY_ROW
    for fast, want in pairs[ROW_BY_ROW:]:  # then the whole column
        assert fast.text == want.text
    assert _unread(catalog)[0] == 0
    wordings = list(zip(_milestones(catalog), _milestones(plain), strict=True))
    for fast_m, want_m in reversed(wordings):
        assert fast_m.wording == want_m.wording
    assert same(catalog, plain) > 4000


@pytest.mark.parametrize("first", ["equality", "hash", "repr", "pickle", "astuple", "copy"])
def test_every_way_of_reading_a_record_sees_its_text(archive: Path, first: str) -> None:
    catalog, plain = open_reference(archive).catalog, plain_catalog(archive)
    fast, want = catalog.commitments[5], plain.commitments[5]
    assert want.milestones and not isinstance(_held(fast, "text"), str)
    if first == "equality":
        assert fast == want and fast.milestones == want.milestones
    elif first == "hash":
        assert hash(fast) == hash(want)
    elif first == "repr":
        assert repr(fast) == repr(want)
    elif first == "pickle":
        again = pickle.loads(pickle.dumps(fast))
        assert type(again) is Commitment and again == want
        assert isinstance(_held(again, "text"), str)  # the copy holds the text itself
    elif first == "astuple":
        assert dataclasses.astuple(fast) == dataclasses.astuple(want)
    else:
        assert copy.deepcopy(fast) == want and copy.copy(fast) == want
    assert isinstance(_held(fast, "text"), str)
    assert fast == want and hash(fast) == hash(want) and repr(fast) == repr(want)


def test_records_stay_immutable_and_keep_no_instance_dict(archive: Path) -> None:
    commitment = open_reference(archive).catalog.commitments[0]
    milestone = commitment.milestones[0]
    for record, name in ((commitment, "text"), (milestone, "wording"),
                         (commitment, "title"), (milestone, "label")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, name, "changed")
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(record, name)
        assert not hasattr(record, "__dict__")
    made = Commitment(id="a", meeting="m", sector="s", position=1, title="t", text="words",
                      party=commitment.party, agencies=(), kind=commitment.kind)
    assert made.text == "words" and made == copy.copy(made)
    assert Milestone("w", "by 2012", "l", None).wording == "w"


def test_the_catalog_pickles_and_compares_with_its_facts(archive: Path) -> None:
    catalog, plain = open_reference(archive).catalog, plain_catalog(archive)
    again = pickle.loads(pickle.dumps(catalog))
    assert isinstance(vars(again)["facts"], tuple)
    assert again == plain and catalog == plain
    assert same(again, plain) > 4000


def test_merged_and_restricted_catalogs_read_their_facts_later(archive: Path) -> None:
    bundled = resources.reference_db()
    merged = open_reference(bundled).catalog.merged(open_reference(archive).catalog)
    want = plain_catalog(bundled).merged(plain_catalog(archive))
    assert isinstance(vars(merged)["facts"], Later)
    assert same(merged, want) > 4000
    meeting = merged.meetings[1].id
    only = open_reference(archive).catalog.only([meeting])
    assert isinstance(vars(only)["facts"], Later)
    assert only.facts == plain_catalog(archive).only([meeting]).facts
    assert only.facts and all(f.meeting == meeting for f in only.facts)


def test_threads_racing_to_read_texts_all_read_the_plain_ones(archive: Path) -> None:
    catalog, plain = open_reference(archive).catalog, plain_catalog(archive)
    want = {c.id: (c.text, tuple(m.wording for m in c.milestones)) for c in plain.commitments}

    def read(start: int) -> list[tuple[str, str, tuple[str, ...]]]:
        picked = catalog.commitments[start::7]
        return [(c.id, c.text, tuple(m.wording for m in c.milestones)) for c in picked]

    with ThreadPoolExecutor(8) as pool:
        found = [row for rows in pool.map(read, range(7)) for row in rows]
        facts = list(pool.map(lambda _: catalog.facts, range(8)))
    assert {cid: (text, wordings) for cid, text, wordings in found} == want
    assert all(f is facts[0] for f in facts) and facts[0] == plain.facts


def test_texts_come_from_the_file_opened_even_after_it_is_replaced(
        archive: Path, tmp_path: Path) -> None:
    """The importer writes a new meetings database and moves it over the old one
    (``os.replace``): a catalog read before still reads its own file's texts."""
    path = tmp_path / "meetings.sqlite"
    shutil.copy(archive, path)
    catalog = open_reference(path).catalog
    changed = tmp_path / "new.sqlite"
    shutil.copy(archive, changed)
    with closing(sqlite3.connect(changed)) as db:
        db.execute("UPDATE commitment SET text = 'rewritten'")
        db.execute("UPDATE milestone SET wording = 'rewritten'")
        db.execute("DELETE FROM fact")
        db.commit()
    os.replace(changed, path)
    assert same(catalog, plain_catalog(archive)) > 4000
    assert all(c.text != "rewritten" for c in open_reference(archive).catalog.commitments)
    assert {c.text for c in open_reference(path).catalog.commitments} == {"rewritten"}


def _stored_shuffled(source: Path, target: Path, seed: int, tie: bool) -> None:
    """A copy of ``source`` with every table the reader reads in stored order shuffled (and,
    with ``tie``, two sectors of a meeting at the same position)."""
    shutil.copy(source, target)
    shuffle = random.Random(seed)
    with closing(sqlite3.connect(target)) as db:
        for table in ("commitment", "milestone", "sector", "fact", "figure"):
            rows = db.execute(f"SELECT * FROM {table}").fetchall()
            shuffle.shuffle(rows)
            db.execute(f"DELETE FROM {table}")
            marks = ", ".join("?" * len(rows[0]))
            db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        if tie:
            db.execute("UPDATE sector SET position = 1 WHERE position = 2")
        db.commit()


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), tie=st.booleans(), bundled=st.booleans())
def test_any_stored_order_reads_as_the_plain_reading(
        archive: Path, tmp_path: Path, seed: int, tie: bool, bundled: bool) -> None:
    shuffled = tmp_path / f"shuffled-{seed}-{tie}-{bundled}.sqlite"
    _stored_shuffled(resources.reference_db() if bundled else archive, shuffled, seed, tie)
    try:
        fast, plain = open_reference(shuffled).catalog, plain_catalog(shuffled)
        assert same(fast.sectors, plain.sectors) > 10
        assert same(fast, plain) > 1000
    finally:
        shuffled.unlink()


def test_the_stored_order_is_read_as_is_when_it_rises(archive: Path) -> None:
    catalog, plain = open_reference(archive).catalog, plain_catalog(archive)
    assert catalog.sectors == plain.sectors
    keys = [(s.meeting, s.position) for s in catalog.sectors]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


@pytest.mark.parametrize("damage, message", [
    ("ALTER TABLE commitment DROP COLUMN text", "no such column: commitment.text"),
    ("ALTER TABLE milestone DROP COLUMN wording", "no such column: milestone.wording"),
    ("ALTER TABLE figure DROP COLUMN text", "no such column: figure.text"),
    ("DROP TABLE figure", "no such table: figure"),
    ("DROP TABLE fact", "no such table: fact"),
])
def test_a_column_read_later_missing_is_refused_at_open_in_one_line(
        tmp_path: Path, damage: str, message: str) -> None:
    path = tmp_path / "reference.sqlite"
    shutil.copy(resources.reference_db(), path)
    with closing(sqlite3.connect(path)) as db:
        db.execute(damage)
        db.commit()
    with pytest.raises(ReferenceDataError) as caught:
        open_reference(path)
    text = str(caught.value)
    assert "\n" not in text and str(path) in text and "cannot be read" in text
    assert message in text, text
