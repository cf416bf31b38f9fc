"""The notes panel's "Talking points" box: a commitment's points in the order they are said.

Enter in the line adds a point; F2 or a double-click edits one in place; Alt+Up/Alt+Down (or
the buttons) move it; Delete removes it. Every step is an undo command through the panel's
``push`` (so it goes through the service, into the history, and onto Edit → Undo); the list is
redrawn only from what the service stores.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jcct_desktop.core.annotations.model import TalkingPoint
from jcct_desktop.core.dates import iso_minutes
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.ui.annotations import commands as cmd
from jcct_desktop.ui.shortcuts import SECTION_PROPERTY

POINT_ID = Qt.ItemDataRole.UserRole
SECTION = "Talking points"
VISIBLE_ROWS = 3  # the box stays a few lines tall: the notes above matter more day to day


class PointList(QListWidget):
    """A list that asks for little width: the panel's width is the notes', not ours."""

    def sizeHint(self) -> QSize:
        return QSize(120, super().sizeHint().height())


class TalkingPointsBox(QGroupBox):
    def __init__(self, service: AnnotationService,
                 push: Callable[[cmd.ServiceCommand], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(SECTION, parent)
        self.service, self.push = service, push
        self.commitment_id: str | None = None
        self.shown: tuple[TalkingPoint, ...] = ()
        self.points = PointList()
        self.points.setAccessibleName("Talking points")
        self.points.setAccessibleDescription(
            "In the order you will say them. F2 edits, Alt+Up and Alt+Down move, Delete "
            "removes the selected point.")
        self.points.setWordWrap(True)
        if not service.read_only:
            self.points.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                        | QAbstractItemView.EditTrigger.EditKeyPressed)
        else:
            self.points.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.points.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        line = self.points.fontMetrics().lineSpacing()
        self.points.setFixedHeight(VISIBLE_ROWS * (line + 4) + 6)
        self.new_point = QLineEdit()
        self.new_point.setPlaceholderText("A talking point (Enter adds it)")
        self.new_point.setAccessibleName("New talking point")
        self.add_button = QPushButton("Add")
        self.add_button.setAccessibleName("Add talking point")
        self.add_button.clicked.connect(self._add)
        # narrow tool buttons beside the list: the box adds little to the panel's size
        self.up_button = self._button("Up", "Move talking point up", lambda: self._move(-1))
        self.up_button.setArrowType(Qt.ArrowType.UpArrow)
        self.down_button = self._button("Down", "Move talking point down",
                                        lambda: self._move(1))
        self.down_button.setArrowType(Qt.ArrowType.DownArrow)
        self.delete_button = self._button("Delete", "Delete talking point", self._delete)
        self.up_button.setToolTip("Move the selected point up (Alt+Up)")
        self.down_button.setToolTip("Move the selected point down (Alt+Down)")
        self.delete_button.setToolTip("Delete the selected point (Delete)")

        side = QVBoxLayout()
        for button in (self.up_button, self.down_button, self.delete_button):
            side.addWidget(button)
        side.addStretch(1)
        listing = QHBoxLayout()
        listing.addWidget(self.points, 1)
        listing.addLayout(side)
        adding = QHBoxLayout()
        adding.addWidget(self.new_point, 1)
        adding.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(listing)
        layout.addLayout(adding)

        self.actions_by_name = {
            "up": self._action("Move talking point up", "Alt+Up", lambda: self._move(-1)),
            "down": self._action("Move talking point down", "Alt+Down", lambda: self._move(1)),
            "delete": self._action("Delete talking point", "Delete", self._delete),
        }
        self.new_point.returnPressed.connect(self._add)
        self.points.itemChanged.connect(self._edited)
        self.points.currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def _action(self, text: str, keys: str, slot: Callable[[], None]) -> QAction:
        """A key of the list only (never while typing elsewhere, where Delete deletes text)."""
        action = QAction(text, self.points)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setProperty(SECTION_PROPERTY, SECTION)
        action.triggered.connect(slot)
        self.points.addAction(action)
        return action

    # -- showing --------------------------------------------------------------------------
    def show_points(self, commitment_id: str | None, points: Sequence[TalkingPoint]) -> None:
        """Show what is stored, keeping the selected point selected (it may have moved)."""
        if commitment_id != self.commitment_id:
            self.new_point.clear()
        self.commitment_id = commitment_id
        self.shown = tuple(points)
        selected = self.selected_id()
        self.points.blockSignals(True)
        try:
            self.points.clear()
            for i, point in enumerate(points, 1):
                item = QListWidgetItem(point.text)
                item.setData(POINT_ID, point.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                who = f" by {point.who}" if point.who else ""
                item.setToolTip(f"Point {i}, written {iso_minutes(point.created.astimezone())}"
                                f"{who}")
                self.points.addItem(item)
                if point.id == selected:
                    self.points.setCurrentItem(item)
        finally:
            self.points.blockSignals(False)
        self._update_buttons()

    def selected_id(self) -> int | None:
        item = self.points.currentItem()
        return int(item.data(POINT_ID)) if item is not None else None

    def _update_buttons(self, *_: object) -> None:
        row, count = self.points.currentRow(), self.points.count()
        chosen = row >= 0 and not self.service.read_only
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < count - 1)
        self.delete_button.setEnabled(chosen)
        self.add_button.setEnabled(self.commitment_id is not None and not self.service.read_only)

    # -- edits ----------------------------------------------------------------------------
    def _add(self) -> None:
        text = self.new_point.text()
        if self.commitment_id is None or not text.strip():
            return
        # refused (too long, a control character): the text stays in the line to fix
        if self.push(cmd.AddTalkingPoint(self.service, self.commitment_id, text)):
            self.new_point.clear()
            self.points.setCurrentRow(self.points.count() - 1)

    def _edited(self, item: QListWidgetItem) -> None:
        point_id, text = int(item.data(POINT_ID)), item.text()
        # after the editor has closed: the edit redraws the list, which must not happen
        # while the view is still writing the editor's text into the item
        QTimer.singleShot(0, self, lambda: self._save(point_id, text))

    def _save(self, point_id: int, text: str) -> None:
        stored = next((p for p in self.shown if p.id == point_id), None)
        if stored is None or stored.text == text.strip():
            self.show_points(self.commitment_id, self.shown)  # unchanged: as stored
            return
        if not self.push(cmd.EditTalkingPoint(self.service, point_id, text)):
            self.show_points(self.commitment_id, self.shown)  # refused: the stored text back

    def _move(self, step: int) -> None:
        point_id, row = self.selected_id(), self.points.currentRow()
        if point_id is None or self.service.read_only or not 0 <= row + step < self.points.count():
            return
        self.push(cmd.MoveTalkingPoint(self.service, point_id, row + step))

    def _delete(self) -> None:
        point_id, row = self.selected_id(), self.points.currentRow()
        if point_id is None or self.service.read_only:
            return
        if self.push(cmd.DeleteTalkingPoint(self.service, point_id)):
            self.points.setCurrentRow(min(row, self.points.count() - 1))
