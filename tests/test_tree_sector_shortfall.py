"""A sector's (and its meeting's) marker in the tree ranks a shortfall as the core does
(``core.standing.roll_up``): a commitment judged not met outranks a sibling due soon, so the
sector shows the "not met" marker, and its tooltip and spoken words count it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from jcct_desktop.core.standing import Standing, roll_up
from jcct_desktop.ui.graphics import state_icon
from jcct_desktop.ui.tree import spoken
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
AS_OF = date(2012, 6, 15)  # the QA walk's day: Software Legalization has one due soon


def test_the_core_ranks_a_shortfall_above_pending_below_overdue() -> None:
    assert roll_up(Standing.OVERDUE, False) is Standing.OVERDUE
    assert roll_up(Standing.NOT_MET, True) is Standing.NOT_MET
    assert roll_up(Standing.PARTLY_MET, True) is Standing.NOT_MET  # closed: a shortfall
    assert roll_up(Standing.PARTLY_MET, False) is None  # its window still open
    assert roll_up(Standing.DUE_SOON, False) is Standing.DUE_SOON
    assert roll_up(Standing.MET, False) is None and roll_up(Standing.OPEN, False) is None


def _sector(window, cid):
    model = window.tree.tree_model()
    return model, model.index_for_id(cid).parent()


def _same_icon(a, b) -> bool:
    return a.pixmap(16, 16).toImage() == b.pixmap(16, 16).toImage()


def test_a_not_met_commitment_marks_its_sector_not_met(make_window, service, qtbot) -> None:
    window = make_window(as_of=AS_OF)
    model, sector = _sector(window, "2011-SOFT-2")
    item = model.item(sector)
    assert item.soon >= 1 and item.missed == 0  # due soon, as the walk saw it
    due_soon = sector.data(Qt.ItemDataRole.DecorationRole)
    assert _same_icon(due_soon, state_icon(Standing.DUE_SOON, hollow=True))

    (other,) = [cid for cid, _t in item._leaf_ids if window.standings.of(cid).value
                is not Standing.DUE_SOON][:1]
    service.record_assessment(commitment_id=other, status="not_fulfilled",
                              evidence="no budget line", effective=date(2012, 6, 1))
    qtbot.waitUntil(lambda: window.standings.of(other).value is Standing.NOT_MET)
    model, sector = _sector(window, other)
    item = model.item(sector)
    assert item.missed == 1 and item.soon >= 1
    assert _same_icon(sector.data(Qt.ItemDataRole.DecorationRole),
                      state_icon(Standing.NOT_MET, hollow=True))
    assert "1 not met" in sector.data(Qt.ItemDataRole.ToolTipRole)
    assert "1 not met" in spoken.container_counts(item)
    top = sector
    while top.parent().isValid():
        top = top.parent()
    assert model.item(top).missed >= 1  # the meeting's row counts it too
