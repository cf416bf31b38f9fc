"""The status bar counts the shortfalls an officer judged (not met, partly met) once there are
any, as the packet's and the memo's bottom lines do; an undated milestone judged not met too."""

from __future__ import annotations

from datetime import date

from jcct_desktop.core.annotations.model import Assessment
from jcct_desktop.core.standing import Standing
from jcct_desktop.core.standing_words import counts_line
from tests.ui_support import OFFSCREEN_NOISE


def test_counts_line_adds_shortfalls_only_when_there_are_some():
    base = {Standing.OVERDUE: 4, Standing.DUE_SOON: 3, Standing.MET: 0}
    assert counts_line(base) == "4 overdue · 3 due in 30 days · 0 met"
    with_short = base | {Standing.NOT_MET: 1, Standing.PARTLY_MET: 2}
    assert counts_line(with_short, 0) == ("4 overdue · 3 due in 30 days · 0 met · 2 partly met"
                                          " · 1 not met · 0 follow-ups due")


@OFFSCREEN_NOISE
def test_the_window_counts_an_undated_milestone_judged_not_met(make_window, service, qtbot):
    milestone = "Software audit results published as China’s law requires"
    window = make_window(as_of=date(2012, 6, 15))
    before = window.counts.text()
    assert "not met" not in before
    service.record_assessment(commitment_id="2011-SOFT-1", status=Assessment.NOT_FULFILLED,
                              evidence="No audit results published", milestone=milestone,
                              effective=date(2012, 6, 1))
    qtbot.waitUntil(lambda: "1 not met" in window.counts.text())
    assert window.counts.text().startswith("Showing 40 of 40 commitments")
