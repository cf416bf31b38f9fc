"""Changed commitments are marked in the tree while View → Changes since… is open (pytest-qt,
the real window over a real notes database): Δ beside the star, the tooltip and the words a
screen reader hears say since when and how many; closing the view takes the marks away."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.database import open_user_db
from jcct_desktop.ui import changes_view
from jcct_desktop.ui.tree.model import CHANGED_GLYPH, CHANGED_ROLE
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
AS_OF = date(2012, 7, 15)
II, DC = "2011-II-1", "2011-DC-1"


@pytest.fixture
def service(data_dir: Path):
    moments = iter([datetime(2012, 3, 1, 12, tzinfo=UTC)] * 2
                   + [datetime(2012, 7, 10, 12, tzinfo=UTC)] * 10)
    opened = AnnotationService(open_user_db(data_dir), user="alice",
                               clock=lambda: next(moments))
    opened.record_assessment(commitment_id=II, status="fulfilled",
                             evidence="All catalogues withdrawn.", view="china",
                             source="MOFCOM", effective=date(2012, 2, 28))
    opened.set_starred(commitment_id=II, starred=True)
    opened.add_note(commitment_id=DC, text="Ask SFDA")
    yield opened
    opened.close()


@pytest.fixture
def window(make_window):
    """The window over this module's service, as of its own day."""
    return make_window(as_of=AS_OF)


def _row(window, cid: str, column: int = 1):
    model = window.tree.tree_model()
    return model.index_for_id(cid).siblingAtColumn(column)


def test_changed_commitments_marked_while_the_view_is_open(window, qtbot) -> None:
    model = window.tree.tree_model()
    assert CHANGED_GLYPH not in (_row(window, II).data() or "")
    window.settings.setValue(changes_view.SINCE_KEY, "2012-01-15")
    dialog = changes_view.ChangesDialog(window)
    qtbot.addWidget(dialog)
    changed = {g.commitment.id: len(g.items) for g in dialog.report.commitments}
    assert II in changed and DC in changed
    # every commitment the view lists is marked, and only those
    for c in window.catalog.commitments:
        index = _row(window, c.id)
        if not index.isValid():
            continue
        assert index.data(CHANGED_ROLE) == changed.get(c.id)
        assert (CHANGED_GLYPH in (index.data() or "")) == (c.id in changed)
    cell = _row(window, II)
    assert cell.data().startswith(CHANGED_GLYPH) and "★" in cell.data()
    words = f"changed since 15 Jan 2012: {changed[II]} change"
    assert words in _row(window, II, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert words in _row(window, II, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert words in cell.data(Qt.ItemDataRole.AccessibleTextRole)
    # a later day: fewer changes; the marks follow the new list exactly
    with qtbot.waitSignal(model.dataChanged, timeout=2000):
        dialog.since.set_day(date(2012, 7, 11))
        dialog.refresh()
    later = {g.commitment.id: len(g.items) for g in dialog.report.commitments}
    assert set(later) < set(changed)
    for c in window.catalog.commitments:
        if _row(window, c.id).isValid():
            assert _row(window, c.id).data(CHANGED_ROLE) == later.get(c.id)
    # closed: no marks left
    dialog.reject()
    assert all(not _row(window, c.id).data(CHANGED_ROLE)
               for c in window.catalog.commitments if _row(window, c.id).isValid())
    assert model.changed.counts == {}
