"""The timeline: layout arithmetic in plain Python, and the widget's zoom, pan and keys."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from jcct_desktop.ui.timeline import TimelineWidget, Viewport, build_layout
from jcct_desktop.ui.timeline.layout import AXIS_HEIGHT, GUTTER_WIDTH, LANE_HEIGHT
from tests.ui_support import OFFSCREEN_NOISE


def test_lanes_group_by_sector_and_keep_commitments_together(catalog):
    layout = build_layout(catalog)
    with_deadlines = [c for c in catalog.commitments if c.milestones]
    assert {m.commitment_id for m in layout.marks} == {c.id for c in with_deadlines}
    for c in with_deadlines:  # dated ones on one lane; undated ones in the last band
        assert len({m.lane for m in layout.marks_of(c.id) if m.dated}) <= 1
    firsts = [b.first_lane for b in layout.bands]
    assert firsts == sorted(firsts) and layout.lane_count == sum(b.lane_count for b in
                                                                 layout.bands)
    assert build_layout(catalog, {"2011-SOFT-2"}).lane_count == 1


def test_viewport_maps_days_and_zooms_around_the_anchor():
    vp = Viewport(width=GUTTER_WIDTH + 1000, height=400)
    vp.fit((date(2012, 1, 1).toordinal(), date(2013, 1, 1).toordinal()))
    assert vp.x_of(date(2011, 12, 1).toordinal()) == GUTTER_WIDTH
    anchor = GUTTER_WIDTH + 400
    day = vp.day_at(anchor)
    vp.zoom(2.0, anchor)
    assert abs(vp.day_at(anchor) - day) < 1e-6
    assert vp.lane_at(AXIS_HEIGHT + LANE_HEIGHT * 3 + 1) == 3


def test_hits_find_the_mark_under_its_centre(catalog):
    layout = build_layout(catalog)
    vp = Viewport(width=1400, height=AXIS_HEIGHT + LANE_HEIGHT * (layout.lane_count + 1))
    vp.fit(layout.span)
    for mark in layout.marks:
        assert mark in vp.hits(layout, *vp.mark_centre(mark))
    assert vp.hits(layout, 5, AXIS_HEIGHT + 5) == []  # the gutter is not a mark


def _wheel(widget, x: int, y: int, dy: int, modifiers=Qt.KeyboardModifier.NoModifier):
    pos = QPointF(x, y)
    event = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(), QPoint(0, dy),
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


@OFFSCREEN_NOISE
def test_wheel_and_keys_zoom_pan_and_fit(qtbot, catalog):
    widget = TimelineWidget(catalog)
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.set_layout(build_layout(catalog))
    fitted = widget.viewport.days_per_px
    with qtbot.waitSignal(widget.painted):
        widget.show()
    _wheel(widget, 600, 150, 120)
    assert widget.viewport.days_per_px < fitted
    start = widget.viewport.start
    _wheel(widget, 600, 150, 120, Qt.KeyboardModifier.ShiftModifier)
    assert widget.viewport.start != start
    _wheel(widget, 50, 150, -120)  # over the labels: scroll the rows
    assert widget.viewport.scroll_y > 0
    qtbot.keyClick(widget, Qt.Key.Key_Home)
    assert widget.viewport.days_per_px == fitted
    qtbot.keyClick(widget, Qt.Key.Key_Plus)
    assert widget.viewport.days_per_px < fitted
    widget.set_selected("2011-EXP-1")
    lane = widget.layout_data.lanes_of["2011-EXP-1"]
    assert lane in widget.viewport.visible_lanes(widget.layout_data.lane_count)


def test_a_bar_too_short_for_its_glyph_shows_the_glyph_beside_it(qtbot):
    """Issue 27: a short bar was colour only. Its glyph is drawn just after it, in the
    standing's colour, where the chart is otherwise blank."""
    from PySide6.QtGui import QColor, QImage, QPainter

    from jcct_desktop.core.deadlines import DateWindow, Precision
    from jcct_desktop.core.model import Milestone
    from jcct_desktop.core.standing import standing_book
    from jcct_desktop.core.standing_words import LOOKS
    from jcct_desktop.ui.timeline import paint
    from jcct_desktop.ui.timeline.layout import Mark, TimelineLayout

    window = DateWindow(date(2012, 6, 1), date(2012, 6, 3), Precision.DAY)
    mark = Mark("2099-S-1", 0, Milestone("by 3 June", "by 3 June", "short", window), 0)
    layout = TimelineLayout(marks=[mark], by_lane=[[mark]], lane_count=1,
                            lanes_of={"2099-S-1": 0})
    vp = Viewport(width=900, height=120, start=float(date(2012, 1, 1).toordinal()),
                  days_per_px=3.0)
    image = QImage(900, 120, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    book = standing_book((), {}, date(2012, 1, 15))  # not in the book: "no deadline"
    paint.paint_marks(p, vp, layout, book, None)
    p.end()
    left, top, right, bottom = vp.mark_rect(mark)
    assert right - left < 8  # too short for any glyph inside
    ink = QColor(LOOKS[paint.mark_standing(book, mark).value].colour)
    beside = [image.pixelColor(x, y) for x in range(int(right) + 2, int(right) + 16)
              for y in range(int(top), int(bottom))]
    darkest = min(beside, key=lambda c: c.lightness())
    assert darkest.lightness() < 160  # something is drawn there, not a blank chart
    # in the standing's grey (antialiasing only lightens a small glyph)
    assert abs(darkest.red() - darkest.blue()) < 30 and darkest.lightness() >= ink.lightness()
