"""Pane shares at 1280×720 with no saved layout, and saved layouts kept as they were."""

from __future__ import annotations

from jcct_desktop.ui.main_window import MainWindow
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, temp_settings

pytestmark = OFFSCREEN_NOISE


def _open(qtbot, reference, folder, size=(1280, 720)) -> MainWindow:
    window = MainWindow(reference.catalog, reference.search, settings=temp_settings(folder),
                        as_of=AS_OF)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


def _share(sizes: list[int], i: int) -> float:
    return sizes[i] / sum(sizes)


def test_small_screen_defaults_give_the_timeline_about_a_third(qtbot, reference, tmp_path):
    window = _open(qtbot, reference, tmp_path)
    outer = window.splitters["outer"].sizes()
    assert 0.27 <= _share(outer, 1) <= 0.33, outer  # was ~0.42 at this size
    top = window.splitters["top"].sizes()
    assert 0.27 <= _share(top, 0) <= 0.33, top
    detail = window.splitters["detail"].sizes()
    assert 0.52 <= _share(detail, 0) <= 0.62, detail
    assert window.pending_proportions == []


def test_a_saved_layout_is_respected(qtbot, reference, tmp_path):
    window = _open(qtbot, reference, tmp_path)
    outer = window.splitters["outer"]
    total = sum(outer.sizes())
    outer.setSizes([total - 300, 300])  # the officer likes a tall timeline
    saved = outer.sizes()
    window.close()
    again = _open(qtbot, reference, tmp_path)
    assert again.pending_proportions == []
    assert abs(again.splitters["outer"].sizes()[1] - saved[1]) <= 2
