"""Menu actions around the notes database: back up, restore, reveal folder, recovery.

Dialogs sit behind ``classmethod ask()`` so tests can replace them. Reading a file to import,
the merge and a restore run on a worker (``ui.long_work``: a progress dialog with Cancel, the
window live meanwhile), each over a connection of its own (``service.for_worker()``); the
store tells the views after its commit. A cancel rolls the merge back whole, and stops a
restore before it touches the live file.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from jcct_desktop.core.annotations.exchange import LabelsOf, export_file
from jcct_desktop.core.annotations.model import Annotation
from jcct_desktop.core.annotations.preview import ImportPreview, preview_import
from jcct_desktop.core.counts import human_size, plural
from jcct_desktop.core.dates import weekday_stamp
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import backups, operations, recovery
from jcct_desktop.store.notes.database import UserDataError
from jcct_desktop.ui.annotations import commands as cmd
from jcct_desktop.ui.annotations.parts import plain_label
from jcct_desktop.ui.long_work import Progress, collector_paused, run_with_progress
from jcct_desktop.ui.save_folder import in_documents


class Notice:
    """One-button information or warning box (replaceable in tests)."""

    @classmethod
    def show(cls, parent: QWidget | None, title: str, text: str, warning: bool = False) -> None:
        box = QMessageBox.warning if warning else QMessageBox.information
        box(parent, title, text)


class Confirm:
    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes


class FileChooser:
    """File dialogs for export/import (replaceable in tests); None when cancelled."""

    FILTER = "JCCT notes (*.json);;All files (*)"

    @classmethod
    def ask_save(cls, parent: QWidget | None) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent, "Export notes", in_documents("jcct-notes.json"), cls.FILTER
        )
        return Path(name) if name else None

    @classmethod
    def ask_open(cls, parent: QWidget | None) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "Import notes", "", cls.FILTER)
        return Path(name) if name else None


class RestoreDialog(QDialog):
    """Lists backups, newest first, with when, why, size and whether each can be restored;
    ``ask`` returns the chosen path or None. Backups that fail the check cannot be chosen."""

    def __init__(self, items: list[backups.BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore notes from a backup")
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        first_good = -1
        for info in items:
            verdict = backups.verify_backup(info.path)
            good = verdict.ok and not info.future
            item = QListWidgetItem(backup_line(info, "can be restored" if good else (
                "date in the future" if verdict.ok else verdict.label)))
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(str(info.path) if good else verdict.problem or "date in the future")
            if not good:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable
                              & ~Qt.ItemFlag.ItemIsEnabled)
            elif first_good < 0:
                first_good = self.list.count()
            self.list.addItem(item)
        self.list.setCurrentRow(first_good)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Restore")
        ok.setEnabled(first_good >= 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(
            "Choose the copy to bring back. Your current notes are backed up first, so a "
            "restore can itself be undone by restoring that copy."))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        # wide enough to read a whole line, never wider than the screen
        want = self.list.sizeHintForColumn(0) + 60
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(max(want, 560), screen.width() - 40 if screen else want), 420)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item else None

    @classmethod
    def ask(cls, parent: QWidget | None, items: list[backups.BackupInfo]) -> Path | None:
        dialog = cls(items, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def backup_line(info: backups.BackupInfo, verdict: str) -> str:
    """"Mon 30 Nov 2026 14:05:12 · before import · 48 KB · can be restored"."""
    local = weekday_stamp(info.taken.astimezone(), seconds=True)
    return f"{local}  ·  {info.reason_label}  ·  {human_size(info.size)}  ·  {verdict}"


def back_up_now(parent: QWidget | None, service: AnnotationService) -> Path | None:
    try:
        path = backups.backup_now(service.data_dir, reason="manual")
    except UserDataError as exc:
        Notice.show(parent, "Backup failed", str(exc), warning=True)
        return None
    Notice.show(parent, "Backup made", f"Your notes were backed up to {path}.")
    return path


def restore_backup(parent: QWidget | None, service: AnnotationService,
                   undo_stack: QUndoStack | None = None) -> bool:
    items = backups.list_backups(service.data_dir)
    if not items:
        Notice.show(parent, "No backups", "There is no backup to restore yet.")
        return False
    chosen = RestoreDialog.ask(parent, items)
    return chosen is not None and _restore(parent, service, chosen, undo_stack)


def _restore(parent: QWidget | None, service: AnnotationService, path: Path,
             undo_stack: QUndoStack | None = None) -> bool:
    """Restore as one undoable step: what changed is said, and Edit → Undo puts it back."""
    info = backups.parse_backup_name(path)
    label = f"backup of {backup_moment(info)}" if info is not None else path.name
    done = run_with_progress(parent, "Restore notes", f"Restoring the {label}…",
                             lambda progress: _restore_on_worker(service, path, progress))
    if done.cancelled:
        Notice.show(parent, "Restore cancelled",
                    "Nothing was restored: your notes are as they were.")
        return False
    if done.error is not None or done.result is None:
        Notice.show(parent, "Restore failed", str(done.error), warning=True)
        return False
    command = cmd.RestoreBackup(service, path, label, restored=done.result)
    error = cmd.push(undo_stack if undo_stack is not None else QUndoStack(), command)
    if error is not None or command.result is None:
        Notice.show(parent, "Restore failed", str(error), warning=True)
        return False
    result = command.result
    Notice.show(
        parent,
        "Backup restored",
        f"Restored the {label}. {result.difference.describe()}\n\n"
        f"The notes you had before were saved as {result.before.name}; "
        "Edit → Undo puts them back.",
    )
    return True


def _restore_on_worker(service: AnnotationService, path: Path,
                       progress: Progress) -> operations.RestoreResult:
    worker = service.for_worker()
    try:
        return operations.restore_notes(worker.data_dir, path, service=worker,
                                       step=progress.step)
    finally:
        worker.close()


def backup_moment(info: backups.BackupInfo) -> str:
    """"Mon 30 Nov 2026 23:04 (before import)"."""
    local = weekday_stamp(info.taken.astimezone())
    return f"{local} ({info.reason_label})"


def reveal_data_folder(service: AnnotationService) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(service.data_dir)))


def show_recovery_report(
    parent: QWidget | None, report: recovery.RecoveryReport, service: AnnotationService,
    undo_stack: QUndoStack | None = None,
) -> bool:
    """Tell the user what happened at start; offer the newest good backup. True if restored."""
    if report.offered_backup is None:
        Notice.show(parent, "Notes database damaged", report.message, warning=True)
        return False
    question = report.message + "\n\nRestore that backup now?"
    if not Confirm.ask(parent, "Notes database damaged", question):
        return False
    return _restore(parent, service, report.offered_backup.path, undo_stack)


def export_annotations(parent: QWidget | None, service: AnnotationService) -> Path | None:
    """File > Export annotations."""
    path = FileChooser.ask_save(parent)
    if path is None:
        return None
    try:
        count = export_file(service, path, own_files=OwnFiles(service.data_dir))
    except OSError as exc:
        Notice.show(parent, "Export failed", str(exc), warning=True)
        return None
    drafts = len(service.draft_ids())
    unsaved = (f" {plural(drafts, 'unsaved draft')} (not yet added as notes) "
               f"{'is' if drafts == 1 else 'are'} not in the file.") if drafts else ""
    Notice.show(parent, "Notes exported",
                f"The notes on {plural(count, 'commitment')} were written to {path}.{unsaved}")
    return path


class ImportPreviewDialog(QDialog):
    """What an import would change, commitment by commitment; Import or Cancel."""

    def __init__(
        self, preview: ImportPreview, source: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import {source}")
        self.list = QListWidget()
        for item in preview.changed:
            line = f"{item.commitment_id}: {item.describe()}"
            if item.unknown:
                line += " (not in the bundled data: kept, listed under orphaned notes)"
            self.list.addItem(line)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Import")
        ok.setEnabled(bool(preview.changed))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(preview.summary()))
        layout.addWidget(plain_label(
            "Nothing is replaced without a trace: your notes are backed up first, every "
            "change is written to the history, and Edit → Undo takes the whole import back."))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(640, screen.width() - 40) if screen else 640, 420)

    @classmethod
    def ask(cls, parent: QWidget | None, preview: ImportPreview, source: str) -> bool:
        return cls(preview, source, parent).exec() == QDialog.DialogCode.Accepted


def import_annotations(
    parent: QWidget | None,
    service: AnnotationService,
    undo_stack: QUndoStack | None = None,
    known_ids: Collection[str] = (),
    labels_of: LabelsOf | None = None,
) -> bool:
    """File > Import annotations: validate, show what would change, then merge (undoable).

    ``labels_of`` (from the catalog) lets a milestone label unknown to it refuse the file.
    """
    path = FileChooser.ask_open(parent)
    if path is None:
        return False
    with collector_paused():  # from the reading to the merge (ui.long_work)
        return _import_file(parent, service, path, undo_stack, known_ids, labels_of)


def _import_file(parent: QWidget | None, service: AnnotationService, path: Path,
                 undo_stack: QUndoStack | None, known_ids: Collection[str],
                 labels_of: LabelsOf | None) -> bool:
    read = run_with_progress(parent, "Import notes", f"Reading {path.name}…",
                             lambda progress: _read_on_worker(service, path, labels_of,
                                                              known_ids, progress))
    if read.cancelled or read.result is None:
        why = "cancelled; your notes are as they were" if read.cancelled else read.error
        Notice.show(parent, "Nothing imported", f"{path.name}: {why}", warning=not read.cancelled)
        return False
    incoming, preview = read.result
    if not ImportPreviewDialog.ask(parent, preview, path.name):
        return False
    merged = run_with_progress(
        parent, "Import notes", f"Importing {path.name}…",
        lambda progress: _merge_on_worker(service, incoming, path.name, progress))
    if merged.cancelled or merged.result is None:
        why = ("cancelled; nothing was imported and your notes are as they were"
               if merged.cancelled else merged.error)
        Notice.show(parent, "Nothing imported", f"{path.name}: {why}",
                    warning=not merged.cancelled)
        return False
    command = cmd.ImportNotes(service, incoming, path.name, merged=merged.result)
    error = cmd.push(undo_stack if undo_stack is not None else QUndoStack(), command)
    if error is not None:
        Notice.show(parent, "Nothing imported", f"{path.name}: {error}", warning=True)
        return False
    Notice.show(parent, "Notes imported",
                f"{plural(command.changed, 'commitment')} changed from {path.name}. "
                "Edit → Undo takes the import back.")
    return True


def _read_on_worker(service: AnnotationService, path: Path, labels_of: LabelsOf | None,
                    known_ids: Collection[str],
                    progress: Progress) -> tuple[list[Annotation], ImportPreview]:
    """The file read and validated whole, and what it would change: nothing is written."""
    incoming = operations.read_import(path, labels_of)
    progress.step(1, 2)
    worker = service.for_worker()
    try:
        current = {a.commitment_id: a for a in worker.all()}
    finally:
        worker.close()
    progress.step(2, 2)
    return incoming, preview_import(current, incoming, known_ids)


def _merge_on_worker(service: AnnotationService, incoming: list[Annotation], source: str,
                     progress: Progress) -> operations.ImportResult:
    """Back up, then merge in one transaction; a cancel rolls the merge back whole."""
    worker = service.for_worker()
    try:
        return operations.merge_validated(worker, incoming, source, step=progress.step)
    finally:
        worker.close()
