"""A mask of a sequence of ids (the side, deadline, meeting and area groups of the filters'
lookups are tuples) is made by looking its ids up, never by asking the sequence ``in`` once
per commitment: that scanned it whole for each of 100,000 ids, and the first "Has a
deadline" or side filter on the 100,000 archive froze the window for minutes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jcct_desktop.core.masks import membership, rows_of


class _NeverScanned(tuple):
    """A tuple that fails the test if it is asked ``in``."""

    def __contains__(self, item: object) -> bool:
        raise AssertionError("a sequence was scanned with `in`")


IDS = [f"C-{i}" for i in range(400)]


@given(st.lists(st.sampled_from([*IDS, "NOT-OURS", "C-", ""]), max_size=600))
def test_a_sequence_gives_the_mask_a_set_gives(picked):
    rows = rows_of(IDS)
    want = membership(IDS, rows, set(picked))
    assert membership(IDS, rows, tuple(picked)) == want
    assert membership(IDS, rows, list(picked)) == want
    assert membership(IDS, rows, _NeverScanned(picked)) == want
    assert want == bytes(i in set(picked) for i in IDS)


def test_most_of_the_ids_as_a_sequence_are_looked_up_not_scanned():
    """The case that froze the window: half of the commitments, as a tuple."""
    ids = [f"A-{i}" for i in range(100_000)]
    half = _NeverScanned(ids[::2])
    mask = membership(ids, rows_of(ids), half)
    assert mask == b"\x01\x00" * 50_000


def test_sets_and_mappings_are_still_asked_in():
    ids = IDS
    rows = rows_of(ids)
    most = set(ids[:300])
    assert membership(ids, rows, most) == b"\x01" * 300 + b"\x00" * 100
    assert membership(ids, rows, dict.fromkeys(most)) == b"\x01" * 300 + b"\x00" * 100
    assert membership(ids, rows, frozenset(most)) == b"\x01" * 300 + b"\x00" * 100
