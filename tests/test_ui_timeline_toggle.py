"""View → Deadline timeline (Ctrl+Shift+T) hides the timeline, its room going to the text and
notes; remembered across runs; the window's first paint (which the start-up backup waits for)
still comes without it."""

from __future__ import annotations

from tests.ui_support import OFFSCREEN_NOISE, build_window, temp_settings

pytestmark = OFFSCREEN_NOISE


def test_the_timeline_can_be_hidden_and_stays_so(qtbot, reference, tmp_path, service):
    settings = temp_settings(tmp_path)

    # build_window, not the make_window fixture: both windows share one settings object (a
    # second run), and the second is shown here to catch its first paint.
    def window(**extra):
        return build_window(qtbot, reference, tmp_path, annotations=service, settings=settings,
                            **extra)

    first = window(size=(800, 470))
    detail_before = first.detail.height()
    first.actions_by_name["show_timeline"].trigger()
    qtbot.waitUntil(lambda: not first.timeline.isVisible())
    qtbot.waitUntil(lambda: first.detail.height() > detail_before)
    first.close()
    second = window(show=False)
    assert not second.actions_by_name["show_timeline"].isChecked()
    with qtbot.waitSignal(second.firstPainted, timeout=5000):
        second.show()
    assert not second.timeline.isVisible()
    second.actions_by_name["show_timeline"].trigger()
    assert second.timeline.isVisible()
