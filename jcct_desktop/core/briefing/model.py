"""The packet's content as frozen dataclasses, its options, and the annotations it reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from jcct_desktop.core.filtering import Filter
from jcct_desktop.core.jurisdictions import Tile
from jcct_desktop.core.standing import Standing

if TYPE_CHECKING:  # the annotation package pulls in SQLAlchemy; the packet model must not
    from jcct_desktop.core.annotations.model import AssessmentRecord
    from jcct_desktop.core.changes import ChangeReport


class EmptyScopeError(ValueError):
    """The chosen scope holds no commitment; the message is fit to show a user."""


class BadPacketOptionError(EmptyScopeError):
    """An option no packet can print (a marking too long for two header lines). A subclass of
    EmptyScopeError so every caller that shows that message shows this one too."""


MAX_MARKING = 400  # characters: a few header lines at 4.5 pt at most


class Scope(StrEnum):
    MEETING = "meeting"  # every commitment of one meeting
    SECTORS = "sectors"  # chosen sectors (a group code takes all its sectors)
    FILTER = "filter"  # a Filter evaluated here, or the ids the window already shows
    STARRED = "starred"


# -- annotations, as the packet needs them (the lead adapts the real service to this) ---------
@dataclass(frozen=True)
class NoteView:
    text: str
    created: datetime
    edited_since: bool = False  # the text is as it read on the packet's day; changed later


@dataclass(frozen=True)
class HistoryView:
    when: datetime
    who: str
    field: str
    old: str
    new: str
    why: str = ""


@dataclass(frozen=True)
class TalkingPointView:
    text: str
    created: datetime
    who: str = ""


@dataclass(frozen=True)
class AnnotationView:
    status: str = "Not assessed"  # the assessment's label, as the app shows it
    evidence: str = ""  # the latest evidence for that assessment
    status_changed: datetime | None = None
    notes: tuple[NoteView, ...] = ()
    tags: tuple[str, ...] = ()
    history: tuple[HistoryView, ...] = ()
    starred: bool = False
    # every assessment record (both views, per milestone): the standing is read from them;
    # a packet keeps those in force on its date
    assessments: tuple[AssessmentRecord, ...] = ()
    follow_up: date | None = None
    later_notes: int = 0  # notes written after the packet's as-of day, left out of it
    talking_points: tuple[TalkingPointView, ...] = ()  # in the order they are said


NOT_ASSESSED = AnnotationView()


class BriefingAnnotations(Protocol):
    def for_commitment(self, commitment_id: str) -> AnnotationView | None: ...
    def starred_ids(self) -> set[str]: ...


@dataclass(frozen=True)
class PlainAnnotations:
    """Annotations held in a mapping: none at all by default; tests and adapters fill it."""

    by_id: Mapping[str, AnnotationView] = field(default_factory=dict)

    def for_commitment(self, commitment_id: str) -> AnnotationView | None:
        return self.by_id.get(commitment_id)

    def starred_ids(self) -> set[str]:
        return {i for i, a in self.by_id.items() if a.starred}


# -- options and result ----------------------------------------------------------------------
@dataclass(frozen=True)
class BriefingOptions:
    scope: Scope = Scope.MEETING
    meeting: str | None = None  # None: the most recent meeting
    sectors: tuple[str, ...] = ()  # sector or group codes, for Scope.SECTORS
    filter: Filter | None = None  # for Scope.FILTER, evaluated with the filter context
    ids: frozenset[str] | None = None  # for Scope.FILTER: ids already matched by the window
    scope_label: str = ""  # how the cover names a filter scope, e.g. 'Search "NEV"'
    include_notes: bool = True
    include_history: bool = False
    include_facts: bool = True
    include_timeline: bool = True
    paper: str = "letter"  # "letter" | "a4"
    marking: str = ""  # none unless the officer sets one (public fact-sheet text)
    prepared_by: str = ""
    prepared_for: str = ""
    as_of: date | None = None  # None: today
    generated: datetime | None = None  # None: now (midnight of as_of when deterministic)
    deterministic: bool = False
    title: str = "Briefing Packet"
    summary_order: str = "urgency"  # "urgency" | "fact-sheet"


@dataclass(frozen=True)
class CoverInfo:
    title: str
    meeting: str  # meeting name, or "N meetings"
    dates_place: str
    co_chairs: tuple[str, ...]
    scope: str
    as_of: date
    generated: datetime
    prepared_by: str
    prepared_for: str
    marking: str
    commitment_count: int
    sector_count: int
    source: str = ""  # "Fact sheet: <title>, <date>"
    participants: tuple[str, ...] = ()


@dataclass(frozen=True)
class MilestoneEntry:
    label: str
    wording: str  # verbatim
    when: str  # "" for an undated deliverable
    window: str  # "2012-01-01 – 2012-06-30", or "no deadline stated" (core.model) when undated
    earliest: date | None  # None (both) when the source states no date for it
    latest: date | None
    state: Standing
    detail: str  # the whole phrase from core.standing_words: "Met — since 12 Mar 2012"
    met_on: date | None = None  # the day it was (partly) met, for the timeline's marker
    tiles: tuple[Tile, ...] = ()  # issue 26: its provinces on the map (jurisdictional only)


@dataclass(frozen=True)
class Missed:
    """A shortfall: a milestone we judged not met, or partly met once its window closed."""

    milestone: str  # its label
    closes: date | None  # its deadline (the window's last day)
    status: str  # "Not fulfilled", "Partially fulfilled"
    effective: date | None  # the day our evidence speaks for
    evidence: str = ""
    source: str = ""
    not_met: bool = False  # judged not met (else partly met)


@dataclass(frozen=True)
class Side:
    """One side's word on a claim: its assessment, the day it speaks for, its source."""

    status: str  # "Fulfilled", or "not assessed" for our side when we have said nothing
    effective: date | None = None
    source: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class Claim:
    """China's report in force where ours differs, or where we have not assessed at all."""

    milestone: str | None  # None: the whole commitment
    china: Side
    ours: Side

    @property
    def unanswered(self) -> bool:
        return self.ours.effective is None


