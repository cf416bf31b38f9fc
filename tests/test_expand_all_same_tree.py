"""Expand all and Collapse all made faster (issue 25) show and answer exactly as before.

Compared with a plain ``QTreeView`` over a model answering its structure the straightforward
way (the item helpers, as the model did before) and expanded by Qt's own ``expandAll``: the
same rows in the same order with the same texts, every row expanded alike (leaves too, as
Qt marks them), the same picture, the same current item, selection and keyboard moves after
it; what the window remembers as open is what is open; the rows made by Expand all are
freed once the tree is swapped out."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTreeView

from jcct_desktop.core import dates
from jcct_desktop.core.standing import standing_book
from jcct_desktop.ui.tree import SectorTreeModel, SectorTreeView, TreeSource
from jcct_desktop.ui.tree.items import NodeKind, TreeItem
from jcct_desktop.ui.tree.model import KEY_ROLE
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
MEETINGS = 12
_NO_INDEX = QModelIndex()
PER_MEETING = 40  # 480 commitments: over EXPAND_ALL_LIMIT, so the tree starts folded


class _Straightforward(SectorTreeModel):
    """The model's structure as it was answered before, through the item helpers."""

    def index(self, row: int, column: int,
              parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> QModelIndex:
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        if not 0 <= column < 2:
            return QModelIndex()
        child = self.item(parent).child(row)
        return self.createIndex(row, column, child) if child is not None else QModelIndex()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return self.item(parent).child_count()

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> bool:
        if parent.isValid():
            return parent.column() == 0 and parent.internalPointer().has_children()
        return self.root.has_children()


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    from bench.make_archive import make_archive
    from jcct_desktop.store.reference.reader import open_reference

    path = tmp_path_factory.mktemp("archive") / "a.sqlite"
    return open_reference(make_archive(path, meetings=MEETINGS, per_meeting=PER_MEETING))


@pytest.fixture
def setup(qtbot, archive):
    """(build a tree: visible -> root, states, our view, the plain view)"""
    catalog = archive.catalog
    book = standing_book(catalog.commitments, {}, dates.today())
    states = book.values()

    def build(visible=None) -> TreeItem:
        source = TreeSource(catalog)  # a tree of its own for each view
        source.judge(lambda cid: book.of(cid).shortfall)
        return source.build(states, visible)

    ours = SectorTreeView(SectorTreeModel())
    plain = QTreeView()
    plain.setModel(_Straightforward(plain))
    for view in (ours, plain):
        qtbot.addWidget(view)
        view.setUniformRowHeights(True)
        view.resize(420, 600)
        view.show()
    plain.header().resizeSection(1, ours.header().sectionSize(1))
    plain.setIndentation(ours.indentation())
    plain.setAllColumnsShowFocus(True)
    plain.header().setStretchLastSection(False)
    plain.header().setSectionResizeMode(0, ours.header().sectionResizeMode(0))
    return build, states, ours, plain


def _rows(view: QTreeView) -> list[tuple]:
    """Every row shown, top to bottom: its key, texts, whether open and has children."""
    model = view.model()
    rows, index = [], model.index(0, 0)
    while index.isValid():
        rows.append((index.data(KEY_ROLE), index.data(), index.siblingAtColumn(1).data(),
                     view.isExpanded(index), model.hasChildren(index), model.rowCount(index)))
        index = view.indexBelow(index)
    return rows


def _fill(setup, visible=None, filtered=False):
    build, states, ours, plain = setup
    ours.replace_tree(build(visible), states, None, filtered=filtered)
    plain.model().set_tree(build(visible), states)
    return ours, plain


@pytest.mark.parametrize("share", [None, 3, 7])
def test_expand_all_shows_the_same_rows_expanded_as_qts_own(setup, share):
    build, _states, ours, plain = setup
    visible = None if share is None else {leaf.key for leaf in _leaves(build())[::share]}
    ours, plain = _fill(setup, visible, filtered=visible is not None)
    ours.expandAll()
    plain.expandAll()
    rows = _rows(ours)
    assert len(rows) > MEETINGS * PER_MEETING // (share or 1)
    assert rows == _rows(plain)
    assert all(row[3] for row in rows)  # every row, leaves too, as Qt's expandAll marks them
    ours.collapseAll()
    plain.collapseAll()
    assert _rows(ours) == _rows(plain)
    assert not any(row[3] for row in _rows(ours))


def _leaves(root: TreeItem) -> list[TreeItem]:
    out, stack = [], [root]
    while stack:
        item = stack.pop()
        if item.kind is NodeKind.COMMITMENT:
            out.append(item)
        else:
            stack += reversed(item.children())
    return out


def test_leaves_are_the_catalogs_commitments_in_order(setup, archive):
    build, *_ = setup
    titles = {c.id: c.title for c in archive.catalog.commitments}
    for visible in (None, set(list(titles)[::5])):
        leaves = _leaves(build(visible))
        assert [leaf.label for leaf in leaves] == [titles[leaf.key] for leaf in leaves]
        assert len(leaves) == len(visible if visible is not None else titles)
        for leaf in leaves:
            assert leaf.parent is not None and leaf.parent.children()[leaf.row] is leaf
        # each node's own commitments in the catalog's order, as read off each one before
        catalog = archive.catalog
        sectors = {f"{s.meeting}/{s.code}": s for m in catalog.meetings
                   for g in catalog.groups(m.id) for s in (g, *catalog.subsectors(g))}
        nodes = {leaf.parent for leaf in leaves}
        assert len(nodes) > MEETINGS
        for node in nodes:
            assert node is not None
            own = [c.id for c in catalog.commitments_in(sectors[node.key])
                   if visible is None or c.id in visible]
            assert [leaf.key for leaf in node.children()
                    if leaf.kind is NodeKind.COMMITMENT] == own


def test_the_models_structure_answers_as_the_straightforward_one(setup):
    build, states, *_ = setup
    fast, plain = SectorTreeModel(), _Straightforward()
    fast.set_tree(build(), states)
    plain.set_tree(build(), states)

    def walk(a: QModelIndex, b: QModelIndex) -> int:
        assert fast.rowCount(a) == plain.rowCount(b)
        assert fast.hasChildren(a) == plain.hasChildren(b)
        for column in (1,):  # a column-1 cell holds nothing
            if a.isValid():
                assert fast.rowCount(a.siblingAtColumn(column)) == 0
                assert not fast.hasChildren(a.siblingAtColumn(column))
                assert not fast.index(0, 0, a.siblingAtColumn(column)).isValid()
        rows = fast.rowCount(a)
        for row, column in ((-1, 0), (rows, 0), (0, 2), (0, -1)):
            assert not fast.index(row, column, a).isValid()
            assert not plain.index(row, column, b).isValid()
        seen = 1
        for row in range(rows):
            x, y = fast.index(row, 0, a), plain.index(row, 0, b)
            assert (x.data(KEY_ROLE), x.row()) == (y.data(KEY_ROLE), y.row())
            assert fast.index(row, 1, a).data() == plain.index(row, 1, b).data()
            assert fast.parent(x) == a
            seen += walk(x, y)
        return seen

    assert walk(QModelIndex(), QModelIndex()) > MEETINGS * PER_MEETING


def test_what_is_remembered_open_is_what_is_open(setup):
    build, states, ours, _plain = setup
    _fill(setup)
    model = ours.tree_model()

    def open_keys() -> set[str]:
        return {item.key for item in ours._containers(model.root)
                if ours.isExpanded(model.index_for_item(item))}

    ours.expandAll()
    every = {item.key for item in ours._containers(model.root)}
    assert ours.expanded_keys() == every == open_keys()
    ours.collapseAll()
    assert ours.expanded_keys() == set() == open_keys()
    ours.expand(model.index(1, 0))  # by hand: followed again
    arrangement = ours.expanded_keys()
    assert arrangement == {model.index(1, 0).data(KEY_ROLE)}
    # a filtered tree's Expand all and Collapse all are not the officer's arrangement
    some = {leaf.key for leaf in _leaves(build())[::2]}
    ours.replace_tree(build(some), states, None, filtered=True)
    ours.expandAll()
    ours.collapseAll()
    ours.expandAll()
    assert ours.expanded_keys() == arrangement
    ours.replace_tree(build(), states, None)
    assert ours.expanded_keys() == arrangement == open_keys()


def test_current_item_selection_and_keys_as_after_qts_own(setup):
    _build, _states, ours, plain = setup
    ours, plain = _fill(setup)
    cid = _leaves(ours.tree_model().root)[PER_MEETING + 3].key
    ours.select_id(cid)
    leaf = plain.model().index_for_id(cid)
    parent = leaf.parent()
    while parent.isValid():
        plain.expand(parent)
        parent = parent.parent()
    plain.selectionModel().setCurrentIndex(
        leaf, plain.selectionModel().SelectionFlag.ClearAndSelect
        | plain.selectionModel().SelectionFlag.Rows)

    def place(view: QTreeView) -> tuple:
        return (view.currentIndex().data(KEY_ROLE),
                sorted((i.data(KEY_ROLE), i.column())
                       for i in view.selectionModel().selectedIndexes()))

    for bulk in ("expandAll", "collapseAll", "expandAll"):
        getattr(ours, bulk)()
        getattr(plain, bulk)()
        assert place(ours) == place(plain)
        assert place(ours)[0] == cid
    keys = [Qt.Key.Key_Down] * 5 + [Qt.Key.Key_Up, Qt.Key.Key_Left, Qt.Key.Key_Left,
                                    Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Down,
                                    Qt.Key.Key_End, Qt.Key.Key_Up, Qt.Key.Key_Home,
                                    Qt.Key.Key_PageDown, Qt.Key.Key_Left]
    for key in keys:
        for view in (ours, plain):
            QTest.keyClick(view, key)
        assert place(ours) == place(plain), key
    assert _rows(ours) == _rows(plain)


def test_the_expanded_tree_paints_as_qts_own(setup):
    ours, plain = _fill(setup)
    ours.expandAll()
    plain.expandAll()
    for at in (0, 0.5, 1):
        for view in (ours, plain):
            bar = view.verticalScrollBar()
            bar.setValue(round(bar.maximum() * at))
        QApplication.processEvents()
        assert ours.viewport().grab().toImage() == plain.viewport().grab().toImage()


def _items_alive() -> int:
    gc.unfreeze()  # frozen objects counted again (none is collected: the collector is off)
    return sum(isinstance(o, TreeItem) for o in gc.get_objects())


def test_rows_made_by_expand_all_are_freed_once_swapped_out(setup):
    build, states, ours, _plain = setup
    _fill(setup)
    few = {leaf.key for leaf in _leaves(build())[:3]}
    later = [build(few), build(few)]
    gc.collect()
    before = _items_alive()
    assert gc.isenabled()
    ours.expandAll()  # pauses the collector; what it made is frozen after
    gc.disable()
    try:
        made = _items_alive() - before
        assert made >= MEETINGS * PER_MEETING
        for tree in later:  # the expanded tree is taken apart one rebuild late
            ours.replace_tree(tree, states, None, filtered=True)
        assert _items_alive() <= before  # freed by reference counting alone
    finally:
        gc.enable()
