"""A changed filter on a large catalog (``MainWindow.filter_in_background_from`` commitments
and more: ``main_window.FILTER_IN_BACKGROUND_FROM``) is worked out on the search thread, as
typing is, and shows exactly what working it out at once shows; "clear filters" stays at once
at any size, so that a commitment selected next finds its row. (At 100,000 commitments a
checkbox held the window's thread 100-260 ms.)

Here the 2011 meeting stands in for a large catalog: the threshold is set to 0."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jcct_desktop.core.standing import Standing
from jcct_desktop.ui import main_window
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE  # two windows at once

Change = Callable[[object], None]

CHANGES: list[tuple[str, Change]] = [
    ("side China", lambda w: w.filters.side.setCurrentIndex(1)),
    ("has a deadline", lambda w: w.filters.deadline_check.setChecked(True)),
    ("overdue", lambda w: w.filters.state_actions[Standing.OVERDUE].setChecked(True)),
    ("not overdue", lambda w: w.filters.state_actions[Standing.OVERDUE].setChecked(False)),
    ("side any", lambda w: w.filters.side.setCurrentIndex(0)),
    ("area", lambda w: w.meeting_filter.area.setCurrentIndex(1)),
    ("starred", lambda w: w.filters.starred_check.setChecked(True)),
    ("not starred", lambda w: w.filters.starred_check.setChecked(False)),
    ("all areas", lambda w: w.meeting_filter.area.setCurrentIndex(0)),
    ("no deadline filter", lambda w: w.filters.deadline_check.setChecked(False)),
]


@pytest.fixture
def starred(service):
    service.set_starred(commitment_id="2011-SOFT-2", starred=True)
    service.set_starred(commitment_id="2011-II-1", starred=True)
    return service


def _shown(window) -> tuple[list[str], dict]:
    return list(window.visible_commitment_ids()), dict(window._shown_counts)


def test_each_change_runs_on_the_worker_and_shows_what_at_once_shows(
        make_window, qtbot, starred):
    at_once = make_window()
    assert len(at_once.catalog.commitments) < main_window.FILTER_IN_BACKGROUND_FROM
    threaded = make_window()
    threaded.filter_in_background_from = 0
    for what, change in CHANGES:
        delivered: list[object] = []
        threaded.searcher.ready.connect(delivered.append)
        before = _shown(threaded)
        change(threaded)
        assert threaded.filter_pending(), what  # asked of the worker, not done here
        assert _shown(threaded) == before, what  # the window unchanged until it answers
        qtbot.waitUntil(lambda t=threaded: not t.filter_pending(), timeout=20_000)
        threaded.searcher.ready.disconnect(delivered.append)
        assert delivered, what
        change(at_once)
        assert not at_once.filter_pending(), what  # below the threshold: at once
        assert _shown(threaded) == _shown(at_once), what
        assert threaded.tree.current_id() == at_once.tree.current_id(), what


def test_clear_filters_is_at_once_at_any_size(make_window, qtbot):
    window = make_window()
    window.filter_in_background_from = 0
    every = len(window.catalog.commitments)
    window.filters.side.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not window.filter_pending(), timeout=20_000)
    assert len(window.visible_commitment_ids()) < every
    window.clear_filters()
    assert not window.filter_pending()
    assert len(window.visible_commitment_ids()) == every


def test_a_hidden_commitment_selected_clears_the_filters_and_is_selected(
        make_window, qtbot):
    window = make_window()
    window.filter_in_background_from = 0
    window.filters.side.setCurrentIndex(1)  # China's only
    qtbot.waitUntil(lambda: not window.filter_pending(), timeout=20_000)
    hidden = next(c.id for c in window.catalog.commitments
                  if c.id not in set(window.visible_commitment_ids()))
    assert window.select_commitment(hidden)
    assert window.selected_commitment_id() == hidden
    assert window.filters.side.currentIndex() == 0


def test_escape_in_the_search_box_clears_it_through_the_worker(make_window, qtbot):
    from PySide6.QtCore import Qt

    window = make_window()
    window.filter_in_background_from = 0
    every = len(window.catalog.commitments)
    window.filters.search.setText("software")
    qtbot.waitUntil(lambda: not window.filter_pending(), timeout=20_000)
    assert len(window.visible_commitment_ids()) < every
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.filter_pending(), timeout=20_000)
    assert len(window.visible_commitment_ids()) == every
    assert window.filters.search.text() == ""