@dataclass(frozen=True)
class CommitmentEntry:
    id: str
    title: str
    text: str  # verbatim source text
    side: str
    agencies: tuple[str, ...]  # "MOFCOM — Ministry of Commerce"
    kind: str
    milestones: tuple[MilestoneEntry, ...]
    state: Standing
    state_detail: str  # the whole phrase, as the window words it
    annotation: AnnotationView = NOT_ASSESSED
    deciding: int | None = None  # index of the milestone that decides ``state``
    closes: date | None = None  # the deciding window's last day (from core.standing)
    links: tuple[str, ...] = ()  # across meetings, both ways (core.links_text)
    areas: tuple[str, ...] = ()  # ours: issue areas
    shortfalls: tuple[Missed, ...] = ()  # earliest deadline first
    claims: tuple[Claim, ...] = ()  # China's word against ours (core.briefing.claims)


@dataclass(frozen=True)
class FactEntry:
    id: str
    text: str  # verbatim
    sector: str  # the sector or group the fact belongs to


@dataclass(frozen=True)
class SectorSection:
    key: str  # "2011/NEV": unique across meetings, used for bookmarks
    title: str
    group: str  # the group's name ("" when the section is a group itself)
    heading_inferred: bool  # the sector's name is ours: the fact sheet has no heading there
    facts: tuple[FactEntry, ...]
    commitments: tuple[CommitmentEntry, ...]
    group_inferred: bool = False  # likewise for the group's name


@dataclass(frozen=True)
class SummaryRow:
    id: str
    title: str
    side: str
    deadline: str  # wording of the deciding milestone, or "—"
    window: str
    state: Standing
    assessment: str
    state_detail: str = ""
    follow_up: date | None = None
    closes: date | None = None
    starred: bool = False
    differ: bool = False  # our assessment and China's report differ somewhere
    evidence: str = ""
    agencies: tuple[str, ...] = ()
    shortfalls: tuple[Missed, ...] = ()
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class StarredPoints:
    """A starred commitment's talking points, as page 1 prints them."""

    id: str
    title: str
    points: tuple[str, ...]  # in the order they are said


@dataclass(frozen=True)
class BottomLine:
    """Page 1: counts by standing and the short lists a senior reader needs first."""

    counts: tuple[tuple[str, int], ...]  # ("overdue", 3), ("due in the next 90 days", 2), ...
    overdue: tuple[SummaryRow, ...]  # unassessed (or in progress), window closed
    due_next: tuple[SummaryRow, ...]
    # China's report in force differs from ours, or we have not assessed what China reports
    china_claims: tuple[SummaryRow, ...]
    follow_ups: tuple[SummaryRow, ...]
    # when nothing is overdue or due next: every commitment in scope, most urgent first (page
    # 1 names the first few, so it says what the packet is about for every scope)
    in_scope: tuple[SummaryRow, ...] = ()
    shortfalls: tuple[SummaryRow, ...] = ()  # a milestone we judged missed (not / partly met)
    # what the officer will say about the starred commitments, most urgent first
    talking_points: tuple[StarredPoints, ...] = ()

    @property
    def lists(self) -> tuple[tuple[str, tuple[SummaryRow, ...]], ...]:
        """Page 1's lists, in the order it names them, each most important first."""
        return (("overdue", self.overdue), ("shortfalls", self.shortfalls),
                ("claims", self.china_claims), ("due_next", self.due_next),
                ("follow_ups", self.follow_ups))

    def listed_ids(self, limit: int) -> set[str]:
        """The overdue and due-next commitments page 1 shows in full (each list stops at
        ``limit`` rows); "At a glance" does not repeat them."""
        return {r.id for r in (*self.overdue[:limit], *self.due_next[:limit])}


@dataclass(frozen=True)
class UndatedRow:
    """A milestone the source dates nowhere: listed beside the timeline, never drawn as a bar."""

    id: str
    label: str
    state: Standing


@dataclass(frozen=True)
class TimelineRow:
    id: str
    label: str
    earliest: date
    latest: date
    state: Standing
    met_on: date | None = None


@dataclass(frozen=True)
class Briefing:
    options: BriefingOptions
    cover: CoverInfo
    sections: tuple[SectorSection, ...]
    summary: tuple[SummaryRow, ...]
    timeline: tuple[TimelineRow, ...]
    bottom_line: BottomLine | None = None
    changes: ChangeReport | None = None  # "What changed since …", when asked for (--since)
    undated: tuple[UndatedRow, ...] = ()  # the timeline's undated milestones, in source order

    @property
    def commitment_ids(self) -> list[str]:
        return [c.id for s in self.sections for c in s.commitments]
