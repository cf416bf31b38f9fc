"""Drawing the timeline with QPainter: axis, sector bands, marks, the as-of line.

Only the lanes and bands on screen are read and drawn, so a repaint costs the same for 40 or
100,000 commitments.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen, QPolygonF

from jcct_desktop.core.model import NO_DEADLINE_STATED
from jcct_desktop.core.standing import Standing, StandingAsOf, StandingBook
from jcct_desktop.core.standing_words import glyph
from jcct_desktop.ui.annotations.marks import STAR
from jcct_desktop.ui.graphics import as_of_colour, draw_marker, state_colour
from jcct_desktop.ui.timeline.axis import (
    Label,
    Rect,
    badge_rect,
    badge_text,
    grid_days,
    month_labels,
    year_labels,
    year_step,
)
from jcct_desktop.ui.timeline.layout import (
    AXIS_HEIGHT,
    LANE_HEIGHT,
    UNDATED_GAP,
    UNDATED_WIDTH,
    Mark,
    TimelineLayout,
    Viewport,
)

GRID = QColor("#e6e8eb")
YEAR_GRID = QColor("#c9ced4")
TEXT = QColor("#2b2f33")
MUTED = QColor("#6b737c")
BAND_SHADE = QColor("#f7f8fa")
GUTTER = QColor("#f1f3f5")
SELECTED_LANE = QColor("#dceafb")
OUTLINE = QColor("#1b1b1b")


def paint_background(p: QPainter, vp: Viewport, layout: TimelineLayout,
                     selected_lanes: Collection[int] = ()) -> None:
    p.fillRect(0, 0, vp.width, vp.height, Qt.GlobalColor.white)
    lanes = vp.visible_lanes(layout.lane_count)
    for i, band in layout.bands_on(lanes):  # the bands on screen, not all 28,000 of an archive
        top = vp.lane_top(band.first_lane)
        height = band.lane_count * LANE_HEIGHT
        if i % 2:
            p.fillRect(QRectF(0, top, vp.width, height), BAND_SHADE)
    for lane in selected_lanes:  # a commitment with undated milestones has a second lane
        if lane in lanes:
            p.fillRect(QRectF(0, vp.lane_top(lane), vp.width, LANE_HEIGHT), SELECTED_LANE)


def paint_grid_and_axis(p: QPainter, vp: Viewport) -> None:
    px_per_month = 30.4 / vp.days_per_px
    p.fillRect(QRectF(vp.chart_left, 0, vp.chart_width, AXIS_HEIGHT), QColor("#fbfbfc"))
    step = year_step(vp, QFontMetrics(p.font()).horizontalAdvance("0000"))
    for d in grid_days(vp.start, vp.end, months_too=px_per_month >= 6, year_step=step):
        x = vp.x_of(d.toordinal())
        year_start = d.month == 1
        p.setPen(QPen(YEAR_GRID if year_start else GRID, 1))
        p.drawLine(QPointF(x, AXIS_HEIGHT / 2 if not year_start else 0), QPointF(x, vp.height))
    for colour, labels in ((MUTED, axis_month_labels(p, vp)), (TEXT, axis_year_labels(p, vp))):
        p.setPen(colour)
        for label in labels:
            p.drawText(_qrect(label.span), Qt.AlignmentFlag.AlignCenter, label.text)
    p.setPen(QPen(YEAR_GRID, 1))
    p.drawLine(QPointF(vp.chart_left, AXIS_HEIGHT - 0.5), QPointF(vp.width, AXIS_HEIGHT - 0.5))


def _qrect(r: Rect) -> QRectF:
    return QRectF(r.left, r.top, r.right - r.left, r.bottom - r.top)


def axis_year_labels(p: QPainter, vp: Viewport) -> list[Label]:
    fm = QFontMetrics(p.font())
    return year_labels(vp, fm.horizontalAdvance, fm.height())


def axis_month_labels(p: QPainter, vp: Viewport) -> list[Label]:
    fm = QFontMetrics(p.font())
    return month_labels(vp, fm.horizontalAdvance, fm.height())


MET_ON = (Standing.MET, Standing.PARTLY_MET)  # a marker shows the day these were met
MET_RADIUS = 6.5
LABEL_ROOM = 90  # px a day mark's label takes beside it


def paint_marks(p: QPainter, vp: Viewport, layout: TimelineLayout, book: StandingBook,
                selected: str | None, short_ids: bool = True,
                starred: Collection[str] = ()) -> None:
    """Each milestone in its standing's colour, its glyph in the label (colour never alone),
    and for a met milestone a marker on the day it was met."""
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    fm = QFontMetrics(p.font())
    for lane in vp.visible_lanes(layout.lane_count):
        marks = layout.by_lane[lane]
        rects = [vp.mark_rect(mark) for mark in marks]
        for i, mark in enumerate(marks):
            left, top, right, bottom = rects[i]
            standing = mark_standing(book, mark)
            met_x = None
            if standing.value in MET_ON and standing.since is not None:
                met_x = vp.x_of(standing.since.toordinal() + 0.5)
            if (right < vp.chart_left or left > vp.width) and met_x is None:
                continue
            colour = state_colour(standing.value)
            sign = glyph(standing.value)
            chosen = mark.commitment_id == selected
            p.setPen(QPen(OUTLINE, 2) if chosen else QPen(colour.darker(125), 1))
            p.setBrush(colour)
            if not mark.dated:
                _undated(p, fm, mark, (left, top, right, bottom), len(layout.by_lane[lane]),
                         short_ids, mark.commitment_id in starred, sign)
            elif mark.is_day:
                cx, cy = (left + right) / 2, (top + bottom) / 2
                r = (right - left) / 2
                p.drawPolygon(QPolygonF([QPointF(cx, cy - r), QPointF(cx + r, cy),
                                         QPointF(cx, cy + r), QPointF(cx - r, cy)]))
                x = right + 4
                if met_x is not None and left <= met_x < x + LABEL_ROOM:
                    x = met_x + MET_RADIUS + 4  # the label starts after the "met on" marker
                _label(p, fm, mark, x, top, _room_after(rects, i, x), bottom - top, MUTED,
                       short_ids, mark.commitment_id in starred, sign)
            else:
                p.drawRoundedRect(QRectF(left, top, right - left, bottom - top), 3, 3)
                if sign and fm.horizontalAdvance(sign) > right - left - 8:
                    # too short for its glyph: the glyph goes beside it, in the standing's
                    # colour (4.5:1 on the chart), so colour never stands alone
                    _beside(p, fm, sign, right + 2, top, bottom - top, colour)
                else:
                    _label(p, fm, mark, left + 5, top, right - left - 8, bottom - top,
                           QColor(Qt.GlobalColor.white), short_ids,
                           mark.commitment_id in starred, sign)
            if met_x is not None and vp.chart_left <= met_x <= vp.width:
                _met_marker(p, standing.value, met_x, (top + bottom) / 2)


def _room_after(rects: list[tuple[float, float, float, float]], i: int, x: float) -> float:
    """How wide a day mark's label may be: up to the next mark on its lane (zoomed out, an
    archive's marks sit a few pixels apart and their labels would print over each other)."""
    room = 200.0
    if i + 1 < len(rects):  # the next mark may start under this one: then no label at all
        room = min(room, rects[i + 1][0] - x - 4)
    return room


