"""The timeline as a screen reader meets it: lanes holding bars, each bar named in words.

The timeline is painted, so Qt saw one childless widget (a "filler" in AT-SPI). This module
installs an accessibility factory that gives it children: one per lane ("Innovation, row 2"),
and in each lane one per milestone bar, named with the commitment's id and title, the
milestone, its window and its standing. When the keyboard moves (Up/Down between commitments,
Left/Right between a commitment's milestones) the widget sends a focus event for the bar.

Qt keeps child interfaces in its cache once a screen reader has asked for them; they are
registered as soon as they are made and deleted from the cache when the layout changes or the
widget goes, so none outlives what it describes.
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QRect
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface, QWindow
from PySide6.QtWidgets import QAccessibleWidget, QWidget

from jcct_desktop.core.standing_words import phrase
from jcct_desktop.ui.timeline.layout import LANE_HEIGHT, Mark

if TYPE_CHECKING:
    from jcct_desktop.ui.timeline.widget import TimelineWidget

_installed = False


def install() -> None:
    """Once per process: the timeline widget gets :class:`TimelineAccessible`."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def _factory(_class_name: str, obj: QObject) -> QAccessibleInterface | None:
    from jcct_desktop.ui.timeline.widget import TimelineWidget

    if isinstance(obj, TimelineWidget):
        return TimelineAccessible(obj)
    return None


def bar_name(w: TimelineWidget, mark: Mark) -> str:
    """"2011-SOFT-2 — Title: by June 2012, 2012-01-01 – 2012-06-30, Overdue — closed …"."""
    from jcct_desktop.ui.timeline.paint import mark_standing

    c = w.catalog.get(mark.commitment_id)
    title = f"{mark.commitment_id} — {c.title}" if c else mark.commitment_id
    m = mark.milestone
    parts = [f"{title}: {m.label}", m.window_words,
             phrase(mark_standing(w.standings, mark))]
    count = len(c.milestones) if c else 0
    if count > 1:
        parts.append(f"milestone {mark.index + 1} of {count}")
    if w.marks.is_starred(mark.commitment_id):
        parts.append("starred")
    return ", ".join(parts)


def lane_name(w: TimelineWidget, lane: int) -> str:
    """"Innovation, row 2 of 3"."""
    band = w.layout_data.band_of(lane)
    if band is not None:
        return f"{band.label}, row {lane - band.first_lane + 1} of {band.lane_count}"
    return f"Row {lane + 1}"


class TimelineAccessible(QAccessibleWidget):
    """The widget's interface: its children are the lanes of the current layout."""

    def __init__(self, widget: TimelineWidget) -> None:
        super().__init__(widget, QAccessible.Role.Chart, "Deadline timeline")
        self.w = widget
        self._lanes: dict[int, LaneAccessible] = {}
        self._bars: dict[tuple[int, int], BarAccessible] = {}
        self._layout = widget.layout_data
        widget.destroyed.connect(self._forget)

    # -- the cache of child interfaces, rebuilt with the layout ---------------------------
    def refresh(self) -> None:
        self._fresh()

    def _fresh(self) -> None:
        if self._layout is not self.w.layout_data:
            self._forget()
            self._layout = self.w.layout_data

    def _forget(self, *_: object) -> None:
        for iface in [*self._bars.values(), *self._lanes.values()]:
            iface.alive = False  # a reader still holding it is told it is gone
            QAccessible.deleteAccessibleInterface(iface.uid)
        self._lanes.clear()
        self._bars.clear()

    def lane(self, index: int) -> LaneAccessible | None:
        self._fresh()
        if not 0 <= index < self.w.layout_data.lane_count:
            return None
        if index not in self._lanes:
            self._lanes[index] = LaneAccessible(self, index)
        return self._lanes[index]

    def bar(self, lane: int, index: int) -> BarAccessible | None:
        parent = self.lane(lane)
        if parent is None or not 0 <= index < len(self.w.layout_data.by_lane[lane]):
            return None
        key = (lane, index)
        if key not in self._bars:
            self._bars[key] = BarAccessible(parent, index)
        return self._bars[key]

    def bar_for(self, commitment_id: str, milestone: int) -> BarAccessible | None:
        layout = self.w.layout_data
        # its dated milestones' lane, then its lane in the "No date stated" band
        for lane in (layout.lanes_of.get(commitment_id), layout.undated_lane_of.get(commitment_id)):
            if lane is None:
                continue
            for i, mark in enumerate(layout.by_lane[lane]):
                if mark.commitment_id == commitment_id and mark.index == milestone:
                    return self.bar(lane, i)
        return None

    # -- QAccessibleInterface ---------------------------------------------------------------
    def childCount(self) -> int:
        return self.w.layout_data.lane_count

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return self.lane(index)

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return child.index if isinstance(child, LaneAccessible) else -1

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        focused = self.w.focused_mark()
        if focused is None:
            return None
        return self.bar_for(focused.commitment_id, focused.index)

    def text(self, t: QAccessible.Text) -> str:
        if t == QAccessible.Text.Description:
            return (f"{self.childCount()} rows of deadlines. Up and Down move between "
                    "commitments, Left and Right between a commitment's milestones, "
                    "Enter opens it.")
        return super().text(t)


