"""File → Export briefing memo (Word)…: the commitments shown, as of the window's date, as an
editable .docx — the same engine as ``jcct-desktop export docx``.

The dialog asks what the memo's header needs (TO, FROM, marking) and an optional "Changes
since" day; every answer is remembered. The memo is written on a worker (``ui.export_work``),
the window usable meanwhile. The file is private (0600): it holds the notes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from jcct_desktop.core.files import atomic_write
from jcct_desktop.ui.annotations.backup_actions import Notice
from jcct_desktop.ui.changes_view import remember_export, remembered_since
from jcct_desktop.ui.date_edit import DateEdit
from jcct_desktop.ui.export_host import ExportHost
from jcct_desktop.ui.export_work import run_export
from jcct_desktop.ui.long_work import Outcome, Progress
from jcct_desktop.ui.save_folder import in_documents

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

CANCELLED = "Memo export cancelled; nothing was written."
KEYS = {"marking": "memo/marking", "prepared_by": "memo/prepared_by",
        "prepared_for": "memo/prepared_for", "with_changes": "memo/with_changes"}


@dataclass(frozen=True)
class MemoChoices:
    marking: str
    prepared_by: str
    prepared_for: str
    since: date | None


class MemoDialog(QDialog):
    """Asks the memo's header and "changes since" day, starting from the remembered answers."""

    def __init__(self, settings: QSettings, as_of: date, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export briefing memo (Word)")
        s = settings
        self.prepared_for = QLineEdit(str(s.value(KEYS["prepared_for"], "", type=str)), self)
        self.prepared_by = QLineEdit(str(s.value(KEYS["prepared_by"], "", type=str)), self)
        self.marking = QLineEdit(str(s.value(KEYS["marking"], "", type=str)), self)
        self.marking.setPlaceholderText("none")
        self.with_changes = QCheckBox("Add what changed &since", self)
        self.with_changes.setChecked(bool(s.value(KEYS["with_changes"], False, type=bool)))
        self.since = DateEdit(self)
        self.since.setAccessibleName("Changes since")
        self.since.set_day(remembered_since(s, as_of))
        self.since.setEnabled(self.with_changes.isChecked())
        self.with_changes.toggled.connect(self.since.setEnabled)
        form = QFormLayout(self)
        form.addRow("&To:", self.prepared_for)
        form.addRow("&From:", self.prepared_by)
        form.addRow("&Marking:", self.marking)
        form.addRow(self.with_changes, self.since)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.prepared_for.setFocus()

    def choices(self) -> MemoChoices:
        return MemoChoices(self.marking.text(), self.prepared_by.text(),
                           self.prepared_for.text(),
                           self.since.day() if self.with_changes.isChecked() else None)

    def remember(self, settings: QSettings) -> None:
        settings.setValue(KEYS["marking"], self.marking.text())
        settings.setValue(KEYS["prepared_by"], self.prepared_by.text())
        settings.setValue(KEYS["prepared_for"], self.prepared_for.text())
        settings.setValue(KEYS["with_changes"], self.with_changes.isChecked())


class MemoFileChooser:
    """The save dialog (replaceable in tests); None when cancelled."""

    @classmethod
    def ask_save(cls, parent: QWidget | None) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, "Export briefing memo",
                                              in_documents("jcct-memo.docx"),
                                              "Word document (*.docx);;All files (*)")
        return Path(name) if name else None


def memo_work(window: ExportHost, choices: MemoChoices, path: Path) -> Callable[[Progress], Path]:
    """The memo of the commitments shown as work for a worker: what it needs of the window
    read here, on the GUI thread (the notes as they are now), the briefing assembled and the
    file written on the worker, whole or not at all."""
    from jcct_desktop.core.briefing import (
        BriefingOptions,
        PlainAnnotations,
        Scope,
        build_briefing,
    )
    from jcct_desktop.core.briefing.from_annotations import annotation_view
    from jcct_desktop.core.briefing.since import with_changes
    from jcct_desktop.memo.docx_memo import render_memo  # python-docx: not at start-up

    catalog, service, own_files = window.catalog, window.notes.service, window.own_files
    shown = frozenset(window.visible_commitment_ids())
    options = BriefingOptions(scope=Scope.FILTER, ids=shown, scope_label="commitments shown",
                              include_facts=False, as_of=window.as_of(), title="Briefing Memo",
                              marking=choices.marking, prepared_by=choices.prepared_by,
                              prepared_for=choices.prepared_for)
    stored = service.all() if service is not None else []  # the snapshot, read here

    def work(progress: Progress) -> Path:
        # the same views as core.briefing.from_annotations.snapshot, made on the worker
        annotations = PlainAnnotations({a.commitment_id: annotation_view(a) for a in stored})
        # the scope is the ids shown: no filter context (the window's connection) is needed
        briefing = with_changes(build_briefing(catalog, options, annotations), catalog,
                                stored, choices.since)
        atomic_write(path, lambda fh: render_memo(briefing, fh, catalog, progress.step),
                     own_files=own_files)
        return path

    return work


def write_memo(window: ExportHost, choices: MemoChoices, path: Path) -> Outcome[Path]:
    """Write the memo of the commitments shown on a worker, the window usable meanwhile."""
    return run_export(window.window(), "Export briefing memo", f"Writing {path.name}…",
                      memo_work(window, choices, path))


def export_memo(window: ExportHost) -> Path | None:
    dialog = MemoDialog(window.settings, window.as_of(), window.window())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    dialog.remember(window.settings)
    path = MemoFileChooser.ask_save(window.window())
    if path is None:
        return None
    outcome = write_memo(window, dialog.choices(), path)
    if outcome.cancelled:
        window.statusBar().showMessage(CANCELLED, 8000)
        return None
    if outcome.error is not None or outcome.result is None:
        Notice.show(window.window(), "Memo not saved", outcome.error or CANCELLED,
                    warning=True)
        return None
    from jcct_desktop.core import dates

    remember_export(window.settings, dates.today())
    window.statusBar().showMessage(f"Saved {path}", 8000)
    return path
