"""Taking, listing and rotating backups of the notes database.

- Copies are made with SQLite's online backup API (consistent even while the app writes) into
  ``<data dir>/backups/annotations-YYYYMMDD-HHMMSS-ffffff-REASON.sqlite`` (UTC, microseconds,
  why it was made), owner-only. Each is written to an unpredictable temporary name and then
  linked to its final name exclusively, so two copies in the same instant never collide.
- A backup counts as good only if it passes :func:`file_check.check_notes_file` (non-empty,
  opens, ``integrity_check``, our schema, a version we can read or migrate).
- Rotation (``backup_rotation``) weighs only copies verified good and dated no later than now:
  it keeps every copy of the 48 hours before the newest earlier copy (or now, if earlier),
  the newest of each of the 30 most recent days that have a copy, always the newest good
  copy and any backup being restored from, within a size budget (20 copies of the newest's
  size or 1 GiB, whichever is smaller). A damaged file named like a backup, or a copy whose
  recorded time lies in the future (a clock set wrong once), is listed with its verdict,
  never deleted by rotation and never kept in a good copy's place.
- A copy whose bytes equal a kept good copy's is a hard link to it, never a second copy.

Restoring a backup and recovering a damaged database are in ``recovery``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jcct_desktop.core import dates
from jcct_desktop.store.notes.backup_rotation import Copy, budget_for, keep_set, within_budget
from jcct_desktop.store.notes.backup_verdicts import Verdicts, file_hash
from jcct_desktop.store.notes.copying import (
    TEMP_PREFIX,
    TEMP_SUFFIX,
    copy_database,
    private_temp,
    remove_database_files,
)
from jcct_desktop.store.notes.database import DB_NAME, UserDataError
from jcct_desktop.store.notes.disk_full import disk_full_message, is_disk_full
from jcct_desktop.store.notes.file_check import NotesVerdict, check_notes_file

# Windows has no O_NOFOLLOW; there a planted link is refused by O_EXCL alone (it exists).
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

BACKUP_DIR = "backups"
_NAME = re.compile(
    r"^annotations-(\d{8}-\d{6})(?:-(\d{6}))?(?:-(\d+))?(?:-([a-z]+))?\.sqlite$"
)
FUTURE_SLACK = timedelta(days=1)  # clocks and time zones disagree a little; more is wrong
STALE_TEMP_AGE_S = 3600.0

REASONS = {
    "startup": "start-up",
    "hourly": "every 12 hours",
    "manual": "made by you",
    "import": "before import",
    "restore": "before restore",
    "upgrade": "before upgrade",
    "undo": "before undo",  # Edit → Undo of a restore or an import
    "redo": "before redo",
}


class BackupError(UserDataError):
    pass


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime  # UTC, as recorded in the name
    size: int
    reason: str = ""  # a key of REASONS, "" for copies from before reasons were recorded
    future: bool = False  # recorded time is impossible (after now): never "the newest"

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, "unknown")


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def _stamp_time(stamp: str) -> datetime:
    """``YYYYmmdd-HHMMSS`` (shape checked by ``_NAME``) in UTC; ValueError for no such moment.

    Not ``strptime``: its first call builds locale tables, ~2.5 ms of every start (the
    backups are listed before the window opens)."""
    if not stamp.isascii():  # as strptime: other scripts' digits are no time
        raise ValueError(stamp)
    return datetime(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]), int(stamp[9:11]),
                    int(stamp[11:13]), int(stamp[13:15]), tzinfo=UTC)


def _parse_name(path: Path, now: datetime) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    try:
        taken = _stamp_time(match[1])
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    taken += timedelta(microseconds=int(match[2] or 0))
    taken += timedelta(microseconds=int(match[3] or 0))  # old "-N" same-second counter
    return BackupInfo(path, taken, size, match[4] or "", taken > now + FUTURE_SLACK)


def parse_backup_name(path: Path) -> BackupInfo | None:
    """When and why a backup was made, from its name (None for a file not named as ours)."""
    return _parse_name(Path(path), dates.utc_now())


def list_backups(data_dir: Path, now: datetime | None = None) -> list[BackupInfo]:
    """Every backup, newest first; impossible (future) dates listed last."""
    moment = now or dates.utc_now()
    folder = backups_dir(data_dir)
    try:
        paths = list(folder.iterdir()) if folder.is_dir() else []
    except OSError:
        paths = []
    found = [info for p in paths if (info := _parse_name(p, moment)) is not None]
    return sorted(found, key=lambda b: (not b.future, b.taken), reverse=True)


def _dated(backups: list[BackupInfo]) -> list[BackupInfo]:
    return [b for b in backups if not b.future]


# Imported meetings (``store.reference.imported_meetings``: ``meetings/<id>.json``, the reviewed
# documents their database is rebuilt from) travel with each backup, in a folder beside it.
MEETING_DOCS = "meetings"


def meeting_docs_of(backup: Path) -> Path:
    """The folder beside a backup holding the imported meetings' documents of that moment."""
    return backup.with_name(backup.stem + ".meetings")


