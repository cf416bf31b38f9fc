"""A search typed while the window's search warms up is answered without waiting for the rest
of the warm-up (issue 25): the catalog's part runs first on the search thread (every search
needs it), the index rows are read beside the searches on a thread of their own (until they
are in, SQL answers, alike), and what uses them runs last, in turn with the searches
(``ui/latest_only.py``'s ``warm_up``, ``ui/main_window.py``'s ``_prepare_search``).

The rows' read is held at its start here (``ReferenceSearch.warm``, the part the window runs
beside the searches): results shown while it is held came before the warm-up ended."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from bench.make_archive import make_archive
from bench.straightforward_filter import straightforward
from jcct_desktop.core import cancel
from jcct_desktop.store.reference.reader import ReferenceData, open_reference
from jcct_desktop.store.reference.search import ReferenceSearch
from jcct_desktop.ui import main_window
from jcct_desktop.ui.latest_only import LatestOnly
from tests.search_support import straight
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, build_window

pytestmark = OFFSCREEN_NOISE
HOLD_S = 30  # no wait below lasts that long unless something is wrong
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory) -> Path:
    """A generated archive of 2,000 commitments (as ``tests/search_support.py`` makes)."""
    return make_archive(tmp_path_factory.mktemp("during") / "archive.sqlite", meetings=20,
                        per_meeting=100)


@pytest.fixture
def fresh(archive_path: Path) -> ReferenceData:
    """The archive opened anew: its search not warmed by an earlier test."""
    data = open_reference(archive_path)
    assert isinstance(data.search, ReferenceSearch) and data.search._rows is None
    return data


class Held:
    """``ReferenceSearch.warm`` held at its start until released (on whichever thread)."""

    def __init__(self, search: ReferenceSearch, monkeypatch: pytest.MonkeyPatch) -> None:
        self.entered, self.released = threading.Event(), threading.Event()
        self.threads: list[threading.Thread] = []
        real = search.warm

        def warm() -> None:
            self.threads.append(threading.current_thread())
            self.entered.set()
            assert self.released.wait(HOLD_S)
            real()

        monkeypatch.setattr(search, "warm", warm)


class Answers:
    """Whether each ``doc_masks`` (or ``commitment_mask``) the search was asked came from
    its rows (bytes) or not (None: not warmed, so SQL answered)."""

    def __init__(self, search: ReferenceSearch, monkeypatch: pytest.MonkeyPatch) -> None:
        self.from_rows: list[bool] = []
        real, real_masks = search.commitment_mask, search.doc_masks

        def commitment_mask(phrases: Sequence[str], ids: Sequence[str]) -> bytes | None:
            found = real(phrases, ids)
            if phrases:
                self.from_rows.append(found is not None)
            return found

        def doc_masks(phrases: Sequence[str], ids: Sequence[str],
                      fact_ids: Sequence[str]) -> tuple[bytes, bytes] | None:
            found = real_masks(phrases, ids, fact_ids)
            if phrases:
                self.from_rows.append(found is not None)
            return found

        monkeypatch.setattr(search, "commitment_mask", commitment_mask)
        monkeypatch.setattr(search, "doc_masks", doc_masks)


def _expected(data: ReferenceData, text: str) -> tuple[list[str], tuple[str, ...]]:
    """The straightforward filter's answer, in source order: the catalog walked, the search
    asked in SQL alone."""
    assert isinstance(data.search, ReferenceSearch)
    ids, facts = straightforward(data.catalog, straight(data.search), None, text)
    return [c.id for c in data.catalog.commitments if c.id in ids], facts


def _typed(qtbot, window, text: str) -> tuple[list[str], tuple[str, ...]]:
    search = window.filters.search
    search.selectAll()
    qtbot.keyClicks(search, text)
    assert window.filter_pending()
    qtbot.waitUntil(lambda: not window.filter_pending(), timeout=20_000)
    return window.visible_commitment_ids(), window._found_facts


@pytest.fixture
def quick_warm_up(monkeypatch) -> None:
    monkeypatch.setattr(main_window, "WARM_UP_AFTER_IDLE_MS", 50)


@pytest.mark.usefixtures("quick_warm_up")
@pytest.mark.parametrize("text", ["export", "ex", "trade ex"])
def test_a_search_during_the_warm_up_is_answered_before_it_ends(
        qtbot, tmp_path, fresh, monkeypatch, text):
    search = fresh.search
    assert isinstance(search, ReferenceSearch)
    held, answers = Held(search, monkeypatch), Answers(search, monkeypatch)
    window = build_window(qtbot, fresh, tmp_path, as_of=AS_OF)
    events: list[str] = []
    window.searcher.ready.connect(lambda _result: events.append("shown"))
    window.searcher.warmed.connect(lambda: events.append("warmed"))
    # the catalog's part done, the rows' read under way
    qtbot.waitUntil(held.entered.is_set, timeout=HOLD_S * 1000)
    try:
        during = _typed(qtbot, window, text)
        assert events == ["shown"]  # the warm-up has not ended
        assert search._rows is None and not any(answers.from_rows)  # SQL answered
    finally:
        held.released.set()
    qtbot.waitUntil(lambda: "warmed" in events, timeout=HOLD_S * 1000)
    assert events == ["shown", "warmed"]
    assert held.threads[0] not in (threading.main_thread(),)
    assert during == _expected(fresh, text)
    assert 0 < len(during[0]) < len(fresh.catalog.commitments)

    answers.from_rows.clear()
    after = _typed(qtbot, window, "regulation")  # the warm-up's rows in use
    assert search._rows is not None and answers.from_rows and all(answers.from_rows)
    assert after == _expected(fresh, "regulation")
    assert _typed(qtbot, window, text) == during  # the same, from the rows this time


@pytest.mark.usefixtures("quick_warm_up")
def test_closing_the_window_during_the_warm_up_stops_what_is_left(
        qtbot, tmp_path, fresh, monkeypatch):
    """The rows' read under way when the window closes runs to its end; what would have used
    it never runs, and nothing is left running."""
    search = fresh.search
    assert isinstance(search, ReferenceSearch)
    held = Held(search, monkeypatch)
    gathers: list[object] = []
    real = main_window.FilterContext.prepare

    def prepare(self: main_window.FilterContext) -> None:
        gathers.append(self)
        real(self)

    monkeypatch.setattr(main_window.FilterContext, "prepare", prepare)
    window = build_window(qtbot, fresh, tmp_path, as_of=AS_OF)
    warmed: list[bool] = []
    window.searcher.warmed.connect(lambda: warmed.append(True))
    qtbot.waitUntil(held.entered.is_set, timeout=HOLD_S * 1000)
    window.close()
    held.released.set()
    qtbot.waitUntil(lambda: bool(warmed), timeout=HOLD_S * 1000)
    assert search._rows is not None  # read whole, as started
    qtbot.wait(100)  # a last part, if one had been queued, would have run by now
    assert gathers == []


# -- the runner alone -----------------------------------------------------------------------

@pytest.fixture
def runner(qtbot) -> Iterator[LatestOnly]:
    runner = LatestOnly()
    yield runner
    qtbot.waitUntil(lambda: not runner.busy(), timeout=HOLD_S * 1000)


def _recorder(log: list[tuple[str, threading.Thread]], name: str,
              wait: threading.Event | None = None) -> Callable[[], str]:
    def work() -> str:
        log.append((name, threading.current_thread()))
        if wait is not None:
            assert wait.wait(HOLD_S)
        return name
    return work


def test_requests_wait_for_the_first_part_and_not_for_the_part_beside(qtbot, runner):
    log: list[tuple[str, threading.Thread]] = []
    beside_may_end = threading.Event()
    shown: list[object] = []
    runner.ready.connect(shown.append)
    with qtbot.waitSignal(runner.warmed, timeout=HOLD_S * 1000):
        runner.warm_up(_recorder(log, "first"), beside=_recorder(log, "beside", beside_may_end),
                       then=_recorder(log, "then"))
        runner.request(_recorder(log, "request"))  # asked while the first part runs
        qtbot.waitUntil(lambda: shown == ["request"], timeout=HOLD_S * 1000)
        qtbot.waitUntil(lambda: len(log) == 3, timeout=HOLD_S * 1000)
        runner.request(_recorder(log, "second request"))  # while the part beside runs
        qtbot.waitUntil(lambda: shown == ["request", "second request"], timeout=HOLD_S * 1000)
        assert [name for name, _ in log] == ["first", "request", "beside", "second request"]
        beside_may_end.set()
    assert [name for name, _ in log][-1] == "then"
    threads = dict(log)
    # the search thread runs all but the part beside
    assert threads["first"] is threads["request"] is threads["second request"] is threads["then"]
    assert threads["beside"] is not threads["first"]
    assert threading.main_thread() not in threads.values()


def test_the_part_beside_starts_once_the_running_request_has_ended(qtbot, runner):
    log: list[tuple[str, threading.Thread]] = []
    request_may_end = threading.Event()
    with qtbot.waitSignal(runner.warmed, timeout=HOLD_S * 1000):
        runner.warm_up(_recorder(log, "first"), beside=_recorder(log, "beside"))
        runner.request(_recorder(log, "request", request_may_end))
        qtbot.waitUntil(lambda: len(log) == 2, timeout=HOLD_S * 1000)
        qtbot.wait(100)  # the first part's end reaches the GUI thread: nothing starts beside
        assert [name for name, _ in log] == ["first", "request"]
        request_may_end.set()
    assert [name for name, _ in log] == ["first", "request", "beside"]


def test_a_request_during_the_part_beside_is_still_superseded(qtbot, runner):
    """Stale work is still given up (``core.cancel``) while the rows are read beside it."""
    log: list[tuple[str, threading.Thread]] = []
    beside_may_end, stale_started = threading.Event(), threading.Event()
    given_up: list[bool] = []

    def stale() -> str:
        stale_started.set()
        while True:
            try:
                cancel.check()
            except cancel.Cancelled:
                given_up.append(True)
                raise
            threading.Event().wait(0.005)

    shown: list[object] = []
    runner.ready.connect(shown.append)
    runner.warm_up(_recorder(log, "first"), beside=_recorder(log, "beside", beside_may_end))
    qtbot.waitUntil(lambda: len(log) == 2, timeout=HOLD_S * 1000)
    runner.request(stale)
    assert stale_started.wait(HOLD_S)
    runner.request(_recorder(log, "newest"))
    qtbot.waitUntil(lambda: shown == ["newest"], timeout=HOLD_S * 1000)
    assert given_up == [True]
    with qtbot.waitSignal(runner.warmed, timeout=HOLD_S * 1000):
        beside_may_end.set()


def test_given_up_before_the_part_beside_starts_it_never_does(qtbot, runner):
    log: list[tuple[str, threading.Thread]] = []
    first_may_end = threading.Event()
    with qtbot.waitSignal(runner.warmed, timeout=HOLD_S * 1000):
        runner.warm_up(_recorder(log, "first", first_may_end), beside=_recorder(log, "beside"),
                       then=_recorder(log, "then"))
        qtbot.waitUntil(lambda: len(log) == 1, timeout=HOLD_S * 1000)
        runner.give_up_warm_up()
        first_may_end.set()
    qtbot.wait(100)
    assert [name for name, _ in log] == ["first"]
    # asked again (the window shown again): it goes on as before
    with qtbot.waitSignal(runner.warmed, timeout=HOLD_S * 1000):
        runner.warm_up(_recorder(log, "first again"), beside=_recorder(log, "beside"),
                       then=_recorder(log, "then"))
    assert [name for name, _ in log] == ["first", "first again", "beside", "then"]


CLOSE_DURING_ROWS = """
import sys, threading, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from jcct_desktop.core.filtering import FilterContext
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui import main_window
from jcct_desktop.ui.app import configure, window_settings_file
main_window.WARM_UP_AFTER_IDLE_MS = 0
app = QApplication([]); configure(app)
ref = open_reference(sys.argv[2])
entered = threading.Event()
read = ref.search.warm
def warm():  # the rows' read, still under way when the window closes
    entered.set()
    time.sleep(1.0)
    read()
ref.search.warm = warm
FilterContext.prepare = lambda self: print("gathered after close")
w = main_window.MainWindow(ref.catalog, ref.search,
                           settings=window_settings_file(sys.argv[1], None))
def close_once_entered():
    if entered.is_set():
        w.close()
        print("closed during the rows' read")
    else:
        QTimer.singleShot(5, close_once_entered)
w.show()
close_once_entered()
sys.exit(app.exec())
"""


def test_a_process_closed_during_the_rows_read_exits_cleanly(archive_path, tmp_path):
    """The whole program, closed while the rows are read beside the searches: exit 0, nothing
    on stderr from a worker (before, its last emit met deleted objects: "Signal source has
    been deleted"), and nothing of the warm-up run after the close."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONPATH=str(REPO))
    env.pop("JCCT_DATA_DIR", None)
    done = subprocess.run([sys.executable, "-X", "faulthandler", "-c", CLOSE_DURING_ROWS,
                           str(tmp_path / "data"), str(archive_path)], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "closed during the rows' read" in done.stdout
    assert "gathered after close" not in done.stdout
    for bad in ("Traceback", "Fatal Python error", "deleted"):
        assert bad not in done.stderr, done.stderr[-3000:]
