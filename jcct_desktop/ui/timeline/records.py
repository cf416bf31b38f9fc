"""What a timeline layout is: marks (one per milestone), bands (one per sector) and lanes.

A layout's sequences and mappings may be plain lists and dicts or lazy views of them
(``shown.py``): readers index them, look commitments up in them and ask their lengths; only
a test or an export walks every lane.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from jcct_desktop.core.model import Milestone


class Mark(NamedTuple):  # immutable like a frozen dataclass, several times cheaper to make
    commitment_id: str
    index: int  # type: ignore[assignment]  # position of the milestone (hides tuple.index)
    milestone: Milestone
    lane: int
    slot: int = -1  # an undated milestone's place in its lane (-1: dated, placed by its days)

    @property
    def dated(self) -> bool:
        return self.milestone.window is not None

    @property
    def start(self) -> int:
        """First day (ordinal); only a dated mark has days, an undated one is placed by slot."""
        window = self.milestone.window
        if window is None:
            raise ValueError(f"{self.commitment_id}: an undated milestone has no days")
        return window.earliest.toordinal()

    @property
    def end(self) -> int:  # exclusive, in days: an inclusive window covers its last day
        window = self.milestone.window
        if window is None:
            raise ValueError(f"{self.commitment_id}: an undated milestone has no days")
        return window.latest.toordinal() + 1

    @property
    def is_day(self) -> bool:
        return self.milestone.window is not None and self.milestone.window.is_day


@dataclass(frozen=True, slots=True)
class Band:
    label: str  # sector name
    first_lane: int
    lane_count: int


@dataclass
class TimelineLayout:
    marks: Sequence[Mark] = field(default_factory=list)
    bands: Sequence[Band] = field(default_factory=list)
    lane_count: int = 0
    by_lane: Sequence[list[Mark]] = field(default_factory=list)
    lanes_of: Mapping[str, int] = field(default_factory=dict)  # commitment id → lane
    # commitment id → its lane in the "No date stated" band, when it also has dated milestones
    undated_lane_of: Mapping[str, int] = field(default_factory=dict)
    undated_first_lane: int | None = None  # where the "No date stated" band starts
    extent: tuple[int, int] | None = None  # the span, when already known (build_layout)

    @property
    def span(self) -> tuple[int, int] | None:
        if self.extent is None:
            dated = [m for m in self.marks if m.dated]
            if not dated:
                return None
            self.extent = min(m.start for m in dated), max(m.end for m in dated)
        return self.extent

    def lanes_of_commitment(self, commitment_id: str) -> list[int]:
        """The commitment's lanes: its dated one, then its one in the "No date stated" band."""
        lanes = [self.lanes_of.get(commitment_id), self.undated_lane_of.get(commitment_id)]
        return [lane for lane in lanes if lane is not None]

    def marks_of(self, commitment_id: str) -> list[Mark]:
        """The commitment's marks: its dated ones, then its undated ones."""
        return [m for lane in self.lanes_of_commitment(commitment_id) for m in self.by_lane[lane]
                if m.commitment_id == commitment_id]

    def bands_on(self, lanes: range) -> list[tuple[int, Band]]:
        """The bands (with their place among the bands) that have a lane in ``lanes``."""
        if not lanes:
            return []
        i = max(0, bisect_right(self.bands, lanes.start, key=_first_lane) - 1)
        found = []
        while i < len(self.bands):
            band = self.bands[i]
            if band.first_lane >= lanes.stop:
                break
            if band.first_lane + band.lane_count > lanes.start:
                found.append((i, band))
            i += 1
        return found

    def band_of(self, lane: int) -> Band | None:
        """The band holding ``lane``."""
        found = self.bands_on(range(lane, lane + 1))
        return found[0][1] if found else None


def _first_lane(band: Band) -> int:
    return band.first_lane
