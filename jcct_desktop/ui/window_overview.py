"""What the detail pane shows when no commitment is selected: the selected meeting or sector
row's overview, what the search found, or that nothing matches."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from jcct_desktop.core.search import SearchQuery
from jcct_desktop.ui.detail import overview
from jcct_desktop.ui.tree import NodeKind

if TYPE_CHECKING:
    from jcct_desktop.ui.main_window import MainWindow


def show_overview(w: MainWindow, query: SearchQuery, visible: Collection[str] | None,
                  found_facts: Sequence[str]) -> bool:
    """Show one of those pages; False when there is none (the plain "Select a commitment")."""
    node = w.tree.current_node()
    if node is not None and node.kind is NodeKind.MEETING:
        meeting = w.catalog.meeting(node.key)
        w.detail.show_page(overview.meeting_html(w.catalog, meeting, w.as_of(), w.standings))
        return True
    if node is not None and node.kind in (NodeKind.GROUP, NodeKind.SECTOR):
        sector = w.catalog.sector(*node.key.split("/", 1))
        w.detail.show_page(overview.sector_html(w.catalog, sector, w.as_of(), query, w.standings))
        return True
    if visible is None:  # no filter: nothing to report
        return False
    text = w.filters.search.text().strip()
    if not text:
        if visible:
            return False
        w.detail.show_page(overview.empty_html("No commitment matches these filters."))
    elif not visible and not found_facts:
        w.detail.show_page(overview.no_match_html(text))
    else:
        w.detail.show_page(overview.search_html(w.catalog, text, len(visible), found_facts,
                                                query))
    return True
