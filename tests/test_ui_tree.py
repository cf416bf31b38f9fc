"""The sector tree: a thin model over plain items, checked by qtmodeltester on real data."""

from __future__ import annotations

from jcct_desktop.core.standing import Standing, standing_book
from jcct_desktop.ui.tree import NodeKind, SectorTreeModel, build_tree
from jcct_desktop.ui.tree.model import ID_ROLE
from tests.ui_support import AS_OF


def _states(catalog):
    return standing_book(catalog.commitments, {}, AS_OF).values()


def test_model_passes_qtmodeltester_on_the_bundled_data(qapp, qtmodeltester, catalog):
    model = SectorTreeModel()
    model.set_tree(build_tree(catalog, _states(catalog)), _states(catalog))
    qtmodeltester.check(model, force_py=True)


def test_filtered_model_passes_qtmodeltester(qapp, qtmodeltester, catalog):
    visible = {c.id for c in catalog.commitments[::3]}
    model = SectorTreeModel()
    model.set_tree(build_tree(catalog, _states(catalog), visible), _states(catalog))
    qtmodeltester.check(model, force_py=True)
    shown = set()
    for cid in visible:
        index = model.index_for_id(cid)
        assert index.isValid() and index.data(ID_ROLE) == cid
        shown.add(cid)
    assert shown == visible
    hidden = next(c.id for c in catalog.commitments if c.id not in visible)
    assert not model.index_for_id(hidden).isValid()


def test_counts_and_attention_markers_follow_the_states(catalog):
    states = _states(catalog)
    root = build_tree(catalog, states)
    assert root.count == len(catalog.commitments)
    meeting = root.child(0)
    assert meeting.kind is NodeKind.MEETING
    assert sum(g.count for g in meeting.children()) == meeting.count
    past = sum(s is Standing.OVERDUE for s in states.values())
    assert root.past == past > 0


def test_commitment_leaves_are_made_only_when_asked_for(catalog):
    root = build_tree(catalog, _states(catalog))
    sector = root.child(0).child(0).child(0)
    assert sector.kind is NodeKind.SECTOR
    assert sector._children is None  # not materialized yet
    assert sector.child_count() == len(catalog.commitments_in(catalog.sectors[1]))
    assert sector.child(0).kind is NodeKind.COMMITMENT


def _shape(node, visible=None) -> list:
    """(key, count, past, soon, children) of every node, pruned to ``visible`` commitments."""
    out = []
    for child in node.children():
        if child.kind is NodeKind.COMMITMENT:
            if visible is None or child.key in visible:
                out.append((child.key, child.label))
            continue
        inner = _shape(child, visible)
        leaves = _leaf_states(child, visible)
        if visible is None or leaves:
            out.append((child.key, len(leaves), leaves.count(Standing.OVERDUE),
                        leaves.count(Standing.DUE_SOON), inner))
    return out


def _leaf_states(node, visible) -> list:
    if node.kind is NodeKind.COMMITMENT:
        return [_STATES[node.key]] if visible is None or node.key in visible else []
    return [s for child in node.children() for s in _leaf_states(child, visible)]


_STATES: dict = {}


def test_a_filtered_tree_is_the_full_tree_pruned(catalog):
    import random

    states = _states(catalog)
    _STATES.update(states)
    ids = [c.id for c in catalog.commitments]
    full = build_tree(catalog, states)
    for visible in (set(), set(ids[:3]), set(random.Random(7).sample(ids, len(ids) // 2))):
        assert _shape(build_tree(catalog, states, visible)) == _shape(full, visible)
