"""A part of the warm-up made ahead (the catalog's part, started at the first paint of a big
archive: ``MainWindow._prepare_catalog_first``) runs before the requests that follow, as a
warm-up's first part does, but ``warmed`` stays for the whole warm-up's end: the benches and
tests that wait for it, and the typing that follows, would otherwise start while the search's
rows are still being read beside them."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from jcct_desktop.ui.latest_only import LatestOnly
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
HOLD_S = 30  # no wait below lasts that long unless something is wrong


@pytest.fixture
def runner(qtbot) -> Iterator[LatestOnly]:
    runner = LatestOnly()
    yield runner
    qtbot.waitUntil(lambda: not runner.busy(), timeout=HOLD_S * 1000)


def _recorder(log: list[str], name: str,
              wait: threading.Event | None = None) -> Callable[[], str]:
    def work() -> str:
        log.append(name)
        if wait is not None:
            assert wait.wait(HOLD_S)
        return name
    return work


def test_a_part_ahead_runs_first_and_tells_nothing(qtbot, runner):
    log: list[str] = []
    told: list[bool] = []
    runner.warmed.connect(lambda: told.append(True))
    ahead_may_end = threading.Event()
    shown: list[object] = []
    runner.ready.connect(shown.append)
    runner.warm_up(_recorder(log, "ahead", ahead_may_end), announce=False)
    runner.request(_recorder(log, "request"))  # asked while the part ahead runs
    qtbot.waitUntil(lambda: log == ["ahead"], timeout=HOLD_S * 1000)
    ahead_may_end.set()
    qtbot.waitUntil(lambda: shown == ["request"], timeout=HOLD_S * 1000)
    assert log == ["ahead", "request"]  # the request waited for it, as for a first part
    qtbot.wait(50)  # any signal queued by the part's end has been delivered
    assert told == []


def test_the_whole_warm_up_after_it_is_told_once(qtbot, runner):
    log: list[str] = []
    told: list[bool] = []
    runner.warmed.connect(lambda: told.append(True))
    runner.warm_up(_recorder(log, "ahead"), announce=False)
    with qtbot.waitSignal(runner.warmed, timeout=HOLD_S * 1000):
        runner.warm_up(_recorder(log, "first"), beside=_recorder(log, "beside"),
                       then=_recorder(log, "then"))
    qtbot.wait(50)
    assert log == ["ahead", "first", "beside", "then"]
    assert told == [True]


@pytest.mark.parametrize("later", ["beside and then", "then only"])
def test_a_quiet_warm_up_with_later_parts_tells_nothing(qtbot, runner, later):
    log: list[str] = []
    told: list[bool] = []
    runner.warmed.connect(lambda: told.append(True))
    beside = _recorder(log, "beside") if later == "beside and then" else None
    runner.warm_up(_recorder(log, "first"), beside=beside, then=_recorder(log, "then"),
                   announce=False)
    qtbot.waitUntil(lambda: log[-1:] == ["then"], timeout=HOLD_S * 1000)
    qtbot.wait(50)
    assert told == []


def _painted_window(qtbot, reference, tmp_path):
    from tests.ui_support import AS_OF, build_window

    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    qtbot.waitUntil(lambda: window._painted_once, timeout=10_000)
    return window


def test_a_big_archive_starts_the_catalog_part_at_the_first_paint(qtbot, reference, tmp_path,
                                                                  monkeypatch):
    from jcct_desktop.ui import main_window

    monkeypatch.setattr(main_window, "PREPARE_AT_FIRST_PAINT_FROM", 1)  # 2011 counts as big
    monkeypatch.setattr(main_window, "WARM_UP_AFTER_IDLE_MS", 600_000)  # no idle warm-up
    window = _painted_window(qtbot, reference, tmp_path)
    told: list[bool] = []
    window.searcher.warmed.connect(lambda: told.append(True))
    assert window._prepared is window._timeline_source  # asked at the first paint
    qtbot.waitUntil(lambda: not window.searcher.busy(), timeout=HOLD_S * 1000)
    qtbot.wait(50)
    assert told == []  # the whole warm-up, after the idle pause, will tell


def test_a_small_catalog_waits_for_its_first_search(qtbot, reference, tmp_path, monkeypatch):
    from jcct_desktop.ui import main_window

    monkeypatch.setattr(main_window, "WARM_UP_AFTER_IDLE_MS", 600_000)
    assert len(reference.catalog.commitments) < main_window.PREPARE_AT_FIRST_PAINT_FROM
    window = _painted_window(qtbot, reference, tmp_path)
    assert window._prepared is None  # a few milliseconds: made by the first search
