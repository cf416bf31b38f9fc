"""A typed key's collector pause runs from its request until its result is painted and the
window's event loop idles (``ui/collector_handoff.py``), where the collection the key made
due runs: never between the key's work and its result shown. The collector runs again after
every path (a result, a failure, a stale or cancelled key, a window closed while its key
runs, two runners, a packet's pause beside it, the application quitting), and cyclic garbage
made by keys is still collected.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from jcct_desktop.ui import collector_handoff, long_work
from jcct_desktop.ui.latest_only import LatestOnly
from tests.ui_support import OFFSCREEN_NOISE

REPO = Path(__file__).resolve().parent.parent


class Node:
    """A cycle: freed by the cyclic collector only."""

    def __init__(self, payload: object = None) -> None:
        self.me = self
        self.payload = payload


def _settled() -> bool:
    return long_work._pauses[0] == 0 and gc.isenabled() and collector_handoff.owed() is None


@pytest.fixture(autouse=True)
def _collector_running(qtbot) -> Iterator[None]:
    qtbot.waitUntil(_settled, timeout=5_000)  # a key of an earlier test settles at idle
    yield
    qtbot.waitUntil(_settled, timeout=5_000)


def _poll_until(done: Callable[[], bool], timeout_s: float = 10.0) -> None:
    """Run the event loop without ever letting it wait (as ``bench_table.py`` does)."""
    app = QApplication.instance()
    assert app is not None
    deadline = time.monotonic() + timeout_s
    while not done():
        assert time.monotonic() < deadline, "timed out"
        app.processEvents()
        time.sleep(0.001)


@pytest.fixture
def collections() -> Iterator[list[tuple[str, int, float]]]:
    """Each collection's start: thread name, generation, time."""
    seen: list[tuple[str, int, float]] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append((threading.current_thread().name, info["generation"],
                         time.perf_counter()))

    gc.callbacks.append(record)
    yield seen
    gc.callbacks.remove(record)


def test_a_key_is_paused_from_its_request_until_the_loop_idles_after_its_report(qtbot):
    runner = LatestOnly()
    inside: list[bool] = []

    def work() -> str:
        inside.append(gc.isenabled())
        return "found"

    with qtbot.waitSignal(runner.ready, timeout=10_000):
        runner.request(work)
        assert not gc.isenabled()  # from the request, before the worker has started
    assert inside == [False]
    assert not gc.isenabled()  # handed over: the report is handled, the loop not idle yet
    qtbot.wait(20)  # the loop waits: idle
    assert _settled()


