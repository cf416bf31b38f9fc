"""Typed searches run on a worker thread: the same results as filtering at once, on the 2011
meeting, with an imported meeting, and on a generated archive; stale work is given up."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from bench.make_archive import make_archive
from jcct_desktop.core import cancel
from jcct_desktop.core.filtering import Filter, FilterContext, matching_ids
from jcct_desktop.core.standing import Standing
from jcct_desktop.store.reference import search as reference_search
from jcct_desktop.store.reference.imported_meetings import open_with_imports
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui.latest_only import LatestOnly
from tests.imported_support import import_jcct_23
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, build_window

pytestmark = OFFSCREEN_NOISE

QUERIES = [
    "software",  # many commitments and facts
    "IPR",  # an abbreviation with its other form (intellectual property)
    "intellectual property",
    "王岐山",  # Chinese, found through the name glossary
    "王",  # one Chinese character: the LIKE path
    "2011-SAFE-1",  # an id, whole and in part
    "SAFE-1",
    "U.S.-China",  # characters FTS5 refuses unquoted
    "don't",
    "IPR:",
    '"unbalanced',
    "NEAR(a b)",
    "a AND",
    "*",
    "quokka",  # only in a note
    "software 王岐山",  # one word in the source, the other in a note
    "unlicensed",  # a fact's word: its sector's commitments
    "zzqqxx",  # nothing
]


def _typed(window, qtbot, text: str) -> tuple[list[str], tuple[str, ...]]:
    """Type ``text`` (setText, as a key press does) and wait for the worker's result."""
    delivered: list[object] = []
    window.searcher.ready.connect(delivered.append)
    window.filters.search.setText(text)
    assert window.filter_pending()
    qtbot.waitUntil(lambda: not window.filter_pending(), timeout=20_000)
    window.searcher.ready.disconnect(delivered.append)
    assert delivered, "the typed search did not run on the worker"
    return window.visible_commitment_ids(), window._found_facts


def _at_once(window, text: str) -> tuple[list[str], tuple[str, ...]]:
    window.set_search_text(text)
    return window.visible_commitment_ids(), window._found_facts


def _core(catalog, search, annotations, text: str) -> list[str]:
    found = matching_ids(Filter(text=text), FilterContext(catalog, search, annotations), AS_OF)
    return [c.id for c in catalog.commitments if c.id in found]


@pytest.fixture
def noted(service):
    """Notes holding words the sources do not: a search must read them too."""
    service.add_note(commitment_id="2011-II-1", text="Quokka-level detail from the 王岐山 meeting")
    service.add_note(commitment_id="2011-SOFT-2", text="software audit: ask 王岐山's office")
    return service


def test_typed_searches_equal_filtering_at_once(make_window, qtbot, noted, reference):
    window = make_window()
    for text in QUERIES:
        threaded = _typed(window, qtbot, text)
        window.clear_filters()
        assert threaded == _at_once(window, text), text
        assert threaded[0] == _core(reference.catalog, reference.search, noted, text), text
        window.clear_filters()
    assert _typed(window, qtbot, "quokka")[0] == ["2011-II-1"]  # the worker read the note
    assert len(_typed(window, qtbot, "software")[0]) > 1


def test_typed_search_with_other_filters_equals_filtering_at_once(make_window, qtbot, noted):
    window = make_window()
    noted.set_starred(commitment_id="2011-SOFT-2", starred=True)
    window.filters.state_actions[Standing.OVERDUE].setChecked(True)
    window.filters.side.setCurrentIndex(1)  # China
    for text in ("software", "IPR", "王岐山"):
        threaded = _typed(window, qtbot, text)
        assert threaded == _at_once(window, text), text
    window.filters.state_actions[Standing.OVERDUE].setChecked(False)
    window.filters.side.setCurrentIndex(0)
    window.filters.starred_check.setChecked(True)
    assert _typed(window, qtbot, "software")[0] == ["2011-SOFT-2"]


