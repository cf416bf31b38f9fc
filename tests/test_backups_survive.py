"""Issue 19, probes 3–6: backups that survive clocks, damage, clean-ups and heavy use.

Real notes files, real copies, the real rotation; the clock is the ``now`` every backup
function takes (what ``faketime`` changed in the probe).
"""

from __future__ import annotations

import os
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import backups, operations
from jcct_desktop.store.notes.backup_rotation import BUDGET_COPIES
from jcct_desktop.store.notes.database import DB_NAME
from tests.notes_support import open_at_start

H = timedelta(hours=1)


def _now() -> datetime:
    return datetime.now(UTC)


def _copies(folder: Path, count: int, start: datetime, step: timedelta) -> list[Path]:
    """``count`` good backups, each of different notes, from ``start`` back in ``step``s."""
    service = AnnotationService.open(folder)
    made = []
    try:
        for i in reversed(range(count)):
            service.add_note(commitment_id="2011-NEV-1", text=f"note {i}")
            made.append(backups.backup_now(folder, now=start - i * step, reason="import"))
    finally:
        service.close()
    return made


def test_a_run_with_the_clock_two_years_ahead_deletes_no_good_copy(data_dir) -> None:
    real = _now()
    good = _copies(data_dir, 15, real, H)  # within the budget, so only the clock could delete
    assert all(p.exists() for p in good)
    ahead = backups.backup_now(data_dir, now=real + timedelta(days=730), reason="import")
    assert all(p.exists() for p in good), "a clock set ahead rotated good copies away"
    # the clock right again: the future copy is listed as such, the newest real one is latest
    assert backups.newest_good_backup(data_dir).path == good[-1]
    listed = {b.info.path: b.verdict for b in operations.list_backups(data_dir)}
    assert listed[ahead].kind == "future"
    assert main(["notes", "restore", "latest"]) == 0


def test_repeated_runs_ahead_keep_each_days_newest_copy(data_dir) -> None:
    real = _now().replace(hour=12)
    good = _copies(data_dir, 10, real, timedelta(days=1))
    for n in range(3):
        backups.backup_now(data_dir, now=real + timedelta(days=730, hours=n), reason="import")
    assert all(p.exists() for p in good)


def test_a_run_with_the_clock_behind_keeps_the_copies_after_it(data_dir) -> None:
    real = _now()
    good = _copies(data_dir, 12, real, H)
    backups.backup_now(data_dir, now=real - timedelta(days=400), reason="import")
    assert all(p.exists() for p in good)  # dated after "now": future, never deleted


def test_damaged_files_named_like_backups_never_displace_good_copies(data_dir) -> None:
    real = _now().replace(hour=12, minute=0)
    good = _copies(data_dir, 15, real - timedelta(days=3), timedelta(days=1, minutes=1))
    folder = backups.backups_dir(data_dir)
    damaged = []
    for path in good:  # a later "copy" on each day, named as ours, holding garbage
        taken = backups.parse_backup_name(path).taken + timedelta(minutes=30)
        fake = folder / f"{backups._stem(taken, 'import')}.sqlite"
        fake.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
        damaged.append(fake)
    backups.backup_now(data_dir, reason="manual")  # rotation runs
    deleted = [p for p in good if not p.exists()]
    assert not deleted, f"{len(deleted)} good copies deleted in favour of damaged ones"
    listed = {b.info.path: b.verdict for b in operations.list_backups(data_dir)}
    assert all(listed[p].kind == "damaged" for p in damaged)  # listed, never trusted
    assert backups.newest_good_backup(data_dir).path not in damaged


def test_only_the_apps_own_temporaries_are_removed_at_start(data_dir) -> None:
    service = AnnotationService.open(data_dir)
    service.close()
    old = time.time() - 7200
    mine = data_dir / ".annotations-abc123.part"
    mine.write_bytes(b"half a copy")
    mine_wal = data_dir / ".annotations-abc123.part-wal"
    mine_wal.write_bytes(b"")
    user_file = data_dir / "report.partial"
    user_file.write_text("the officer's own file", "utf-8")
    user_folder = data_dir / "downloads.partial"
    (user_folder / "deep").mkdir(parents=True)
    (user_folder / "deep" / "keep.txt").write_text("keep", "utf-8")
    half = backups.backups_dir(data_dir) / ".annotations-xyz.part"
    (half / "nested").mkdir(parents=True)
    (half / "jcct-23.json").write_text("{}", "utf-8")
    (half / "nested" / "not-ours.txt").write_text("keep", "utf-8")
    for path in (mine, mine_wal, user_file, user_folder, half, half / "jcct-23.json"):
        os.utime(path, (old, old))
    service, _report = open_at_start(data_dir)
    service.close()
    assert not mine.exists() and not mine_wal.exists()
    assert user_file.read_text("utf-8") == "the officer's own file"
    assert (user_folder / "deep" / "keep.txt").exists()
    assert not (half / "jcct-23.json").exists()  # our half-copied document: gone
    assert (half / "nested" / "not-ours.txt").exists()  # never recursively


def test_heavy_use_stays_within_the_budget(data_dir, tmp_path) -> None:
    """Measured: 60 imports that each change the notes, in one hour of heavy use."""
    service = AnnotationService.open(data_dir)
    service.add_note(commitment_id="2011-NEV-2", text="x" * 200_000)  # a notes file of weight
    service.close()
    real = _now()
    _copies(data_dir, 60, real, timedelta(minutes=1))
    listed = backups.list_backups(data_dir)
    inodes = {b.path.stat().st_ino: b.path.stat().st_size for b in listed}
    newest = listed[0].size
    assert len(listed) <= BUDGET_COPIES
    assert sum(inodes.values()) <= BUDGET_COPIES * newest
    assert backups.newest_good_backup(data_dir).path == listed[0].path


def test_identical_content_is_never_stored_twice(data_dir) -> None:
    service = AnnotationService.open(data_dir)
    service.add_note(commitment_id="2011-NEV-1", text="unchanged")
    service.close()
    first = backups.backup_now(data_dir, reason="manual")
    second = backups.backup_now(data_dir, reason="import")
    third = backups.backup_now(data_dir)
    assert first != second != third
    assert first.samefile(second) and second.samefile(third)  # one copy, three names
    assert (first.stat().st_mode & 0o777) == 0o600
    # a change makes a real copy again
    service = AnnotationService.open(data_dir)
    service.add_note(commitment_id="2011-NEV-1", text="changed")
    service.close()
    fourth = backups.backup_now(data_dir, reason="manual")
    assert not fourth.samefile(first)
    # removing one name leaves the others whole
    first.unlink()
    assert backups.verify_backup(second).ok


def test_a_copy_is_verified_before_it_counts(data_dir) -> None:
    """A copy damaged after it was made (same name, bytes changed) is checked again."""
    good = _copies(data_dir, 3, _now() - H, timedelta(minutes=5))
    newest = good[-1]
    data = bytearray(newest.read_bytes())
    data[5000:9000] = os.urandom(4000)
    broken = newest.with_name("broken.tmp")
    broken.write_bytes(bytes(data))
    shutil.move(broken, newest)  # a new inode: the remembered verdict no longer applies
    backups.rotate(data_dir)
    assert good[0].exists() and good[1].exists()
    assert backups.newest_good_backup(data_dir).path == good[1]
    assert (data_dir / DB_NAME).exists()
