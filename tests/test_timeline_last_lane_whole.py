"""The timeline's last lane (the "No date stated" band's last row) is never left half cut off:
scrolled to show a commitment near the end, the chart goes to the very end, and the scroll
range always reaches the last lane's bottom. Checked on the widget at heights that are not a
whole number of lanes, and on its picture rendered at a device pixel ratio of 2."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QColor, QImage

from jcct_desktop.ui.timeline.layout import AXIS_HEIGHT, LANE_HEIGHT, UNDATED_BAND
from tests.ui_support import OFFSCREEN_NOISE, build_window

pytestmark = OFFSCREEN_NOISE
AS_OF = date(2012, 6, 15)


@pytest.mark.parametrize("height", [AXIS_HEIGHT + 5 * LANE_HEIGHT + 5,
                                    AXIS_HEIGHT + 4 * LANE_HEIGHT + 19, 125])
def test_the_last_undated_lane_shows_whole(qtbot, reference, tmp_path, height):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    timeline = window.timeline
    timeline.setFixedHeight(height)
    qtbot.waitUntil(lambda: timeline.height() == height)
    layout, vp = timeline.layout_data, timeline.viewport
    (band,) = [b for b in layout.bands if b.label == UNDATED_BAND]
    last = band.first_lane + band.lane_count - 1
    assert last == layout.lane_count - 1 and band.lane_count >= 2
    # the scroll range reaches the last lane's bottom exactly
    assert timeline._bar.maximum() == vp.max_scroll(layout.lane_count)
    timeline._bar.setValue(timeline._bar.maximum())
    assert vp.lane_top(last) + LANE_HEIGHT == vp.height
    # a commitment in the band's last row but one, selected: its lane shows, and the last
    # lane is not left cut off below it
    timeline._bar.setValue(0)
    (before_last,) = [cid for cid, lane in layout.lanes_of.items() if lane == last - 1] or \
        [cid for cid, lane in layout.undated_lane_of.items() if lane == last - 1]
    window.select_commitment(before_last)
    top = vp.lane_top(last - 1)
    assert top >= AXIS_HEIGHT and top + LANE_HEIGHT <= vp.height
    bottom = vp.lane_top(last) + LANE_HEIGHT
    assert bottom <= vp.height or vp.lane_top(last) >= vp.height  # whole, or not at all
    # rendered at a device pixel ratio of 2: the last lane's row is painted inside the picture
    image = QImage(timeline.width() * 2, timeline.height() * 2, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(2)
    image.fill(QColor("white"))
    timeline.render(image)
    if bottom <= vp.height:
        row = int(vp.lane_top(last) + LANE_HEIGHT / 2) * 2
        marker_x = int(vp.chart_left + 12) * 2  # inside the first undated marker
        assert image.pixelColor(marker_x, row) != QColor("white")
