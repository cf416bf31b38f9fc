"""Backups, rotation, restore and recovery from damaged files (real files, no mocks)."""

from __future__ import annotations

import os
import random
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from jcct_desktop.store.notes import backups, file_check, recovery
from jcct_desktop.store.notes.database import DB_NAME
from tests.notes_support import open_at_start

NOW = datetime(2012, 5, 10, 12, 0, tzinfo=UTC)
H = timedelta(hours=1)
D = timedelta(days=1)


@pytest.mark.parametrize(
    ("ages", "kept"),
    [
        ([], []),
        # everything in the last 48 hours stays
        ([0 * H, 1 * H, 5 * H, 47 * H], [0 * H, 1 * H, 5 * H, 47 * H]),
        # beyond the 48 h before the newest earlier copy (1 h): the newest of each day
        ([0 * H, 1 * H, 49 * H, 50 * H, 3 * D, 3 * D + H], [0 * H, 1 * H, 49 * H, 3 * D]),
        # a day partly inside the 48 h keeps nothing older from that same day
        ([0 * H, 1 * H, 47 * H, timedelta(hours=49, minutes=30)], [0 * H, 1 * H, 47 * H]),
        # the newest of each of the 30 most recent days that have a copy, however old
        ([0 * H, 31 * D, 400 * D], [0 * H, 31 * D, 400 * D]),
        ([i * D for i in range(41)], [i * D for i in range(30)]),
    ],
)
def test_keep_set_table(ages: list[timedelta], kept: list[timedelta]) -> None:
    """Issue 19: ages count from the newest copy before this run's (``fresh``, at 0 h)."""
    times = [NOW - a for a in ages]
    assert backups.keep_set(times, NOW, fresh={NOW}) == {NOW - a for a in kept}


def test_keep_set_protects_and_keeps_a_month_of_dailies() -> None:
    times = [NOW - i * 6 * H for i in range(4 * 45)]  # four a day for 45 days
    keep = backups.keep_set(times, NOW)
    recent = {t for t in times if NOW - t <= 48 * H}
    older_days = {t.date() for t in keep - recent}
    assert recent <= keep
    assert len(keep - recent) == len(older_days)  # one per day
    assert min(keep) >= NOW - 30 * D
    protected = NOW - 44 * D
    assert protected in backups.keep_set(times, NOW, {protected})


@pytest.fixture
def opened(tmp_path: Path):
    service, report = open_at_start(tmp_path)
    assert report is None
    yield service
    service.close()


def test_backup_now_list_and_restore(opened) -> None:
    opened.add_note(commitment_id="A", text="before")
    copy = backups.backup_now(opened.data_dir)
    assert copy.parent == opened.data_dir / "backups"
    assert copy.name.startswith("annotations-") and copy.suffix == ".sqlite"
    assert (copy.stat().st_mode & 0o777) == 0o600
    assert file_check.check_notes_file(copy).ok
    opened.add_note(commitment_id="A", text="after")
    events = []
    opened.notifier.subscribe(events.append)
    saved = recovery.restore(copy, opened)
    assert [n.text for n in opened.get("A").notes] == ["before"]
    assert [e.event for e in events] == ["annotations_replaced"]
    assert copy.exists() and saved.exists()
    recovery.restore(saved, opened)  # the pre-restore copy brings the later note back
    assert [n.text for n in opened.get("A").notes] == ["before", "after"]


def test_restore_never_rotates_the_chosen_backup_away(opened) -> None:
    old = backups.backup_now(opened.data_dir, now=NOW - 25 * D)
    backups.backup_now(opened.data_dir, now=NOW - 25 * D + H)  # a newer one that same day
    assert old.exists()
    recovery.restore(old, opened)  # pre-restore backup rotates, but must keep `old`
    assert old.exists()


def test_backup_if_due(opened) -> None:
    # opening made no backup (new file); the first due check makes one
    first = backups.backup_if_due(opened.data_dir, now=NOW)
    assert first is not None
    assert backups.backup_if_due(opened.data_dir, now=NOW + 11 * H) is None
    assert backups.backup_if_due(opened.data_dir, now=NOW + 13 * H) is not None


def test_backup_at_start_of_an_existing_database(tmp_path: Path) -> None:
    service, _ = open_at_start(tmp_path)
    service.add_note(commitment_id="A", text="x")
    service.close()
    service, report = open_at_start(tmp_path)
    assert report is None and len(backups.list_backups(tmp_path)) == 1
    service.close()


def _damage_truncate(path: Path) -> None:
    with open(path, "r+b") as f:
        f.truncate(path.stat().st_size // 3)


def _damage_scribble(path: Path) -> None:
    rng = random.Random(7)
    data = bytearray(path.read_bytes())
    for page in range(1, len(data) // 4096):
        start = page * 4096 + rng.randrange(0, 2048)
        data[start : start + 1500] = rng.randbytes(1500)
    path.write_bytes(bytes(data))


def _damage_header(path: Path) -> None:
    with open(path, "r+b") as f:
        f.write(b"this is not sqlite at all")


@pytest.mark.parametrize("damage", [_damage_truncate, _damage_scribble, _damage_header])
def test_corrupt_database_is_moved_aside_and_a_good_backup_offered(tmp_path: Path, damage) -> None:
    service, _ = open_at_start(tmp_path)
    for i in range(300):  # several pages, so truncation and scribbles hit real data
        service.add_note(commitment_id=f"C-{i % 7}", text=f"note {i} " + "x" * 200)
    good = backups.backup_now(tmp_path)
    service.close()
    bad_backup = shutil.copy(good, tmp_path / "backups" / "annotations-29990101-000000.sqlite")
    _damage_header(Path(bad_backup))  # newest backup is damaged: it must not be offered
    db = tmp_path / DB_NAME
    damage(db)
    damaged_bytes = db.read_bytes()
    service, report = open_at_start(tmp_path)
    assert report is not None
    assert report.moved_to.read_bytes() == damaged_bytes  # moved aside, never overwritten
    assert report.moved_to.name.startswith("annotations.corrupt-")
    assert report.offered_backup is not None and report.offered_backup.path == good
    assert "moved aside" in report.message
    assert service.all() == []
    recovery.restore(report.offered_backup.path, service)
    assert len([n for a in service.all() for n in a.notes]) == 300
    assert file_check.check_notes_file(db).ok
    service.close()


def test_unreadable_database_reported_not_overwritten(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    db.write_bytes(os.urandom(10_000))
    service, report = open_at_start(tmp_path)
    assert report is not None and report.offered_backup is None
    assert "No good backup" in report.message
    assert report.moved_to.stat().st_size == 10_000
    service.close()