class _Part(QAccessibleInterface):
    """What lanes and bars share: no QObject of their own, registered in Qt's cache."""

    def __init__(self, top: TimelineAccessible) -> None:
        super().__init__()
        self.top = top
        self.alive = True
        self.uid = QAccessible.registerAccessibleInterface(self)

    def isValid(self) -> bool:
        return self.alive and self.top.w.layout_data is self.top._layout

    def object(self) -> QObject | None:  # type: ignore[override]
        return None

    def window(self) -> QWindow:
        return self.top.window()

    def setText(self, t: QAccessible.Text, text: str) -> None:
        pass

    def relations(self, match: builtins.object = None
                  ) -> list[tuple[QAccessibleInterface, QAccessible.RelationFlag]]:
        return []

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def _screen(self, left: float, top: float, right: float, bottom: float) -> QRect:
        w: QWidget = self.top.w
        origin = w.mapToGlobal(QPoint(0, 0))
        return QRect(origin.x() + round(left), origin.y() + round(top),
                     max(1, round(right - left)), max(1, round(bottom - top)))


class LaneAccessible(_Part):
    def __init__(self, top: TimelineAccessible, index: int) -> None:
        self.index = index
        super().__init__(top)

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.Grouping

    def state(self) -> QAccessible.State:
        s = QAccessible.State()
        vp = self.top.w.viewport
        s.invisible = self.index not in vp.visible_lanes(self.top.w.layout_data.lane_count)
        return s

    def text(self, t: QAccessible.Text) -> str:
        if t == QAccessible.Text.Name:
            return lane_name(self.top.w, self.index)
        return ""

    def rect(self) -> QRect:
        vp = self.top.w.viewport
        top = vp.lane_top(self.index)
        return self._screen(vp.chart_left, top, vp.width, top + LANE_HEIGHT)

    def parent(self) -> QAccessibleInterface:
        return self.top

    def childCount(self) -> int:
        return len(self.top.w.layout_data.by_lane[self.index]) if self.isValid() else 0

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return self.top.bar(self.index, index)

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return child.index if isinstance(child, BarAccessible) else -1


class BarAccessible(_Part):
    def __init__(self, lane: LaneAccessible, index: int) -> None:
        self.lane, self.index = lane, index
        super().__init__(lane.top)

    @property
    def mark(self) -> Mark:
        return self.top.w.layout_data.by_lane[self.lane.index][self.index]

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.ListItem

    def state(self) -> QAccessible.State:
        s = QAccessible.State()
        s.focusable = s.selectable = True
        w = self.top.w
        if self.isValid():
            mark = self.mark
            s.selected = mark.commitment_id == w.selected
            s.focused = w.hasFocus() and w.focused_mark() == mark
            left, _top, right, _bottom = w.viewport.mark_rect(mark)
            s.offscreen = right < w.viewport.chart_left or left > w.viewport.width
        return s

    def text(self, t: QAccessible.Text) -> str:
        if not self.isValid():
            return ""
        if t == QAccessible.Text.Name:
            return bar_name(self.top.w, self.mark)
        if t == QAccessible.Text.Description:
            return f"“{self.mark.milestone.wording}”"
        return ""

    def rect(self) -> QRect:
        if not self.isValid():
            return QRect()
        return self._screen(*self.top.w.viewport.mark_rect(self.mark))

    def parent(self) -> QAccessibleInterface:
        return self.lane

    def childCount(self) -> int:
        return 0

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return -1


def layout_changed(widget: TimelineWidget) -> None:
    """A new layout (a search, a filter): the old bars leave Qt's cache now, and a screen
    reader is told the children were reordered. Nothing to do while none is listening."""
    if not QAccessible.isActive():
        return
    iface = QAccessible.queryAccessibleInterface(widget)
    if isinstance(iface, TimelineAccessible):
        iface.refresh()
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.ObjectReorder))


def announce_focus(widget: TimelineWidget) -> None:
    """The keyboard moved to another bar: tell assistive technology which one."""
    mark = widget.focused_mark()
    if mark is None or not widget.hasFocus():
        return
    iface = QAccessible.queryAccessibleInterface(widget)
    if isinstance(iface, TimelineAccessible):
        bar = iface.bar_for(mark.commitment_id, mark.index)
        if bar is not None:
            QAccessible.updateAccessibility(QAccessibleEvent(bar, QAccessible.Event.Focus))