@OFFSCREEN_NOISE
def test_the_collection_runs_after_the_result_is_painted(make_window, qtbot, collections):
    """The real window, a key on its search thread: the tree's viewport is painted with the
    result before any collection starts, and the collection the key made due runs on the
    window's thread after it."""
    window = make_window()
    window.filter_in_background_from = 0
    window.set_search_text("soft")  # the warm-up asked with a first key runs before it
    qtbot.waitUntil(lambda: not window.filter_pending(), timeout=10_000)
    qtbot.waitUntil(_settled, timeout=5_000)
    marks: list[tuple[str, float]] = []

    class Painted(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                marks.append(("paint", time.perf_counter()))
            return False

    watcher = Painted()
    window.tree.viewport().installEventFilter(watcher)
    window.searcher.ready.connect(lambda _result: marks.append(("applied", time.perf_counter())))
    thresholds = gc.get_threshold()
    gc.set_threshold(1, *thresholds[1:])  # any allocation left the collector would collect
    try:
        window.filters.search.blockSignals(True)
        window.filters.search.setText("software")
        window.filters.search.blockSignals(False)
        window.refilter_in_background()
        asked = time.perf_counter()  # the pause began with the request, before this
        assert not gc.isenabled()
        qtbot.waitUntil(lambda: not window.filter_pending(), timeout=10_000)
        qtbot.waitUntil(_settled, timeout=5_000)
        qtbot.wait(20)
    finally:
        gc.set_threshold(*thresholds)
        window.tree.viewport().removeEventFilter(watcher)
    applied = next(at for what, at in marks if what == "applied")
    painted = next(at for what, at in marks if what == "paint" and at > applied)
    after_ask = [(thread, at) for thread, _generation, at in collections if at > asked]
    assert after_ask, "the collection the key made due ran"
    assert all(at > painted for _thread, at in after_ask), "no collection before the paint"
    assert after_ask[0][0] == threading.main_thread().name  # on the window's thread, idle
    assert window.visible_commitment_ids()  # the result is the one shown


def test_the_collector_runs_again_after_a_failure(qtbot):
    runner = LatestOnly()

    def broken() -> None:
        raise ValueError("no search today")

    with qtbot.waitSignal(runner.failed, timeout=10_000) as failed:
        runner.request(broken)
    assert failed.args == ["no search today"]
    qtbot.waitUntil(_settled, timeout=5_000)


def test_the_collector_runs_again_after_a_stale_key_and_a_cancelled_one(qtbot):
    runner = LatestOnly()
    started, release = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        release.wait(10)
        return "stale"

    runner.request(slow)
    assert started.wait(10)
    with qtbot.waitSignal(runner.ready, timeout=10_000) as ready:
        runner.request(lambda: "newest")  # the slow one is superseded
        release.set()
    assert ready.args == ["newest"]
    qtbot.waitUntil(_settled, timeout=5_000)
    started.clear()
    release.clear()
    runner.request(slow)
    assert started.wait(10)
    runner.supersede()  # given up: no result comes
    release.set()
    qtbot.waitUntil(lambda: not runner.busy() and _settled(), timeout=5_000)


def test_the_collector_runs_again_when_the_window_closes_while_its_key_runs(qtbot):
    window = QWidget()
    runner = LatestOnly(window)
    started, release = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        release.wait(10)
        return "nobody reads this"

    runner.request(slow)
    assert started.wait(10)
    runner.supersede()  # as the window's closeEvent does
    window.deleteLater()  # the runner goes with it, its key still running
    qtbot.wait(20)
    release.set()
    qtbot.waitUntil(_settled, timeout=5_000)


def test_two_runners_keys_at_once_leave_the_collector_running(qtbot):
    first, second = LatestOnly(), LatestOnly()
    got: list[str] = []
    first.ready.connect(got.append)
    second.ready.connect(got.append)
    for n in range(3):
        first.request(partial(str, f"first {n}"))
        second.request(partial(str, f"second {n}"))
    qtbot.waitUntil(lambda: not first.busy() and not second.busy(), timeout=10_000)
    assert "first 2" in got and "second 2" in got
    qtbot.waitUntil(_settled, timeout=5_000)


def test_a_packet_pause_beside_a_key_keeps_the_collector_off_until_both_end(qtbot):
    runner = LatestOnly()
    long_work.pause_collector()  # a packet's, on its worker
    try:
        with qtbot.waitSignal(runner.ready, timeout=10_000):
            runner.request(lambda: "found")
        qtbot.wait(20)  # idle: the key's pause ends, the packet's stays
        assert collector_handoff.owed() is None
        assert not gc.isenabled()
    finally:
        long_work.resume_collector(freeze=False)
    assert _settled()
    # the other way round: the packet's pause ends first, the key's is still owed
    long_work.pause_collector()
    runner.request(lambda: "found")
    _poll_until(lambda: not runner.busy() and collector_handoff.owed() is not None)
    long_work.resume_collector(freeze=False)
    assert not gc.isenabled()  # the key's pause: until the loop idles after its report
    qtbot.waitUntil(_settled, timeout=5_000)


def _young_generation() -> list[list[int]]:
    """More containers than the young generation's threshold (700)."""
    return [[n] for n in range(2_000)]


def test_keys_asked_back_to_back_carry_the_pause_and_collect_at_the_next_idle(
        qtbot, collections):
    runner = LatestOnly()
    kept: list[object] = []  # the results shown, as the window keeps them
    runner.ready.connect(kept.append)
    for _ in range(5):
        runner.request(_young_generation)
        _poll_until(lambda: not runner.busy())
        # the next key is asked straight after the result, the loop never idle between
        assert not gc.isenabled()
    assert [c for c in collections if c[0] == threading.main_thread().name] == []
    assert [c for c in collections if c[0] != threading.main_thread().name] == []
    qtbot.wait(20)  # idle: the pause ends and what the keys made due is collected here
    assert _settled()
    assert [thread for thread, _generation, _at in collections] == \
        [threading.main_thread().name]


def test_a_loop_that_never_idles_still_ends_the_pause(qtbot, monkeypatch):
    runner = LatestOnly()
    runner.request(lambda: "found")
    _poll_until(lambda: not runner.busy())
    assert not gc.isenabled()
    start = time.monotonic()
    _poll_until(_settled, timeout_s=5.0)  # polling only: the fallback timer ends it
    assert time.monotonic() - start >= collector_handoff.FALLBACK_MS / 1000 * 0.8


def test_a_long_carried_pause_ends_right_after_a_paint(qtbot, monkeypatch):
    monkeypatch.setattr(collector_handoff, "CARRIED_AT_MOST", 0)
    runner = LatestOnly()
    runner.request(_young_generation)
    _poll_until(lambda: not runner.busy() and collector_handoff.owed() is None, timeout_s=2.0)
    assert _settled()


def test_cyclic_garbage_made_by_keys_is_collected(qtbot):
    """Without an explicit collection: the ones the keys make due, at idle, find it."""
    runner = LatestOnly()
    dropped: list[weakref.ref[Node]] = []
    results: list[weakref.ref[Node]] = []
    shown: list[Node] = []  # the window keeps the result shown until the next one

    def key() -> Node:
        garbage = Node([[n] for n in range(1_000)])  # made and dropped inside the key
        dropped.append(weakref.ref(garbage))
        del garbage
        result = Node([[n] for n in range(1_000)])
        results.append(weakref.ref(result))
        return result

    def show(result: Node) -> None:
        shown[:] = [result]

    runner.ready.connect(show)
    for _ in range(30):
        with qtbot.waitSignal(runner.ready, timeout=10_000):
            runner.request(key)
        qtbot.wait(5)  # the typist's pause: the loop idles
    qtbot.waitUntil(_settled, timeout=5_000)
    assert all(ref() is None for ref in dropped[:-1])
    # a result outlives the young collection after its key (it is shown meanwhile): the
    # middle ones (every tenth young one) free most; one promoted to the oldest generation
    # waits for a full one
    assert sum(ref() is None for ref in results[:-1]) >= len(results) // 2
    gc.collect()
    assert all(ref() is None for ref in results[:-1])  # nothing kept or frozen them
    assert results[-1]() is shown[0]


def test_the_application_quitting_ends_the_pauses_of_keys_done_and_under_way(tmp_path):
    script = tmp_path / "quit_mid_key.py"
    script.write_text(
        "import gc, sys, threading, time\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from jcct_desktop.ui import latest_only, long_work\n"
        "app = QApplication([])\n"
        "runner = latest_only.LatestOnly()\n"
        "release = threading.Event()\n"
        "def done(result):\n"
        "    runner.request(lambda: release.wait(10))  # under way at quit\n"
        "    QTimer.singleShot(0, app.quit)\n"
        "runner.ready.connect(done)\n"
        "QTimer.singleShot(0, lambda: runner.request(lambda: 'first'))\n"
        "app.exec()\n"
        "print('after quit', gc.isenabled(), long_work._pauses[0])\n"
        "release.set()\n"
        "latest_only._pool().waitForDone(10_000)\n"
        "print('after the key', gc.isenabled(), long_work._pauses[0])\n",
        encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=REPO, capture_output=True,
                          text=True, timeout=60, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                               "PYTHONPATH": str(REPO)})
    assert "after quit False 1" in done.stdout, done.stdout + done.stderr
    assert "after the key True 0" in done.stdout, done.stdout + done.stderr


def test_a_pause_handed_over_whose_report_never_comes_still_ends(qtbot):
    key = object()
    collector_handoff.begin_key_pause(key)
    worker = threading.Thread(target=collector_handoff.hand_over, args=(key,))
    worker.start()
    worker.join()
    assert collector_handoff.owed() is not None and not gc.isenabled()
    _poll_until(_settled, timeout_s=5.0)  # the fallback, armed when it was handed over
