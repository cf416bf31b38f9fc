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
    one when nothing is focused yet."""
    order = sorted(layout.lanes_of, key=layout.lanes_of.__getitem__)
    if not order:
        return None
    if current is None or current not in layout.lanes_of:
        return order[0] if sign > 0 else order[-1]
    index = order.index(current) + sign
    return order[max(0, min(len(order) - 1, index))]


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