def _copy_meeting_docs(data_dir: Path, backup: Path) -> None:
    docs = sorted((data_dir / MEETING_DOCS).glob("*.json"))
    if not docs:
        return
    partial = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=backup.parent))
    try:
        for doc in docs:
            shutil.copy2(doc, partial / doc.name)
        os.replace(partial, meeting_docs_of(backup))
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def rotate(
    data_dir: Path,
    now: datetime | None = None,
    protect: Collection[Path] = (),
    fresh: Collection[Path] = (),
) -> list[Path]:
    """Delete the good copies the policy (``backup_rotation``) does not keep; ``fresh``: the
    copies this run made (the anchor of the 48 hours is the newest copy before them)."""
    moment = now or dates.utc_now()
    verdicts = Verdicts(backups_dir(data_dir))
    good = [b for b in _dated(list_backups(data_dir, moment)) if verdicts.good(b.path)]
    if not good:
        verdicts.save()
        return []
    shielded = {b.taken for b in good if b.path in {Path(p) for p in protect}}
    made = {b.taken for b in good if b.path in {Path(p) for p in fresh}}
    keep = keep_set((b.taken for b in good), moment, shielded, made)
    always = shielded | {good[0].taken}
    kept = [Copy(b.taken, b.size, _identity(b.path)) for b in good if b.taken in keep]
    keep = within_budget(kept, budget_for(good[0].size), always)
    gone = [b.path for b in good if b.taken not in keep]
    for path in gone:
        path.unlink(missing_ok=True)
        shutil.rmtree(meeting_docs_of(path), ignore_errors=True)
    verdicts.forget(gone)
    verdicts.save()
    return gone


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def verify_backup(path: Path) -> NotesVerdict:
    return check_notes_file(path)


def content_fingerprint(path: Path) -> str | None:
    """A hash of every row of every table (None if unreadable): equal means nothing changed."""
    digest = hashlib.sha256()
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
            for table in tables:
                digest.update(table.encode())
                quoted = '"' + table.replace('"', '""') + '"'
                for row in conn.execute(f"SELECT * FROM {quoted} ORDER BY rowid"):
                    digest.update(repr(row).encode("utf-8", "surrogatepass"))
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return digest.hexdigest()


def _link_exclusively(source: Path, folder: Path, stem: str, *, move: bool = True) -> Path:
    """Give ``source`` a final name without ever replacing an existing backup (``move``:
    the temporary name goes; else ``source`` is a kept copy that gains a second name)."""
    n = 0
    while True:
        target = folder / (f"{stem}.sqlite" if n == 0 else f"{stem}-{n}.sqlite")
        try:
            os.link(source, target)
        except FileExistsError:
            n += 1
            continue
        except OSError:  # file systems without hard links: exclusive create, then rename
            if not move:
                raise
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY | _NOFOLLOW, 0o600)
            os.close(fd)
            os.replace(source, target)
            return target
        if move:
            source.unlink(missing_ok=True)
        return target


def _named(temp: Path, folder: Path, stem: str, verdicts: Verdicts,
           newest_first: list[Path]) -> Path:
    """The copy in ``temp`` under its final name, verified and recorded; when a kept good
    copy has exactly these bytes, a second name for that copy instead (no second copy)."""
    good = check_notes_file(temp).ok
    size = temp.stat().st_size
    digest = file_hash(temp) if good else None
    twin = verdicts.twin(newest_first, size, digest) if digest else None
    if twin is not None:
        try:
            target = _link_exclusively(twin, folder, stem, move=False)
        except OSError:
            twin = None
        else:
            remove_database_files(temp)
    if twin is None:
        target = _link_exclusively(temp, folder, stem)
    verdicts.record(target, good, digest)
    return target