def _undated(p: QPainter, fm: QFontMetrics, mark: Mark, rect: tuple[float, float, float, float],
             count: int, short_ids: bool, starred: bool, sign: str) -> None:
    """A pinned marker with the standing's glyph; after the lane's last one, once, the
    commitment's id and "no date stated" (the band's own name says it too)."""
    left, top, right, bottom = rect
    p.drawRoundedRect(QRectF(left, top, right - left, bottom - top), 7, 7)
    p.setPen(QColor(Qt.GlobalColor.white))
    p.drawText(QRectF(left, top, right - left, bottom - top), Qt.AlignmentFlag.AlignCenter, sign)
    if mark.slot:
        return
    text = mark.commitment_id.split("-", 1)[1] if short_ids else mark.commitment_id
    if starred:
        text = f"{STAR} {text}"
    x = left + count * (UNDATED_WIDTH + UNDATED_GAP)
    p.setPen(MUTED)
    p.drawText(QRectF(x, top, 400, bottom - top),
               Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
               f"{text} — {NO_DEADLINE_STATED}")


def mark_standing(book: StandingBook, mark: Mark) -> StandingAsOf:
    found = book.by_id.get(mark.commitment_id)
    if found is None or mark.index >= len(found.milestones):
        return book.of("")  # not in the book (e.g. before the first computation)
    return found.milestones[mark.index]


