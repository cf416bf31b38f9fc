"""The meeting and issue-area filters of the filter row (issue 14): two combo boxes that narrow
whatever the filter bar asks for to one meeting and/or one issue area."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.filtering import Filter


class MeetingFilter(QObject):
    changed = Signal()

    def __init__(self, catalog: Catalog, parent: QWidget) -> None:
        super().__init__(parent)
        self.meeting = QComboBox(parent)
        self.meeting.setObjectName("meetingFilter")
        self.meeting.setToolTip("Show the commitments of one meeting")
        self.meeting.addItem("All meetings", "")
        for m in catalog.meetings:
            self.meeting.addItem(m.label, m.id)
        self.area = QComboBox(parent)
        self.area.setObjectName("areaFilter")
        self.area.setToolTip("Show one issue area (ours, the same across meetings)")
        self.area.addItem("All issue areas", "")
        for name in catalog.issue_areas:
            self.area.addItem(name, name)
        for box in (self.meeting, self.area):
            # narrow in the row (it must fit at 1280 px), the full names in the open list
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(11)
            box.view().setMinimumWidth(box.view().sizeHintForColumn(0) + 24)
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        if self.meeting not in self.widgets():
            self.meeting.hide()  # never placed: it must not float over the window

    def widgets(self) -> list[QComboBox]:
        """For the filter row: a meeting choice only when there is more than one meeting."""
        return [self.meeting, self.area] if self.meeting.count() > 2 else [self.area]

    def narrow(self, flt: Filter) -> Filter:
        meeting, area = self.meeting.currentData(), self.area.currentData()
        return replace(flt, meetings=frozenset({meeting}) if meeting else frozenset(),
                       areas=frozenset({area}) if area else frozenset())  # fmt: skip

    def clear(self) -> None:
        """Back to all, without a signal: the filter bar's clear sends the one refilter."""
        for box in (self.meeting, self.area):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
