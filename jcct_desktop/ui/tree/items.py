"""Plain-Python tree items: meeting → group → sector → commitment, with counts and markers.

The model only maps indexes onto these. Commitment leaves are created lazily the first time a
sector is opened or asked for, so a 10,000-commitment archive builds in milliseconds.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Mapping, Sequence
from enum import IntEnum
from functools import partial
from itertools import compress
from operator import attrgetter
from typing import NamedTuple

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.masks import (
    STANDINGS,
    Reordering,
    as_bits,
    both,
    having,
)
from jcct_desktop.core.model import Commitment, Sector
from jcct_desktop.core.source_order import source_order
from jcct_desktop.core.standing import ROLL_UP_RANK, Standing, roll_up

Key = tuple[str, str]  # (meeting id, sector code)
_ID = attrgetter("id")


class NodeKind(IntEnum):
    ROOT = 0
    MEETING = 1
    GROUP = 2
    SECTOR = 3
    COMMITMENT = 4


class TreeItem:
    __slots__ = ("_children", "_finder", "_lazy", "_leaf_ids", "count", "key", "kind", "label",
                 "missed", "parent", "past", "row", "soon")

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
        # (id, title) of lazily made leaves; a shared empty tuple until there are some (a
        # rebuild makes a node per meeting, 1,000 at 100,000 commitments, most never opened)
        self._leaf_ids: Sequence[tuple[str, str]] = ()
        # a meeting's groups, made when first opened (counted when first asked)
        self._lazy: LazyRows | None = None
        # root only: a commitment's leaf, found through its sector (a rebuild at 100,000
        # commitments touches no leaf)
        self._finder: Callable[[str], TreeItem | None] | None = None

    # -- children ----------------------------------------------------------------------
    @property
    def built(self) -> bool:
        """Its children exist (a meeting or sector not yet opened has none to walk)."""
        return self._children is not None

    def children(self) -> list[TreeItem]:
        if self._children is None and self._lazy is not None:  # a meeting opened
            make, self._lazy, self._children = self._lazy.make, None, []
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
            return self._lazy.rows() if self._lazy is not None else len(self._leaf_ids)
        return len(self._children)

    def has_children(self) -> bool:
        """Whether it holds anything, without counting an unopened meeting's groups (the view
        asks this of every meeting it lays out)."""
        if self._children is None and self._lazy is not None:
            return self._lazy.any
        return self.child_count() > 0

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
        return None if self._finder is None else self._finder(commitment_id)

    def dismantle(self) -> None:
        """Break a tree no longer shown into pieces (root only): its nodes point at their
        parents, and its unopened meetings and finder at a table of its nodes, so it is all
        reference cycles, which only the cyclic collector frees: a pass over every tree
        swapped out since the last, on the window's thread (12-19 ms at 100,000 commitments,
        once every ten keys or so). Without the cycles reference counting frees it at once.
        The tree must not be used after."""
        stack = [self]
        while stack:
            item = stack.pop()
            if item._children:
                stack += item._children
            item._children = item._lazy = item._finder = item.parent = None


class LazyRows:
    """An unopened meeting's groups: whether there are any, how many (counted when first
    asked), and how to make them (``rows`` and ``make`` are given the meeting's id)."""

    __slots__ = ("_count", "_key", "_make", "_rows", "any")

    def __init__(self, any_: bool, key: str, rows: Callable[[str], int],
                 make: Callable[[str], list[TreeItem]]) -> None:
        self.any, self._key, self._rows, self._make = any_, key, rows, make
        self._count: int | None = None

    def rows(self) -> int:
        if self._count is None:
            self._count = self._rows(self._key)
        return self._count

    def make(self) -> list[TreeItem]:
        return self._make(self._key)


def meeting_label(number: int, meeting_id: str) -> str:
    suffix = "th"
    if number % 100 not in (11, 12, 13):
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix} JCCT ({meeting_id})"


class _Group(NamedTuple):
    """A group of one meeting in tree order: its own commitments from ``start`` to ``own``,
    then each of its sectors' (sector, start, end), up to ``end``."""

    sector: Sector
    start: int
    own: int  # where its own commitments end
    sectors: list[tuple[Sector, int, int]]
    end: int


class _Shown(NamedTuple):
    """What one build shows, in tree order: a 0/1 mask of the shown commitments, and of
    those the overdue, shortfall and due-soon ones (ranked by ``core.standing.roll_up``)."""

    mask: bytes
    past: bytes
    missed: bytes
    soon: bytes


