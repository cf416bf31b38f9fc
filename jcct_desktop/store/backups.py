"""Backups, verification and recovery for the annotation database.

- Copies are made with SQLite's online backup API (consistent even while the app writes) into
  ``<data dir>/backups/annotations-YYYYMMDD-HHMMSS-ffffff-REASON.sqlite`` (UTC, microseconds,
  why it was made), owner-only. Each is written to an unpredictable temporary name and then
  linked to its final name exclusively, so two copies in the same instant never collide.
- A backup counts as good only if it passes :func:`notes_check.check_notes_file` (non-empty,
  opens, ``integrity_check``, our schema, a version we can read or migrate).
- Rotation (``backup_policy``) weighs only copies verified good and dated no later than now:
  it keeps every copy of the 48 hours before the newest earlier copy (or now, if earlier),
  the newest of each of the 30 most recent days that have a copy, always the newest good
  copy and any backup being restored from, within a size budget (20 copies of the newest's
  size or 1 GiB, whichever is smaller). A damaged file named like a backup, or a copy whose
  recorded time lies in the future (a clock set wrong once), is listed with its verdict,
  never deleted by rotation and never kept in a good copy's place.
- A copy whose bytes equal a kept good copy's is a hard link to it, never a second copy.
- A restore checks the backup, migrates a private copy of it and checks that, and only then
  replaces the live data in one step; any refusal leaves the live database exactly as it was.
- A damaged, empty or foreign database found at start is never overwritten: it is moved
  aside and the newest good backup is offered.
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
from typing import Protocol

from jcct_desktop.core import dates
from jcct_desktop.core.progress import Step, no_progress
from jcct_desktop.store.backup_policy import Copy, budget_for, keep_set, within_budget
from jcct_desktop.store.backup_verdicts import Verdicts, file_hash
from jcct_desktop.store.notes_check import NotesVerdict, check_notes_file
from jcct_desktop.store.user_db import (
    DB_NAME,
    SchemaTooNewError,
    UserDataError,
    ensure_schema,
    make_engine,
    prepare_data_dir,
    too_new_message,
)
from jcct_desktop.store.user_migrations import LATEST_VERSION
from jcct_desktop.store.write_errors import disk_full_message, is_disk_full

# Windows has no O_NOFOLLOW; there a planted link is refused by O_EXCL alone (it exists).
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

BACKUP_DIR = "backups"
_NAME = re.compile(
    r"^annotations-(\d{8}-\d{6})(?:-(\d{6}))?(?:-(\d+))?(?:-([a-z]+))?\.sqlite$"
)
FUTURE_SLACK = timedelta(days=1)  # clocks and time zones disagree a little; more is wrong
STALE_TEMP_AGE_S = 3600.0
_TEMP_PREFIX = ".annotations-"
_TEMP_SUFFIX = ".part"

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


@dataclass(frozen=True)
class RecoveryReport:
    """What happened at open when the database was damaged; shown to the user."""

    problem: str
    moved_to: Path
    offered_backup: BackupInfo | None

    @property
    def message(self) -> str:
        text = (
            f"Your notes database could not be used ({self.problem}). It was moved aside, "
            f"unchanged, to {self.moved_to}, and a new empty database was started."
        )
        if self.offered_backup:
            return text + f" The newest good backup is {self.offered_backup.path.name}."
        return text + " No good backup was found."


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


# Imported meetings (``store.imported_meetings``: ``meetings/<id>.json``, the reviewed documents
# their database is rebuilt from) travel with each backup, in a folder beside its file.
MEETING_DOCS = "meetings"


def meeting_docs_of(backup: Path) -> Path:
    """The folder beside a backup holding the imported meetings' documents of that moment."""
    return backup.with_name(backup.stem + ".meetings")


def _copy_meeting_docs(data_dir: Path, backup: Path) -> None:
    docs = sorted((data_dir / MEETING_DOCS).glob("*.json"))
    if not docs:
        return
    partial = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=backup.parent))
    try:
        for doc in docs:
            shutil.copy2(doc, partial / doc.name)
        os.replace(partial, meeting_docs_of(backup))
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def _restore_meeting_docs(backup: Path, data_dir: Path) -> list[str]:
    """Bring back the meetings a backup knew that are missing now (never replaces or removes
    one: a meeting imported since stays); the meetings database is then rebuilt from them."""
    kept = meeting_docs_of(backup)
    target = data_dir / MEETING_DOCS
    missing = [d for d in sorted(kept.glob("*.json")) if not (target / d.name).exists()]
    if not missing:
        return []
    target.mkdir(mode=0o700, exist_ok=True)
    for doc in missing:
        shutil.copy2(doc, target / doc.name)
    (data_dir / "meetings.sqlite").unlink(missing_ok=True)  # rebuilt from the documents
    return [d.stem for d in missing]


