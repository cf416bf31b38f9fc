"""Pane shares at 1280×720 with no saved layout, and saved layouts kept as they were."""

from __future__ import annotations

from jcct_desktop.ui.main_window import MainWindow
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


def _open(make_window, size=(1280, 720)) -> MainWindow:
    return make_window(size=size, annotations=None)


def _share(sizes: list[int], i: int) -> float:
    return sizes[i] / sum(sizes)


def test_small_screen_defaults_give_the_timeline_about_a_third(make_window):
    window = _open(make_window)
    outer = window.splitters["outer"].sizes()
    assert 0.27 <= _share(outer, 1) <= 0.33, outer  # was ~0.42 at this size
    top = window.splitters["top"].sizes()
    assert 0.27 <= _share(top, 0) <= 0.33, top
    detail = window.splitters["detail"].sizes()
    assert 0.52 <= _share(detail, 0) <= 0.62, detail
    assert window.pending_proportions == []


def test_a_saved_layout_is_respected(make_window):
    window = _open(make_window)
    outer = window.splitters["outer"]
    total = sum(outer.sizes())
    outer.setSizes([total - 300, 300])  # the officer likes a tall timeline
    saved = outer.sizes()
    window.close()
    again = _open(make_window)
    assert again.pending_proportions == []
    assert abs(again.splitters["outer"].sizes()[1] - saved[1]) <= 2
