"""The as-of badge never hides an axis label, at any zoom, and stays readable off screen."""

from __future__ import annotations

from datetime import date

import pytest

from jcct_desktop.ui.timeline import TimelineWidget, Viewport, build_layout, paint
from jcct_desktop.ui.timeline.axis import (
    ROW,
    Rect,
    badge_rect,
    badge_text,
    month_labels,
    year_labels,
)
from jcct_desktop.ui.timeline.layout import AXIS_HEIGHT, GUTTER_WIDTH
from tests.ui_support import OFFSCREEN_NOISE

AS_OF = date(2012, 1, 15)


def _measure(text: str) -> float:
    return 7.0 * len(text)  # about a 9-point sans serif


def _place(vp: Viewport, as_of: date) -> tuple[Rect, list]:
    labels = year_labels(vp, _measure, 14) + month_labels(vp, _measure, 14)
    text = badge_text(vp, as_of)
    return badge_rect(vp, as_of, _measure(text) + 12, 16, labels), labels


def _assert_clear(vp: Viewport, box: Rect, labels: list) -> None:
    assert not any(box.intersects(label.ink) for label in labels), (box, labels)
    assert vp.chart_left <= box.left and box.right <= vp.width  # over the chart, on screen
    assert box.top >= 0 and box.bottom <= vp.height


def test_the_badge_sits_in_the_year_row_beside_its_line_at_the_fitted_zoom(catalog):
    vp = Viewport(width=GUTTER_WIDTH + 1190, height=300)
    vp.fit(build_layout(catalog).span)
    box, labels = _place(vp, AS_OF)
    _assert_clear(vp, box, labels)
    assert box.bottom <= ROW  # the year row, not over the chart
    assert "2011" in {label.text for label in labels}  # the old badge hid this one


@pytest.mark.parametrize("width", [GUTTER_WIDTH + 420, GUTTER_WIDTH + 800, GUTTER_WIDTH + 1400])
@pytest.mark.parametrize("as_of", [date(2011, 11, 1), AS_OF, date(2012, 12, 30),
                                   date(2014, 1, 2), date(2030, 6, 1)])
def test_no_axis_label_is_hidden_at_any_zoom(catalog, width, as_of):
    vp = Viewport(width=width, height=260)
    span = build_layout(catalog).span
    for factor in (1 / 1.5 ** 4, 1 / 1.5 ** 2, 1, 1.5, 1.5 ** 3, 1.5 ** 6, 1.5 ** 9):
        vp.fit(span)
        vp.zoom(factor, vp.x_of(AS_OF.toordinal()))
        box, labels = _place(vp, as_of)
        _assert_clear(vp, box, labels)
        if box.top >= AXIS_HEIGHT:  # no room in the year row: the bottom of the chart
            assert box.bottom == vp.height - 2


def test_off_screen_the_badge_points_the_way():
    vp = Viewport(width=GUTTER_WIDTH + 800, height=260)
    vp.fit((date(2013, 1, 1).toordinal(), date(2013, 12, 31).toordinal()))
    assert badge_text(vp, AS_OF) == "← as of 2012-01-15"
    assert badge_text(vp, date(2015, 1, 1)) == "as of 2015-01-01 →"
    box, labels = _place(vp, AS_OF)
    _assert_clear(vp, box, labels)
    assert box.left - vp.chart_left <= 3  # pinned to the edge it points past


@OFFSCREEN_NOISE
def test_the_painted_badge_clears_the_real_labels(qtbot, catalog, monkeypatch):
    placed: list[tuple[Rect, list]] = []

    def spy(vp, as_of, width, height, labels):
        box = badge_rect(vp, as_of, width, height, labels)
        placed.append((box, labels))
        return box

    monkeypatch.setattr(paint, "badge_rect", spy)
    widget = TimelineWidget(catalog)
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.set_layout(build_layout(catalog))
    widget.set_as_of(AS_OF)
    with qtbot.waitSignal(widget.painted):
        widget.show()
    for zoom in (widget.zoom_out, widget.zoom_out, widget.zoom_in, widget.zoom_in,
                 widget.zoom_in, widget.zoom_in):
        with qtbot.waitSignal(widget.painted):
            zoom()
    assert len(placed) >= 7
    for box, labels in placed:
        _assert_clear(widget.viewport, box, labels)
        assert {label.text for label in labels if label.span.top < ROW}  # years were drawn


def test_with_months_too_narrow_to_name_the_badge_takes_the_month_row(catalog):
    """200% on 1600×1000 (QA): the year row is full beside the line and months carry no
    names, so the badge sits in the empty month row instead of over a lane's bars."""
    vp = Viewport(width=GUTTER_WIDTH + 330, height=200)
    vp.fit(build_layout(catalog).span)
    assert month_labels(vp, _measure, 14) == []  # too narrow to name months
    box, labels = _place(vp, date(2012, 7, 15))
    _assert_clear(vp, box, labels)
    assert box.bottom <= AXIS_HEIGHT  # in the axis, over no bar
