"""The timeline's rows, gathered once per catalog, from which any shown set is laid out.

A row is a commitment with at least one dated milestone, kept with its span (first and last
day, as ordinals); rows are grouped in bands, one per sector, in source order, each band
with its lanes when every row is shown. Commitments with undated milestones are kept apart
for the "No date stated" band. Shown sets are masks over the rows (masks.py).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import compress

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.model import Commitment, Milestone
from jcct_desktop.ui.timeline.masks import Masks
from jcct_desktop.ui.timeline.packing import GAP_DAYS, pack
from jcct_desktop.ui.timeline.records import TimelineLayout

Placed = tuple[tuple[int, Milestone], ...]  # each milestone with its position in the commitment
Row = tuple[str, int, int, Placed]  # commitment id, first day, last day, dated milestones
Span = tuple[int, int]  # a row's first and last day, as ordinals
Lanes = tuple[int, int, int]  # a band's lanes with every row shown: how many, first, last day


class TimelineSource:
    """Per sector, its commitments with deadlines and their spans, gathered once."""

    def __init__(self, catalog: Catalog) -> None:
        self.names: list[str] = []  # per band: its sector's name
        self.band_rows: list[int] = [0]  # band b's rows are band_rows[b]:band_rows[b + 1]
        self.full: list[Lanes] = []  # per band, every row shown
        self.undated: list[tuple[str, Placed]] = []  # in source order, by sector
        self.undated_with_dates: set[str] = set()  # those of them with dated milestones too
        days: dict[int, Span] = {}  # id(window) → its days: archives repeat them
        # per row: its commitment (its marks are made when painted) and its days; two lists,
        # so that the common row shares its window's tuple: one step a commitment at start
        self.commitments: list[Commitment] = []
        self.spans: list[Span] = []
        add_commitment, add_span = self.commitments.append, self.spans.append
        self.catalog = catalog
        self.band_of: dict[tuple[str, str], int] = {}  # (meeting, sector code) → its band
        for sector in catalog.sectors:
            start = len(self.spans)
            for c in catalog.commitments_in(sector):
                ms = c.milestones
                if len(ms) == 1:  # the common case, without the loop below
                    w = ms[0].window
                    if w is not None:
                        span = days.get(id(w))
                        if span is None:
                            span = days[id(w)] = w.earliest.toordinal(), w.latest.toordinal()
                        add_commitment(c)
                        add_span(span)
                        continue
                elif not ms:
                    continue
                first, last, undated = 0, 0, False
                for m in ms:
                    w = m.window
                    if w is None:
                        undated = True
                        continue
                    span = days.get(id(w))
                    if span is None:
                        span = days[id(w)] = w.earliest.toordinal(), w.latest.toordinal()
                    f, la = span
                    if not first:  # no ordinal is 0
                        first, last = f, la
                    else:
                        first = f if f < first else first
                        last = la if la > last else last
                if first:
                    add_commitment(c)
                    add_span((first, last))
                if undated:
                    if first:
                        self.undated_with_dates.add(c.id)
                    self.undated.append((c.id, tuple((i, m) for i, m in enumerate(ms)
                                                     if m.window is None)))
            if len(self.spans) > start:
                self.band_of[(sector.meeting, sector.code)] = len(self.names)
                self.names.append(sector.name)
                self.band_rows.append(len(self.spans))
                self.full.append(_full_lanes(self.spans, start))
        self._masks: Masks | None = None
        self.everything: TimelineLayout | None = None  # the unfiltered layout, made once
        self.last_shown: tuple[bytes, TimelineLayout] | None = None  # source mask, layout

    @property
    def masks(self) -> Masks:
        """Shown sets as masks over the rows: made when first asked (by the first filtered
        layout, on the search worker), not at start."""
        if self._masks is None:
            self._masks = Masks(self)
        return self._masks

    def row_of(self, commitment_id: str) -> int | None:
        """The commitment's row (None: it has no dated milestone, or is not in the catalog);
        found through its sector's band, without the masks' map of every id."""
        c = self.catalog.get(commitment_id)
        band = None if c is None else self.band_of.get((c.meeting, c.sector))
        if band is None:
            return None
        for r in range(self.band_rows[band], self.band_rows[band + 1]):
            if self.commitments[r] is c:
                return r
        return None

    def band_at(self, row: int) -> int:
        """The band holding a row."""
        return bisect_right(self.band_rows, row) - 1

    @property
    def sectors(self) -> list[tuple[str, list[Row]]]:
        """Per band: its sector's name and its rows, each made when asked (the tests read it)."""
        return [(name, [self._row(r) for r in range(self.band_rows[b], self.band_rows[b + 1])])
                for b, name in enumerate(self.names)]

    def _row(self, r: int) -> Row:
        first, last = self.spans[r]
        return self.commitments[r].id, first, last, self.dated(r)

    def dated(self, r: int) -> Placed:
        """Row ``r``'s dated milestones with their positions."""
        return tuple((i, m) for i, m in enumerate(self.commitments[r].milestones)
                     if m.window is not None)

    def shown_rows(self, band: int, part: bytes | None) -> list[int]:
        """The band's rows shown by its part of a mask (None: every row)."""
        rows = range(self.band_rows[band], self.band_rows[band + 1])
        return list(rows) if part is None else list(compress(rows, part))

    def packing(self, band: int, part: bytes | None) -> list[int]:
        """Each shown row's lane, counted from the band's first."""
        spans = self.spans[self.band_rows[band]:self.band_rows[band + 1]]
        return pack(spans if part is None else compress(spans, part))[0]


def _full_lanes(spans: list[Span], start: int) -> Lanes:
    """A band's lanes and days with every row shown; its rows are ``spans[start:]``."""
    first, last = spans[start]
    lane_ends = [last]  # per lane: the last day used (as pack() does, without its calls)
    for f, la in spans[start + 1:]:
        first = f if f < first else first
        last = la if la > last else last
        for lane, used in enumerate(lane_ends):
            if used + GAP_DAYS < f:
                lane_ends[lane] = la
                break
        else:
            lane_ends.append(la)
    return len(lane_ends), first, last