def rotate(
    data_dir: Path,
    now: datetime | None = None,
    protect: Collection[Path] = (),
    fresh: Collection[Path] = (),
) -> list[Path]:
    """Delete the good copies the policy (``backup_policy``) does not keep; ``fresh``: the
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


def check_integrity(path: Path) -> tuple[bool, str]:
    """(ok, detail) of a full check (schema included); kept for callers that want a pair."""
    verdict = check_notes_file(path)
    return verdict.ok, "ok" if verdict.ok else verdict.problem


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


def _private_temp(folder: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=folder)
    os.close(fd)
    return Path(name)


def _remove_db_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _copy_into(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")  # a copy must open in read-only folders too
    finally:
        dst.close()
        src.close()
    with open(target, "rb") as handle:
        os.fsync(handle.fileno())


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
            _remove_db_files(temp)
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
        temp = _private_temp(folder)
        _copy_into(data_dir / DB_NAME, temp)
        verdicts = Verdicts(folder)
        earlier = [b.path for b in _dated(list_backups(data_dir, moment))]
        target = _named(temp, folder, _stem(moment, reason), verdicts, earlier)
        verdicts.save()
        _copy_meeting_docs(data_dir, target)
    except (sqlite3.Error, OSError) as exc:
        if temp is not None:
            _remove_db_files(temp)
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
    return base.startswith(_TEMP_PREFIX) and base.endswith(_TEMP_SUFFIX)


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


class Restorable(Protocol):
    """What a restore needs of the open notes: where they live, and a way to tell the views."""

    @property
    def data_dir(self) -> Path: ...
    @property
    def db_path(self) -> Path: ...
    def replaced(self) -> object: ...


def restore(backup: Path, service: Restorable, reason: str = "restore",
            step: Step = no_progress) -> Path:
    """Replace the live data with ``backup``; returns the backup made of the data replaced
    (named for ``reason``: a restore, or the undo or redo of one or of an import).

    Nothing about the live database changes unless every check passed. ``step`` hears of
    each stage; what it raises before the copy into the live file (``Cancelled``) leaves the
    live database as it was."""
    backup = Path(backup)
    verdict = verify_backup(backup)
    if not verdict.ok:
        raise BackupError(f"{verdict.problem}; nothing was restored.")
    work = _private_temp(service.data_dir)
    try:
        try:
            _copy_into(backup, work)
            engine = make_engine(work)
            try:
                ensure_schema(engine)  # an older backup is migrated like any old database
            finally:
                engine.dispose()
        except (sqlite3.Error, OSError) as exc:
            why = disk_full_message(service.data_dir) if is_disk_full(
                exc, service.data_dir) else exc
            raise BackupError(f"{backup.name} cannot be restored ({why}); nothing was restored."
                              ) from exc
        except Exception as exc:  # SQLAlchemy wraps sqlite3 errors during the migration
            raise BackupError(
                f"{backup.name} cannot be upgraded ({exc}); nothing was restored."
            ) from exc
        checked = check_notes_file(work)
        if not checked.ok:
            raise BackupError(f"{backup.name}: {checked.problem}; nothing was restored.")
        step(1, 3)
        before = backup_now(service.data_dir, protect={backup}, reason=reason)
        step(2, 3)  # the last moment a cancel leaves the live notes as they were
        src = sqlite3.connect(work)
        dst = sqlite3.connect(service.db_path, timeout=15)
        try:
            src.backup(dst)  # one page copy into the live file: all of it or none of it
        except sqlite3.Error as exc:
            why = disk_full_message(service.data_dir) if is_disk_full(
                exc, service.data_dir) else exc
            raise BackupError(f"Restore of {backup.name} failed ({why}); nothing changed.") from exc
        finally:
            dst.close()
            src.close()
    finally:
        _remove_db_files(work)
    _restore_meeting_docs(backup, service.data_dir)
    service.replaced()
    step(3, 3)
    return before


def move_aside(path: Path, now: datetime | None = None) -> Path:
    stamp = f"{(now or dates.utc_now()).astimezone(UTC):%Y%m%d-%H%M%S}"
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


@dataclass(frozen=True)
class PreparedOpen:
    folder: Path
    report: RecoveryReport | None  # a damaged database moved aside, and the backup offered
    owed: bool  # the caller owes ``backup_at_start`` (made off the GUI thread once shown)
    verdict: NotesVerdict | None  # the check of the file to open (None: none is there now)


def prepare_open(
    data_dir: str | os.PathLike[str], backup: bool = True, defer: bool = False
) -> PreparedOpen:
    """Make the notes folder ready to open (``store.notes_ops`` opens the service on it): a damaged
    database is moved aside and a good backup offered. ``defer``: the start-up copy is left
    owed, for the window to make once it shows; a due migration still gets its copy here,
    first. The verdict is handed on so the open need not check the file a second time."""
    folder = prepare_data_dir(data_dir)
    remove_stale_temporaries(folder)
    path = folder / DB_NAME
    report = None
    verdict = check_notes_file(path)
    if verdict.kind == "too_new":
        # refuse before backing up: a newer app's file must not enter our rotation
        raise SchemaTooNewError(too_new_message(verdict.version))
    if verdict.kind in ("folder", "unreadable"):
        raise UserDataError(f"Your notes cannot be opened: {verdict.problem}.")
    if not verdict.ok and verdict.kind != "missing":  # empty, damaged or not ours
        moved = move_aside(path)
        report = RecoveryReport(verdict.problem, moved, newest_good_backup(folder))
    existed = verdict.ok
    if existed and not os.access(path, os.R_OK | os.W_OK):
        raise UserDataError(f"{path} cannot be read or written; notes cannot be saved.")
    version = verdict.version if existed else LATEST_VERSION
    owed = backup and existed
    if owed and not (defer and version == LATEST_VERSION):
        # before opening, so a copy predates any schema upgrade
        if version < LATEST_VERSION:
            backup_now(folder, reason="upgrade")
        else:
            backup_at_start(folder)
        owed = False
    return PreparedOpen(folder, report, owed, verdict if existed else None)
