"""What a change of search or filters computes, apart from the widgets that show it.

The same function runs at once on the GUI thread (the program setting text, a checkbox, a
note saved) and on the search worker while the officer types; the window then only swaps
the result in (``MainWindow.apply_refilter``). It touches no widget and reads only what it
is given: the catalog, the per-catalog sources made once, and the standings as they were
when it was asked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import repeat

from jcct_desktop.core import cancel
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.catalog_lookups import CatalogLookups
from jcct_desktop.core.filtering import Filter, FilterContext, matching_ids
from jcct_desktop.core.pieces import pieces
from jcct_desktop.core.standing import Standing
from jcct_desktop.ui.timeline import TimelineLayout, TimelineSource, build_layout
from jcct_desktop.ui.tree import TreeItem, TreeSource


@dataclass(frozen=True)
class Refiltered:
    flt: Filter
    visible: set[str] | None  # None: no filter, everything shown
    found_facts: tuple[str, ...]  # facts holding every searched term
    tree: TreeItem
    layout: TimelineLayout
    shown: list[str]  # the shown commitments in source order (every one when unfiltered)
    counts: dict[Standing, int]  # of the shown, per standing


def refilter(flt: Filter, ctx: FilterContext, as_of: date, states: Mapping[str, Standing],
             tree_source: TreeSource, timeline_source: TimelineSource,
             keep: str | None = None) -> Refiltered:
    """The shown set, its tree, its timeline layout and its counts; ``keep`` stays shown (an
    edited row is not whisked away by the filter it no longer matches). Everything that
    grows with the archive is done here, so that showing the result does not."""
    visible = None if flt.is_empty else matching_ids(flt, ctx, as_of)
    hits = ctx.last_hits if flt.searches else None  # set by matching_ids
    if keep and visible is not None:
        visible.add(keep)
    cancel.check()
    tree = tree_source.build(states, visible)
    cancel.check()
    layout = build_layout(timeline_source, visible)
    layout.span  # noqa: B018 - its extent, computed here rather than at the first paint
    cancel.check()
    shown = shown_in_order(ctx.catalog, visible, ctx.lookups)
    return Refiltered(flt, visible, hits.facts if hits is not None else (), tree, layout,
                      shown, standing_counts(shown, states))


def shown_in_order(catalog: Catalog, visible: set[str] | None,
                   lookups: CatalogLookups | None = None) -> list[str]:
    """The ids of ``visible`` in source order (all of them for None); ``lookups``: the
    catalog's, when a filter context has them made already."""
    return (lookups or CatalogLookups(catalog)).in_source_order(visible)


def standing_counts(shown: Iterable[str], states: Mapping[str, Standing]) -> dict[Standing, int]:
    """How many of ``shown`` have each standing (one without a standing has no deadline)."""
    found: Counter[Standing] = Counter()
    for piece in pieces(shown):  # the window paints between pieces
        found.update(map(states.get, piece, repeat(Standing.NO_DEADLINE)))
    counts = dict.fromkeys(Standing, 0)
    for standing, n in found.items():
        counts[standing] += n
    return counts
