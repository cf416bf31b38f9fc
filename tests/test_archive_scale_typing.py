"""Typing in the search box of a 100,000-commitment archive never blocks the window.

Four words are typed at 8 keys a second into the real window's search box while a 10 ms
timer beats on the GUI thread; the widest gap between beats is the longest the window
could not answer. The search and filter run on a worker (``ui/latest_only.py``), so no gap
may exceed LONGEST_STALL_MS (100 ms, as the issue asks), and what the window finally shows
must equal filtering at once.

On a machine with more runnable threads than cores every thread waits its turn, and a worker
running Python keeps the interpreter's lock while it waits: there the limit grows with the
load average per core (the run prints both), so a loaded machine cannot fail the test while
a search that blocks the window still does.

The archive and the heartbeat: ``tests/archive_support.py``.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from bench.bench_table import WORDS
from bench.heartbeat import Heartbeat
from jcct_desktop.core import cancel
from jcct_desktop.core.filtering import Filter, FilterContext, matching_ids
from jcct_desktop.store.reference.search import ReferenceSearch
from tests.archive_support import KEY_GAP_MS, allowed_ms, quiet_before_measuring
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, build_window

pytestmark = [OFFSCREEN_NOISE, pytest.mark.archive_scale]


def test_typing_four_words_never_blocks_the_window(qtbot, tmp_path: Path, archive_data):
    window = build_window(qtbot, archive_data, tmp_path, as_of=AS_OF)
    search = window.filters.search
    window.focus_search()
    quiet_before_measuring(qtbot)
    heart = Heartbeat()
    heart.start()
    for word in WORDS:
        qtbot.keyClick(search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        for key in word:  # the first key replaces the last word
            qtbot.keyClick(search, key)
            qtbot.wait(KEY_GAP_MS)
        qtbot.wait(400)  # a pause: the typing delay passes and the search starts
    qtbot.waitUntil(lambda: not window.filter_pending(), timeout=60_000)
    qtbot.wait(50)  # the result's paint
    longest = heart.stop()
    allowed = allowed_ms()
    print(f"longest stall {longest:.0f} ms (allowed {allowed:.0f} ms)")
    assert search.text() == WORDS[-1]
    assert heart.beats > 100
    assert longest <= allowed, (f"the window stalled {longest:.0f} ms while typing (allowed "
                                f"{allowed:.0f} ms at this machine's load)")
    shown = window.visible_commitment_ids()
    found = matching_ids(Filter(text=WORDS[-1]), FilterContext(
        archive_data.catalog, archive_data.search), AS_OF)
    assert shown == [c.id for c in archive_data.catalog.commitments if c.id in found]
    assert 0 < len(shown) < len(archive_data.catalog.commitments)


def test_a_long_query_is_interrupted_inside_sqlite(archive_data):
    """A search with no index to use (the LIKE path over 100,000 rows) stops part-way when
    its work is cancelled from another thread, long before it would have finished."""
    like = ReferenceSearch(archive_data.search._engine, use_fts=False)
    start = time.perf_counter()
    assert like.commitment_ids("zzqq-nowhere") == set()
    whole = time.perf_counter() - start
    token = cancel.CancelToken()
    threading.Timer(whole / 10, token.cancel).start()
    start = time.perf_counter()
    with cancel.scope(token), pytest.raises(cancel.Cancelled):
        like.commitment_ids("zzqq-nowhere")
    assert time.perf_counter() - start < whole / 2
