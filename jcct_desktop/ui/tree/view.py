"""The tree view: keeps expansion and selection across model rebuilds (filters, as-of).

Which groups and sectors are open is the officer's own arrangement: it is kept (and saved
between runs by ``window_settings``) for the unfiltered tree. A filtered tree opens every
match instead; those openings are not remembered, so clearing the filter brings the
arrangement back as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QTreeView,
    QWidget,
)

from jcct_desktop.ui.annotations.marks import DRAFT, STAR
from jcct_desktop.ui.long_work import collector_paused
from jcct_desktop.ui.tree.items import NodeKind, TreeItem
from jcct_desktop.ui.tree.model import KEY_ROLE, SectorTreeModel

EXPAND_ALL_LIMIT = 400  # above this many commitments, open only the first meeting at start
BUSY_EXPANDING_FROM = 20_000  # Expand all shows the busy cursor from this many commitments


class SectorTreeView(QTreeView):
    # "" when a container or nothing is current. Not Signal(object) with None: PySide6 6.12 on
    # Python 3.11 drops a reference to None on every such emit and eventually crashes.
    commitmentSelected = Signal(str)
    menuRequested = Signal(str, QPoint)  # a commitment row's id, where to pop its menu


    def __init__(self, model: SectorTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sectorTree")
        self.setAccessibleName("Sectors and commitments")
        self.setModel(model)
        # the header's titles from a model of its own (C++): the tree's model is reset on
        # every search, and the header with it, set up again and painted twice per key,
        # each paint asking the tree's Python model for its titles (28 calls)
        self.header().setModel(titles_of(model, self.header()))
        self.setUniformRowHeights(True)  # lets QTreeView skip measuring 10k rows
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(False)
        self.setAnimated(False)
        self.setAllColumnsShowFocus(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self._fit_marks_column()
        self.setIndentation(14)  # titles, not indentation, should get a narrow tree's width
        self._expanded: set[str] = set()  # keys of open nodes in the unfiltered tree
        self._remembered: set[str] | None = None  # from the last run, for the first fill
        self._first_fill = True
        self._filtered = False
        self._follow_openings(True)
        self.selectionModel().currentChanged.connect(self._on_current)

    def _fit_marks_column(self) -> None:
        """The # column holds an assessment badge and ★✎ side by side: sized for all three at
        this font (a fixed 36 px elided ★✎ to nothing next to the badge)."""
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        text = self.fontMetrics().horizontalAdvance(STAR + DRAFT + " ")
        count = self.fontMetrics().horizontalAdvance("0000")  # a container's count
        icon = self.iconSize().width() if self.iconSize().width() > 0 else 16
        self.header().resizeSection(1, max(text + icon, count) + 4 * margin + 4)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_marks_column()

    def tree_model(self) -> SectorTreeModel:
        return self.model()  # type: ignore[return-value]

    # -- rebuilds -----------------------------------------------------------------------
    def replace_tree(self, root: TreeItem, states: dict, keep: str | None,
                     filtered: bool = False) -> None:
        """Swap in a rebuilt tree; restore expansion and select ``keep`` when still shown."""
        model = self.tree_model()
        self.selectionModel().blockSignals(True)
        model.set_tree(root, states)
        self.selectionModel().blockSignals(False)
        self._filtered = filtered
        if filtered and root.count <= EXPAND_ALL_LIMIT:
            super().expandAll()  # every match in sight; not the officer's arrangement
        elif self._first_fill and self._remembered is None:
            self._expand_defaults(root)
        else:
            self._open(root, self._expanded)
        self._first_fill = False
        if not keep or not self.select_id(keep):
            self.commitmentSelected.emit("")
        if self.isVisible():
            # laid out now, not on the reset's zero timer: the timer fires after this pass's
            # paints, so the tree's own paint waited for the next pass (during the next
            # key's search, where each Python call of the paint waits for the worker's turn)
            self.executeDelayedItemsLayout()

    # -- expansion ------------------------------------------------------------------------
    def remember_expanded(self, keys: set[str] | None) -> None:
        """The open nodes saved by the last run (None: never saved, use the defaults)."""
        self._remembered = keys
        if keys is not None:
            self._expanded = set(keys)

    def expanded_keys(self) -> set[str]:
        return set(self._expanded)

    def expandAll(self) -> None:
        # Qt 6 sends expanded() for every row opened here (140,000 at 100,000 commitments,
        # leaves too): not followed one by one, every container is open after it
        busy = self.tree_model().root.count > BUSY_EXPANDING_FROM
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self._follow_openings(False)
        try:
            # the rows it makes (300,000 objects at 100,000 commitments, the leaves of every
            # sector) live as long as this tree: the collector, paused, does not walk them
            # again and again as they are made (a third of the time), and they are frozen
            # after (a swapped-out tree is taken apart into no cycles: refcounts free it)
            with collector_paused():
                super().expandAll()
        finally:
            self._follow_openings(True)
            if busy:
                QApplication.restoreOverrideCursor()
        if not self._filtered:
            self._expanded = every_container_key(self.tree_model().root)

    def collapseAll(self) -> None:
        # Qt sends collapsed() for every open row, but only when something listens
        self._follow_openings(False)
        try:
            super().collapseAll()
        finally:
            self._follow_openings(True)
        if not self._filtered:
            self._expanded = set()

    def _follow_openings(self, follow: bool) -> None:
        """Track what the officer opens and closes (off during Expand all / Collapse all: a
        Python slot per row they open or close was most of Collapse all's time)."""
        if follow:
            self.expanded.connect(self._on_expanded)
            self.collapsed.connect(self._on_collapsed)
        else:
            self.expanded.disconnect(self._on_expanded)
            self.collapsed.disconnect(self._on_collapsed)

    def _on_expanded(self, index: QModelIndex) -> None:
        if not self._filtered:
            self._expanded.add(index.data(KEY_ROLE))

    def _on_collapsed(self, index: QModelIndex) -> None:
        if not self._filtered:
            self._expanded.discard(index.data(KEY_ROLE))

    def _open(self, root: TreeItem, keys: set[str]) -> None:
        model = self.tree_model()
        meetings = {key.split("/", 1)[0] for key in keys}  # only these need opening up
        # a rebuild at 100,000 commitments has 1,000 meetings: only those holding an open
        # node are walked (in the order _containers gives, meeting before what it holds)
        for top in root.children():
            if top.kind > NodeKind.SECTOR:
                continue  # a leaf holds nothing to open
            if top.key in keys:
                self.setExpanded(model.index_for_item(top), True)
            if top.kind < NodeKind.SECTOR and (top.kind is not NodeKind.MEETING
                                               or top.key in meetings):
                for item in self._containers(top):
                    if item.key in keys:
                        self.setExpanded(model.index_for_item(item), True)

    def _resync(self) -> None:
        if not self._filtered:
            model = self.tree_model()
            self._expanded = {item.key for item in self._containers(model.root, _built)
                              if self.isExpanded(model.index_for_item(item))}

    def _expand_defaults(self, root: TreeItem) -> None:
        if root.count <= EXPAND_ALL_LIMIT:
            super().expandAll()
        elif root.child_count():
            self.expand(self.tree_model().index(0, 0))
        self._resync()

    def _containers(self, item: TreeItem,
                    into: Callable[[TreeItem], bool] | None = None) -> Iterator[TreeItem]:
        """Every node that can hold others, going inside a meeting only when ``into`` says
        (walking items, not indexes; an unopened meeting's groups are not made for this);
        without ``into``, inside every meeting."""
        for child in item.children():
            if child.kind < NodeKind.SECTOR:
                yield child
                if child.kind is not NodeKind.MEETING or into is None or into(child):
                    yield from self._containers(child, into)
            elif child.kind is NodeKind.SECTOR:
                yield child

    # -- selection ----------------------------------------------------------------------
    def select_id(self, commitment_id: str) -> bool:
        """Select a commitment, opening its ancestors and scrolling to it; False if hidden."""
        index = self.tree_model().index_for_id(commitment_id)
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.expand(parent)
            parent = parent.parent()
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def select_node(self, key: str) -> bool:
        """Select a meeting, group or sector row by its key ("2011", "2011/SOFT")."""
        model = self.tree_model()
        meeting = key.split("/", 1)[0]
        found = next((item for item in self._containers(model.root, lambda m: m.key == meeting)
                      if item.key == key), None)
        if found is None:
            return False
        index = model.index_for_item(found)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index)
        return True

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Right-click on a commitment row, or the menu key on the current one."""
        mouse = event.reason() == QContextMenuEvent.Reason.Mouse
        index = self.indexAt(event.pos()) if mouse else self.currentIndex()  # viewport coords
        cid = self.tree_model().item(index).commitment_id if index.isValid() else None
        if not cid:
            event.ignore()
            return
        at = (event.globalPos() if mouse
              else self.viewport().mapToGlobal(self.visualRect(index).center()))
        self.menuRequested.emit(cid, at)
        event.accept()

    def current_node(self) -> TreeItem | None:
        index = self.currentIndex()
        return self.tree_model().item(index) if index.isValid() else None

    def current_id(self) -> str | None:
        index = self.currentIndex()
        return self.tree_model().item(index).commitment_id if index.isValid() else None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.tree_model().item(current) if current.isValid() else None
        self.commitmentSelected.emit((item.commitment_id or "") if item else "")


def titles_of(model: QAbstractItemModel, parent: QObject) -> QStandardItemModel:
    """The column titles ``model`` gives (and their tooltips), as a model of their own."""
    titles = QStandardItemModel(0, model.columnCount(), parent)
    for section in range(model.columnCount()):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(section, Qt.Orientation.Horizontal, role)
            if value is not None:
                titles.setHeaderData(section, Qt.Orientation.Horizontal, value, role)
    return titles


def every_container_key(root: TreeItem) -> set[str]:
    """The keys of every meeting, group and sector under ``root`` (making what is not yet
    made): what is open after Expand all."""
    keys: set[str] = set()
    stack = list(root.children())
    while stack:
        item = stack.pop()
        if item.kind < NodeKind.COMMITMENT:
            keys.add(item.key)
            if item.kind < NodeKind.SECTOR:
                stack += item.children()
    return keys


def _built(item: TreeItem) -> bool:
    """Nothing inside a meeting never opened can be expanded."""
    return item.built
