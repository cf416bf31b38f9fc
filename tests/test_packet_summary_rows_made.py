"""The summary table's rows are made as the table reaches them (``paged_table.MadeRows``),
not all before the layout: the packet comes out byte for byte as with every row made first,
on the 2011 meeting with notes and on a generated archive; a long table holds a few pages of
rows at a time; and the rows read as the list's would."""

from __future__ import annotations

import io
import weakref
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.platypus import SimpleDocTemplate

from jcct_desktop.core.briefing import Briefing
from jcct_desktop.pdf import summary
from jcct_desktop.pdf.flow import Para
from jcct_desktop.pdf.paged_table import MadeRows, PagedTable
from jcct_desktop.pdf.styles import stylesheet, table_style
from tests import packet_support
from tests.packet_support import packet

# the 2011 meeting noted and the generated archive, as module fixtures
meeting_2011, archive = packet_support.meeting_2011, packet_support.archive


def _all_at_once(items: Any, make: Any) -> list[Any]:
    return [make(item) for item in items]


@pytest.mark.parametrize("which", ["meeting_2011", "archive"])
def test_rows_made_as_reached_print_what_rows_made_first_print(which, request, monkeypatch):
    b: Briefing = request.getfixturevalue(which)
    made = packet(b)
    monkeypatch.setattr(summary, "MadeRows", _all_at_once)
    assert packet(b) == made


def _table_doc(rows: Any) -> bytes:
    sheet = stylesheet()
    out = io.BytesIO()
    table = PagedTable(None, rows, [120, 300], lambda first, count: table_style(sheet, []))
    SimpleDocTemplate(out, initialFontName=sheet.fonts.sans, invariant=1).build([table])
    return out.getvalue()


def test_a_long_table_holds_a_few_pages_of_rows():
    style = stylesheet()["cell"]
    alive: list[weakref.ref[Para]] = []
    most = [0]

    def make(n: int) -> list[Para]:
        row = [Para(f"row {n}", style), Para(f"the text of row {n} " * (n % 4 + 1), style)]
        alive.append(weakref.ref(row[0]))
        most[0] = max(most[0], sum(ref() is not None for ref in alive[-400:]))
        return row

    rows = MadeRows(range(2000), make)
    made = _table_doc(rows)
    assert most[0] < 300  # a page holds ~40 of these rows; never all 2,000
    assert made == _table_doc(_all_at_once(range(2000), make))


@given(st.lists(st.integers(), max_size=30),
       st.lists(st.tuples(st.one_of(st.none(), st.integers(-40, 40)),
                          st.one_of(st.none(), st.integers(-40, 40))), max_size=8),
       st.lists(st.integers(-40, 40), max_size=8))
def test_rows_read_as_the_list_reads(items, slices, indexes):
    rows = MadeRows(items, lambda item: [item])
    listed = [[item] for item in items]
    assert len(rows) == len(listed)
    for start, stop in slices:
        assert rows[start:stop] == listed[start:stop]
    for n in indexes:
        if -len(listed) <= n < len(listed):
            assert rows[n] == listed[n]
        else:
            with pytest.raises(IndexError):
                rows[n]
