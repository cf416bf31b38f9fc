"""Plain-Python tree items: meeting → group → sector → commitment, with counts and markers.

The model only maps indexes onto these. Commitment leaves are created lazily the first time a
sector is opened or asked for, so a 10,000-commitment archive builds in milliseconds.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import IntEnum

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.model import Sector
from jcct_desktop.core.status import DeadlineState


class NodeKind(IntEnum):
    ROOT = 0
    MEETING = 1
    GROUP = 2
    SECTOR = 3
    COMMITMENT = 4


class TreeItem:
    __slots__ = ("_children", "_leaf_ids", "_locator", "count", "key", "kind", "label",
                 "parent", "past", "row", "soon")

    def __init__(self, kind: NodeKind, key: str, label: str, parent: TreeItem | None = None,
                 row: int = 0) -> None:
        self.kind = kind
        self.key = key  # meeting id, "meeting/code" for sectors, commitment id for leaves
        self.label = label
        self.parent = parent
        self.row = row
        self.count = 0  # commitments under this node
        self.past = 0  # of which past their deadline
        self.soon = 0  # of which due soon
        self._children: list[TreeItem] | None = []
        self._leaf_ids: list[tuple[str, str]] = []  # (id, title) of lazily made leaves
        self._locator: dict[str, tuple[TreeItem, int]] | None = None  # root only

    # -- children ----------------------------------------------------------------------
    def children(self) -> list[TreeItem]:
        if self._children is None:  # a sector opened for the first time
            self._children = [
                TreeItem(NodeKind.COMMITMENT, cid, title, self, i)
                for i, (cid, title) in enumerate(self._leaf_ids)
            ]
        return self._children

    def child_count(self) -> int:
        if self._children is None:
            return len(self._leaf_ids)
        return len(self._children)

    def child(self, row: int) -> TreeItem | None:
        kids = self.children()
        return kids[row] if 0 <= row < len(kids) else None

    def add(self, item: TreeItem) -> TreeItem:
        kids = self.children()
        item.parent, item.row = self, len(kids)
        kids.append(item)
        return item

    @property
    def commitment_id(self) -> str | None:
        return self.key if self.kind is NodeKind.COMMITMENT else None

    def locate(self, commitment_id: str) -> TreeItem | None:
        """The leaf for a commitment id (root only); materializes its sector's leaves."""
        found = (self._locator or {}).get(commitment_id)
        if found is None:
            return None
        sector, row = found
        return sector.child(row)


def meeting_label(number: int, meeting_id: str) -> str:
    suffix = "th"
    if number % 100 not in (11, 12, 13):
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix} JCCT ({meeting_id})"


def build_tree(catalog: Catalog, states: Mapping[str, DeadlineState],
               visible: Collection[str] | None = None) -> TreeItem:
    """The whole tree; with ``visible`` only those commitments and the nodes that hold them."""
    root = TreeItem(NodeKind.ROOT, "", "")
    locator: dict[str, tuple[TreeItem, int]] = {}
    for meeting in catalog.meetings:
        m_item = TreeItem(NodeKind.MEETING, meeting.id, meeting_label(meeting.number, meeting.id))
        for group in catalog.groups(meeting.id):
            g_item = _sector_item(catalog, group, NodeKind.GROUP, states, visible, locator)
            for sector in catalog.subsectors(group):
                s_item = _sector_item(catalog, sector, NodeKind.SECTOR, states, visible, locator)
                if visible is None or s_item.count:
                    _absorb(g_item, s_item)
            if visible is None or g_item.count:
                _absorb(m_item, g_item)
        if visible is None or m_item.count:
            _absorb(root, m_item)
    root._locator = locator
    return root


def _sector_item(catalog: Catalog, sector: Sector, kind: NodeKind,
                 states: Mapping[str, DeadlineState], visible: Collection[str] | None,
                 locator: dict[str, tuple[TreeItem, int]]) -> TreeItem:
    item = TreeItem(kind, f"{sector.meeting}/{sector.code}", sector.name)
    leaves = [c for c in catalog.commitments_in(sector) if visible is None or c.id in visible]
    if leaves:
        item._children = None  # lazily made on first access
        item._leaf_ids = [(c.id, c.title) for c in leaves]
        for i, c in enumerate(leaves):
            locator[c.id] = (item, i)
            state = states.get(c.id, DeadlineState.NONE)
            item.past += state is DeadlineState.PAST
            item.soon += state is DeadlineState.DUE_SOON
        item.count = len(leaves)
    return item


def _absorb(parent: TreeItem, child: TreeItem) -> None:
    parent.add(child)
    parent.count += child.count
    parent.past += child.past
    parent.soon += child.soon
