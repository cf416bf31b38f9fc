"""The detail pane's page when no commitment is selected: one function chooses it
(``ui.detail.overview.page_for``) from the selected row and the filters' outcome."""

from __future__ import annotations

from datetime import date

from jcct_desktop.core.search import parse_query
from jcct_desktop.core.standing import standing_book
from jcct_desktop.ui.detail import overview
from jcct_desktop.ui.detail.html import esc

AS_OF = date(2012, 6, 1)


def _page(catalog, selected, text="", visible=None, facts=()):
    book = standing_book(catalog.commitments, {}, AS_OF)
    query = parse_query(text)
    return overview.page_for(catalog, selected, AS_OF, book, query, text, visible, facts)


def test_a_selected_meeting_or_sector_row_shows_its_overview(catalog) -> None:
    meeting = catalog.meetings[0]
    sector = catalog.sectors[0]
    assert esc(meeting.name) in _page(catalog, meeting)
    assert esc(sector.name) in _page(catalog, sector, text="anything", visible=set())


def test_without_a_filter_there_is_no_page(catalog) -> None:
    assert _page(catalog, None) is None


def test_filters_without_a_search_say_when_nothing_matches(catalog) -> None:
    assert _page(catalog, None, visible={catalog.commitments[0].id}) is None
    assert "No commitment matches these filters." in _page(catalog, None, visible=set())


def test_a_search_names_its_words_whether_it_found_something_or_not(catalog) -> None:
    assert "No commitment or fact matches “zzqx”." in _page(catalog, None, "zzqx", set())
    found = [c.id for c in catalog.commitments[:2]]
    page = _page(catalog, None, "  trade ", set(found))
    assert "2 commitments and 0 facts match “trade”." in page
