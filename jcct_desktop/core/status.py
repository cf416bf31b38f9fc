"""A commitment's deadline state as of a date, and the colours every view uses for it.

One place so the tree, the timeline, the detail pane and the PDF always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from jcct_desktop.core.deadlines import DUE_SOON_DAYS, MilestoneState, StateAsOf
from jcct_desktop.core.model import Commitment, Milestone


class DeadlineState(StrEnum):
    NONE = "no deadline"
    UPCOMING = "upcoming"
    DUE_SOON = "due soon"  # closes within DUE_SOON_DAYS
    DUE = "due"  # inside its window, not closing soon
    PAST = "past deadline"

    @property
    def colour(self) -> str:
        return STATE_COLOURS[self]


# Colour-blind-safe (Okabe–Ito) hex colours, shared by Qt and reportlab.
STATE_COLOURS: dict[DeadlineState, str] = {
    DeadlineState.NONE: "#8c8c8c",
    DeadlineState.UPCOMING: "#0072b2",
    DeadlineState.DUE: "#009e73",
    DeadlineState.DUE_SOON: "#e69f00",
    DeadlineState.PAST: "#d55e00",
}
AS_OF_COLOUR = "#cc0000"


def milestone_state(milestone: Milestone, as_of: date) -> DeadlineState:
    return _from(milestone.state(as_of))


def _from(s: StateAsOf) -> DeadlineState:
    if s.state is MilestoneState.PAST:
        return DeadlineState.PAST
    if s.days <= DUE_SOON_DAYS:
        return DeadlineState.DUE_SOON
    if s.state is MilestoneState.DUE:
        return DeadlineState.DUE
    return DeadlineState.UPCOMING


@dataclass(frozen=True, slots=True)
class CommitmentState:
    state: DeadlineState
    milestone: Milestone | None  # the milestone that decides the state
    detail: str  # "due in 12 days", "41 days past", "" when there is no deadline


def commitment_state(commitment: Commitment, as_of: date) -> CommitmentState:
    """Judged by the next milestone still open; if all have closed, by the last one."""
    milestone = commitment.next_milestone(as_of)
    if milestone is None:
        return CommitmentState(DeadlineState.NONE, None, "")
    s = milestone.state(as_of)
    return CommitmentState(_from(s), milestone, s.describe())
