"""Backups, integrity checks and recovery for the annotation database.

- Copies are made with SQLite's online backup API (consistent even while the app writes) into
  ``<data dir>/backups/annotations-YYYYMMDD-HHMMSS.sqlite`` (UTC), owner-only.
- Rotation keeps every backup of the last 48 hours, then the newest of each day for 30 days,
  and always the newest backup and any backup being restored from.
- A database that fails ``PRAGMA integrity_check`` (or raises on it: a damaged file raises
  "database disk image is malformed") is never overwritten: it is moved aside and the newest
  backup that passes the check is offered.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jcct_desktop.core.annotations.service import AnnotationService
from jcct_desktop.store.user_db import (
    DB_NAME,
    SchemaTooNewError,
    UserDataError,
    ensure_schema,
    prepare_data_dir,
    stored_version,
    too_new_message,
)
from jcct_desktop.store.user_migrations import LATEST_VERSION

BACKUP_DIR = "backups"
_NAME = re.compile(r"^annotations-(\d{8}-\d{6})(?:-(\d+))?\.sqlite$")
KEEP_ALL = timedelta(hours=48)
KEEP_DAILY = timedelta(days=30)


class BackupError(UserDataError):
    pass


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime  # UTC
    size: int


@dataclass(frozen=True)
class RecoveryReport:
    """What happened at open when the database was damaged; shown to the user."""

    problem: str
    moved_to: Path
    offered_backup: BackupInfo | None

    @property
    def message(self) -> str:
        text = (
            f"The annotation database could not be used ({self.problem}). It was moved aside, "
            f"unchanged, to {self.moved_to}, and a new empty database was started."
        )
        if self.offered_backup:
            return text + f" The newest good backup is {self.offered_backup.path.name}."
        return text + " No good backup was found."


def keep_set(
    times: Iterable[datetime], now: datetime, protect: Collection[datetime] = ()
) -> set[datetime]:
    """Which backup times to keep (pure; table-tested)."""
    stamps = sorted(set(times), reverse=True)
    keep = set(stamps[:1]) | (set(protect) & set(stamps))
    days_seen: set[object] = set()
    for t in stamps:  # newest first, so the first of each day is that day's newest
        recent = t >= now - KEEP_ALL
        daily = t >= now - KEEP_DAILY and t.date() not in days_seen
        if recent or daily:
            keep.add(t)
        days_seen.add(t.date())
    return keep


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Backups, newest first."""
    found = []
    folder = backups_dir(data_dir)
    for path in folder.iterdir() if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if match:
            taken = datetime.strptime(match[1], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
            taken += timedelta(microseconds=int(match[2] or 0))  # same-second copies stay ordered
            found.append(BackupInfo(path, taken, path.stat().st_size))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def rotate(
    data_dir: Path, now: datetime | None = None, protect: Collection[Path] = ()
) -> list[Path]:
    backups = list_backups(data_dir)
    shielded = {b.taken for b in backups if b.path in {Path(p) for p in protect}}
    keep = keep_set((b.taken for b in backups), now or datetime.now(UTC), shielded)
    gone = [b.path for b in backups if b.taken not in keep]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def check_integrity(path: Path) -> tuple[bool, str]:
    """(ok, detail); both a raise and a non-"ok" answer mean damaged."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return False, str(exc)
    detail = "; ".join(str(r[0]) for r in rows[:5])
    return rows == [("ok",)], detail


def _copy(source: Path, target: Path) -> None:
    """Online backup of ``source`` into a new private file ``target`` (atomic rename)."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_CREAT | os.O_WRONLY, 0o600))
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")  # a copy must open in read-only folders too
    finally:
        dst.close()
        src.close()
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)