class TreeSource:
    """What every rebuild needs from the catalog, gathered once (filters rebuild per keystroke).

    The commitments are laid out in tree order (meeting, group, its own commitments, then
    each of its sectors', each in source order), so every node holds one run of positions and
    counts its shown and marked commitments with ``bytes.count`` over masks of that order.
    """

    def __init__(self, catalog: Catalog) -> None:
        self._groups: dict[str, list[_Group]] = {}
        # per meeting: (id, label, start, end, whether it has any group)
        self._meeting_spans: list[tuple[str, str, int, int, bool]] = []
        laid: list[Commitment] = []  # tree order
        # where each group's own commitments and each sector's begin, in tree order, and whose
        starts: list[int] = []
        self._sectors: list[Sector] = []
        sectors, within = self._sectors, catalog.commitments_in
        for m in catalog.meetings:  # per sector only appends: 39,000 of them at 100,000
            first = len(laid)
            groups = []
            for g in catalog.groups(m.id):
                start = len(laid)
                starts.append(start)
                sectors.append(g)
                laid.extend(within(g))
                own = len(laid)
                subs = []
                for sub in catalog.subsectors(g):
                    begins = len(laid)
                    starts.append(begins)
                    sectors.append(sub)
                    laid.extend(within(sub))
                    subs.append((sub, begins, len(laid)))
                groups.append(_Group(g, start, own, subs, len(laid)))
            self._groups[m.id] = groups
            self._meeting_spans.append((m.id, m.label, first, len(laid), bool(groups)))
        self._laid = laid
        self._starts = tuple(starts)
        self._ids = tuple(map(_ID, laid))  # a tuple of strings: the collector stops scanning it
        self._order = source_order(catalog)
        self._from_source: Reordering | None = None  # made when first needed
        # the overdue, shortfall and due-soon masks of the last standings seen (they change
        # by date or note), and each as bits
        self._flagged: tuple[Mapping[str, Standing], tuple[bytes, ...], tuple[int, ...]] \
            | None = None
        # whether a partly met commitment is a shortfall (its window closed): the window's
        # standings say (``judge``); without them only "not met" counts as one
        self._shortfall: Callable[[str], bool] = lambda _cid: False
        # the last tree built, with the standings' masks and the shown set it was built for
        self._last: tuple[tuple[object, bytes | None], TreeItem] | None = None

    def _to_tree(self) -> Reordering:
        """What turns source order into tree order."""
        turn = self._from_source
        if turn is None:  # made twice at worst, by two threads, alike
            turn = self._from_source = Reordering(list(map(self._order.rows.__getitem__,
                                                           self._ids)))
        return turn

    def judge(self, shortfall: Callable[[str], bool]) -> None:
        """Ask ``shortfall(commitment_id)`` (the standing book's verdict) from the next
        standings on."""
        self._shortfall = shortfall
        self._flagged = None

    def build(self, states: Mapping[str, Standing], visible: Collection[str] | None = None,
              in_source: bytes | None = None) -> TreeItem:
        """The whole tree; with ``visible`` only those commitments and the nodes that hold them.
        ``in_source`` is ``visible`` as a mask in source order when the caller has it
        (``core.source_order``): turned into tree order without looking up an id."""
        masks, bits = self._marked(states)
        if visible is not None and (in_source is None
                                    or len(in_source) != len(self._order.ids)):
            in_source = self._order.mask(visible)
        key = (masks, None if visible is None else in_source)  # masks: made once per standings
        last = self._last  # read once: the window's thread may build beside the worker
        # most keys typed into a word show the same set as the key before: the same tree
        # (never changed once built; one taken apart by the model is not given again)
        if last is not None and last[0][0] is key[0] and last[0][1] == key[1] \
                and last[1]._finder is not None:
            return last[1]
        if key[1] is None:
            shown = _Shown(b"\x01" * len(self._ids), *masks)
        else:
            mask = self._to_tree().mask(key[1])
            shown = _Shown(mask, *(both(mask, b) for b in bits))
        count, past, missed, soon = (m.count for m in shown)
        everything = visible is None
        root = TreeItem(NodeKind.ROOT, "", "")
        kids: list[TreeItem] = []
        locator: dict[Key, TreeItem] = {}
        rows = partial(self._shown_groups, shown.mask, everything)
        make = partial(self._made, shown, everything, locator)
        for meeting_id, label, start, end, has_groups in self._meeting_spans:
            # counts only; the groups and sectors are made when the meeting is first opened
            # (a 100,000-commitment archive has 39,000 of them and shows a few)
            shown_here = count(1, start, end)
            if not everything and not shown_here:
                continue
            m_item = TreeItem(NodeKind.MEETING, meeting_id, label, root, len(kids))
            m_item.count = shown_here
            m_item.past, m_item.missed, m_item.soon = (past(1, start, end),
                                                       missed(1, start, end),
                                                       soon(1, start, end))
            m_item._children = None
            # a filtered meeting is shown for what it holds; the whole one for its groups
            m_item._lazy = LazyRows(not everything or has_groups, meeting_id, rows, make)
            locator[(meeting_id, "")] = m_item
            kids.append(m_item)
        root._children = kids
        for total in ("count", "past", "missed", "soon"):
            setattr(root, total, sum(map(attrgetter(total), kids)))
        root._finder = partial(self._locate, shown.mask, locator)
        self._last = key, root
        return root

    def _shown_groups(self, mask: bytes, everything: bool, meeting_id: str) -> int:
        """How many of a meeting's groups are shown."""
        groups = self._groups[meeting_id]
        if everything:
            return len(groups)
        return sum(1 for g in groups if mask.count(1, g.start, g.end))

    def _made(self, shown: _Shown, everything: bool, locator: dict[Key, TreeItem],
              meeting_id: str) -> list[TreeItem]:
        """One meeting's shown groups and sectors, with their counts."""
        made: list[TreeItem] = []
        count = shown.mask.count
        for g in self._groups[meeting_id]:
            if not everything and not count(1, g.start, g.end):
                continue  # nothing of this group is shown
            g_item = self._item(g.sector, NodeKind.GROUP, g.start, g.own, shown, locator)
            for sector, start, end in g.sectors:
                item = self._item(sector, NodeKind.SECTOR, start, end, shown, locator)
                if item.count or everything:
                    _absorb(g_item, item)
            if everything or g_item.count:
                made.append(g_item)
        return made

    def _item(self, sector: Sector, kind: NodeKind, start: int, end: int, shown: _Shown,
              locator: dict[Key, TreeItem]) -> TreeItem:
        item = TreeItem(kind, f"{sector.meeting}/{sector.code}", sector.name)
        wanted = shown.mask[start:end]
        leaves = [(c.id, c.title) for c in compress(self._laid[start:end], wanted)]
        if leaves:
            item._children = None  # made lazily on first access
            item._leaf_ids = leaves
            locator[(sector.meeting, sector.code)] = item
            item.count = len(leaves)
            item.past, item.missed, item.soon = (shown.past.count(1, start, end),
                                                 shown.missed.count(1, start, end),
                                                 shown.soon.count(1, start, end))
        return item

    def _locate(self, mask: bytes, locator: dict[Key, TreeItem],
                commitment_id: str) -> TreeItem | None:
        """The leaf for a shown commitment; opens its meeting when not yet opened."""
        place = self._order.rows.get(commitment_id)
        row = -1 if place is None else self._to_tree().new_place(place)
        if row < 0 or not mask[row]:
            return None
        slot = bisect_right(self._starts, row) - 1  # its sector: the last begun by here
        key = (self._sectors[slot].meeting, self._sectors[slot].code)
        meeting = locator.get((key[0], ""))
        if key not in locator and meeting is not None:
            meeting.children()
        sector = locator.get(key)
        return None if sector is None else sector.child(mask.count(1, self._starts[slot], row))

    def _marked(self, states: Mapping[str, Standing]
                ) -> tuple[tuple[bytes, ...], tuple[int, ...]]:
        """In tree order, the overdue, shortfall and due-soon commitments (as
        ``core.standing.roll_up`` ranks each), as masks and as bits."""
        # read once: a search superseded on the worker may be building beside the GUI thread
        flagged = self._flagged
        if flagged is None or flagged[0] is not states:  # new standings only
            ids, shortfall = self._ids, self._shortfall
            codes = self._to_tree().every(self._order.codes(states))  # shared with the counts
            bits = dict.fromkeys(ROLL_UP_RANK, 0)
            one_by_one = {up: bytearray(len(ids)) for up in ROLL_UP_RANK}
            for value in STANDINGS:
                plain, short = roll_up(value, False), roll_up(value, True)
                if plain is short:  # every one alike
                    if plain is not None:
                        bits[plain] |= as_bits(having(codes, (value,)))
                    continue
                # partly met: a shortfall only once its window closed, asked one by one
                for row in compress(range(len(ids)), having(codes, (value,))):
                    up = short if shortfall(ids[row]) else plain
                    if up is not None:
                        one_by_one[up][row] = 1
            masks = tuple((bits[up] | as_bits(one_by_one[up])).to_bytes(len(ids), "little")
                          for up in ROLL_UP_RANK)
            flagged = (states, masks, tuple(map(as_bits, masks)))
            self._flagged = flagged
        return flagged[1], flagged[2]


def build_tree(catalog: Catalog, states: Mapping[str, Standing],
               visible: Collection[str] | None = None) -> TreeItem:
    return TreeSource(catalog).build(states, visible)


def _absorb(parent: TreeItem, child: TreeItem) -> None:
    parent.add(child)
    parent.count += child.count
    parent.past += child.past
    parent.missed += child.missed
    parent.soon += child.soon
