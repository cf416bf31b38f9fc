"""The assessment part of the annotation panel: what to record, and what is on record.

One form records one assessment: status, evidence (Enter records), source, the date the
evidence speaks for, the milestone it concerns (or the whole commitment) and whose view it is.
Below it, every assessment on record for the commitment, newest first.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from jcct_desktop.core.annotations.model import Assessment, AssessmentRecord, View
from jcct_desktop.core.dates import iso_minutes
from jcct_desktop.ui.annotations import note_list
from jcct_desktop.ui.annotations.note_list import STAMP_ROLE
from jcct_desktop.ui.annotations.parts import plain_label
from jcct_desktop.ui.date_edit import DateEdit

VIEW_LABELS = {View.US: "Our assessment", View.CHINA: "China reports"}
WHOLE = "Whole commitment"


class AssessmentForm(QWidget):
    record_requested = Signal(dict)  # the fields of service.record_assessment

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current_status = plain_label()
        self.view_combo = QComboBox()
        for view, label in VIEW_LABELS.items():
            self.view_combo.addItem(label, view.value)
        self.status_combo = QComboBox()
        for status in Assessment:
            self.status_combo.addItem(status.label, status.value)
        self.milestone_combo = QComboBox()
        self.milestone_combo.setAccessibleName("Milestone assessed")
        # labels can be a sentence long: the combo never widens the panel for them
        self.milestone_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.milestone_combo.setMinimumContentsLength(16)
        self.effective = DateEdit()
        self.effective.setAccessibleName("Effective date")
        self.effective.setToolTip("The date the evidence speaks for (a briefing as of an "
                                  "earlier date does not use this assessment)")
        self.evidence = QLineEdit()
        self.evidence.setPlaceholderText("Evidence or source reference (required)")
        self.source = QLineEdit()
        self.source.setPlaceholderText("Where it comes from (optional), e.g. MOFCOM notice")
        self.record = QPushButton("Record assessment")
        self.records = QListWidget()
        note_list.set_up(self.records, "Assessments")
        self.records.setMaximumHeight(150)  # the notes below matter as much

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Now:", self.current_status)
        form.addRow("View:", self.view_combo)
        form.addRow("New status:", self.status_combo)
        form.addRow("Concerns:", self.milestone_combo)
        form.addRow("Effective:", self.effective)
        form.addRow("Evidence:", self.evidence)
        form.addRow("Source:", self.source)
        form.addRow(self.record)
        self.records_title = plain_label("On record (newest first):")
        form.addRow(self.records_title)
        form.addRow(self.records)  # full width: the label column never widens the panel
        self._form = form
        self.record.clicked.connect(self._request)
        self.evidence.returnPressed.connect(self._request)  # Enter in Evidence records

    # -- filling ----------------------------------------------------------------------------
    def set_milestones(self, labels: Sequence[str]) -> None:
        self.milestone_combo.clear()
        self.milestone_combo.addItem(WHOLE, None)
        for label in labels:
            self.milestone_combo.addItem(label, label)
            last = self.milestone_combo.count() - 1  # a long label reads whole in its tooltip
            self.milestone_combo.setItemData(last, label, Qt.ItemDataRole.ToolTipRole)
        self.milestone_combo.setEnabled(bool(labels))

    def show_records(self, records: Sequence[AssessmentRecord]) -> None:
        self.records.clear()
        for r in reversed(records):  # newest recorded first
            self.records.addItem(record_item(r))
        for widget in (self.records_title, self.records):  # no empty box to read
            self._form.setRowVisible(widget, bool(records))

    def reset(self, today: date) -> None:
        """After a commitment is chosen or an assessment recorded: blank evidence, today."""
        self.evidence.clear()
        self.source.clear()
        self.effective.setMaximumDate(QDate.currentDate())  # never a day still to come
        self.effective.set_day(today)

    def new_day(self, today: date) -> None:
        """Midnight passed with the form open: today may be chosen, and an effective date
        still on its default (yesterday) moves on with the day; one typed stays."""
        latest = self.effective.maximumDate()
        self.effective.setMaximumDate(QDate(today.year, today.month, today.day))
        untouched = latest is not None and self.effective.text() == latest.toString("yyyy-MM-dd")
        if untouched and not self.effective.hasFocus():
            self.effective.set_day(today)

    # -- recording --------------------------------------------------------------------------
    def fields(self) -> dict[str, Any]:
        return {
            "status": Assessment(self.status_combo.currentData()),
            "evidence": self.evidence.text(),
            "source": self.source.text(),
            "effective": self.effective.day(),
            "milestone": self.milestone_combo.currentData(),
            "view": View(self.view_combo.currentData()),
        }

    def _request(self) -> None:
        if not self.effective.commit():  # a date that is not one: marked, nothing recorded
            self.effective.setFocus()
            return
        self.record_requested.emit(self.fields())


def record_line(r: AssessmentRecord) -> str:
    what = r.milestone or WHOLE
    source = f" [{r.source}]" if r.source else ""
    return f"{VIEW_LABELS[r.view]} — {what}: {r.status.label}\n{r.evidence}{source}"


def record_item(r: AssessmentRecord) -> QListWidgetItem:
    item = QListWidgetItem(record_line(r))
    recorded = iso_minutes(r.recorded.astimezone()) if r.recorded else "—"
    by = f" · {r.who}" if r.who else ""
    heading = f"effective {r.effective.isoformat()} · recorded {recorded}{by}"
    item.setData(STAMP_ROLE, heading)
    # whole in the tooltip when the narrow pane elides the heading; escaped, never markup
    body = html.escape(record_line(r)).replace("\n", "<br>")
    item.setToolTip(f"<qt><b>{html.escape(heading)}</b><br>{body}</qt>")
    return item
