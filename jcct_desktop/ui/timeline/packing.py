"""Lane packing within a sector's band: commitments whose spans do not overlap share a lane.

First fit in source order: each commitment goes to the first lane whose last commitment ends
more than ``GAP_DAYS`` before it starts, else to a new lane below.
"""

from __future__ import annotations

from collections.abc import Iterable

GAP_DAYS = 20  # keep marks on one lane apart so labels do not touch


def pack(spans: Iterable[tuple[int, int]]) -> tuple[list[int], int]:
    """Each span's lane (counted from the band's first) and how many lanes the band has;
    a span is (first day, last day) as ordinals."""
    lane_ends: list[int] = []  # per lane: the last day used
    lanes: list[int] = []
    for start, end in spans:
        for lane, used in enumerate(lane_ends):
            if used + GAP_DAYS < start:
                lane_ends[lane] = end
                break
        else:
            lane = len(lane_ends)
            lane_ends.append(end)
        lanes.append(lane)
    return lanes, len(lane_ends)
