"""Typing while the search warms up (``ui/main_window.py``'s warm-up, ``ui/refilter.prepare``)
never blocks the window of a 100,000-commitment archive.

Two moments an officer types into: just after the window first paints, while the catalog's
part of the warm-up runs (from PREPARE_AT_FIRST_PAINT_FROM commitments it starts then, so
that the first search waits only for what is left of it); and after the idle pause
(WARM_UP_AFTER_IDLE_MS without a key), while the search's rows are read beside the typed
searches. A 10 ms heartbeat on the GUI thread beats meanwhile: no gap may exceed
LONGEST_STALL_MS (scaled by the load, ``tests/archive_support.py``), and the typed search
still shows what filtering at once gives.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bench.heartbeat import Heartbeat
from jcct_desktop.core.filtering import Filter, FilterContext, matching_ids
from jcct_desktop.ui import main_window
from tests.archive_support import KEY_GAP_MS, allowed_ms, quiet_before_measuring
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, build_window

pytestmark = [OFFSCREEN_NOISE, pytest.mark.archive_scale]
WORD = "regulation"


@pytest.fixture
def cold_data(archive_100k: Path):
    """The archive opened afresh: earlier tests warmed the shared one's search rows and
    catalog lookups, and a warm-up finding them made would end before the first key."""
    from jcct_desktop.store.reference.reader import open_reference

    return open_reference(archive_100k)


def _type_word(qtbot, search) -> list[float]:
    """WORD typed at 8 keys a second; when each key was typed."""
    typed: list[float] = []
    for key in WORD:
        qtbot.keyClick(search, key)
        typed.append(time.perf_counter())
        qtbot.wait(KEY_GAP_MS)
    return typed


def _shows_what_filtering_at_once_gives(window, data) -> None:
    shown = window.visible_commitment_ids()
    found = matching_ids(Filter(text=WORD), FilterContext(data.catalog, data.search), AS_OF)
    assert shown == [c.id for c in data.catalog.commitments if c.id in found]
    assert 0 < len(shown) < len(data.catalog.commitments)


def _no_long_stall(heart: Heartbeat, when: str) -> None:
    longest = heart.stop()
    allowed = allowed_ms()
    print(f"{when}: longest stall {longest:.0f} ms (allowed {allowed:.0f} ms)")
    assert heart.beats > 50
    assert longest <= allowed, (f"the window stalled {longest:.0f} ms while typing {when} "
                                f"(allowed {allowed:.0f} ms at this machine's load)")


def test_typing_during_the_idle_warm_up_never_blocks_the_window(qtbot, tmp_path: Path,
                                                                cold_data, monkeypatch):
    # the idle warm-up put off until this test asks for it: the waits below take their time
    idle_ms = main_window.WARM_UP_AFTER_IDLE_MS
    monkeypatch.setattr(main_window, "WARM_UP_AFTER_IDLE_MS", 600_000)
    window = build_window(qtbot, cold_data, tmp_path, as_of=AS_OF)
    search = window.filters.search
    window.focus_search()
    quiet_before_measuring(qtbot)
    warmed: list[float] = []
    window.searcher.warmed.connect(lambda: warmed.append(time.perf_counter()))
    heart = Heartbeat()
    qtbot.waitUntil(lambda: window._painted_once, timeout=10_000)
    with qtbot.waitSignal(window._warm_timer.timeout, timeout=10_000):
        window._warm_timer.start(idle_ms)
    # the pause after the first paint has passed: the warm-up starts now
    heart.start()
    typed = _type_word(qtbot, search)
    qtbot.waitUntil(lambda: bool(warmed), timeout=60_000)
    qtbot.waitUntil(lambda: not window.filter_pending(), timeout=60_000)
    qtbot.wait(50)  # the result's paint
    _no_long_stall(heart, "during the idle warm-up")
    during = sum(t < warmed[0] for t in typed)
    assert during >= 3, f"only {during} keys typed before the warm-up ended: little measured"
    _shows_what_filtering_at_once_gives(window, cold_data)


def test_typing_at_once_after_the_first_paint_never_blocks_the_window(qtbot, tmp_path: Path,
                                                                      cold_data, monkeypatch):
    assert len(cold_data.catalog.commitments) >= main_window.PREPARE_AT_FIRST_PAINT_FROM
    parts: list[tuple[float, float]] = []  # the catalog's part: when it ran
    made = main_window.prepare

    def timed_prepare(*args, **kwargs):
        start = time.perf_counter()
        try:
            return made(*args, **kwargs)
        finally:
            parts.append((start, time.perf_counter()))

    monkeypatch.setattr(main_window, "prepare", timed_prepare)
    monkeypatch.setattr(main_window, "WARM_UP_AFTER_IDLE_MS", 600_000)  # this part only
    quiet_before_measuring(qtbot)
    window = build_window(qtbot, cold_data, tmp_path, as_of=AS_OF, show=False)
    search = window.filters.search
    heart = Heartbeat()
    window.show()
    qtbot.waitUntil(lambda: window._painted_once, timeout=10_000)
    window.activateWindow()
    window.focus_search()
    heart.start()
    typed = _type_word(qtbot, search)
    qtbot.waitUntil(lambda: not window.filter_pending(), timeout=60_000)
    qtbot.wait(50)  # the result's paint
    _no_long_stall(heart, "just after the first paint")
    assert parts, "the catalog's part never ran"
    assert typed[0] < parts[0][1], "the catalog's part ended before the first key"
    _shows_what_filtering_at_once_gives(window, cold_data)
