"""The "No date stated" band: a selected commitment is highlighted there too, and the as-of
line, which marks a day, stops above the band (its milestones have no days)."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor, QImage

from jcct_desktop.ui.graphics import as_of_colour
from jcct_desktop.ui.timeline import TimelineWidget, build_layout
from jcct_desktop.ui.timeline.layout import LANE_HEIGHT, UNDATED_BAND
from jcct_desktop.ui.timeline.paint import SELECTED_LANE
from tests.ui_support import OFFSCREEN_NOISE

AS_OF = date(2012, 6, 15)


def _whole_timeline(qtbot, catalog, selected: str) -> tuple[TimelineWidget, QImage]:
    widget = TimelineWidget(catalog)
    qtbot.addWidget(widget)
    layout = build_layout(catalog)
    widget.resize(1000, widget.viewport.content_height(layout.lane_count) + 4)
    widget.set_layout(layout)
    widget.set_as_of(AS_OF)
    widget.set_selected(selected)
    widget.show()
    qtbot.waitExposed(widget)
    return widget, widget.grab().toImage()


def _near(image: QImage, x: int, y: int, colour: QColor, tolerance: int = 40) -> bool:
    got = image.pixelColor(x, y)
    return all(abs(a - b) <= tolerance for a, b in zip(
        (got.red(), got.green(), got.blue()), (colour.red(), colour.green(), colour.blue()),
        strict=True))


@OFFSCREEN_NOISE
def test_selecting_a_commitment_highlights_both_of_its_lanes(qtbot, catalog):
    widget, image = _whole_timeline(qtbot, catalog, "2011-IPRND-1")
    layout, vp = widget.layout_data, widget.viewport
    dated, undated = layout.lanes_of_commitment("2011-IPRND-1")
    assert undated == layout.undated_lane_of["2011-IPRND-1"]
    assert layout.bands[-1].label == UNDATED_BAND and undated >= layout.undated_first_lane
    right = vp.width - 4  # beyond every bar and label, only the lane's background
    for lane in (dated, undated):
        assert _near(image, right, vp.lane_top(lane) + 2, SELECTED_LANE, 2), lane
    other = layout.undated_lane_of.get("2011-SOFT-1", layout.lanes_of["2011-SOFT-1"])
    assert not _near(image, right, vp.lane_top(other) + 2, SELECTED_LANE, 2)


@OFFSCREEN_NOISE
def test_a_commitment_only_undated_highlights_its_one_lane(qtbot, catalog):
    widget, image = _whole_timeline(qtbot, catalog, "2011-CD-1")
    layout, vp = widget.layout_data, widget.viewport
    (lane,) = layout.lanes_of_commitment("2011-CD-1")
    assert lane >= layout.undated_first_lane
    assert _near(image, vp.width - 4, vp.lane_top(lane) + 2, SELECTED_LANE, 2)


@OFFSCREEN_NOISE
def test_the_as_of_line_stops_above_the_undated_band(qtbot, catalog):
    widget, image = _whole_timeline(qtbot, catalog, "2011-IPRND-1")
    layout, vp = widget.layout_data, widget.viewport
    x = round(vp.x_of(AS_OF.toordinal() + 0.5))
    band_top = vp.lane_top(layout.undated_first_lane)
    band_bottom = band_top + layout.bands[-1].lane_count * LANE_HEIGHT
    red = as_of_colour()

    def line_pixels(top: int, bottom: int) -> int:
        return sum(_near(image, col, y, red) for y in range(top, bottom)
                   for col in range(x - 2, x + 3))

    assert line_pixels(vp.lane_top(0), band_top - 1) > LANE_HEIGHT  # drawn over the dated lanes
    assert line_pixels(band_top + 1, band_bottom) == 0
