"""Every pane agrees on one standing: marking 2011-II-1 Fulfilled makes it read "Met" in the
tree, the detail pane, the timeline, the status bar and the standing filter; follow-ups too."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from jcct_desktop.core import dates
from jcct_desktop.core.standing import Standing
from jcct_desktop.core.standing_words import day
from jcct_desktop.ui.tree.model import STATE_ROLE
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CID = "2011-II-1"  # one milestone, "by December 1, 2011": overdue as of any later date


@pytest.fixture
def today() -> date:
    """Read when the test runs, not at import (a run may pass midnight)."""
    return dates.today()


@pytest.fixture
def window(make_window, today: date):
    """As of today: an assessment recorded now is effective today."""
    return make_window(as_of=today)


def _tree_state(window, cid: str) -> str:  # Qt hands the StrEnum back as str
    return window.tree.tree_model().index_for_id(cid).data(STATE_ROLE)


def _tree_tip(window, cid: str) -> str:
    return window.tree.tree_model().index_for_id(cid).data(Qt.ItemDataRole.ToolTipRole)


def _timeline_tip(window, cid: str) -> str:
    return window.timeline.tooltip_for(window.timeline.layout_data.marks_of(cid))


def _shown_with(window, standing: Standing) -> set[str]:
    window.clear_filters()
    window.filters.state_actions[standing].setChecked(True)
    shown = set(window.visible_commitment_ids())
    window.filters.state_actions[standing].setChecked(False)
    return shown


def _mark_fulfilled(window, qtbot) -> None:
    assert window.select_commitment(CID)
    panel = window.detail.annotation_panel
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("fulfilled"))
    panel.evidence.setText("State Council notice 2011/12 delinked the catalogues")
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _tree_state(window, CID) == Standing.MET)


def test_before_any_assessment_every_pane_says_overdue(window):
    assert window.select_commitment(CID)
    assert _tree_state(window, CID) == Standing.OVERDUE
    assert "Overdue — closed on 1 Dec 2011" in _tree_tip(window, CID)
    assert "Overdue — closed on 1 Dec 2011" in window.detail.plain_text()
    assert "Overdue — closed on 1 Dec 2011" in _timeline_tip(window, CID)
    assert CID in _shown_with(window, Standing.OVERDUE)
    assert "overdue" in window.counts.text()


def test_marking_it_fulfilled_reads_met_everywhere(window, qtbot, today):
    overdue_before = window.standings.count(Standing.OVERDUE)
    _mark_fulfilled(window, qtbot)
    met = f"Met — since {day(today)}"
    assert met in _tree_tip(window, CID)
    qtbot.waitUntil(lambda: met in window.detail.plain_text())
    assert "Overdue" not in window.detail.plain_text().split("What the fact sheet says")[0]
    assert met in _timeline_tip(window, CID)
    assert window.timeline.standings.milestone(CID, 0).value is Standing.MET
    assert not window.timeline.grab().isNull()  # paints the met marker without error
    counts = window.counts.text()
    assert f"{overdue_before - 1} overdue" in counts and "1 met" in counts
    assert CID in _shown_with(window, Standing.MET)
    assert CID not in _shown_with(window, Standing.OVERDUE)


def test_an_earlier_as_of_ignores_an_assessment_made_later(window, qtbot):
    _mark_fulfilled(window, qtbot)
    with qtbot.waitSignal(window.asOfChanged):
        window.set_as_of(date(2012, 1, 15))
    assert _tree_state(window, CID) == Standing.OVERDUE
    assert "Overdue — closed 45 days ago" in window.detail.plain_text()


def test_follow_ups_show_count_and_filter(window, qtbot, service, today):
    assert window.select_commitment(CID)
    due = today - timedelta(days=3)
    service.set_follow_up(commitment_id=CID, follow_up=due)
    service.set_follow_up(commitment_id="2011-SOFT-2", follow_up=today + timedelta(days=30))
    phrase = f"Follow up by {day(due)} — due"
    qtbot.waitUntil(lambda: phrase in _tree_tip(window, CID))
    qtbot.waitUntil(lambda: phrase in window.detail.plain_text())
    assert phrase in _timeline_tip(window, CID)
    assert "1 follow-up due" in window.counts.text()
    window.filters.follow_up_check.setChecked(True)
    assert set(window.visible_commitment_ids()) == {CID}


def test_the_legend_names_every_standing(window):
    window.actions_by_name["legend"].trigger()
    text = window.legend.text()
    for name in ("Met", "Partly met", "Not met", "Superseded", "Overdue", "Due soon", "Open",
                 "Upcoming", "No deadline"):
        assert name in text
