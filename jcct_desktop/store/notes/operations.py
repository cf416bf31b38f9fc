"""Operations on the officer's notes as a whole: open, export, import, list backups, restore.

One function each, used by the command line and the window alike, so both check the same
things in the same order: a file to import is read and validated before anything is backed up
or written; an export needs no backup and never writes to the notes; a damaged, empty or
foreign notes database is never replaced by a fresh one here (only the window's recovery moves
one aside, and says so); a restore verifies the backup before touching the live file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jcct_desktop.core.annotations.compare import NotesDifference, compare
from jcct_desktop.core.annotations.exchange import VERSION, LabelsOf, export_file, read_file
from jcct_desktop.core.annotations.model import Annotation, Change
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.core.progress import Step, no_progress
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import backups, recovery
from jcct_desktop.store.notes.database import (
    DB_NAME,
    RECOVERY_HINT,
    NotesDamagedError,
    UserDataError,
    open_user_db,
    open_user_db_read_only,
    prepare_data_dir,
)
from jcct_desktop.store.notes.file_check import NotesVerdict, check_notes_file
from jcct_desktop.store.notes.migrations import LATEST_VERSION

DataDir = str | os.PathLike[str]


@dataclass(frozen=True)
class ImportResult:
    change: Change
    backup: Path | None  # the copy made just before merging (None when there were no notes)
    incoming: int  # annotations in the file


@dataclass(frozen=True)
class RestoreResult:
    restored: Path
    before: Path  # the copy made of the notes replaced
    moved_aside: Path | None = None  # an unusable live file, moved away unchanged
    difference: NotesDifference = field(default_factory=NotesDifference)  # what changed


@dataclass(frozen=True)
class ListedBackup:
    info: backups.BackupInfo
    verdict: NotesVerdict


def _explain(exc: NotesDamagedError) -> NotesDamagedError:
    return NotesDamagedError(f"{exc}; {RECOVERY_HINT}.")


def open_for_reading(data_dir: DataDir) -> AnnotationService | None:
    """The notes for reading (exports, packets); None when there are none yet.

    Writes nothing — except that notes from an older version, in a folder that can be
    written, are first upgraded as the window would upgrade them (a backup, then the
    migration): an officer whose first command after an update is an export is not refused.
    """
    folder = Path(data_dir)
    path = folder / DB_NAME
    verdict = check_notes_file(path)
    writable = os.access(folder, os.W_OK | os.X_OK) and os.access(path, os.W_OK)
    if verdict.ok and verdict.version < LATEST_VERSION and writable:
        return open_for_editing(data_dir)
    try:
        db = open_user_db_read_only(data_dir)
    except NotesDamagedError as exc:
        raise _explain(exc) from None
    return AnnotationService(db) if db is not None else None


def open_for_editing(data_dir: DataDir) -> AnnotationService:
    """Open read-write for a command; an upgrade is preceded by a backup; damage is refused."""
    folder = prepare_data_dir(data_dir)
    path = folder / DB_NAME
    try:
        verdict = check_notes_file(path)
        if verdict.ok and verdict.version < LATEST_VERSION:
            backups.backup_now(folder, reason="upgrade")
        return AnnotationService.open(folder, verdict)
    except NotesDamagedError as exc:
        raise _explain(exc) from None


def open_deferring_backup(
    data_dir: DataDir,
) -> tuple[AnnotationService, recovery.RecoveryReport | None, bool]:
    """For the window: a damaged database is moved aside and a good backup offered (the
    report says which); True third means the caller owes ``backups.backup_at_start`` (made off
    the GUI thread once the window shows). A due migration still gets its copy here, first."""
    ready = recovery.prepare_open(data_dir)
    return AnnotationService.open(ready.folder, ready.verdict), ready.report, ready.owed


def export_notes(
    data_dir: DataDir, target: str | os.PathLike[str], version: int = VERSION
) -> int:
    """Write every annotation to ``target``; returns how many. No backup is needed to read."""
    service = open_for_reading(data_dir)
    if service is None:
        return export_file(_EmptyNotes(), target, version, own_files=OwnFiles(Path(data_dir)))
    try:
        return export_file(service, target, version, own_files=OwnFiles(Path(data_dir)))
    finally:
        service.close()


class _EmptyNotes:
    """Stands in for a service when the officer has no notes database yet (an AnnotationReader)."""

    def get(self, commitment_id: str) -> Annotation:
        return Annotation(commitment_id)

    def all(self) -> list[Annotation]:
        return []


def read_import(
    source: str | os.PathLike[str], labels_of: LabelsOf | None = None
) -> list[Annotation]:
    """Read and validate a file to import (raises ExchangeError); touches no data.

    ``labels_of`` gives each commitment's milestone labels (from the reference catalog), so an
    assessment naming an unknown milestone is refused."""
    return read_file(source, labels_of)


def import_notes(
    data_dir: DataDir,
    source: str | os.PathLike[str],
    service: AnnotationService | None = None,
    labels_of: LabelsOf | None = None,
    warn: Callable[[str], object] | None = None,
) -> ImportResult:
    """Validate, then back up once, then merge in one transaction. ``warn`` hears, before
    anything is recorded, that the clock is behind the notes (``clock_check``)."""
    incoming = read_import(source, labels_of)
    own = service is None
    active = service or open_for_editing(data_dir)
    try:
        warning = active.clock_warning() if warn is not None else None
        if warning is not None and warn is not None:
            warn(warning)
        return merge_validated(active, incoming, Path(source).name)
    finally:
        if own:
            active.close()


def merge_validated(
    service: AnnotationService, incoming: list[Annotation], source: str,
    step: Step = no_progress,
) -> ImportResult:
    """Back up once, then merge already-validated annotations (the backup is the undo).
    ``step`` hears of each annotation merged; a ``Cancelled`` it raises rolls the merge back."""
    copy = backups.backup_now(service.data_dir, reason="import")
    change = service.merge_annotations(incoming, source=source, step=step)
    return ImportResult(change, copy, len(incoming))


def list_backups(data_dir: DataDir) -> list[ListedBackup]:

    folder = Path(data_dir)
    listed = []
    for info in backups.list_backups(folder):
        verdict = check_notes_file(info.path)
        if verdict.ok and info.future:
            verdict = NotesVerdict(False, "its recorded date is in the future", 0, "future")
        listed.append(ListedBackup(info, verdict))
    return listed


def choose_backup(data_dir: DataDir, which: str) -> Path:
    """``latest`` (the newest good backup) or a path; raises BackupError when there is none."""

    if which != "latest":
        return Path(which)
    newest = backups.newest_good_backup(Path(data_dir))
    if newest is None:
        raise backups.BackupError("there is no good backup to restore; nothing was changed")
    return newest.path


def restore_notes(
    data_dir: DataDir, backup: str | os.PathLike[str], service: AnnotationService | None = None,
    step: Step = no_progress,
) -> RestoreResult:
    """Verify ``backup``, then replace the live notes with it (a copy of them is made first).

    A live file that is itself unusable (damaged, empty, not ours) is moved aside unchanged
    and the backup restored into a new file.
    """
    chosen = Path(backup)
    verdict = check_notes_file(chosen)
    if not verdict.ok:
        raise backups.BackupError(f"{verdict.problem}; nothing was changed.")
    if service is not None:
        had = service.all()
        before = recovery.restore(chosen, service, step=step)
        return RestoreResult(chosen, before, difference=compare(had, service.all()))
    folder = prepare_data_dir(data_dir)
    live = folder / DB_NAME
    live_verdict = check_notes_file(live)
    if live_verdict.kind == "too_new":
        raise UserDataError(
            f"Your notes database {live} was written by a newer JCCT Desktop; nothing was changed."
        )
    moved = None
    if not live_verdict.ok and live_verdict.kind != "missing":
        moved = recovery.move_aside(live)
    fresh = AnnotationService(open_user_db(folder))
    try:
        had = fresh.all()
        before = recovery.restore(chosen, fresh)
        difference = compare(had, fresh.all())
    finally:
        fresh.close()
    return RestoreResult(chosen, before, moved, difference)