def test_typed_searches_cover_an_imported_meeting(qtbot, data_dir: Path, tmp_path: Path,
                                                  capsys):
    import_jcct_23(data_dir, tmp_path)
    capsys.readouterr()
    both = open_with_imports(data_dir)
    window = build_window(qtbot, both, tmp_path, as_of=AS_OF)
    for text in ("state-owned", "jcct-23-IPR", "SAFE-1", "software legalization",
                 "legalization 2011-SOFT", *QUERIES[:8]):
        threaded = _typed(window, qtbot, text)
        window.clear_filters()
        assert threaded == _at_once(window, text), text
        assert threaded[0] == _core(both.catalog, both.search, None, text), text
    assert "jcct-23-SL-1" in _typed(window, qtbot, "state-owned")[0]


@pytest.fixture(scope="module")
def small_archive(tmp_path_factory):
    """Three generated meetings (300 commitments): many copies of the same sentences."""
    path = make_archive(tmp_path_factory.mktemp("archive") / "archive-300.sqlite",
                        meetings=3, per_meeting=100)
    return open_reference(path)


def test_typed_searches_equal_filtering_at_once_on_a_generated_archive(
        qtbot, tmp_path: Path, small_archive):
    window = build_window(qtbot, small_archive, tmp_path, as_of=AS_OF)
    for text in ("software", "smart grid", "SFDA", "2000-001", "2001-003-SOFT", "IT", "王岐山",
                 "catalogue", "U.S.-China", "counterfeit drugs"):
        threaded = _typed(window, qtbot, text)
        window.clear_filters()
        assert threaded == _at_once(window, text), text
        assert threaded[0] == _core(small_archive.catalog, small_archive.search, None, text)


def test_only_the_newest_request_is_delivered_and_older_work_is_cancelled(qtbot):
    runner = LatestOnly()
    delivered: list[object] = []
    runner.ready.connect(delivered.append)
    started, gave_up = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                cancel.check()
            except cancel.Cancelled:
                gave_up.set()
                raise
            time.sleep(0.002)
        return "slow"

    runner.request(slow)
    assert started.wait(10)
    runner.request(lambda: "middle")  # waits, then is replaced before it ever runs
    runner.request(lambda: "newest")
    assert runner.busy()
    qtbot.waitUntil(lambda: not runner.busy(), timeout=10_000)
    qtbot.wait(50)  # anything still queued would arrive now
    assert gave_up.is_set()
    assert delivered == ["newest"]


def test_a_result_made_at_once_supersedes_the_worker(qtbot):
    runner = LatestOnly()
    delivered: list[object] = []
    runner.ready.connect(delivered.append)
    release = threading.Event()
    runner.request(lambda: release.wait(10) and "stale")
    runner.supersede()  # e.g. a checkbox filtered on the GUI thread meanwhile
    assert not runner.busy()
    release.set()
    qtbot.wait(200)
    assert delivered == []
    runner.request(lambda: "fresh")
    qtbot.waitUntil(lambda: delivered == ["fresh"], timeout=10_000)


def test_a_failing_search_says_why_in_one_line(qtbot):
    runner = LatestOnly()
    messages: list[str] = []
    runner.failed.connect(messages.append)

    def broken() -> None:
        raise OSError("disk I/O error")

    runner.request(broken)
    qtbot.waitUntil(lambda: messages == ["disk I/O error"], timeout=10_000)


def test_a_cancelled_query_stops_inside_sqlite(reference, monkeypatch):
    monkeypatch.setattr(reference_search, "CANCEL_CHECK_STEPS", 1)  # look at every step
    token = cancel.CancelToken()
    with cancel.scope(token):
        assert "2011-SOFT-2" in reference.search.commitment_ids("software")
        token.cancel()
        with pytest.raises(cancel.Cancelled):
            reference.search.commitment_ids("software")
        with pytest.raises(cancel.Cancelled):
            reference.search.search("software")
    # outside the scope nothing is cancelled, and the connection is usable again
    assert "2011-SOFT-2" in reference.search.commitment_ids("software")
