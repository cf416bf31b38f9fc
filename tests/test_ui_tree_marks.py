"""The marks in the tree's # column: a commitment assessed, starred and drafted shows every
one, painted whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from jcct_desktop.ui.annotations.marks import DRAFT, STAR
from tests.ui_support import AS_OF, OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CID = "2011-SOFT-2"


@pytest.fixture
def window(make_window):
    """The main window at 1024×740, the small screen these checks are about."""
    return make_window(size=(1024, 740))


def _ink_pixels(window, cid: str) -> int:
    """Pixels painted (not background) in the commitment's # cell."""
    view = window.tree
    index = view.tree_model().index_for_id(cid).siblingAtColumn(1)
    view.scrollTo(index)
    image = view.viewport().grab(view.visualRect(index)).toImage()
    paper = QColor(image.pixel(0, 0))
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if not _near(QColor(image.pixel(x, y)), paper))


def _near(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 60


def test_an_assessed_starred_drafted_commitment_shows_every_mark(window, service, qtbot):
    service.record_assessment(commitment_id=CID, status="fulfilled", evidence="notice",
                              effective=AS_OF)
    window.select_commitment("2011-NEV-1")  # unselected: drawn on the plain background
    qtbot.waitUntil(lambda: window.tree.tree_model().marks.status(CID).value == "fulfilled")
    badge = _ink_pixels(window, CID)
    service.set_starred(commitment_id=CID, starred=True)
    qtbot.waitUntil(lambda: window.tree.tree_model().marks.is_starred(CID))
    star = _ink_pixels(window, CID) - badge
    assert star > 10  # ✓★ shows
    service.save_draft(commitment_id=CID, text="half a thought")
    index = window.tree.tree_model().index_for_id(CID).siblingAtColumn(1)
    qtbot.waitUntil(lambda: index.data() == STAR + DRAFT)
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()  # the ✓ badge too
    # the whole text is painted, not elided: the cell is wide enough for badge + ★✎
    view = window.tree
    assert view.sizeHintForIndex(index).width() <= view.columnWidth(1)
    both = _ink_pixels(window, CID) - badge
    assert both > star * 1.5, (badge, star, both)  # ✓★✎: the pencil is painted too
