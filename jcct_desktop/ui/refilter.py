"""What a change of search or filters computes, apart from the widgets that show it.

The same function runs at once on the GUI thread (the program setting text, a checkbox, a
note saved) and on the search worker while the officer types; the window then only swaps
the result in (``MainWindow.apply_refilter``). It touches no widget and reads only what it
is given: the catalog, the per-catalog sources made once, and the standings as they were
when it was asked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from jcct_desktop.core import cancel
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.filtering import Filter, FilterContext, matching_mask
from jcct_desktop.core.source_order import ShownIds, source_order
from jcct_desktop.core.standing import Standing
from jcct_desktop.ui.detail.prepared_page import PagePreparer, PreparedPage
from jcct_desktop.ui.long_work import freeze_made_so_far
from jcct_desktop.ui.timeline import TimelineLayout, TimelineSource, build_layout
from jcct_desktop.ui.tree import TreeItem, TreeSource


@dataclass(frozen=True)
class Refiltered:
    flt: Filter
    # the shown commitments, read from their mask in source order when asked (no set or
    # list of ids is made per key); None: no filter, everything shown
    visible: ShownIds | None
    found_facts: tuple[str, ...]  # facts holding every searched term
    tree: TreeItem
    layout: TimelineLayout
    shown: Sequence[str]  # the shown commitments in source order (every one when unfiltered)
    counts: dict[Standing, int]  # of the shown, per standing
    page: PreparedPage | None = None  # the detail pane's page for it, when one was asked


def refilter(flt: Filter, ctx: FilterContext, as_of: date, states: Mapping[str, Standing],
             tree_source: TreeSource, timeline_source: TimelineSource,
             keep: str | None = None, page: PagePreparer | None = None) -> Refiltered:
    """The shown set, its tree, its timeline layout and its counts; ``keep`` stays shown (an
    edited row is not whisked away by the filter it no longer matches); ``page`` makes the
    detail pane's page for the result. Everything that grows with the archive is done here,
    so that showing the result does not."""
    order = source_order(ctx.catalog)
    # one mask in source order from the search on, which the tree, the timeline, the shown
    # ids and the counts all read
    mask = order.everything if flt.is_empty else matching_mask(flt, ctx, as_of)
    hits = ctx.last_hits if flt.searches else None  # set by matching_mask
    if keep and not flt.is_empty:
        mask = order.with_one(mask, keep)
    visible = None if flt.is_empty else ShownIds(order, mask)
    cancel.check()
    tree = tree_source.build(states, visible, mask)
    cancel.check()
    layout = build_layout(timeline_source, visible, mask)  # its rows read from the mask
    layout.span  # noqa: B018 - its extent, computed here rather than at the first paint
    cancel.check()
    shown = visible if visible is not None else ShownIds(order, mask)
    facts = hits.facts if hits is not None else ()
    counts = order.counts(mask, states)
    cancel.check()
    return Refiltered(flt, visible, facts, tree, layout, shown, counts,
                      page(visible, facts) if page is not None else None)


def prepare(ctx: FilterContext, timeline_source: TimelineSource, *,
            search_rows: bool = True) -> None:
    """Make now what the first typed search would make and wait for (on the search worker,
    inside a freezing collector pause, ``ui.long_work``): the catalog's lookups, each
    commitment's place in source order (for a set's mask), the timeline's masks (its rows'
    places in it) and, with ``search_rows``, the search's index rows.

    All of it lives as long as the catalog. What is made before the masks is frozen before
    them: a collection started after would otherwise walk everything made so far in one go,
    holding the interpreter lock (90-110 ms at 100,000 commitments, the window stalled with
    it, when the masks asked for one per piece)."""
    ctx.lookups.prepare()
    source_order(ctx.catalog).rows  # noqa: B018 - made once, here rather than at a key
    freeze_made_so_far()
    timeline_source.masks  # noqa: B018 - as above
    if search_rows:
        freeze_made_so_far()
        ctx.prepare()  # the lookups are made: the search's rows


def shown_in_order(catalog: Catalog, visible: set[str] | None) -> list[str]:
    """The ids of ``visible`` in source order (all of them for None)."""
    order = source_order(catalog)
    return order.shown(order.mask(visible))
