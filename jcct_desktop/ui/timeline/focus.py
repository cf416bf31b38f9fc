"""Keyboard focus in the timeline: which commitment's bars Up/Down have reached, and how the
timeline shows that it has focus (a frame round the widget, a dashed box round the lane).

Enter opens the focused commitment as a click on its bar would.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from jcct_desktop.ui.timeline.layout import LANE_HEIGHT, Mark, TimelineLayout, Viewport

FOCUS = QColor("#2f5d8a")  # the fields' focus colour in app.qss


def step(layout: TimelineLayout, current: str | None, sign: int) -> str | None:
    """The commitment one lane up (sign -1) or down (+1) from ``current``; the first or last
    one when nothing is focused yet. Commitments are ordered by lane, then by source order
    within a lane; only the lanes passed are read (a layout lays out a band when read)."""
    if current is None or current not in layout.lanes_of:
        lanes = range(layout.lane_count) if sign > 0 else range(layout.lane_count - 1, -1, -1)
        for lane in lanes:
            ids = _on_lane(layout, lane)
            if ids:
                return ids[0] if sign > 0 else ids[-1]
        return None
    lane = layout.lanes_of[current]
    ids = _on_lane(layout, lane)
    k = ids.index(current) + sign
    while not 0 <= k < len(ids):  # past this lane's commitments: the next lane that has any
        lane += sign
        if not 0 <= lane < layout.lane_count:
            return current  # the first or the last stays where it is
        ids = _on_lane(layout, lane)
        k = 0 if sign > 0 else len(ids) - 1
    return ids[k]


def _on_lane(layout: TimelineLayout, lane: int) -> list[str]:
    """The commitments whose lane this is, in source order (a commitment with dated and
    undated milestones belongs to its dated lane)."""
    ids = dict.fromkeys(m.commitment_id for m in layout.by_lane[lane])
    return [cid for cid in ids if layout.lanes_of.get(cid) == lane]


def paint_focus(p: QPainter, vp: Viewport, layout: TimelineLayout, focused: str | None,
                mark: Mark | None = None) -> None:
    """The frame, a dashed box round the focused lane and a solid one round the milestone
    Left/Right reached."""
    p.save()
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(FOCUS, 2))
    p.drawRect(QRectF(1, 1, vp.width - 2, vp.height - 2))
    # the lane of the milestone Left/Right reached: an undated one is in the last band
    lane = mark.lane if mark is not None else layout.lanes_of.get(focused or "")
    if lane is not None and lane in vp.visible_lanes(layout.lane_count):
        pen = QPen(FOCUS, 1.5, Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawRect(QRectF(vp.chart_left - 3, vp.lane_top(lane) + 1,
                          vp.chart_width - 2, LANE_HEIGHT - 2))
        if mark is not None:
            left, top, right, bottom = vp.mark_rect(mark)
            p.setPen(QPen(FOCUS, 2))
            p.drawRect(QRectF(left - 3, top - 3, right - left + 6, bottom - top + 6))
    p.restore()
