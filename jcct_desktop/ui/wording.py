"""How the window words a deadline: one place, so the detail pane and every tooltip agree.

Plain Python over :mod:`core.status`. The PDF keeps its own wording (``pdf/``); core's
``StateAsOf.describe()`` is a bare countdown ("due in 12 days") meant to sit beside a state name,
which read awkwardly next to it ("due — due in 167 days"). Here the state leads and the countdown
says what the state means: "Due — 167 days left", "Past deadline — closed 45 days ago".
"""

from __future__ import annotations

from datetime import date

from jcct_desktop.core.model import Milestone
from jcct_desktop.core.status import CommitmentState, DeadlineState, milestone_state

STATE_NAMES: dict[DeadlineState, str] = {
    DeadlineState.NONE: "No deadline",
    DeadlineState.UPCOMING: "Upcoming",
    DeadlineState.DUE: "Due",
    DeadlineState.DUE_SOON: "Due soon",
    DeadlineState.PAST: "Past deadline",
}


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def countdown(state: DeadlineState, days: int) -> str:
    """The part after the dash: ``days`` until the window closes, or since it closed."""
    if state is DeadlineState.PAST:
        return "closed yesterday" if days == 1 else f"closed {_days(days)} ago"
    if state is DeadlineState.UPCOMING:  # the window has not opened yet
        return f"due in {_days(days)}"
    if state in (DeadlineState.DUE, DeadlineState.DUE_SOON):
        return f"{_days(days)} left"
    return ""


def deadline_phrase(state: DeadlineState, days: int | None = None) -> str:
    """"Due — 167 days left", "Due today", "No deadline"; just the name when days is None."""
    if days is None or state is DeadlineState.NONE:
        return STATE_NAMES[state]
    if days == 0 and state is not DeadlineState.PAST:
        return "Due today"
    return f"{STATE_NAMES[state]} — {countdown(state, days)}"


def commitment_phrase(cs: CommitmentState, as_of: date) -> str:
    """A commitment, judged by its deciding milestone (see ``core.status.commitment_state``)."""
    if cs.milestone is None:
        return deadline_phrase(DeadlineState.NONE)
    return deadline_phrase(cs.state, cs.milestone.state(as_of).days)


def milestone_phrase(milestone: Milestone, as_of: date) -> str:
    return deadline_phrase(milestone_state(milestone, as_of), milestone.state(as_of).days)
