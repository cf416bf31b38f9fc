"""Deadline wording: one helper, and the detail pane, tree and timeline tooltips all use it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from jcct_desktop.core.status import DeadlineState, commitment_state
from jcct_desktop.ui.wording import commitment_phrase, deadline_phrase, milestone_phrase
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, make_window

S = DeadlineState


@pytest.mark.parametrize(("state", "days", "text"), [
    (S.DUE, 167, "Due — 167 days left"),
    (S.DUE_SOON, 12, "Due soon — 12 days left"),
    (S.DUE_SOON, 1, "Due soon — 1 day left"),
    (S.DUE_SOON, 0, "Due today"),
    (S.UPCOMING, 400, "Upcoming — due in 400 days"),
    (S.PAST, 45, "Past deadline — closed 45 days ago"),
    (S.PAST, 1, "Past deadline — closed yesterday"),
    (S.NONE, 0, "No deadline"),
    (S.PAST, None, "Past deadline"),
])
def test_phrases_read_naturally(state, days, text):
    assert deadline_phrase(state, days) == text


def test_no_phrase_repeats_its_state_name():
    for state in S:
        for days in (0, 1, 2, 30, 31, 400):
            words = deadline_phrase(state, days).casefold().split()
            assert words.count("due") <= 1 and words.count("past") <= 1, (state, days)


def test_a_commitment_is_worded_by_its_deciding_milestone(catalog):
    c = catalog.commitment("2011-SOFT-2")
    assert commitment_phrase(commitment_state(c, AS_OF), AS_OF) == "Due — 167 days left"
    later = date(2014, 6, 1)
    assert commitment_phrase(commitment_state(c, later), later).startswith(
        "Past deadline — closed ")
    no_deadline = next(x for x in catalog.commitments if not x.milestones)
    assert commitment_phrase(commitment_state(no_deadline, AS_OF), AS_OF) == "No deadline"


@OFFSCREEN_NOISE
def test_detail_pane_tree_and_timeline_say_the_same(qtbot, reference, tmp_path):
    window = make_window(qtbot, reference, tmp_path)
    assert window.select_commitment("2011-SOFT-2")
    c = window.catalog.commitment("2011-SOFT-2")
    phrase = commitment_phrase(commitment_state(c, AS_OF), AS_OF)
    text = window.detail.plain_text()
    assert phrase in text and "due — due" not in text.casefold()
    for m in c.milestones:
        assert milestone_phrase(m, AS_OF) in text
    tip = window.tree.tree_model().index_for_id(c.id).data(Qt.ItemDataRole.ToolTipRole)
    assert phrase in tip
    marks = window.timeline.layout_data.marks_of(c.id)
    tip = window.timeline.tooltip_for(marks)
    assert all(milestone_phrase(m.milestone, AS_OF) in tip for m in marks)
    with qtbot.waitSignal(window.asOfChanged):
        window.set_as_of(date(2014, 6, 1))
    tip = window.tree.tree_model().index_for_id(c.id).data(Qt.ItemDataRole.ToolTipRole)
    assert "Past deadline — closed" in tip
    assert "Past deadline — closed" in window.detail.plain_text()
