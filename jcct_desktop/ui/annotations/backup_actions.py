"""Menu actions around the annotation database: back up, restore, reveal folder, recovery.

Dialogs sit behind ``classmethod ask()`` so tests can replace them. These functions run short
SQLite copies on the calling thread; for very large databases the main window may wrap them
in its background-work helper (they touch no widgets except through the dialogs).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
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

from jcct_desktop.core.annotations.exchange import ExchangeError, export_file, import_file
from jcct_desktop.core.annotations.service import AnnotationService
from jcct_desktop.core.plural import plural
from jcct_desktop.store import backups
from jcct_desktop.store.user_db import UserDataError
from jcct_desktop.ui.annotations.parts import plain_label


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

    FILTER = "JCCT annotations (*.json);;All files (*)"

    @classmethod
    def ask_save(cls, parent: QWidget | None) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent, "Export annotations", "jcct-annotations.json", cls.FILTER
        )
        return Path(name) if name else None

    @classmethod
    def ask_open(cls, parent: QWidget | None) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "Import annotations", "", cls.FILTER)
        return Path(name) if name else None


class RestoreDialog(QDialog):
    """Lists backups, newest first; ``ask`` returns the chosen path or None."""

    def __init__(self, items: list[backups.BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore annotations from a backup")
        self.list = QListWidget()
        for info in items:
            local = info.taken.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            item = QListWidgetItem(f"{local}   ({info.size // 1024 + 1} KB)   {info.path.name}")
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label("Your current notes are backed up before restoring."))
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item else None

    @classmethod
    def ask(cls, parent: QWidget | None, items: list[backups.BackupInfo]) -> Path | None:
        dialog = cls(items, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def back_up_now(parent: QWidget | None, service: AnnotationService) -> Path | None:
    try:
        path = backups.backup_now(service.data_dir)
    except UserDataError as exc:
        Notice.show(parent, "Backup failed", str(exc), warning=True)
        return None
    Notice.show(parent, "Backup made", f"Your annotations were backed up to {path}.")
    return path


def restore_backup(parent: QWidget | None, service: AnnotationService) -> bool:
    items = backups.list_backups(service.data_dir)
    if not items:
        Notice.show(parent, "No backups", "There is no backup to restore yet.")
        return False
    chosen = RestoreDialog.ask(parent, items)
    return chosen is not None and _restore(parent, service, chosen)


def _restore(parent: QWidget | None, service: AnnotationService, path: Path) -> bool:
    try:
        saved = backups.restore(path, service)
    except UserDataError as exc:
        Notice.show(parent, "Restore failed", str(exc), warning=True)
        return False
    Notice.show(
        parent,
        "Backup restored",
        f"Restored {path.name}. The annotations you had before were saved as {saved.name}.",
    )
    return True


def reveal_data_folder(service: AnnotationService) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(service.data_dir)))


def show_recovery_report(
    parent: QWidget | None, report: backups.RecoveryReport, service: AnnotationService
) -> bool:
    """Tell the user what happened at start; offer the newest good backup. True if restored."""
    if report.offered_backup is None:
        Notice.show(parent, "Annotation database damaged", report.message, warning=True)
        return False
    question = report.message + "\n\nRestore that backup now?"
    if not Confirm.ask(parent, "Annotation database damaged", question):
        return False
    return _restore(parent, service, report.offered_backup.path)


def export_annotations(parent: QWidget | None, service: AnnotationService) -> Path | None:
    """File > Export annotations."""
    path = FileChooser.ask_save(parent)
    if path is None:
        return None
    try:
        count = export_file(service, path)
    except OSError as exc:
        Notice.show(parent, "Export failed", f"Cannot write {path}: {exc}", warning=True)
        return None
    Notice.show(parent, "Annotations exported", f"{plural(count, 'annotation')} written to {path}.")
    return path


def import_annotations(parent: QWidget | None, service: AnnotationService) -> bool:
    """File > Import annotations: merge a file (rules in docs/annotations-format.md)."""
    path = FileChooser.ask_open(parent)
    if path is None:
        return False
    try:
        backups.backup_now(service.data_dir)  # an import is a big edit: keep the state before
        change = import_file(service, path)
    except (ExchangeError, UserDataError) as exc:
        Notice.show(parent, "Nothing imported", f"{path.name}: {exc}", warning=True)
        return False
    count = len(change.commitment_ids)
    Notice.show(parent, "Annotations imported",
                f"{plural(count, 'commitment')} changed from {path.name}.")
    return True
