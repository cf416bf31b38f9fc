"""The sector tree pane: plain-Python items, a thin item model, and the view."""

from jcct_desktop.ui.tree.items import NodeKind, TreeItem, TreeSource, build_tree
from jcct_desktop.ui.tree.model import SectorTreeModel
from jcct_desktop.ui.tree.view import SectorTreeView

__all__ = ["NodeKind", "SectorTreeModel", "SectorTreeView", "TreeItem", "TreeSource", "build_tree"]