def backup_now(
    data_dir: Path, *, now: datetime | None = None, protect: Collection[Path] = ()
) -> Path:
    """Copy the live database into ``backups/`` now, then rotate old copies."""
    moment = now or datetime.now(UTC)
    folder = backups_dir(data_dir)
    folder.mkdir(mode=0o700, exist_ok=True)
    stem = f"annotations-{moment.astimezone(UTC):%Y%m%d-%H%M%S}"
    target, n = folder / f"{stem}.sqlite", 0
    while target.exists():
        n += 1
        target = folder / f"{stem}-{n}.sqlite"
    try:
        _copy(data_dir / DB_NAME, target)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"Backup to {target} failed: {exc}") from exc
    rotate(data_dir, moment, {*protect, target})
    return target


def backup_if_due(
    data_dir: Path, max_age: timedelta = timedelta(hours=12), now: datetime | None = None
) -> Path | None:
    moment = now or datetime.now(UTC)
    backups = list_backups(data_dir)
    if backups and moment - backups[0].taken < max_age:
        return None
    return backup_now(data_dir, now=moment)


def newest_good_backup(data_dir: Path) -> BackupInfo | None:
    for info in list_backups(data_dir):
        if check_integrity(info.path)[0] and stored_version(info.path) <= LATEST_VERSION:
            return info
    return None


def restore(backup: Path, service: AnnotationService) -> Path:
    """Replace the live data with ``backup``; returns the backup made of the data replaced."""
    backup = Path(backup)
    ok, detail = check_integrity(backup)
    if not ok:
        raise BackupError(f"{backup.name} is damaged ({detail}); nothing was restored.")
    if stored_version(backup) > LATEST_VERSION:
        raise BackupError(f"{backup.name} comes from a newer app; nothing was restored.")
    before = backup_now(service.data_dir, protect={backup})  # never rotates `backup` away
    src = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(service.db_path, timeout=15)
    try:
        src.backup(dst)  # page copy into the live file: open connections see the new data
    finally:
        dst.close()
        src.close()
    ensure_schema(service.engine)  # an older backup is migrated like any old database
    service.replaced()
    return before


def move_aside(path: Path, now: datetime | None = None) -> Path:
    stamp = f"{(now or datetime.now(UTC)).astimezone(UTC):%Y%m%d-%H%M%S}"
    target = path.with_name(f"annotations.corrupt-{stamp}.sqlite")
    n = 0
    while target.exists():
        n += 1
        target = path.with_name(f"annotations.corrupt-{stamp}-{n}.sqlite")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):  # keep the journal with the damaged file for forensics
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return target


def open_with_recovery(
    data_dir: str | os.PathLike[str] | None = None, *, backup: bool = True
) -> tuple[AnnotationService, RecoveryReport | None]:
    """Open the service; a damaged database is moved aside and a good backup offered."""
    service, report, _owed = _open(data_dir, backup, defer=False)
    return service, report


def open_deferring_backup(
    data_dir: str | os.PathLike[str] | None = None,
) -> tuple[AnnotationService, RecoveryReport | None, bool]:
    """For the window: True third means the caller owes ``backup_now`` (made off the GUI
    thread once the window shows). A due migration still gets its copy here, first."""
    return _open(data_dir, True, defer=True)


def _open(
    data_dir: str | os.PathLike[str] | None, backup: bool, defer: bool
) -> tuple[AnnotationService, RecoveryReport | None, bool]:
    folder = prepare_data_dir(data_dir)
    path = folder / DB_NAME
    report = None
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        if not os.access(path, os.R_OK | os.W_OK):
            raise UserDataError(f"{path} cannot be read or written; notes cannot be saved.")
        ok, detail = check_integrity(path)
        if not ok:
            moved = move_aside(path)
            report = RecoveryReport(detail, moved, newest_good_backup(folder))
    version = stored_version(path) if existed and report is None else LATEST_VERSION
    if version > LATEST_VERSION:
        # refuse before backing up: a newer app's file must not enter our rotation
        raise SchemaTooNewError(too_new_message(version))
    owed = backup and existed and report is None
    if owed and not (defer and version == LATEST_VERSION):
        backup_now(folder)  # before opening, so a copy predates any schema upgrade
        owed = False
    return AnnotationService.open(folder), report, owed
