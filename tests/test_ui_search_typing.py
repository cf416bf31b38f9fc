"""Typing in the search field: one refilter after a pause, at once on Enter; never per key."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui_support import AS_OF, OFFSCREEN_NOISE, build_window

pytestmark = OFFSCREEN_NOISE


def _count_refilters(window) -> list[int]:
    calls: list[int] = []
    window.visibleChanged.connect(lambda: calls.append(1))
    return calls


def test_several_keystrokes_filter_once_after_the_pause(qtbot, reference, tmp_path):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    calls = _count_refilters(window)
    window.focus_search()
    with qtbot.waitSignal(window.visibleChanged, timeout=5000):
        qtbot.keyClicks(window.filters.search, "software")
    qtbot.waitUntil(lambda: not window.filters.search_pending())
    assert window.current_filter().text == "software"
    shown = window.visible_commitment_ids()
    assert set(shown) == reference.search.commitment_ids("software")
    assert 0 < len(shown) < len(window.catalog.commitments)
    assert len(calls) <= 2  # keys arrive faster than the delay: never one refilter per key


def test_no_refilter_while_typing_and_enter_applies_at_once(qtbot, reference, tmp_path):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    window.filters._typing.setInterval(60_000)  # a typist who never pauses
    calls = _count_refilters(window)
    window.focus_search()
    qtbot.keyClicks(window.filters.search, "software")
    assert calls == [] and window.filters.search_pending()
    everything = len(window.catalog.commitments)
    assert len(window.visible_commitment_ids()) == everything  # not applied yet
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Return)
    assert calls == [1] and not window.filters.search_pending()
    assert 0 < len(window.visible_commitment_ids()) < everything


def test_another_filter_applies_the_typed_text_once(qtbot, reference, tmp_path):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    window.filters._typing.setInterval(60_000)
    calls = _count_refilters(window)
    qtbot.keyClicks(window.filters.search, "software")
    window.filters.deadline_check.setChecked(True)
    assert calls == [1] and not window.filters.search_pending()
    assert window.current_filter().text == "software"


def test_text_set_by_the_program_filters_at_once(qtbot, reference, tmp_path):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    calls = _count_refilters(window)
    window.set_search_text("software")
    assert calls == [1]
    assert 0 < len(window.visible_commitment_ids()) < len(window.catalog.commitments)
