"""Archive scale (issue 25): the tree built over masks in tree order is the tree built the
straightforward way (every meeting, group, sector and leaf from the catalog, each leaf's marker
ranked by ``core.standing.roll_up``): same nodes in the same order, counts, markers and rows
found by id, for random standings and random shown sets (Hypothesis), on the 2011 data and on
a small generated archive, with the visible set given as ids or as a source-order mask."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.model import Sector
from jcct_desktop.core.source_order import SourceOrder
from jcct_desktop.core.standing import Standing, roll_up
from jcct_desktop.ui.tree.items import MeetingItem, NodeKind, TreeItem, TreeSource

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
Shape = tuple[Any, ...]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    from bench.make_archive import make_archive
    from jcct_desktop.store.reference.reader import open_reference

    path = make_archive(tmp_path_factory.mktemp("tree") / "a.sqlite", meetings=20,
                        per_meeting=100)
    return open_reference(path).catalog


@pytest.fixture(scope="module")
def sources(catalog: Catalog, archive: Catalog) -> dict[str, tuple[Catalog, TreeSource]]:
    return {"2011": (catalog, TreeSource(catalog)), "archive": (archive, TreeSource(archive))}


# -- the straightforward tree -------------------------------------------------------------------
def _node(kind: NodeKind, key: str, label: str, kids: list[Shape],
          leaves: list[str], marks: Callable[[str], Standing | None]) -> Shape:
    """(kind, key, label, count, overdue, shortfall, due soon, children)."""
    count = len(leaves) + sum(k[3] for k in kids)
    ups = [marks(cid) for cid in leaves]
    tally = [ups.count(up) + sum(k[i] for k in kids)
             for i, up in ((4, Standing.OVERDUE), (5, Standing.NOT_MET), (6, Standing.DUE_SOON))]
    return (kind, key, label, count, *tally, tuple(kids))


def _plain_tree(catalog: Catalog, states: Mapping[str, Standing],
                shortfall: Callable[[str], bool], visible: Collection[str] | None) -> Shape:
    def marks(cid: str) -> Standing | None:
        state = states.get(cid, Standing.NO_DEADLINE)
        return roll_up(state, state is Standing.PARTLY_MET and shortfall(cid))

    def leaves(sector: Sector) -> list[str]:
        return [c.id for c in catalog.commitments_in(sector)
                if visible is None or c.id in visible]

    def sector(s: Sector, kind: NodeKind, kids: list[Shape]) -> Shape:
        own = leaves(s)
        made = _node(kind, f"{s.meeting}/{s.code}", s.name, kids, own, marks)
        leaf_shapes = tuple((NodeKind.COMMITMENT, cid, catalog.commitment(cid).title)
                            for cid in own)
        return (*made[:-1], made[-1] + leaf_shapes)

    meetings = []
    for m in catalog.meetings:
        groups = []
        for g in catalog.groups(m.id):
            subs = [sector(s, NodeKind.SECTOR, []) for s in catalog.subsectors(g)]
            subs = [s for s in subs if visible is None or s[3]]
            made = sector(g, NodeKind.GROUP, subs)
            # the group's own leaves come first, then its sectors
            own = tuple(k for k in made[-1] if k[0] is NodeKind.COMMITMENT)
            made = (*made[:-1], own + tuple(subs))
            if visible is None or made[3]:
                groups.append(made)
        shaped = _node(NodeKind.MEETING, m.id, m.label, groups, [], marks)
        if visible is None or shaped[3]:
            meetings.append(shaped)
    return _node(NodeKind.ROOT, "", "", meetings, [], marks)


# -- the tree as built ---------------------------------------------------------------------------
def _shape(item: TreeItem) -> Shape:
    if item.kind is NodeKind.COMMITMENT:
        return (item.kind, item.key, item.label)
    rows = item.child_count()  # asked before the node is opened, as the view asks it
    kids = item.children()
    assert rows == len(kids) and item.has_children() == bool(kids)
    assert [k.row for k in kids] == list(range(len(kids))) and all(k.parent is item
                                                                    for k in kids)
    return (item.kind, item.key, item.label, item.count, item.past, item.missed, item.soon,
            tuple(_shape(k) for k in kids))


def _leaves(shape: Shape) -> Iterator[tuple[str, str]]:
    """(commitment id, its parent's key) of every leaf."""
    for kid in shape[-1]:
        if kid[0] is NodeKind.COMMITMENT:
            yield kid[1], shape[1]
        else:
            yield from _leaves(kid)


@st.composite
def _case(draw: st.DrawFn, catalog: Catalog) -> tuple[dict[str, Standing], set[str],
                                                      set[str] | None]:
    ids = sorted(catalog.ids)
    # a few standings for most, so that every marker and its ranking turn up
    states = {cid: draw(st.sampled_from(list(Standing))) for cid in ids[:: draw(
        st.integers(1, 3))]}
    short = set(draw(st.lists(st.sampled_from(ids), max_size=60)))
    kind = draw(st.sampled_from(["everything", "few", "many", "none"]))
    if kind == "everything":
        return states, short, None
    if kind == "none":
        return states, short, {"no-such-id"}
    if kind == "few":
        chosen = set(draw(st.lists(st.sampled_from(ids), max_size=40)))
    else:  # most of them: looked up id by id rather than set by place
        chosen = set(ids) - set(draw(st.lists(st.sampled_from(ids), max_size=200)))
    return states, short, chosen | set(draw(st.lists(st.just("not-in-the-catalog"),
                                                     max_size=1)))


@pytest.mark.parametrize("which", ["2011", "archive"])
@SETTINGS
@given(data=st.data())
def test_the_tree_is_the_straightforward_one(which: str, data: st.DataObject,
                                             sources: dict[str, tuple[Catalog, TreeSource]]
                                             ) -> None:
    catalog, source = sources[which]
    states, short, visible = data.draw(_case(catalog))
    source.judge(short.__contains__)
    want = _plain_tree(catalog, states, short.__contains__, visible)
    order = SourceOrder(catalog)
    for given_mask in (None, order.mask(visible)):
        root = source.build(states, visible, given_mask)
        assert _shape(root) == want
        # every shown row found by its id (each build afresh: finding opens meetings)
        root = source.build(states, visible, given_mask)
        for cid, parent in _leaves(want):
            leaf = root.locate(cid)
            assert leaf is not None and leaf.key == cid and leaf.parent is not None
            assert leaf.parent.key == parent
            assert leaf.parent.child(leaf.row) is leaf
        hidden = sorted(catalog.ids - {cid for cid, _p in _leaves(want)})
        assert all(root.locate(cid) is None for cid in hidden[:30])
        assert root.locate("no-such-id") is None


def test_new_standings_and_a_new_verdict_are_followed(sources) -> None:
    catalog, source = sources["archive"]
    cid = catalog.commitments[5].id
    first = {cid: Standing.PARTLY_MET}
    source.judge(lambda _c: False)
    assert source.build(first).missed == 0
    source.judge(lambda _c: True)  # its window closed: a shortfall now
    assert source.build(first).missed == 1
    assert source.build({cid: Standing.OVERDUE}).past == 1  # other standings, other marks


def test_a_mask_of_another_catalog_is_not_taken_for_this_one(sources) -> None:
    catalog, source = sources["2011"]
    visible = {catalog.commitments[0].id}
    wrong = b"\x01" * (len(catalog.commitments) + 1)
    assert source.build({}, visible, wrong).count == 1


def test_the_view_never_counts_an_unopened_meetings_groups(qtbot, sources) -> None:
    from jcct_desktop.ui.tree import SectorTreeModel, SectorTreeView

    _catalog, source = sources["archive"]
    view = SectorTreeView(SectorTreeModel())
    qtbot.addWidget(view)
    view.resize(300, 600)
    view.show()
    root = source.build({})
    view.replace_tree(root, {}, None)
    qtbot.waitExposed(view)
    view.repaint()
    meetings = root.children()
    assert len(meetings) == 20
    model = view.tree_model()
    # the first is opened at start (too many to open them all); the rest are never counted
    assert all(isinstance(m, MeetingItem) and not m.built and m._rows is None
               for m in meetings[1:])
    assert all(model.hasChildren(model.index(i, 0)) for i in range(20))
    view.expand(model.index(3, 0))
    assert model.rowCount(model.index(3, 0)) == len(meetings[3].children()) > 0


def test_an_empty_catalog_builds_an_empty_tree() -> None:
    empty = Catalog((), (), (), (), ())
    root = TreeSource(empty).build({}, {"x"}, b"")
    assert (root.count, root.child_count(), root.locate("x")) == (0, 0, None)
