"""The tree view: keeps expansion and selection across model rebuilds (filters, as-of)."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from jcct_desktop.ui.tree.items import NodeKind, TreeItem
from jcct_desktop.ui.tree.model import KEY_ROLE, SectorTreeModel

EXPAND_ALL_LIMIT = 400  # above this many commitments, open only the first meeting at start


class SectorTreeView(QTreeView):
    # "" when a container or nothing is current. Not Signal(object) with None: PySide6 6.12 on
    # Python 3.11 drops a reference to None on every such emit and eventually crashes.
    commitmentSelected = Signal(str)

    def __init__(self, model: SectorTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sectorTree")
        self.setModel(model)
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
        header.resizeSection(1, 44)
        self._expanded: set[str] = set()
        self._first_fill = True
        self.expanded.connect(lambda i: self._expanded.add(i.data(KEY_ROLE)))
        self.collapsed.connect(lambda i: self._expanded.discard(i.data(KEY_ROLE)))
        self.selectionModel().currentChanged.connect(self._on_current)

    def tree_model(self) -> SectorTreeModel:
        return self.model()  # type: ignore[return-value]

    # -- rebuilds -----------------------------------------------------------------------
    def replace_tree(self, root: TreeItem, states: dict, keep: str | None) -> None:
        """Swap in a rebuilt tree; restore expansion and select ``keep`` when still shown."""
        model = self.tree_model()
        self.selectionModel().blockSignals(True)
        model.set_tree(root, states)
        self.selectionModel().blockSignals(False)
        if self._first_fill:
            self._first_fill = False
            self._expand_defaults(root)
        else:
            wanted = set(self._expanded)
            for item in self._containers(root):
                if item.key in wanted:
                    self.setExpanded(model.index_for_item(item), True)
        if not keep or not self.select_id(keep):
            self.commitmentSelected.emit("")

    def _expand_defaults(self, root: TreeItem) -> None:
        if root.count <= EXPAND_ALL_LIMIT:
            self.expandAll()
        elif root.child_count():
            self.expand(self.tree_model().index(0, 0))
        model = self.tree_model()
        self._expanded = {item.key for item in self._containers(root)
                          if self.isExpanded(model.index_for_item(item))}

    def _containers(self, item: TreeItem) -> Iterator[TreeItem]:
        """Every node that can hold others (walking items, not indexes: cheap for 10k)."""
        for child in item.children():
            if child.kind < NodeKind.SECTOR:
                yield child
                yield from self._containers(child)
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

    def current_id(self) -> str | None:
        index = self.currentIndex()
        return self.tree_model().item(index).commitment_id if index.isValid() else None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.tree_model().item(current) if current.isValid() else None
        self.commitmentSelected.emit((item.commitment_id or "") if item else "")