def _stem(moment: datetime, reason: str) -> str:
    utc = moment.astimezone(UTC)
    suffix = f"-{reason}" if reason in REASONS else ""
    return f"annotations-{utc:%Y%m%d-%H%M%S}-{utc:%f}{suffix}"


def backup_now(
    data_dir: Path,
    *,
    now: datetime | None = None,
    protect: Collection[Path] = (),
    reason: str = "manual",
) -> Path:
    """Copy the live database into ``backups/`` now (verified, or linked to an identical kept
    copy), then rotate old copies."""
    moment = now or dates.utc_now()
    folder = backups_dir(data_dir)
    temp: Path | None = None
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        temp = private_temp(folder)
        copy_database(data_dir / DB_NAME, temp)
        verdicts = Verdicts(folder)
        earlier = [b.path for b in _dated(list_backups(data_dir, moment))]
        target = _named(temp, folder, _stem(moment, reason), verdicts, earlier)
        verdicts.save()
        _copy_meeting_docs(data_dir, target)
    except (sqlite3.Error, OSError) as exc:
        if temp is not None:
            remove_database_files(temp)
        detail = getattr(exc, "strerror", None) or exc
        if is_disk_full(exc, folder if folder.exists() else data_dir):
            detail = disk_full_message(data_dir)
        raise BackupError(f"Backup into {folder} failed: {detail}") from exc
    rotate(data_dir, moment, {*protect, target}, fresh={target})
    return target


def backup_if_due(
    data_dir: Path, max_age: timedelta = timedelta(hours=12), now: datetime | None = None
) -> Path | None:
    moment = now or dates.utc_now()
    dated = _dated(list_backups(data_dir, moment))
    if dated and moment - dated[0].taken < max_age:
        return None
    return backup_now(data_dir, now=moment, reason="hourly")


def backup_at_start(data_dir: Path, now: datetime | None = None) -> Path | None:
    """The copy of every start, skipped when nothing changed since the newest good backup."""
    moment = now or dates.utc_now()
    dated = _dated(list_backups(data_dir, moment))
    if dated:
        live = content_fingerprint(data_dir / DB_NAME)
        if live is not None and live == content_fingerprint(dated[0].path):
            return None
    return backup_now(data_dir, now=moment, reason="startup")


def newest_good_backup(data_dir: Path) -> BackupInfo | None:
    for info in _dated(list_backups(data_dir)):
        if verify_backup(info.path).ok:
            return info
    return None


def _own_temporary(name: str) -> bool:
    """``.annotations-XXXX.part`` (a copy being made, or a folder of meeting documents being
    copied) and the journals SQLite keeps beside such a copy; nothing else is ours to remove."""
    base = name
    for journal in ("-wal", "-shm", "-journal"):
        base = base.removesuffix(journal)
    return base.startswith(TEMP_PREFIX) and base.endswith(TEMP_SUFFIX)


def remove_stale_temporaries(data_dir: Path, max_age_s: float = STALE_TEMP_AGE_S) -> list[Path]:
    """Temporary copies a crash left behind, older than an hour: only the app's own names,
    never a link, never recursively (a leftover folder loses its files, then itself if that
    empties it; anything inside it that is not a plain file stays, and so does the folder)."""
    gone = []
    cutoff = time.time() - max_age_s
    for folder in (data_dir, backups_dir(data_dir)):
        try:
            candidates = list(folder.iterdir()) if folder.is_dir() else []
        except OSError:
            continue
        for path in candidates:
            try:
                if not _own_temporary(path.name) or path.is_symlink():
                    continue
                if path.lstat().st_mtime >= cutoff:
                    continue
                if path.is_file():
                    path.unlink()
                    gone.append(path)
                elif path.is_dir() and _empty_flat_folder(path):
                    gone.append(path)
            except OSError:
                continue
    return gone


def _empty_flat_folder(folder: Path) -> bool:
    """Remove the plain files directly in ``folder``, then the folder if that emptied it."""
    for entry in folder.iterdir():
        if entry.is_file() and not entry.is_symlink():
            entry.unlink()
    try:
        folder.rmdir()
    except OSError:
        return False
    return True


