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
from jcct_desktop.core.jurisdictions import Tile
from jcct_desktop.ui.annotations import note_list
from jcct_desktop.ui.annotations.note_list import STAMP_ROLE
from jcct_desktop.ui.annotations.parts import plain_label
from jcct_desktop.ui.date_edit import DateEdit
from jcct_desktop.ui.province_map import ProvinceMap

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
        # issue 26: a milestone kept province by province is assessed for the provinces
        # picked on the map or in the list (several at once, the same evidence)
        self.province_map = ProvinceMap()
        self.province_list = QListWidget()
        self.province_list.setAccessibleName("Provinces to assess")
        self.province_list.setMaximumHeight(110)
        self.province_tiles: dict[str, list[Tile]] = {}
        self.province_map.picked_changed.connect(self._map_picked)
        self.province_list.itemChanged.connect(self._list_picked)
        self.milestone_combo.currentIndexChanged.connect(self._show_provinces)
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
        form.addRow("Provinces:", self.province_map)
        form.addRow(self.province_list)
        form.addRow("Effective:", self.effective)
        form.addRow("Evidence:", self.evidence)
        form.addRow("Source:", self.source)
        form.addRow(self.record)
        self.records_title = plain_label("On record (newest first):")
        form.addRow(self.records_title)
        form.addRow(self.records)  # full width: the label column never widens the panel
        self._form = form
        self._show_provinces()
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

    def set_province_tiles(self, tiles: dict[str, list[Tile]]) -> None:
        """Each jurisdictional milestone's map as of today (label → tiles)."""
        self.province_tiles = tiles
        self._show_provinces()

    def _show_provinces(self, *_: object) -> None:
        tiles = self.province_tiles.get(self.milestone_combo.currentData() or "", [])
        for widget in (self.province_map, self.province_list):
            self._form.setRowVisible(widget, bool(tiles))
        if not tiles:
            return
        picked = set(self.province_map.picked())
        self.province_map.show_tiles(tiles)
        self.province_list.blockSignals(True)
        self.province_list.clear()
        for t in tiles:
            if not t.place.counted:
                continue
            item = QListWidgetItem(f"{t.place.name} {t.place.chinese} — {t.word}")
            item.setData(Qt.ItemDataRole.UserRole, t.place.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if t.place.code in picked
                               else Qt.CheckState.Unchecked)
            item.setToolTip(t.tooltip)
            self.province_list.addItem(item)
        self.province_list.blockSignals(False)

    def picked_provinces(self) -> list[str]:
        if self.province_map.isHidden():
            return []
        return self.province_map.picked()

    def _map_picked(self, codes: list[str]) -> None:
        wanted = set(codes)
        self.province_list.blockSignals(True)
        for i in range(self.province_list.count()):
            item = self.province_list.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.province_list.blockSignals(False)

    def _list_picked(self, _item: QListWidgetItem) -> None:
        items = [self.province_list.item(i) for i in range(self.province_list.count())]
        self.province_map.set_picked([i.data(Qt.ItemDataRole.UserRole) for i in items
                                      if i.checkState() == Qt.CheckState.Checked])

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
            "jurisdictions": self.picked_provinces(),
        }

    def _request(self) -> None:
        if not self.effective.commit():  # a date that is not one: marked, nothing recorded
            self.effective.setFocus()
            return
        self.record_requested.emit(self.fields())


def record_line(r: AssessmentRecord) -> str:
    what = r.milestone or WHOLE
    if r.jurisdiction:
        what = f"{what} · {r.jurisdiction}"
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
