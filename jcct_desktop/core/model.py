"""Frozen dataclasses: what views, the PDF and the CLI see of the reference data.

Rows from the database are converted into these at the edge (``store.reference``); nothing
above the store ever holds a SQLAlchemy session or a row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from jcct_desktop.core.deadlines import DateWindow, StateAsOf, state_as_of
from jcct_desktop.core.deferred import defer_text
from jcct_desktop.core.jurisdictions import Jurisdiction


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


class Dialogue(StrEnum):
    JCCT = "jcct"
    SED = "sed"  # the Strategic and Economic Dialogue, held beside the JCCT

    @property
    def label(self) -> str:
        return {"jcct": "JCCT", "sed": "S&ED"}[self.value]


def meeting_id(dialogue: Dialogue | str, number: int) -> str:
    """The id that cannot collide: two meetings of one year differ by dialogue or number."""
    return f"{Dialogue(dialogue).value}-{number}"


def _ordinal(n: int) -> str:
    suffix = "th"
    if n % 100 not in (11, 12, 13):
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _roman(n: int) -> str:
    out = ""
    for value, sign in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sign, n - value
    return out


@dataclass(frozen=True, slots=True)
class FactSheet:
    """One published fact sheet of a meeting: from 2014 a U.S. and a joint one both exist."""

    id: str  # "jcct-22-us"
    meeting: str
    kind: str  # "us" or "joint"
    title: str
    date: date
    source: str  # URL or file the text comes from


@dataclass(frozen=True, slots=True)
class Meeting:
    id: str  # "jcct-22", "sed-3": dialogue and number
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
    dialogue: Dialogue = Dialogue.JCCT

    @property
    def label(self) -> str:
        """How officers name it: "22nd JCCT (2011)", "S&ED III (2011)"."""
        if self.dialogue is Dialogue.SED:
            return f"S&ED {_roman(self.number)} ({self.start.year})"
        return f"{_ordinal(self.number)} JCCT ({self.start.year})"


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


NO_DEADLINE_STATED = "no deadline stated"  # an undated milestone's window, in every output


@dataclass(frozen=True, slots=True)
class Milestone:
    """One deliverable of a commitment, assessed on its own (assessments key on ``label``).

    ``window`` is None when the source states no date for it (an undated deliverable, e.g.
    "will publish the auditing results"): it is never due or overdue, only assessed.
    """

    wording: str  # verbatim fragment of the commitment text that states the deliverable
    when: str  # the date phrase inside ``wording`` that was parsed ("" when undated)
    label: str  # ours: what falls due, e.g. "List of x-ray equipment to be down-classified"
    window: DateWindow | None
    # Kept or not province by province (issue 26): the divisions it is counted over; () when
    # the milestone is not jurisdictional.
    jurisdictions: tuple[Jurisdiction, ...] = ()

    @property
    def dated(self) -> bool:
        return self.window is not None

    @property
    def window_words(self) -> str:
        """"2012-01-01 – 2012-06-30", or "no deadline stated" when undated."""
        return NO_DEADLINE_STATED if self.window is None else self.window.describe()

    def state(self, as_of: date) -> StateAsOf | None:
        """Where ``as_of`` falls against the window; None for an undated milestone."""
        return None if self.window is None else state_as_of(self.window, as_of)


defer_text(Milestone, "wording")  # the verbatim wording is read when first shown


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
    areas: tuple[str, ...] = ()  # ours: issue areas, the same list across meetings (up to 3)
    fact_sheet: str | None = None  # the fact sheet whose wording ``text`` is

    @property
    def has_deadline(self) -> bool:
        """At least one milestone with a date (undated deliverables set no deadline)."""
        return any(m.window is not None for m in self.milestones)


defer_text(Commitment, "text", key_field="id")  # the verbatim text is read when first shown


class Relation(StrEnum):
    BUILDS_ON = "builds_on"
    EXTENDS = "extends"
    REAFFIRMS = "reaffirms"
    SUPERSEDES = "supersedes"

    @property
    def label(self) -> str:
        """Read from the later commitment: "builds on 2011-SOFT-2"."""
        return self.value.replace("_", " ")

    @property
    def inverse_label(self) -> str:
        """Read from the earlier one: "built on by jcct-23-IPR-1"."""
        return {
            "builds_on": "built on by",
            "extends": "extended by",
            "reaffirms": "reaffirmed by",
            "supersedes": "superseded by",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Link:
    """Reviewed data: the later commitment ``source`` relates to the earlier ``target``."""

    source: str
    target: str
    relation: Relation
