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
from operator import attrgetter, itemgetter
from typing import NamedTuple

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.masks import (
    STANDINGS,
    Reordering,
    as_bits,
    both,
    having,
    ones,
)
from jcct_desktop.core.model import Commitment, Sector
from jcct_desktop.core.source_order import source_order
from jcct_desktop.core.standing import ROLL_UP_RANK, Standing, roll_up

Key = tuple[str, str]  # (meeting id, sector code)
# a shown set under one in this many of the commitments is turned into tree order one by one
_FEW = 64
_ID = attrgetter("id")
_TITLE = attrgetter("title")


class NodeKind(IntEnum):
    ROOT = 0
    MEETING = 1
    GROUP = 2
    SECTOR = 3
    COMMITMENT = 4


class TreeItem:
    __slots__ = ("_children", "_finder", "_leaf_ids", "count", "key", "kind", "label",
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
        # root only: a commitment's leaf, found through its sector (a rebuild at 100,000
        # commitments touches no leaf)
        self._finder: Callable[[str], TreeItem | None] | None = None

    # -- children ----------------------------------------------------------------------
    @property
    def built(self) -> bool:
        """Its children exist (a meeting or sector not yet opened has none to walk)."""
        return self._children is not None

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

    def has_children(self) -> bool:
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
            if isinstance(item, MeetingItem):
                item._build = None
            item._children = item._finder = item.parent = None


class MeetingItem(TreeItem):
    """A meeting's row: made per shown meeting on every rebuild (1,000 at 100,000
    commitments, most never opened), so it holds only its count; its groups are made when
    it is first opened, counted when first asked, and its overdue, shortfall and due-soon
    counts are counted when first read (the view reads them for the rows it paints)."""

    __slots__ = ("_at", "_build", "_rows", "_tally")

    def __init__(self, key: str, label: str, parent: TreeItem, row: int, count: int,
                 build: _Build, at: int) -> None:  # no TreeItem.__init__: only what differs
        self.kind = NodeKind.MEETING
        self.key, self.label, self.parent, self.row, self.count = key, label, parent, row, count
        self._children = None
        self._leaf_ids = ()
        self._finder = None
        self._build: _Build | None = build
        self._at = at  # its place in the catalog's meetings
        self._rows: int | None = None
        self._tally: tuple[int, int, int] | None = None

    def _marks(self) -> tuple[int, int, int]:
        tally = self._tally
        if tally is None:
            tally = self._tally = (0, 0, 0) if self._build is None \
                else self._build.tally(self._at)
        return tally

    # read only (TreeItem's slots are shadowed for meetings); the view reads them per
    # meeting row it paints: the counted tuple read without a call once there
    @property
    def past(self) -> int:  # type: ignore[override]
        return (self._tally or self._marks())[0]

    @property
    def missed(self) -> int:  # type: ignore[override]
        return (self._tally or self._marks())[1]

    @property
    def soon(self) -> int:  # type: ignore[override]
        return (self._tally or self._marks())[2]

    def children(self) -> list[TreeItem]:
        kids = self._children
        if kids is None:  # opened for the first time
            kids = self._children = []
            made = [] if self._build is None else self._build.groups(self._at)
            for kid in made:
                kid.parent, kid.row = self, len(kids)
                kids.append(kid)
        return kids

    def child_count(self) -> int:
        if self._children is None:
            if self._rows is None:
                self._rows = 0 if self._build is None else self._build.rows(self._at)
            return self._rows
        return len(self._children)

    def has_children(self) -> bool:
        """Without counting an unopened meeting's groups (the view asks this of every meeting
        it lays out)."""
        if self._children is None and self._build is not None:
            return self._build.any(self._at)
        return self.child_count() > 0


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


class _Layout(NamedTuple):
    """Where each meeting's commitments are in the order the rebuilds count in: source order
    when each meeting's commitments are one run there (the archives are laid out so), which
    spares turning every keystroke's mask into tree order (3 ms at 100,000 commitments);
    tree order otherwise. Per meeting (in the catalog's order): its run in that order
    (what turns a run into tree order is made per meeting when first opened:
    ``TreeSource._pick``)."""

    in_source: bool
    spans: tuple[tuple[int, int], ...]
    # per meeting, what a rebuild reads of it in one tuple: (place, id, label, start, end,
    # its key in the locator)
    rows: tuple[tuple[int, str, str, int, int, Key], ...]


class _Build:
    """One build's shown set, read by its meetings when first painted or opened: a 0/1 mask
    of the shown commitments and of those the overdue, shortfall and due-soon ones, in the
    layout's order, and each opened meeting's part of them in tree order."""

    __slots__ = ("_local", "everything", "layout", "locator", "marked", "mask", "source")

    def __init__(self, source: TreeSource, layout: _Layout, mask: bytes,
                 marked: tuple[bytes, ...], everything: bool) -> None:
        self.source, self.layout, self.mask, self.marked = source, layout, mask, marked
        self.everything = everything
        self.locator: dict[Key, TreeItem] = {}
        self._local: dict[int, _Shown] = {}

    def shown(self, at: int) -> _Shown:
        """Meeting ``at``'s part of the masks, in tree order (position 0: its first)."""
        local = self._local.get(at)
        if local is None:
            layout = self.layout
            start, end = layout.spans[at]
            pick = self.source._pick(at) if layout.in_source else None

            def cut(mask: bytes) -> bytes:
                piece = mask[start:end]
                # all 0 or all 1 (most, in a filtered tree or the whole one) read alike
                if pick is None or 1 not in piece or 0 not in piece:
                    return piece
                return bytes(pick(piece))

            local = self._local[at] = _Shown(cut(self.mask), *map(cut, self.marked))
        return local

    def tally(self, at: int) -> tuple[int, int, int]:
        start, end = self.layout.spans[at]
        past, missed, soon = self.marked
        return past.count(1, start, end), missed.count(1, start, end), soon.count(1, start, end)

    def any(self, at: int) -> bool:
        # a filtered meeting is shown for what it holds; the whole one for its groups
        return not self.everything or self.source._meeting_spans[at][4]

    def rows(self, at: int) -> int:
        """How many of a meeting's groups are shown."""
        groups = self.source._groups[self.source._meeting_spans[at][0]]
        if self.everything:
            return len(groups)
        count, first = self.shown(at).mask.count, self.source._meeting_spans[at][2]
        return sum(1 for g in groups if count(1, g.start - first, g.end - first))

    def groups(self, at: int) -> list[TreeItem]:
        return self.source._made(self, at)


class TreeSource:
    """What every rebuild needs from the catalog, gathered once (filters rebuild per keystroke).

    The commitments are laid out in tree order (meeting, group, its own commitments, then
    each of its sectors', each in source order), so every node holds one run of positions and
    counts its shown and marked commitments with ``bytes.count`` over masks of that order
    (meetings over masks in source order where each is one run there: ``_Layout``).
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
        self._meeting_at = {m[0]: at for at, m in enumerate(self._meeting_spans)}
        self._laid = laid
        self._starts = tuple(starts)
        self._ids = tuple(map(_ID, laid))  # a tuple of strings: the collector stops scanning it
        self._titled: tuple[str, ...] | None = None  # made when first needed
        self._order = source_order(catalog)
        self._from_source: Reordering | None = None  # made when first needed
        self._laid_out: _Layout | None = None  # made when first needed
        self._by_tree: _Layout | None = None  # the same in tree order (made with it)
        # per position in tree order, the place in source order (made with the layout), and
        # per meeting what turns its run in source order into tree order (None: it is in it)
        self._tree_places: tuple[int, ...] = ()
        self._picks: dict[int, Callable[[bytes], tuple[int, ...]] | None] = {}
        # the overdue, shortfall and due-soon masks of the last standings seen (they change
        # by date or note), in the layout's order, and each as bits
        self._flagged: tuple[Mapping[str, Standing], tuple[bytes, ...], tuple[int, ...]] \
            | None = None
        # whether a partly met commitment is a shortfall (its window closed): the window's
        # standings say (``judge``); without them only "not met" counts as one
        self._shortfall: Callable[[str], bool] = lambda _cid: False
        # the last tree built, with the standings' masks and the shown set it was built for
        self._last: tuple[tuple[object, bytes | None], TreeItem] | None = None

    def _titles(self) -> tuple[str, ...]:
        """Each commitment's title in tree order (made when a meeting is first opened)."""
        titles = self._titled
        if titles is None:  # made twice at worst, by two threads, alike
            titles = self._titled = tuple(map(_TITLE, self._laid))
        return titles

    def _places(self) -> list[int]:
        """Per position in tree order, the commitment's place in source order."""
        return list(map(self._order.rows.__getitem__, self._ids))

    def _to_tree(self) -> Reordering:
        """What turns source order into tree order."""
        turn = self._from_source
        if turn is None:  # made twice at worst, by two threads, alike
            turn = self._from_source = Reordering(self._places())
        return turn

    def _layout(self) -> _Layout:
        layout = self._laid_out
        if layout is None:  # made twice at worst, by two threads, alike
            places = self._tree_places = tuple(self._places())
            if self._from_source is None:  # made here as before: not on a first find
                self._from_source = Reordering(places)
            runs = []
            for _id, _label, start, end, _any in self._meeting_spans:
                mine = places[start:end]
                first = min(mine, default=0)
                if mine and max(mine) - first + 1 != len(mine):
                    break  # not one run in source order
                runs.append((first, first + len(mine)))
            else:
                layout = _Layout(True, tuple(runs), self._rows(runs))
            spans = tuple((m[2], m[3]) for m in self._meeting_spans)
            by_tree = _Layout(False, spans, self._rows(spans))
            # not one run each: counted in tree order, turned from source order per build
            self._by_tree, layout = by_tree, layout or by_tree
            self._laid_out = layout
        return layout

    def _pick(self, at: int) -> Callable[[bytes], tuple[int, ...]] | None:
        """What turns meeting ``at``'s run in source order into tree order (None: already in
        it); made when the meeting is first opened (made twice at worst, alike)."""
        if at in self._picks:
            return self._picks[at]
        _id, _label, start, end, _any = self._meeting_spans[at]
        first = self._layout().spans[at][0]
        local = [place - first for place in self._tree_places[start:end]]
        pick = None if local == list(range(len(local))) else itemgetter(*local)
        self._picks[at] = pick
        return pick

    def _rows(self, spans: Sequence[tuple[int, int]]
              ) -> tuple[tuple[int, str, str, int, int, Key], ...]:
        return tuple((at, m[0], m[1], start, end, (m[0], ""))
                     for at, (m, (start, end)) in enumerate(zip(self._meeting_spans, spans,
                                                                strict=True)))

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
        layout = self._layout()
        everything = key[1] is None
        if key[1] is None:
            build = _Build(self, layout, b"\x01" * len(self._ids), masks, True)
        elif layout.in_source and key[1].count(1) * _FEW < len(key[1]):
            # few shown: into tree order one by one, so that their meetings, opened, are
            # read without reordering (a filtered tree this small is opened whole)
            assert self._by_tree is not None  # made with the layout
            build = _Build(self, self._by_tree, *self._few(key[1], bits), False)
        else:
            mask = key[1] if layout.in_source else self._to_tree().mask(key[1])
            build = _Build(self, layout, mask, tuple(both(mask, b) for b in bits), False)
        root = TreeItem(NodeKind.ROOT, "", "")
        kids: list[TreeItem] = []
        locator = build.locator
        count = build.mask.count
        # counts only; the groups and sectors are made when the meeting is first opened (a
        # 100,000-commitment archive has 39,000 of them and shows a few), the markers' counts
        # when first read
        for at, meeting_id, label, start, end, place in build.layout.rows:
            shown_here = count(1, start, end)
            if not shown_here and not everything:
                continue
            locator[place] = m_item = MeetingItem(meeting_id, label, root, len(kids),
                                                  shown_here, build, at)
            kids.append(m_item)
        root._children = kids
        root.count = build.mask.count(1)
        root.past, root.missed, root.soon = (m.count(1) for m in build.marked)
        root._finder = partial(self._locate, build)
        self._last = key, root
        return root

    def _few(self, in_source: bytes, bits: tuple[int, ...]
             ) -> tuple[bytes, tuple[bytes, ...]]:
        """A mask showing few (source order) and the markers' bits (source order) as the
        shown mask and the shown markers' masks in tree order, placed one by one."""
        turn = self._to_tree()
        mask = turn.mask(in_source)
        marked = []
        for flags in bits:
            found = bytearray(len(mask))
            for place in ones(both(in_source, flags)):
                row = turn.new_place(place)
                if row >= 0:
                    found[row] = 1
            marked.append(bytes(found))
        return mask, tuple(marked)

    def _made(self, build: _Build, at: int) -> list[TreeItem]:
        """One meeting's shown groups and sectors, with their counts."""
        made: list[TreeItem] = []
        meeting_id, _label, first, _end, _any = self._meeting_spans[at]
        shown, everything, locator = build.shown(at), build.everything, build.locator
        count = shown.mask.count
        for g in self._groups[meeting_id]:
            if not everything and not count(1, g.start - first, g.end - first):
                continue  # nothing of this group is shown
            g_item = self._item(g.sector, NodeKind.GROUP, g.start, g.own, shown, first, locator)
            for sector, start, end in g.sectors:
                # a sector with nothing shown is not made (half of those of a filtered tree)
                if everything or count(1, start - first, end - first):
                    _absorb(g_item, self._item(sector, NodeKind.SECTOR, start, end, shown,
                                               first, locator))
            if everything or g_item.count:
                made.append(g_item)
        return made

    def _item(self, sector: Sector, kind: NodeKind, start: int, end: int, shown: _Shown,
              first: int, locator: dict[Key, TreeItem]) -> TreeItem:
        """A group's or sector's node over tree positions ``start``-``end``; ``shown`` is its
        meeting's part of the masks, which begins at ``first``."""
        item = TreeItem(kind, f"{sector.meeting}/{sector.code}", sector.name)
        here, to = start - first, end - first
        wanted = shown.mask[here:to]
        # (id, title) pairs made in C, not read off each commitment (39,000 nodes, 100,000
        # leaves when Expand all opens every meeting of 100,000 commitments)
        pairs = zip(self._ids[start:end], self._titles()[start:end], strict=True)
        leaves = list(compress(pairs, wanted) if 0 in wanted else pairs)
        if leaves:
            item._children = None  # made lazily on first access
            item._leaf_ids = leaves
            locator[(sector.meeting, sector.code)] = item
            item.count = len(leaves)
            item.past, item.missed, item.soon = (shown.past.count(1, here, to),
                                                 shown.missed.count(1, here, to),
                                                 shown.soon.count(1, here, to))
        return item

    def _locate(self, build: _Build, commitment_id: str) -> TreeItem | None:
        """The leaf for a shown commitment; opens its meeting when not yet opened."""
        place = self._order.rows.get(commitment_id)
        row = -1 if place is None else self._to_tree().new_place(place)
        if row < 0 or place is None \
                or not build.mask[place if build.layout.in_source else row]:
            return None
        slot = bisect_right(self._starts, row) - 1  # its sector: the last begun by here
        key = (self._sectors[slot].meeting, self._sectors[slot].code)
        locator = build.locator
        meeting = locator.get((key[0], ""))
        if key not in locator and meeting is not None:
            meeting.children()
        sector = locator.get(key)
        if sector is None:
            return None
        at = self._meeting_at[key[0]]
        first = self._meeting_spans[at][2]
        return sector.child(build.shown(at).mask.count(1, self._starts[slot] - first,
                                                       row - first))

    def _marked(self, states: Mapping[str, Standing]
                ) -> tuple[tuple[bytes, ...], tuple[int, ...]]:
        """In the layout's order, the overdue, shortfall and due-soon commitments (as
        ``core.standing.roll_up`` ranks each), as masks and as bits."""
        # read once: a search superseded on the worker may be building beside the GUI thread
        flagged = self._flagged
        if flagged is None or flagged[0] is not states:  # new standings only
            ids, shortfall = self._order.ids, self._shortfall
            codes = self._order.codes(states)  # shared with the counts
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
            if not self._layout().in_source:
                masks = tuple(map(self._to_tree().every, masks))
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
