"""Bulk work in pieces (core/pieces.py) gives what the one C-level call gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jcct_desktop.core import pieces


@given(items=st.lists(st.integers(0, 50)), size=st.integers(1, 7))
def test_pieces_cover_the_items_in_order(items: list[int], size: int) -> None:
    cut = list(pieces.pieces(items, size))
    assert [x for piece in cut for x in piece] == items
    assert all(len(piece) == size for piece in cut[:-1])
    assert all(0 < len(piece) <= size for piece in cut)


@given(start=st.sets(st.integers(0, 50)), more=st.lists(st.lists(st.integers(0, 9000))))
def test_update_and_kept_equal_the_one_call(start: set[int], more: list[list[int]]) -> None:
    target = set(start)
    pieces.update(target, *more)
    assert target == start.union(*more)
    flat = [x for m in more for x in m]
    assert pieces.kept(start.__contains__, flat) == list(filter(start.__contains__, flat))
    assert pieces.kept(start.__contains__, range(20_000)) == sorted(x for x in start)
