"""The toolbar controls: as-of date, search field, and filters for side, standing, deadline and
the officer's annotations (starred, assessment, tag, follow-up due)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

from jcct_desktop.core.annotations.model import Assessment
from jcct_desktop.core.filtering import Filter
from jcct_desktop.core.standing import Standing
from jcct_desktop.core.standing_words import LOOKS, ORDER, name
from jcct_desktop.ui.date_edit import DateEdit
from jcct_desktop.ui.graphics import bundled_icon, state_icon

if TYPE_CHECKING:
    from jcct_desktop.ui.annotations.feed import AnnotationFeed

SIDES: tuple[tuple[str, frozenset[str]], ...] = (
    ("All sides", frozenset()), ("China", frozenset({"China"})),
    ("United States", frozenset({"United States"})), ("Both sides", frozenset({"both"})))
STATE_ORDER = ORDER  # attention first: overdue, due soon, open, upcoming, then assessed ones
# a fast typist's keys arrive 50-120 ms apart: filter once they pause, not per key
SEARCH_DELAY_MS = 150


class FilterBar(QObject):
    filterChanged = Signal()  # apply at once (a checkbox, Enter, text set by the program)
    searchTyped = Signal()  # typing paused: apply off the GUI thread, newest text wins
    resultsAsked = Signal()  # Down in the search box: on to the results
    asOfChanged = Signal(object)  # datetime.date

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.as_of_edit = DateEdit(parent)  # a typed date is taken whole, year and all
        self.as_of_edit.setObjectName("asOfEdit")
        self.as_of_edit.setToolTip("Judge every deadline as of this date: type one like "
                                   "2012-01-15 and press Enter")
        self.as_of_edit.setAccessibleName("As-of date")
        self.as_of_edit.dateChanged.connect(lambda _d: self.asOfChanged.emit(self.as_of()))

        self.search = QLineEdit(parent)
        self.search.setObjectName("searchField")
        self.search.setPlaceholderText("Search commitments and facts  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self.search.setAccessibleName("Search")
        self.search.addAction(bundled_icon("search.svg"), QLineEdit.ActionPosition.LeadingPosition)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(SEARCH_DELAY_MS)
        self._typing.timeout.connect(self.searchTyped.emit)
        self.search.textChanged.connect(self._on_text_changed)
        self.search.returnPressed.connect(self.flush_search)  # Enter: no waiting
        self.search.installEventFilter(self)  # Escape clears the search

        self.side = QComboBox(parent)
        self.side.setObjectName("sideFilter")
        self.side.setToolTip("Show commitments made by one side")
        self.side.setAccessibleName("Side filter")  # named by purpose, never by its value
        for label, _sides in SIDES:
            self.side.addItem(label)
        self.side.currentIndexChanged.connect(lambda _i: self._emit_now())

        self.state_button = QToolButton(parent)
        self.state_button.setObjectName("stateFilter")
        self.state_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.state_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(self.state_button)
        self.state_actions: dict[Standing, QAction] = {}
        for state in STATE_ORDER:
            action = menu.addAction(state_icon(state), name(state))
            action.setToolTip(LOOKS[state].meaning)
            action.setCheckable(True)
            action.toggled.connect(self._on_state_toggled)
            self.state_actions[state] = action
        self.state_button.setMenu(menu)
        self.state_button.setAccessibleName("Standing filter")
        self._update_state_label()

        self.deadline_check = QCheckBox("Has a deadline", parent)
        self.deadline_check.setObjectName("deadlineFilter")
        self.deadline_check.toggled.connect(lambda _c: self._emit_now())
        self._build_annotation_filters(parent)

    def _build_annotation_filters(self, parent: QWidget) -> None:
        self.starred_check = QCheckBox("★ Starred only", parent)
        self.starred_check.setObjectName("starredFilter")
        self.starred_check.setToolTip("Show only commitments you starred for your briefing")
        self.starred_check.toggled.connect(lambda _c: self._emit_now())
        self.assessment = QComboBox(parent)
        self.assessment.setObjectName("assessmentFilter")
        self.assessment.setToolTip("Show commitments with this assessment")
        self.assessment.setAccessibleName("Assessment filter")
        self.assessment.addItem("Any assessment", "")
        for status in Assessment:
            self.assessment.addItem(status.label, status.value)
        self.assessment.currentIndexChanged.connect(lambda _i: self._emit_now())
        self.tag = QComboBox(parent)
        self.tag.setObjectName("tagFilter")
        self.tag.setToolTip("Show commitments carrying this tag")
        self.tag.setAccessibleName("Tag filter")
        self.tag.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.tag.addItem("Any tag", "")
        self.tag.currentIndexChanged.connect(lambda _i: self._emit_now())
        self.follow_up_check = QCheckBox("Follow-up due", parent)
        self.follow_up_check.setObjectName("followUpFilter")
        self.follow_up_check.setToolTip("Show commitments whose follow-up date falls on or "
                                        "before the as-of date")
        self.follow_up_check.toggled.connect(lambda _c: self._emit_now())

    def follow(self, feed: AnnotationFeed) -> None:
        """The tag list follows the tags in use (a tag removed everywhere leaves it)."""
        feed.tagsChanged.connect(self.set_tags)

    def set_tags(self, tags: list[str]) -> None:
        """Offer these tags; keeps the chosen one if it still exists (else back to Any tag)."""
        current = self.tag.currentData() or ""
        self.tag.blockSignals(True)
        try:
            self.tag.clear()
            self.tag.addItem("Any tag", "")
            for tag in tags:
                self.tag.addItem(tag, tag)
            found = next((i for i in range(self.tag.count())
                          if str(self.tag.itemData(i)).casefold() == current.casefold()), 0)
            self.tag.setCurrentIndex(found)
        finally:
            self.tag.blockSignals(False)
        if current and found == 0:  # the chosen tag is gone: the filter changed under us
            self._emit_now()

    # -- state --------------------------------------------------------------------------
    def as_of(self) -> date:
        d = self.as_of_edit.date()
        return date(d.year(), d.month(), d.day())

    def set_as_of(self, value: date) -> None:
        self.as_of_edit.setDate(QDate(value.year, value.month, value.day))

    def current_filter(self) -> Filter:
        states = frozenset(s for s, a in self.state_actions.items() if a.isChecked())
        return Filter(text=self.search.text().strip(),
                      sides=SIDES[max(0, self.side.currentIndex())][1],
                      states=states, has_deadline=self.deadline_check.isChecked(),
                      starred=self.starred_check.isChecked(),
                      status=self.assessment.currentData() or None,
                      tag=self.tag.currentData() or None,
                      follow_up_due=self.follow_up_check.isChecked())

    def clear(self) -> None:
        """Back to the full tree, with a single filterChanged at the end."""
        with QSignalBlocker(self):  # restores what was before: a caller may block us too
            self.search.clear()
            self.side.setCurrentIndex(0)
            for action in self.state_actions.values():
                action.setChecked(False)
            self.deadline_check.setChecked(False)
            self.starred_check.setChecked(False)
            self.assessment.setCurrentIndex(0)
            self.tag.setCurrentIndex(0)
            self.follow_up_check.setChecked(False)
        self._emit_now()

    # -- when to tell -------------------------------------------------------------------
    def _on_text_changed(self, _text: str) -> None:
        if not self.signalsBlocked():
            self._typing.start()  # (re)start: the refilter waits for a pause in typing

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.search and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)):
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.clear_search()
                return True
            # Down, as in a browser's or a mail client's search field (a line edit has no
            # use for it); Alt+Down and the like stay the field's
            plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if event.key() == Qt.Key.Key_Down and plain == Qt.KeyboardModifier.NoModifier:
                self.resultsAsked.emit()
                return True
        return super().eventFilter(watched, event)

    def clear_search(self) -> None:
        """Escape in the search box: back to everything, at once."""
        if self.search.text():
            self.search.clear()
            self._emit_now()

    def search_pending(self) -> bool:
        """Typed text not yet applied (the debounce timer is running)."""
        return self._typing.isActive()

    def flush_search(self) -> None:
        """Apply typed text now (Enter, or text set by the program)."""
        if self._typing.isActive():
            self._emit_now()

    def _emit_now(self) -> None:
        self._typing.stop()  # the emit below reads the current text: the timer has no work left
        self.filterChanged.emit()

    def _on_state_toggled(self, _checked: bool) -> None:
        self._update_state_label()
        self._emit_now()

    def _update_state_label(self) -> None:
        chosen = [s for s, a in self.state_actions.items() if a.isChecked()]
        if not chosen:
            text = "Any standing"
        elif len(chosen) == 1:
            text = name(chosen[0])
        else:
            text = f"{len(chosen)} standings"
        self.state_button.setText(text + "  ▾")
        self.state_button.setToolTip("Show commitments with these standings (met, overdue, …)")
