"""The meeting and issue-area filters of the filter row (issue 14): two combo boxes that narrow
whatever the filter bar asks for to one meeting and/or one issue area."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.filtering import Filter


class MeetingFilter(QObject):
    changed = Signal()

    def __init__(self, catalog: Catalog, parent: QWidget) -> None:
        super().__init__(parent)
        self.meeting = QComboBox(parent)
        self.meeting.setObjectName("meetingFilter")
        self.meeting.setToolTip("Show the commitments of one meeting")
        self.area = QComboBox(parent)
        self.area.setObjectName("areaFilter")
        self.area.setToolTip("Show one issue area (ours, the same across meetings)")
        # labels with buddies: on Linux a screen reader names a combo by its label (its own
        # name is its current value, "All issue areas")
        self.meeting_label, self.area_label = QLabel("Meeting", parent), QLabel("Area", parent)
        for label, box, name in ((self.meeting_label, self.meeting, "Meeting filter"),
                                 (self.area_label, self.area, "Issue area filter")):
            label.setBuddy(box)
            box.setAccessibleName(name)  # Windows and macOS read the name itself
        self._fill(catalog)
        for box in (self.meeting, self.area):
            # narrow in the row (it must fit at 1280 px), the full names in the open list
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(11)
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._fit_lists()

    def _fill(self, catalog: Catalog) -> None:
        for box, first, items in (
            (self.meeting, "All meetings", [(m.label, m.id) for m in catalog.meetings]),
            (self.area, "All issue areas", [(a, a) for a in catalog.issue_areas]),
        ):
            chosen = box.currentData()
            with QSignalBlocker(box):
                box.clear()
                box.addItem(first, "")
                for text, data in items:
                    box.addItem(text, data)
                box.setCurrentIndex(max(0, box.findData(chosen)))
        # the meeting choice shows only once there is more than one meeting to choose from
        self.meeting.setVisible(len(catalog.meetings) > 1)
        self.meeting_label.setVisible(len(catalog.meetings) > 1)

    def _fit_lists(self) -> None:
        for box in (self.meeting, self.area):
            box.view().setMinimumWidth(box.view().sizeHintForColumn(0) + 24)

    def set_catalog(self, catalog: Catalog) -> None:
        """A meeting imported while the window is open: its name and areas join the lists."""
        self._fill(catalog)
        self._fit_lists()

    def labelled(self) -> list[tuple[QLabel, QComboBox]]:
        """Each combo with its label, to be kept together in the filter row."""
        return [(self.meeting_label, self.meeting), (self.area_label, self.area)]

    def widgets(self) -> list[QComboBox]:
        """For the filter row (the meeting choice hides itself while there is one meeting)."""
        return [self.meeting, self.area]

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
