"""Standing wording: one Qt-free module, and the detail pane, tree and timeline all use it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from jcct_desktop.core.standing import Standing, StandingAsOf, commitment_standing
from jcct_desktop.core.standing_words import LOOKS, ORDER, counts_line, follow_up_phrase, phrase
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, build_window

S = Standing
D = date


def _s(value: Standing, as_of: date, since: date | None = None,
       closes: date | None = None) -> StandingAsOf:
    return StandingAsOf(value, as_of, since, closes)


@pytest.mark.parametrize(("standing", "text"), [
    (_s(S.OPEN, D(2012, 1, 15), D(2012, 1, 1), D(2012, 6, 30)), "Open — 167 days left"),
    (_s(S.DUE_SOON, D(2012, 6, 18), None, D(2012, 6, 30)), "Due soon — 12 days left"),
    (_s(S.DUE_SOON, D(2012, 6, 29), None, D(2012, 6, 30)), "Due soon — 1 day left"),
    (_s(S.DUE_SOON, D(2012, 6, 30), None, D(2012, 6, 30)), "Due soon — closes today"),
    (_s(S.UPCOMING, D(2011, 11, 21), None, D(2012, 12, 25)), "Upcoming — due in 400 days"),
    (_s(S.OVERDUE, D(2012, 1, 15), D(2011, 12, 2), D(2011, 12, 1)),
     "Overdue — closed 45 days ago"),
    (_s(S.OVERDUE, D(2011, 12, 2), D(2011, 12, 2), D(2011, 12, 1)), "Overdue — closed yesterday"),
    (_s(S.OVERDUE, D(2012, 7, 1), D(2011, 12, 2), D(2011, 12, 1)),
     "Overdue — closed on 1 Dec 2011, 7 months ago"),
    (_s(S.OVERDUE, D(2025, 1, 1), D(2011, 12, 2), D(2011, 12, 1)),
     "Overdue — closed on 1 Dec 2011, 13 years ago"),
    (_s(S.MET, D(2012, 7, 1), D(2012, 3, 12), D(2012, 6, 30)), "Met — since 12 Mar 2012"),
    (_s(S.PARTLY_MET, D(2012, 7, 1), D(2012, 3, 12)), "Partly met — since 12 Mar 2012"),
    (_s(S.NOT_MET, D(2012, 7, 1), D(2012, 3, 12)), "Not met — since 12 Mar 2012"),
    (_s(S.SUPERSEDED, D(2012, 7, 1), D(2012, 3, 12)), "Superseded — since 12 Mar 2012"),
    (_s(S.NO_DEADLINE, D(2012, 7, 1)), "No deadline"),
])
def test_phrases_read_naturally(standing, text):
    assert phrase(standing) == text


def test_every_value_has_its_own_name_glyph_and_shape():
    assert set(LOOKS) == set(Standing) == set(ORDER)
    for attr in ("name", "glyph", "shape"):
        values = [getattr(look, attr) for look in LOOKS.values()]
        assert len(set(values)) == len(values), attr  # colour is never the only difference


def test_counts_line_and_follow_up_phrase():
    counts = {S.OVERDUE: 3, S.DUE_SOON: 2, S.MET: 5}
    assert counts_line(counts) == "3 overdue · 2 due in 30 days · 5 met"
    assert counts_line(counts, 1).endswith("5 met · 1 follow-up due")
    assert follow_up_phrase(D(2012, 3, 1), D(2012, 2, 1)) == "Follow up by 1 Mar 2012"
    assert follow_up_phrase(D(2012, 3, 1), D(2012, 3, 1)) == "Follow up by 1 Mar 2012 — due"


def test_a_commitment_is_worded_by_its_deciding_milestone(catalog):
    c = catalog.commitment("2011-SOFT-2")
    assert phrase(commitment_standing(c, (), AS_OF)) == "Open — 167 days left"
    assert phrase(commitment_standing(c, (), D(2014, 6, 1))).startswith(
        "Overdue — closed on 30 Jun 2012")
    no_deadline = next(x for x in catalog.commitments if not x.milestones)
    assert phrase(commitment_standing(no_deadline, (), AS_OF)) == "No deadline"


@OFFSCREEN_NOISE
def test_detail_pane_tree_and_timeline_say_the_same(qtbot, reference, tmp_path):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    assert window.select_commitment("2011-SOFT-2")
    standing = window.standings.of("2011-SOFT-2")
    text = window.detail.plain_text()
    assert phrase(standing) in text and "due — due" not in text.casefold()
    for m in standing.milestones:
        assert phrase(m) in text
    tip = window.tree.tree_model().index_for_id("2011-SOFT-2").data(Qt.ItemDataRole.ToolTipRole)
    assert phrase(standing) in tip
    marks = window.timeline.layout_data.marks_of("2011-SOFT-2")
    tip = window.timeline.tooltip_for(marks)
    assert all(phrase(standing.milestones[m.index]) in tip for m in marks)
    with qtbot.waitSignal(window.asOfChanged):
        window.set_as_of(D(2014, 6, 1))
    tip = window.tree.tree_model().index_for_id("2011-SOFT-2").data(Qt.ItemDataRole.ToolTipRole)
    assert "Overdue — closed on 30 Jun 2012, 1 year ago" in tip
    assert "Overdue — closed on 30 Jun 2012, 1 year ago" in window.detail.plain_text()


def test_a_milestone_met_late_says_so():
    from jcct_desktop.core.standing_words import late_note

    late = _s(S.MET, D(2012, 9, 1), D(2012, 7, 30), D(2012, 6, 30))
    assert late_note(late) == "met 30 days after the window closed"
    assert late_note(_s(S.MET, D(2012, 9, 1), D(2012, 6, 1), D(2012, 6, 30))) == ""
    assert late_note(_s(S.OVERDUE, D(2012, 9, 1), D(2012, 7, 1), D(2012, 6, 30))) == ""


def test_detail_pane_shows_a_late_milestone_as_met_and_late(qtbot):
    from jcct_desktop.core.annotations.model import Assessment, AssessmentRecord
    from jcct_desktop.ui.detail import DetailPane
    from tests.ui_support import hostile_catalog

    catalog = hostile_catalog()
    c = catalog.commitment("2099-S-1")
    record = AssessmentRecord(Assessment.FULFILLED, "report", D(2099, 7, 10))
    pane = DetailPane(catalog)
    qtbot.addWidget(pane)
    as_of = D(2099, 8, 1)
    pane.show_commitment(c.id, as_of, standing=commitment_standing(c, (record,), as_of))
    text = pane.plain_text()
    assert "Met — since 10 Jul 2099" in text and "met 10 days after the window closed" in text
