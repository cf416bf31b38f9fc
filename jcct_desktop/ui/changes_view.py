"""View → Changes since…: what changed from a chosen day to the window's as-of date.

The list comes from :func:`core.changes.changes_between` (the same as ``jcct-desktop
changes``): one row per commitment, its changes beneath, most important first, read on a
worker (``ui.export_work``) from the notes as they are when asked; a day chosen meanwhile
gives up the reading under way. Activating a row (double-click or Enter) selects its
commitment in the window. The chosen day is remembered; the first time it is the day of the
last packet or memo exported, else 30 days before the as-of date.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from jcct_desktop.core.changes import ChangeReport, ChangesRangeError, changes_between
from jcct_desktop.core.dates import short_day
from jcct_desktop.core.standing_words import LOOKS
from jcct_desktop.ui.date_edit import DateEdit
from jcct_desktop.ui.export_host import ExportHost
from jcct_desktop.ui.export_work import ExportProgressDialog, run_export
from jcct_desktop.ui.long_work import Progress
from jcct_desktop.ui.tree.model import ChangedMarks

if TYPE_CHECKING:
    from jcct_desktop.ui.tree import SectorTreeView

SINCE_KEY = "changes/since"
LAST_EXPORT_KEY = "changes/last_export"  # the day of the last packet or memo exported
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ChangesHost(ExportHost, Protocol):
    """The data shown, plus the tree the changes are marked in and a way to select one."""

    @property
    def tree(self) -> SectorTreeView: ...
    def select_commitment(self, commitment_id: str) -> bool: ...


def remembered_since(settings: QSettings, as_of: date) -> date:
    for key in (SINCE_KEY, LAST_EXPORT_KEY):
        text = str(settings.value(key, "", type=str))
        try:
            chosen = date.fromisoformat(text) if text else None
        except ValueError:  # a settings file edited by hand: fall back, never fail
            chosen = None
        if chosen is not None and chosen <= as_of:
            return chosen
    return as_of - timedelta(days=30)


def remember_export(settings: QSettings, day: date) -> None:
    """A packet or memo was exported today: the next "Changes since" starts there."""
    settings.setValue(LAST_EXPORT_KEY, day.isoformat())


def report_model(report: ChangeReport) -> QStandardItemModel:
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels(["Change", "Date", "By"])
    for m in report.meetings:
        model.appendRow([QStandardItem(m.summary), QStandardItem(m.day.isoformat()),
                         QStandardItem("")])
    for group in report.commitments:
        c = group.commitment
        head = QStandardItem(f"{c.id} — {c.title}")
        head.setData(c.id, ID_ROLE)
        head.setData(f"{c.id}, {len(group.items)} changes", Qt.ItemDataRole.AccessibleTextRole)
        for item in group.items:
            row = [QStandardItem(item.summary), QStandardItem(item.day.isoformat()),
                   QStandardItem(item.author)]
            for cell in row:
                cell.setData(c.id, ID_ROLE)
                cell.setEditable(False)
            head.appendRow(row)
        head.setEditable(False)
        model.appendRow([head, QStandardItem(""), QStandardItem("")])
    return model


class ChangesDialog(QDialog):
    def __init__(self, window: ChangesHost, parent: QWidget | None = None) -> None:
        super().__init__(parent or window.window())
        self.setWindowTitle("Changes since…")
        self.setObjectName("changesDialog")
        self.window_ = window
        self.since = DateEdit(self)
        self.since.setAccessibleName("Changes since")
        label = QLabel("Changes &since", self)
        label.setBuddy(self.since)
        self.until = QLabel(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.view = QTreeView(self)
        self.view.setAccessibleName("Changes")
        self.view.setUniformRowHeights(True)
        self.view.activated.connect(self._open)
        self.view.doubleClicked.connect(self._open)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.since)
        row.addWidget(self.until, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.report: ChangeReport | None = None
        self._asked = 0  # refreshes asked: only the last one's report is shown
        self._running: ExportProgressDialog | None = None  # the refresh under way
        self._closed = False
        as_of = window.as_of()
        self.since.set_day(remembered_since(window.settings, as_of))
        self.since.dateChanged.connect(lambda _d: self.refresh(remember=True))
        self.resize(720, 460)
        # the changed commitments are marked in the tree while this view is open
        self.finished.connect(lambda _r: self._mark_tree(None))
        self.refresh()
        self.since.setFocus()

    def refresh(self, remember: bool = False) -> None:
        """Read the changes again on a worker (the dialog and the window live meanwhile); a
        refresh asked while one runs gives that one up, and only the last one is shown."""
        w = self.window_
        since, until = self.since.day(), w.as_of()
        self.until.setText(f"to {short_day(until)} (the window's as-of date)")
        service = w.notes.service
        annotations = service.all() if service is not None else []  # the notes now, read here
        shown = frozenset(w.visible_commitment_ids())
        words = {s: look.name for s, look in LOOKS.items()}
        catalog = w.catalog

        def work(progress: Progress) -> ChangeReport | None:
            commitments = [c for c in catalog.commitments if c.id in shown]
            try:
                return changes_between(commitments, annotations, since, until,
                                       meetings=catalog.meetings, standing_words=words,
                                       step=progress.step)
            except ChangesRangeError:
                return None  # said in words below

        self._asked += 1
        asked = self._asked
        if self._running is not None:
            self._running.stop()  # stale: its result would be dropped anyway
        self.summary.setText("Reading what changed…")
        outcome = run_export(self, "Changes since…", "Reading what changed…", work,
                             started=self._started)
        if asked != self._asked or self._closed:
            return  # a later refresh (or closing the view) superseded this one
        self._running = None
        if outcome.cancelled or outcome.error is not None:
            self.report = None
            self.summary.setText("Stopped: choose the day again to read the changes."
                                 if outcome.cancelled else
                                 f"The changes could not be read: {outcome.error}")
            self.view.setModel(QStandardItemModel(self.view))
            self._mark_tree(None)
            return
        self.report = outcome.result
        if self.report is None:
            self.summary.setText(f"{short_day(since)} is after the as-of date "
                                 f"{short_day(until)}: choose an earlier day.")
            self.view.setModel(QStandardItemModel(self.view))
            self._mark_tree(None)
            return
        if remember:
            w.settings.setValue(SINCE_KEY, since.isoformat())
        r = self.report
        n, m = r.count, len(r.commitments)
        self.summary.setText(
            f"{n} change{'s' if n != 1 else ''} in {m} commitment{'s' if m != 1 else ''}"
            if n else "Nothing changed in this period.")
        model = report_model(r)
        model.setParent(self.view)
        self.view.setModel(model)
        self.view.expandAll()
        self.view.resizeColumnToContents(1)
        self._mark_tree(r)

    def _started(self, dialog: ExportProgressDialog) -> None:
        self._running = dialog

    def done(self, result: int) -> None:
        """Closed: a refresh under way is given up (its marks never reach the tree)."""
        self._closed = True
        if self._running is not None:
            self._running.stop()
        super().done(result)

    def _mark_tree(self, report: ChangeReport | None) -> None:
        """Δ beside each changed commitment in the window's tree (none once closed)."""
        marks = ChangedMarks() if report is None else ChangedMarks(
            {g.commitment.id: len(g.items) for g in report.commitments}, report.since)
        self.window_.tree.tree_model().set_changed(marks)

    def _open(self, index: QModelIndex) -> None:
        cid = index.data(ID_ROLE)
        if cid:
            self.window_.select_commitment(cid)


def show_changes(window: ChangesHost) -> ChangesDialog:
    dialog = ChangesDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
