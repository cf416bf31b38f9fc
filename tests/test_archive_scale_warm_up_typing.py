"""Typing while the search warms up (``ui/main_window.py``'s warm-up, ``ui/refilter.prepare``)
never blocks the window of a 100,000-commitment archive.

The warm-up starts after WARM_UP_AFTER_IDLE_MS without a key; an officer who types just then
types while it runs, about a second of work on the search thread at this size. A 10 ms
heartbeat on the GUI thread beats meanwhile: no gap may exceed LONGEST_STALL_MS (scaled by the
load, ``tests/archive_support.py``), and the typed search still shows what filtering at once
gives.
"""

from __future__ import annotations

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


def test_typing_during_the_warm_up_never_blocks_the_window(qtbot, tmp_path: Path,
                                                           cold_data, monkeypatch):
    archive_data = cold_data
    # the warm-up put off until this test asks for it: the waits below take their time
    idle_ms = main_window.WARM_UP_AFTER_IDLE_MS
    monkeypatch.setattr(main_window, "WARM_UP_AFTER_IDLE_MS", 600_000)
    window = build_window(qtbot, archive_data, tmp_path, as_of=AS_OF)
    search = window.filters.search
    window.focus_search()
    quiet_before_measuring(qtbot)
    warmed: list[bool] = []
    window.searcher.warmed.connect(lambda: warmed.append(True))
    heart = Heartbeat()
    qtbot.waitUntil(lambda: window._painted_once, timeout=10_000)
    with qtbot.waitSignal(window._warm_timer.timeout, timeout=10_000):
        window._warm_timer.start(idle_ms)
    # the pause after the first paint has passed: the warm-up starts now
    heart.start()
    for key in WORD:
        qtbot.keyClick(search, key)
        qtbot.wait(KEY_GAP_MS)
    typed_during_warm_up = not warmed
    qtbot.waitUntil(lambda: bool(warmed), timeout=60_000)
    qtbot.waitUntil(lambda: not window.filter_pending(), timeout=60_000)
    qtbot.wait(50)  # the result's paint
    longest = heart.stop()
    allowed = allowed_ms()
    print(f"longest stall {longest:.0f} ms (allowed {allowed:.0f} ms)")
    assert typed_during_warm_up, "the warm-up ended before the last key: nothing measured"
    assert heart.beats > 50
    assert longest <= allowed, (f"the window stalled {longest:.0f} ms while typing during the "
                                f"warm-up (allowed {allowed:.0f} ms at this machine's load)")
    shown = window.visible_commitment_ids()
    found = matching_ids(Filter(text=WORD), FilterContext(
        archive_data.catalog, archive_data.search), AS_OF)
    assert shown == [c.id for c in archive_data.catalog.commitments if c.id in found]
    assert 0 < len(shown) < len(archive_data.catalog.commitments)