def _met_marker(p: QPainter, value: Standing, x: float, y: float) -> None:
    """A stem and the standing's marker on the day the milestone was met."""
    p.save()
    p.setPen(QPen(OUTLINE, 1))
    p.drawLine(QPointF(x, y - 9), QPointF(x, y + 9))
    p.setPen(QPen(QColor(Qt.GlobalColor.white), 2))
    p.setBrush(QColor(Qt.GlobalColor.white))
    p.drawEllipse(QPointF(x, y), MET_RADIUS, MET_RADIUS)
    draw_marker(p, value, QPointF(x, y), MET_RADIUS - 1)
    p.restore()


def _beside(p: QPainter, fm: QFontMetrics, sign: str, x: float, y: float, h: float,
            colour: QColor) -> None:
    p.setPen(colour)
    p.drawText(QRectF(x, y, fm.horizontalAdvance(sign) + 2, h),
               Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, sign)


def _label(p: QPainter, fm: QFontMetrics, mark: Mark, x: float, y: float, w: float, h: float,
           colour: QColor, short_ids: bool, starred: bool = False, sign: str = "") -> None:
    if mark.index:  # one label per commitment; later milestones show their glyph alone
        if sign and fm.horizontalAdvance(sign) <= w:
            p.setPen(colour)
            p.drawText(QRectF(x, y, w, h),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, sign)
        return
    text = mark.commitment_id.split("-", 1)[1] if short_ids else mark.commitment_id
    if sign:
        text = f"{sign} {text}"
    if starred:  # the officer's star travels with the label
        text = f"{STAR} {text}"
    if fm.horizontalAdvance(text) > w:
        short = STAR if starred else sign  # a short bar still shows the star, else the glyph
        if not short or fm.horizontalAdvance(short) > w:
            return
        text = short
    p.setPen(colour)
    p.drawText(QRectF(x, y, w, h), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
               text)


def paint_as_of(p: QPainter, vp: Viewport, as_of: date, stop_lane: int | None = None) -> None:
    """The as-of line, down to ``stop_lane`` (the "No date stated" band has no days to cross)."""
    colour = as_of_colour()
    x = vp.x_of(as_of.toordinal() + 0.5)
    bottom = vp.height if stop_lane is None else min(vp.height, vp.lane_top(stop_lane))
    if vp.chart_left <= x <= vp.width and bottom > AXIS_HEIGHT / 2:
        p.setPen(QPen(colour, 1.5, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(x, AXIS_HEIGHT / 2), QPointF(x, bottom))
    p.setClipping(False)
    # placed where it hides no axis label; off screen it still shows, with an arrow
    fm = QFontMetrics(p.font())
    text = badge_text(vp, as_of)
    w, h = fm.horizontalAdvance(text) + 12, fm.height() + 2
    labels = axis_year_labels(p, vp) + axis_month_labels(p, vp)
    box = _qrect(badge_rect(vp, as_of, w, h, labels))
    p.setPen(QPen(QColor(Qt.GlobalColor.white), 1))  # a white rim keeps it apart from bars
    p.setBrush(colour)
    p.drawRoundedRect(box, h / 2, h / 2)
    p.setPen(Qt.GlobalColor.white)
    p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def paint_gutter(p: QPainter, vp: Viewport, layout: TimelineLayout) -> None:
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    p.fillRect(QRectF(0, AXIS_HEIGHT, vp.chart_left, vp.height), GUTTER)
    fm = QFontMetrics(p.font())
    for _i, band in layout.bands_on(vp.visible_lanes(layout.lane_count)):
        top = vp.lane_top(band.first_lane)
        p.setPen(QPen(GRID, 1))
        p.drawLine(QPointF(0, top), QPointF(vp.width, top))
        label = fm.elidedText(band.label, Qt.TextElideMode.ElideRight, vp.chart_left - 20)
        p.setPen(TEXT)
        p.drawText(QRectF(12, top, vp.chart_left - 20, LANE_HEIGHT),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)
    p.fillRect(QRectF(0, 0, vp.chart_left, AXIS_HEIGHT), GUTTER)
    p.setPen(MUTED)
    p.drawText(QRectF(12, 0, vp.chart_left - 20, AXIS_HEIGHT),
               Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, "Sector")
    p.setPen(QPen(YEAR_GRID, 1))
    p.drawLine(QPointF(vp.chart_left - 0.5, 0), QPointF(vp.chart_left - 0.5, vp.height))


def paint_empty(p: QPainter, vp: Viewport, message: str) -> None:
    p.setPen(MUTED)
    p.drawText(QRectF(vp.chart_left, AXIS_HEIGHT, vp.chart_width, vp.height - AXIS_HEIGHT),
               Qt.AlignmentFlag.AlignCenter, message)
