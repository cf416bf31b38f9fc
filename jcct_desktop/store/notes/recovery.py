"""Recovery and restore of the notes database.

- A restore checks the backup, migrates a private copy of it and checks that, and only then
  replaces the live data in one step; any refusal leaves the live database exactly as it was.
  The imported meetings' documents the backup knew come back with it.
- A damaged, empty or foreign database found at start is never overwritten: it is moved
  aside and the newest good backup is offered (:func:`prepare_open`).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from jcct_desktop.core import dates
from jcct_desktop.core.progress import Step, no_progress
from jcct_desktop.store.notes.backups import (
    MEETING_DOCS,
    BackupError,
    BackupInfo,
    backup_now,
    meeting_docs_of,
    newest_good_backup,
    remove_stale_temporaries,
    verify_backup,
)
from jcct_desktop.store.notes.copying import copy_database, private_temp, remove_database_files
from jcct_desktop.store.notes.database import (
    DB_NAME,
    SchemaTooNewError,
    UserDataError,
    ensure_schema,
    make_engine,
    prepare_data_dir,
    too_new_message,
)
from jcct_desktop.store.notes.disk_full import disk_full_message, is_disk_full
from jcct_desktop.store.notes.file_check import NotesVerdict, check_notes_file
from jcct_desktop.store.notes.migrations import LATEST_VERSION


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
    work = private_temp(service.data_dir)
    try:
        try:
            copy_database(backup, work)
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
        remove_database_files(work)
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


def prepare_open(data_dir: str | os.PathLike[str]) -> PreparedOpen:
    """Make the notes folder ready to open (``notes.operations`` opens the service on it): a damaged
    database is moved aside and a good backup offered. The start-up copy is left owed, for the
    window to make once it shows; a due migration gets its copy here, first. The verdict is
    handed on so the open need not check the file a second time."""
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
    owed = existed
    if existed and version < LATEST_VERSION:
        backup_now(folder, reason="upgrade")  # before opening: a copy predates the upgrade
        owed = False
    return PreparedOpen(folder, report, owed, verdict if existed else None)
