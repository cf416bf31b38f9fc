"""The history list in the notes pane: entries wrap over lines as plain text, in the notes'
delegate, never wider than the list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from jcct_desktop.core.annotations import Assessment
from jcct_desktop.ui.annotations.note_list import STAMP_ROLE, NoteDelegate, wrap
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CID = "2011-SOFT-2"


@pytest.fixture
def panel(make_panel):
    return make_panel(CID, width=520)


HOSTILE_WHY = "Source: <b>minutes</b> & annex " + "with a long explanation of why " * 8


def test_history_entries_wrap_over_lines_as_plain_text(panel, qtbot):
    history = panel.history
    panel.service.record_assessment(commitment_id=CID, status=Assessment.IN_PROGRESS,
                                 evidence=HOSTILE_WHY)
    panel.service.set_starred(commitment_id=CID, starred=True)
    qtbot.waitUntil(lambda: history.count() == 2)
    star, status = history.item(0), history.item(1)  # newest first
    assert status.data(STAMP_ROLE).startswith("20") and " · " in status.data(STAMP_ROLE)
    first, why = status.text().split("\n")
    assert first == f"status: {Assessment.NOT_ASSESSED.label} → {Assessment.IN_PROGRESS.label}"
    assert why == " ".join(HOSTILE_WHY.split())  # literal <b>&, all of it
    assert "<b>" not in status.toolTip() and "&lt;b&gt;minutes" in status.toolTip()
    assert history.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert isinstance(history.itemDelegate(), NoteDelegate)  # the notes' delegate, shared
    width = history.viewport().width()
    assert wrap(status.text(), history.font(), width - 20)[0] == first
    assert len(wrap(status.text(), history.font(), width - 20)) >= 3  # the why wraps
    rect = history.visualItemRect
    assert rect(status).height() > rect(star).height()  # a long why takes more lines
    assert rect(status).width() <= width  # never wider than the list: nothing cut off
    assert not history.viewport().grab().isNull()
