"""The tree's Python calls from Qt per relayout and per paint (issue 25): each takes the
interpreter lock, and while a search runs on the worker it waits for the worker's turn.

- no Python ``flags`` (Qt's own gives the same flags): a relayout after a rebuild asks
  Python only for each top-level row's index and whether it has children;
- a painted cell is one ``multiData`` call, not one ``data`` call per role (seven), and is
  painted exactly as before (compared with a model answering role by role);
- the header reads its titles from a model of its own: repainted after every rebuild, it
  asks the tree's Python model nothing;
- a result swapped into a shown window is laid out at once, so its paint comes in the same
  pass of the event loop as the other panes' (it waited for the next one: the next key's
  search).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QModelRoleData,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QApplication

from bench.typed_keys import refilter_typed
from jcct_desktop.ui.tree import SectorTreeModel, SectorTreeView
from tests.ui_support import OFFSCREEN_NOISE, build_window

pytestmark = OFFSCREEN_NOISE
MEETINGS = 60  # top-level rows
PER_MEETING = 8  # 480 commitments: over EXPAND_ALL_LIMIT, so the tree starts folded


def calls_from_qt(work: Callable[[], object]) -> Counter[str]:
    """The Python functions Qt's C++ called while ``work`` ran, by qualified name (``work``
    calls Qt itself: the calls counted are those made from inside its Qt calls)."""
    calls: Counter[str] = Counter()
    entry = work.__code__

    def seen(frame, event, _arg):
        if event == "call" and frame.f_back is not None and frame.f_back.f_code is entry:
            calls[frame.f_code.co_qualname] += 1

    sys.setprofile(seen)
    try:
        work()
    finally:
        sys.setprofile(None)
    return calls


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    from bench.make_archive import make_archive
    from jcct_desktop.store.reference.reader import open_reference

    path = tmp_path_factory.mktemp("archive") / "a.sqlite"
    return open_reference(make_archive(path, meetings=MEETINGS, per_meeting=PER_MEETING))


@pytest.fixture
def archive_window(qtbot, archive, tmp_path):
    window = build_window(qtbot, archive, tmp_path, size=(1000, 700))
    window.timeline.setVisible(False)  # the tree's calls alone
    return window


def test_a_relayout_asks_python_only_each_rows_index_and_children(archive_window):
    view = archive_window.tree
    model = view.tree_model()
    assert model.rowCount() == MEETINGS

    def relayout() -> None:
        model.beginResetModel()
        model.endResetModel()
        view.executeDelayedItemsLayout()

    calls = calls_from_qt(relayout)
    assert calls["SectorTreeModel.flags"] == 0
    assert not any(name.startswith("property.") for name in calls)  # the enum's value
    assert MEETINGS <= calls["SectorTreeModel.index"] <= MEETINGS + 5
    assert MEETINGS <= calls["SectorTreeModel.hasChildren"] <= MEETINGS + 5
    assert sum(calls.values()) <= 2 * MEETINGS + 30  # headers, a size hint: a few


def test_a_painted_cell_is_one_python_call(archive_window):
    view = archive_window.tree
    rows = view.viewport().height() // view.sizeHintForRow(0) + 1

    def paint() -> None:
        view.viewport().repaint()

    calls = calls_from_qt(paint)
    assert calls["SectorTreeModel.data"] == 0
    assert calls["SectorTreeModel.flags"] == 0
    assert rows <= calls["SectorTreeModel.multiData"] <= 2 * rows  # both columns of a row


def test_the_header_paints_without_python_and_shows_the_models_titles(archive_window):
    view = archive_window.tree
    header = view.header()
    model = view.tree_model()

    def paint() -> None:
        header.viewport().repaint()

    calls = calls_from_qt(paint)
    assert calls["SectorTreeModel.headerData"] == 0
    assert header.count() == model.columnCount() == 2
    titles = header.model()
    for section in range(2):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                     Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole,
                     Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole):
            assert titles.headerData(section, Qt.Orientation.Horizontal, role) \
                == model.headerData(section, Qt.Orientation.Horizontal, role)
    assert titles.headerData(0, Qt.Orientation.Horizontal) == "Sector / commitment"
    # the view's own model still answers (screen readers read the titles there)
    assert view.model().headerData(1, Qt.Orientation.Horizontal) == "#"


class _RoleByRole(SectorTreeModel):
    """Qt's own ``multiData``: ``data`` once per role."""

    def multiData(self, index: QModelIndex | QPersistentModelIndex,
                  roleDataSpan) -> None:
        QAbstractItemModel.multiData(self, index, roleDataSpan)


def test_cells_are_painted_as_when_asked_role_by_role(window, service, qtbot):
    """Every mark and colour the tree paints (standings, star, assessment badge, counts,
    hollow markers, the selected row) is the same as from ``data`` role by role; the
    delegate reuses its slots from cell to cell, so a role with no value must be cleared."""
    ids = sorted(window.catalog.ids)
    service.set_starred(commitment_id=ids[3], starred=True)
    service.record_assessment(commitment_id=ids[5], status="fulfilled", evidence="e",
                              effective=window.as_of())
    window.select_commitment(ids[7])
    qtbot.waitUntil(lambda: window.tree.tree_model().marks.is_starred(ids[3]))
    ours = window.tree
    ours.expandAll()
    model = ours.tree_model()
    theirs = SectorTreeView(_RoleByRole())
    qtbot.addWidget(theirs)
    other = theirs.tree_model()
    other.set_tree(model.root, window._states)
    other.set_standings(window.standings)
    other.set_marks(model.marks)
    theirs.setFont(ours.font())
    theirs.resize(ours.size())
    theirs.header().resizeSection(0, ours.header().sectionSize(0))
    theirs.show()
    theirs.expandAll()
    theirs.select_id(ids[7])
    for view in (ours, theirs):
        view.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    mine, role_by_role = ours.viewport().grab().toImage(), theirs.viewport().grab().toImage()
    assert mine.size() == role_by_role.size()
    assert mine == role_by_role


def test_multi_data_from_python_answers_one_role_as_data_does(window):
    model = window.tree.tree_model()
    index = model.index_for_id(sorted(window.catalog.ids)[0])
    for column in (0, 1):
        cell = index.siblingAtColumn(column)
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                     Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.FontRole):
            slot = QModelRoleData(role)
            model.multiData(cell, slot)
            assert slot.data() == model.data(cell, role)


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_a_result_swapped_in_is_painted_in_the_same_pass(archive_window):
    """As the benches time a key: until the search is no longer pending, then one pass of
    the event loop for the paint. The tree is painted by then, with the other panes."""
    app = QApplication.instance()
    assert app is not None
    window = archive_window
    paints = _Paints()
    window.tree.viewport().installEventFilter(paints)
    for text in ("reg", "s", "sm"):
        refilter_typed(app, window, text)
        paints.count = 0
        app.processEvents()
        assert paints.count >= 1, text
        app.processEvents()  # nothing of this key is left to paint the tree again
        paints.count = 0
        app.processEvents()
        assert paints.count == 0, text
