"""Frozen dataclasses: what views, the PDF and the CLI see of the reference data.

Rows from the database are converted into these at the edge (``store.reference``); nothing
above the store ever holds a SQLAlchemy session or a row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from jcct_desktop.core.deadlines import DateWindow, StateAsOf, state_as_of


class Party(StrEnum):
    CHINA = "China"
    UNITED_STATES = "United States"
    BOTH = "both"

    @property
    def sides(self) -> tuple[str, ...]:
        """The sides that committed, for display and filters ('both' is China and the U.S.)."""
        if self is Party.BOTH:
            return (Party.CHINA.value, Party.UNITED_STATES.value)
        return (self.value,)


class Kind(StrEnum):
    POLICY_CONFIRMATION = "policy_confirmation"
    ACTION_WITH_DEADLINE = "action_with_deadline"
    EVENT_OR_DIALOGUE = "event_or_dialogue"
    COOPERATION = "cooperation"

    @property
    def label(self) -> str:
        return {
            "policy_confirmation": "Policy confirmation",
            "action_with_deadline": "Action with a deadline",
            "event_or_dialogue": "Event or dialogue",
            "cooperation": "Cooperation",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Agency:
    code: str  # short form used in filters, e.g. "SFDA"
    name: str  # full name as the source gives it (or ours when the source only abbreviates)
    country: str  # "China" or "United States"


@dataclass(frozen=True, slots=True)
class Meeting:
    id: str  # "2011"
    number: int  # 22
    name: str
    start: date
    end: date
    place: str
    fact_sheet_title: str
    fact_sheet_date: date
    co_chairs: tuple[str, ...]
    participants: tuple[str, ...]
    introduction: str  # verbatim opening paragraphs
    # ours, not the source's: English name → Chinese name, for names officers search in Chinese
    glossary: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Sector:
    """A node of the two-level hierarchy: a group (``parent is None``) or a sector in a group."""

    code: str  # "NEV"; unique within a meeting
    meeting: str
    name: str
    parent: str | None
    position: int  # source order among all sectors of the meeting
    heading_inferred: bool  # True when the fact sheet has no heading and the name is ours

    @property
    def is_group(self) -> bool:
        return self.parent is None


@dataclass(frozen=True, slots=True)
class Figure:
    """A number stated in an industry fact, e.g. 29.6 billion USD in 2010."""

    value: float
    unit: str  # "USD", "percent", "units", "subscribers", "jobs", "rank", ...
    year: int | None
    text: str  # the words in the fact that state it, verbatim


@dataclass(frozen=True, slots=True)
class Fact:
    id: str  # "2011-NEV-F1"
    meeting: str
    sector: str
    text: str  # verbatim
    figures: tuple[Figure, ...] = ()
    position: int = 0


@dataclass(frozen=True, slots=True)
class Milestone:
    wording: str  # verbatim fragment of the commitment text that states the deadline
    when: str  # the date phrase inside ``wording`` that was parsed, e.g. "by June 2012"
    label: str  # ours: what falls due, e.g. "List of x-ray equipment to be down-classified"
    window: DateWindow

    def state(self, as_of: date) -> StateAsOf:
        return state_as_of(self.window, as_of)


@dataclass(frozen=True, slots=True)
class Commitment:
    id: str  # stable forever once shipped: "2011-NEV-1"
    meeting: str
    sector: str  # sector code
    position: int  # source order within the meeting
    title: str  # ours: a short title written for an officer
    text: str  # verbatim source text, whitespace normalized
    party: Party
    agencies: tuple[str, ...]  # agency codes
    kind: Kind
    milestones: tuple[Milestone, ...] = field(default=())

    @property
    def has_deadline(self) -> bool:
        return bool(self.milestones)
