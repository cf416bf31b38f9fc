"""Plain-Python tree items: meeting → group → sector → commitment, with counts and markers.

The model only maps indexes onto these. Commitment leaves are created lazily the first time a
sector is opened or asked for, so a 10,000-commitment archive builds in milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from enum import IntEnum
from functools import partial

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.model import Sector
from jcct_desktop.core.standing import ROLL_UP_RANK, Standing, roll_up

Key = tuple[str, str]  # (meeting id, sector code)


class NodeKind(IntEnum):
    ROOT = 0
    MEETING = 1
    GROUP = 2
    SECTOR = 3
    COMMITMENT = 4


class TreeItem:
    __slots__ = ("_children", "_lazy", "_leaf_ids", "_locator", "_places", "count", "key",
                 "kind", "label", "missed", "parent", "past", "row", "soon")

    def __init__(self, kind: NodeKind, key: str, label: str, parent: TreeItem | None = None,
                 row: int = 0) -> None:
        self.kind = kind
        self.key = key  # meeting id, "meeting/code" for sectors, commitment id for leaves
        self.label = label
        self.parent = parent
        self.row = row
        self.count = 0  # commitments under this node
        self.past = 0  # of which overdue
        self.missed = 0  # of which a shortfall (not met, or partly met once closed)
        self.soon = 0  # of which due soon
        self._children: list[TreeItem] | None = []
        self._leaf_ids: list[tuple[str, str]] = []  # (id, title) of lazily made leaves
        # a meeting's groups, made when first opened: (how many, how to make them)
        self._lazy: tuple[int, Callable[[], list[TreeItem]]] | None = None
        # root only: each sector's item, and each commitment's sector and place in the source
        # (per sector, not per leaf: a rebuild at 100,000 commitments touches no leaf)
        self._locator: dict[Key, TreeItem] | None = None
        self._places: Mapping[str, tuple[Key, int]] = {}

    # -- children ----------------------------------------------------------------------
    @property
    def built(self) -> bool:
        """Its children exist (a meeting or sector not yet opened has none to walk)."""
        return self._children is not None

    def children(self) -> list[TreeItem]:
        if self._children is None and self._lazy is not None:  # a meeting opened
            make, self._lazy, self._children = self._lazy[1], None, []
            for kid in make():
                kid.parent, kid.row = self, len(self._children)
                self._children.append(kid)
        if self._children is None:  # a sector opened for the first time
            self._children = [
                TreeItem(NodeKind.COMMITMENT, cid, title, self, i)
                for i, (cid, title) in enumerate(self._leaf_ids)
            ]
        return self._children

    def child_count(self) -> int:
        if self._children is None:
            return self._lazy[0] if self._lazy is not None else len(self._leaf_ids)
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
        found = self._places.get(commitment_id)
        if found is None or self._locator is None:
            return None
        if found[0] not in self._locator and (found[0][0], "") in self._locator:
            self._locator[(found[0][0], "")].children()  # its meeting, not opened yet
        sector = self._locator.get(found[0])
        if sector is None:
            return None
        leaves, row = sector._leaf_ids, found[1]
        if not (row < len(leaves) and leaves[row][0] == commitment_id):  # a filtered sector
            row = next((i for i, (cid, _t) in enumerate(leaves) if cid == commitment_id), -1)
        return sector.child(row) if row >= 0 else None


def meeting_label(number: int, meeting_id: str) -> str:
    suffix = "th"
    if number % 100 not in (11, 12, 13):
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix} JCCT ({meeting_id})"


Leaves = dict[Key, list[tuple[str, str]]]  # per sector, (id, title) of its commitments
# per sector, how many of its shown commitments are overdue, a shortfall, due soon
Marked = tuple[dict[Key, int], dict[Key, int], dict[Key, int]]
# the standings that may ask a container for attention (core.standing.roll_up decides)
_ASKING = frozenset({Standing.OVERDUE, Standing.NOT_MET, Standing.PARTLY_MET, Standing.DUE_SOON})


class TreeSource:
    """What every rebuild needs from the catalog, gathered once (filters rebuild per keystroke)."""

    def __init__(self, catalog: Catalog) -> None:
        self.meetings = [(m.id, m.label) for m in catalog.meetings]
        self.groups: dict[str, list[tuple[Sector, Key, list[tuple[Sector, Key]]]]] = {
            m.id: [(g, (g.meeting, g.code),
                    [(s, (s.meeting, s.code)) for s in catalog.subsectors(g)])
                   for g in catalog.groups(m.id)]
            for m in catalog.meetings
        }
        self.leaves: Leaves = {
            (s.meeting, s.code): [(c.id, c.title) for c in catalog.commitments_in(s)]
            for s in catalog.sectors
        }
        # commitment id → (its sector's key, its place there): a filtered rebuild touches only
        # the sectors that hold a match, not all of them
        self.place = {cid: (key, i) for key, pairs in self.leaves.items()
                      for i, (cid, _title) in enumerate(pairs)}
        # the overdue, shortfall and due-soon ids of the last standings seen (they change by
        # date or note), each with its roll-up
        self._flagged: tuple[Mapping[str, Standing], list[tuple[str, Key, Standing]]] | None = None
        # whether a partly met commitment is a shortfall (its window closed): the window's
        # standings say (``judge``); without them only "not met" counts as one
        self._shortfall: Callable[[str], bool] = lambda _cid: False

    def judge(self, shortfall: Callable[[str], bool]) -> None:
        """Ask ``shortfall(commitment_id)`` (the standing book's verdict) from the next
        standings on."""
        self._shortfall = shortfall
        self._flagged = None

    def build(self, states: Mapping[str, Standing],
              visible: Collection[str] | None = None) -> TreeItem:
        """The whole tree; with ``visible`` only those commitments and the nodes that hold them."""
        shown = self.leaves if visible is None else self._shown_leaves(visible)
        marked = self._marked(states, visible)
        past, missed, soon = marked
        root = TreeItem(NodeKind.ROOT, "", "")
        locator: dict[Key, TreeItem] = {}
        for meeting_id, label in self.meetings:
            # counts only; the groups and sectors are made when the meeting is first opened
            # (a 100,000-commitment archive has 39,000 of them and shows a few)
            m_item = TreeItem(NodeKind.MEETING, meeting_id, label)
            groups = 0
            for _group, g_key, sectors in self.groups[meeting_id]:
                keys = [g_key, *(key for _s, key in sectors)]
                count = sum(len(shown.get(key, ())) for key in keys)
                if visible is None or count:
                    groups += 1
                    m_item.count += count
                    m_item.past += sum(past.get(key, 0) for key in keys)
                    m_item.missed += sum(missed.get(key, 0) for key in keys)
                    m_item.soon += sum(soon.get(key, 0) for key in keys)
            if visible is None or m_item.count:
                m_item._children = None
                m_item._lazy = (groups, partial(self._groups, meeting_id, shown, visible,
                                                marked, locator))
                locator[(meeting_id, "")] = m_item
                _absorb(root, m_item)
        root._locator, root._places = locator, self.place
        return root

    def _groups(self, meeting_id: str, shown: Leaves, visible: Collection[str] | None,
                marked: Marked, locator: dict[Key, TreeItem]) -> list[TreeItem]:
        """One meeting's shown groups and sectors, with their counts."""
        made: list[TreeItem] = []
        for group, g_key, sectors in self.groups[meeting_id]:
            if visible is not None and g_key not in shown \
                    and not any(key in shown for _s, key in sectors):
                continue  # nothing of this group is shown
            g_item = _sector_item(group, NodeKind.GROUP, shown.get(g_key, []), g_key,
                                  marked, locator)
            for sector, key in sectors:
                leaves = shown.get(key, [])
                if leaves or visible is None:
                    _absorb(g_item, _sector_item(sector, NodeKind.SECTOR, leaves, key,
                                                 marked, locator))
            if visible is None or g_item.count:
                made.append(g_item)
        return made

    def _marked(self, states: Mapping[str, Standing], visible: Collection[str] | None
                ) -> Marked:
        """Per sector, its shown overdue, shortfall and due-soon commitments (ranked by
        ``core.standing.roll_up``): counted from the marked ids, so a rebuild does no work
        per leaf."""
        # read once: a search superseded on the worker may be building beside the GUI thread
        flagged = self._flagged
        if flagged is None or flagged[0] is not states:  # new standings only
            shortfall = self._shortfall
            found = []
            for cid, state in states.items():
                if state in _ASKING and cid in self.place:
                    up = roll_up(state, state is Standing.PARTLY_MET and shortfall(cid))
                    if up is not None:
                        found.append((cid, self.place[cid][0], up))
            flagged = (states, found)
            self._flagged = flagged
        tallies: dict[Standing, dict[Key, int]] = {s: {} for s in ROLL_UP_RANK}
        for cid, key, up in flagged[1]:
            if visible is None or cid in visible:
                tally = tallies[up]
                tally[key] = tally.get(key, 0) + 1
        return (tallies[Standing.OVERDUE], tallies[Standing.NOT_MET],
                tallies[Standing.DUE_SOON])

    def _shown_leaves(self, visible: Collection[str]) -> Leaves:
        """Per sector, its visible leaves in source order."""
        places: dict[Key, list[int]] = {}
        for cid in visible:
            found = self.place.get(cid)
            if found is not None:
                places.setdefault(found[0], []).append(found[1])
        return {key: [self.leaves[key][i] for i in sorted(rows)] for key, rows in places.items()}


def _sector_item(sector: Sector, kind: NodeKind, leaves: list[tuple[str, str]], key: Key,
                 marked: Marked, locator: dict[Key, TreeItem]) -> TreeItem:
    item = TreeItem(kind, f"{sector.meeting}/{sector.code}", sector.name)
    if leaves:
        item._children = None  # made lazily on first access
        item._leaf_ids = leaves
        locator[key] = item
        item.count = len(leaves)
        item.past, item.missed, item.soon = (tally.get(key, 0) for tally in marked)
    return item


def build_tree(catalog: Catalog, states: Mapping[str, Standing],
               visible: Collection[str] | None = None) -> TreeItem:
    return TreeSource(catalog).build(states, visible)


def _absorb(parent: TreeItem, child: TreeItem) -> None:
    parent.add(child)
    parent.count += child.count
    parent.past += child.past
    parent.missed += child.missed
    parent.soon += child.soon
