"""The one collector pause of the app (``ui.long_work``), with and without freezing.

A worker's long-lived products (a catalog's tables, the notes read again) are frozen when the
last pause ends, so no later collection walks them; a keystroke's search (``ui.latest_only``)
pauses without freezing, since its results are replaced at the next key and frozen objects
are never cycle-collected. Pauses nest across threads: one ending never turns the collector
back on under another still open.
"""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from jcct_desktop.ui import collector_handoff, latest_only, long_work
from jcct_desktop.ui.latest_only import LatestOnly


class Node:
    """A cycle: freed by the cyclic collector only."""

    def __init__(self) -> None:
        self.me = self


def _earlier_work_ended() -> None:
    """Work an earlier test left running (a warm-up's part reading on beside a closed window)
    ends first, and a key's pause it handed over is ended: else its pause is still open."""
    for pool in (latest_only._pool(), latest_only._beside_pool(), QThreadPool.globalInstance()):
        pool.waitForDone(60_000)
    app = QApplication.instance()
    if app is not None:
        app.processEvents()  # the workers' reports, their pauses handed over
    collector_handoff.settle()


@pytest.fixture(autouse=True)
def _collector_running():
    _earlier_work_ended()
    assert gc.isenabled() and long_work._pauses[0] == 0
    yield
    assert gc.isenabled() and long_work._pauses[0] == 0


def _cycle() -> weakref.ref[Node]:
    return weakref.ref(Node())


def test_a_freezing_pause_freezes_what_was_made_and_resumes():
    with long_work.collector_paused():
        assert not gc.isenabled()
        made = _cycle()
    assert gc.isenabled()
    gc.collect()
    assert made() is not None  # frozen: no collection walks it
    gc.unfreeze()  # handed back, it is garbage as any other
    gc.collect()
    assert made() is None
    gc.freeze()  # as the process was: earlier tests' objects stay out of the collector's way


def test_a_pause_without_freezing_leaves_its_garbage_collectable():
    frozen_before = gc.get_freeze_count()
    with long_work.collector_paused(freeze=False):
        assert not gc.isenabled()
        made = _cycle()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen_before
    gc.collect()
    assert made() is None


def test_a_keystroke_pause_ending_under_a_packet_pause_keeps_the_collector_off():
    long_work.pause_collector()  # a packet's, say, on another thread
    try:
        with long_work.collector_paused(freeze=False):
            made = _cycle()
        assert not gc.isenabled()  # the packet's pause is still open
    finally:
        long_work.resume_collector()  # the freeze asked by the packet's pause: at its end
    assert gc.isenabled()
    gc.collect()
    assert made() is not None  # frozen with the packet's products
    gc.unfreeze()
    gc.collect()
    assert made() is None
    gc.freeze()


def test_freezing_part_way_freezes_what_was_made_so_far():
    with long_work.collector_paused(freeze=False):
        before = _cycle()
        long_work.freeze_made_so_far()
        after = _cycle()
    gc.collect()
    assert before() is not None and after() is None
    gc.unfreeze()
    gc.collect()
    assert before() is None
    gc.freeze()


def test_freezing_part_way_outside_a_pause_does_nothing():
    made = _cycle()
    long_work.freeze_made_so_far()
    gc.collect()
    assert made() is None


def test_a_typed_search_runs_in_the_shared_pause_and_its_garbage_stays_collectable(qtbot):
    runner = LatestOnly()
    seen: list[tuple[bool, int | bool]] = []
    made: list[weakref.ref[Node]] = []

    def work() -> str:
        seen.append((gc.isenabled(), long_work._pauses[0]))
        made.append(_cycle())
        return "found"

    with qtbot.waitSignal(runner.ready, timeout=10_000) as ready:
        runner.request(work)
    assert ready.args == ["found"]
    assert seen == [(False, 1)]
    qtbot.waitUntil(lambda: long_work._pauses[0] == 0 and gc.isenabled(), timeout=5_000)
    gc.collect()
    assert made[0]() is None


def test_a_typed_search_ending_while_another_thread_pauses_keeps_the_collector_off(qtbot):
    runner = LatestOnly()
    started, release = threading.Event(), threading.Event()

    def work() -> str:
        started.set()
        release.wait(10)
        return "found"

    with qtbot.waitSignal(runner.ready, timeout=10_000):
        runner.request(work)
        assert started.wait(10)
        long_work.pause_collector()  # a packet starts while the search runs
        release.set()
    try:
        assert not gc.isenabled()  # the packet's pause is open
    finally:
        long_work.resume_collector()
    # the search's pause ends on this thread once its report is handled and the loop idles
    # (ui.collector_handoff)
    qtbot.waitUntil(lambda: long_work._pauses[0] == 0 and gc.isenabled(), timeout=5_000)
