"""The timeline widget: events (wheel, keys, mouse, tooltips) over a layout and a viewport.

Wheel over the chart zooms around the cursor; Shift+wheel or a sideways wheel pans; the wheel
over the sector labels scrolls the rows. Keys (+ and − zoom, ↑/↓ between commitments, ←/→
between a commitment's milestones, Shift+←/→ pan, Home fits) are QActions on the widget: see
keys.py. A screen reader sees lanes and bars as children: see accessible.py.
"""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QScrollBar, QSizePolicy, QToolTip, QWidget

from jcct_desktop.core import dates
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.standing import StandingBook, standing_book
from jcct_desktop.core.standing_words import phrase
from jcct_desktop.ui.annotations.marks import AnnotationMarks
from jcct_desktop.ui.timeline import accessible, focus, keys, paint
from jcct_desktop.ui.timeline.layout import AXIS_HEIGHT, LANE_HEIGHT, Mark, TimelineLayout, Viewport

if TYPE_CHECKING:
    from jcct_desktop.ui.annotations.feed import AnnotationFeed

DRAG_THRESHOLD = 4


class TimelineWidget(QWidget):
    commitmentClicked = Signal(str)
    contextRequested = Signal(str, QPoint)  # a bar's commitment id, where to pop its menu
    painted = Signal()  # after each paint: lets tests and the smoke test wait without sleeping

    def __init__(self, catalog: Catalog, parent: QWidget | None = None,
                 standings: StandingBook | None = None) -> None:
        """``standings``: the window's book when it has one (computing another here doubled
        the start-up's biggest cost at 100,000 commitments)."""
        super().__init__(parent)
        self.setObjectName("timeline")
        self.catalog = catalog
        self.layout_data = TimelineLayout()
        self.viewport = Viewport()
        self.as_of = standings.as_of if standings is not None else dates.today()
        self.standings = (standings if standings is not None
                          else standing_book(catalog.commitments, {}, self.as_of))
        self.selected: str | None = None
        self.focused: str | None = None  # the commitment Up/Down reached; Enter opens it
        self.focused_index = 0  # which of its milestones Left/Right reached
        self.marks = AnnotationMarks()
        self._press: QPoint | None = None
        self._dragged = False
        self._auto_fit = True  # refit on resize until the person zooms or pans
        self._last_span: tuple[int, int] | None = None  # of the last layout that had marks
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Deadline timeline")
        accessible.install()  # lanes and bars as children a screen reader can walk
        self._bar = QScrollBar(Qt.Orientation.Vertical, self)
        self._bar.valueChanged.connect(self._on_bar)
        self._bar.hide()
        self.key_actions = keys.add_key_actions(self)  # listed in Help → Keyboard shortcuts

    def sizeHint(self) -> QSize:
        return QSize(900, 260)

    def minimumSizeHint(self) -> QSize:
        return QSize(400, 120)

    # -- feeding ------------------------------------------------------------------------
    def set_catalog(self, catalog: Catalog) -> None:
        """The window's catalog grew (an imported meeting); layouts come from the window."""
        self.catalog = catalog

    def set_layout(self, layout: TimelineLayout) -> None:
        self.layout_data = layout
        if self.focused not in layout.lanes_of:
            self.focused, self.focused_index = None, 0
        self._sync_bar()
        if layout.span is not None:
            self._last_span = layout.span
        if self._auto_fit:
            self.viewport.fit(self._fit_span())
        self.update()
        accessible.layout_changed(self)

    def follow(self, feed: AnnotationFeed) -> None:
        """Stars and assessments in labels and tooltips follow the officer's notes."""
        feed.marksChanged.connect(self.set_marks)

    def set_marks(self, marks: AnnotationMarks) -> None:
        """Stars and assessments to show in labels and tooltips."""
        self.marks = marks
        self.update()

    def set_as_of(self, as_of: date) -> None:
        self.as_of = as_of
        if self.standings.as_of != as_of:  # until the window's book for this date arrives
            self.standings = standing_book(self.catalog.commitments, {}, as_of)
        self.update()

    def set_standings(self, book: StandingBook) -> None:
        """Each milestone's standing (core.standing), as the window computed it."""
        self.standings = book
        self.update()

    def set_selected(self, commitment_id: str | None) -> None:
        """Highlight a commitment's marks and scroll them into view."""
        self.selected = commitment_id
        if commitment_id != self.focused:
            self.focused_index = 0
        self.focused = commitment_id  # the keyboard carries on from the selection
        if commitment_id:
            self.viewport.ensure_visible(self.layout_data.marks_of(commitment_id),
                                         self.layout_data.lane_count)
            self._sync_bar()
        self.update()

    # -- navigation ---------------------------------------------------------------------
    def move_focus(self, sign: int) -> None:
        """Up/Down: focus the commitment in the lane above or below, scrolled into view."""
        self.focused = focus.step(self.layout_data, self.focused or self.selected, sign)
        self.focused_index = 0
        if self.focused:
            self.viewport.ensure_visible(self.layout_data.marks_of(self.focused),
                                         self.layout_data.lane_count)
            self._sync_bar()
        self._tell_focus()

    def step_milestone(self, sign: int) -> None:
        """Left/Right: the focused commitment's previous or next milestone, scrolled into
        view (the first commitment when none is focused yet)."""
        if not (self.focused or self.selected):
            self.move_focus(1)
            return
        self.focused = self.focused or self.selected
        marks = self.layout_data.marks_of(self.focused or "")
        if not marks:
            return
        self.focused_index = max(0, min(len(marks) - 1, self.focused_index + sign))
        self.viewport.ensure_visible([marks[self.focused_index]], self.layout_data.lane_count)
        self._sync_bar()
        self._tell_focus()

    def focused_mark(self) -> Mark | None:
        """The milestone bar the keyboard is on, if any."""
        marks = self.layout_data.marks_of(self.focused or self.selected or "")
        return marks[min(self.focused_index, len(marks) - 1)] if marks else None

    def _tell_focus(self) -> None:
        """Repaint the focus box and tell assistive technology which bar has focus."""
        mark = self.focused_mark()
        self.setAccessibleDescription(accessible.bar_name(self, mark) if mark else "")
        self.update()
        accessible.announce_focus(self)

    def open_focused(self) -> None:
        """Enter: open the focused commitment, as a click on its bar does."""
        chosen = self.focused or self.selected
        if chosen:
            self.commitmentClicked.emit(chosen)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()  # the focus frame
        accessible.announce_focus(self)  # the bar the keyboard is on, not just "timeline"

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()
    def _fit_span(self) -> tuple[int, int] | None:
        """Nothing shown (a search with no match) keeps the range the officer was reading."""
        return self.layout_data.span or self._last_span

    def fit_all(self) -> None:
        self._auto_fit = True
        self.viewport.fit(self._fit_span())
        self.update()

    def zoom_in(self) -> None:
        self._zoom(1.5)

    def zoom_out(self) -> None:
        self._zoom(1 / 1.5)

    def _zoom(self, factor: float, anchor_x: float | None = None) -> None:
        self._auto_fit = False
        self.viewport.zoom(factor, anchor_x)
        self.update()

    def pan(self, dx: float) -> None:
        self._auto_fit = False
        self.viewport.pan(dx)
        self.update()

    def page_step(self) -> int:
        return self._bar.pageStep()

    def scroll_rows(self, dy: int) -> None:
        self._bar.setValue(self._bar.value() + dy)

    def _on_bar(self, value: int) -> None:
        self.viewport.scroll_y = value
        self.update()

    def _sync_bar(self) -> None:
        vp = self.viewport
        need = vp.content_height(self.layout_data.lane_count) > self.height()
        bar_w = self._bar.sizeHint().width() if need else 0
        vp.width, vp.height = self.width() - bar_w, self.height()
        self._bar.setVisible(need)
        self._bar.setGeometry(self.width() - bar_w, 0, bar_w, self.height())
        self._bar.setRange(0, vp.max_scroll(self.layout_data.lane_count))
        self._bar.setPageStep(max(LANE_HEIGHT, self.height() - LANE_HEIGHT))
        self._bar.setSingleStep(LANE_HEIGHT)
        self._bar.setValue(vp.scroll_y)
        vp.scroll_y = self._bar.value()

    # -- events -------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        self._sync_bar()
        if self._auto_fit:  # after a zoom or pan the scale stays put instead
            self.viewport.fit(self._fit_span())
        if self.selected:
            self.viewport.ensure_visible(self.layout_data.marks_of(self.selected),
                                         self.layout_data.lane_count)
            self._sync_bar()
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        vp, layout = self.viewport, self.layout_data
        paint.paint_background(p, vp, layout, layout.lanes_of_commitment(self.selected or ""))
        paint.paint_grid_and_axis(p, vp)
        # marks scrolled up must pass under the axis, not over it
        p.setClipRect(vp.chart_left, AXIS_HEIGHT, vp.chart_width, vp.height - AXIS_HEIGHT)
        paint.paint_marks(p, vp, layout, self.standings, self.selected,
                          starred=self.marks.starred)
        paint.paint_as_of(p, vp, self.as_of, layout.undated_first_lane)
        if not layout.marks:
            paint.paint_empty(p, vp, "No deadlines among the commitments shown.")
        p.setClipping(False)
        paint.paint_gutter(p, vp, layout)
        if self.hasFocus():
            focus.paint_focus(p, vp, layout, self.focused or self.selected, self.focused_mark())
        p.end()
        self.painted.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        x = event.position().x()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if delta.x() or shift:  # sideways wheel, or Shift+wheel: pan in time
            step = delta.x() or delta.y()
            self.pan(-step / 120 * self.viewport.chart_width / 10)
        elif x < self.viewport.chart_left:
            self.scroll_rows(-delta.y() // 120 * LANE_HEIGHT * 2)
        elif delta.y():
            self._zoom(1.2 ** (delta.y() / 120), x)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not keys.trigger_for(self.key_actions, event):  # the actions' shortcuts, unfocused
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press, self._dragged = event.position().toPoint(), False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            dx = pos.x() - self._press.x()
            if self._dragged or abs(dx) > DRAG_THRESHOLD:  # drag pans like a map
                self._dragged = True
                self.pan(-dx)
                self._press = pos
        hit = bool(self.viewport.hits(self.layout_data, pos.x(), pos.y()))
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if event.button() == Qt.MouseButton.LeftButton and not self._dragged:
            marks = self.viewport.hits(self.layout_data, pos.x(), pos.y())
            if marks:
                self.commitmentClicked.emit(marks[0].commitment_id)
        self._press, self._dragged = None, False
        super().mouseReleaseEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            marks = self.viewport.hits(self.layout_data, event.pos().x(), event.pos().y())
            cid = marks[0].commitment_id if marks else None
        else:  # the menu key: the selected commitment's bar
            cid = self.selected if self.layout_data.marks_of(self.selected or "") else None
        if cid:
            self.contextRequested.emit(cid, event.globalPos())
            event.accept()
        else:
            event.ignore()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            marks = self.viewport.hits(self.layout_data, event.pos().x(), event.pos().y())
            if marks:
                QToolTip.showText(event.globalPos(), self.tooltip_for(marks), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip_for(self, marks: list[Mark]) -> str:
        lines: list[str] = []
        for mark in marks:
            c = self.catalog.get(mark.commitment_id)
            title = c.title if c else ""
            m = mark.milestone
            standing = paint.mark_standing(self.standings, mark)
            lines += [f"{mark.commitment_id} — {title}", m.label, f"“{m.wording}”",
                      f"{m.window_words} · {phrase(standing)}",
                      *self.marks.lines(mark.commitment_id, self.as_of), ""]
        # rich text on purpose, so hostile data is escaped rather than guessed at by Qt
        body = "<br>".join(html.escape(line) for line in lines[:-1])
        return f"<qt>{body}</qt>"
