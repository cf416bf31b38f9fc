"""The status bar at 1024 wide: a message is shown in full, the counts making way."""

from __future__ import annotations

import pytest

from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CID = "2011-SOFT-2"


@pytest.fixture
def window(make_window):
    """The main window at 1024×740, the small screen these checks are about."""
    return make_window(size=(1024, 740))


def test_a_status_message_is_read_in_full_at_1024_wide(window, qtbot):
    bar = window.statusBar()
    assert window.width() <= 1024
    assert window.counts.isVisible() and window.counts.text()
    message = "Starred 2011-SOFT-2 for your briefing (Ctrl+D again takes the star off)"
    bar.showMessage(message, 4000)
    assert not window.counts.isVisible()  # the counts make way while it shows
    room = bar.width() - 2 * bar.style().pixelMetric(bar.style().PixelMetric.PM_LayoutLeftMargin)
    assert bar.fontMetrics().horizontalAdvance(message) <= room
    bar.clearMessage()
    assert window.counts.isVisible()
