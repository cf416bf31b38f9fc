"""Annotation data: frozen dataclasses that views, the PDF and the CLI read.

Rows never leave the service; these values do (they are safe to keep and compare).
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from jcct_desktop.core import dates


class Assessment(StrEnum):
    """How far a commitment has been honoured, in the officer's judgement."""

    NOT_ASSESSED = "not_assessed"
    IN_PROGRESS = "in_progress"
    FULFILLED = "fulfilled"
    PARTIALLY_FULFILLED = "partially_fulfilled"
    NOT_FULFILLED = "not_fulfilled"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Assessment.NOT_ASSESSED: "Not assessed",
    Assessment.IN_PROGRESS: "In progress",
    Assessment.FULFILLED: "Fulfilled",
    Assessment.PARTIALLY_FULFILLED: "Partially fulfilled",
    Assessment.NOT_FULFILLED: "Not fulfilled",
    Assessment.SUPERSEDED: "Superseded",
}

# The fixed set of notifier event names; one per kind of edit, plus bulk ones.
EVENTS = frozenset(
    {
        "assessment_changed",
        "notes_changed",
        "tags_changed",
        "follow_up_changed",
        "starred_changed",
        "annotations_imported",
        "annotations_replaced",  # a backup was restored: every view must reload
        "draft_changed",  # a commitment gained its first note draft or lost its last
        "talking_points_changed",  # a talking point added, edited, moved or deleted
    }
)


@dataclass(frozen=True)
class Note:
    id: int
    text: str
    created: datetime
    updated: datetime


@dataclass(frozen=True)
class TalkingPoint:
    """One short item an officer will say across the table; a commitment's are kept in order.

    ``id`` is the store's (0 for one read from a file); ``who`` wrote it.
    """

    id: int
    text: str
    created: datetime
    updated: datetime
    who: str = ""


@dataclass(frozen=True)
class HistoryEntry:
    """One append-only record: when, who, which field, from what, to what, why."""

    when: datetime
    who: str
    field: str
    old: str
    new: str
    why: str


class View(StrEnum):
    """Whose assessment: ours (sets the standing) or what China reports (shown beside it)."""

    US = "us"
    CHINA = "china"


@dataclass(frozen=True)
class AssessmentRecord:
    """One assessment as it stands from ``effective`` on (the date its evidence speaks for).

    ``milestone`` is the label of the milestone it concerns, or None for the whole commitment;
    ``jurisdiction`` the ISO 3166-2 code of the province it speaks for (issue 26), or None.
    """

    status: Assessment
    evidence: str
    effective: date
    view: View = View.US
    source: str = ""
    milestone: str | None = None
    recorded: datetime | None = None
    who: str = ""  # who recorded it (not part of its identity: see ``assessments.record_key``)
    jurisdiction: str | None = None


@dataclass(frozen=True)
class Annotation:
    commitment_id: str
    status: Assessment = Assessment.NOT_ASSESSED
    evidence: str = ""
    status_changed: datetime | None = None
    notes: tuple[Note, ...] = ()
    tags: tuple[str, ...] = ()
    follow_up: date | None = None
    starred: bool = False
    history: tuple[HistoryEntry, ...] = ()
    # Every assessment recorded (all views, milestones and dates), oldest first. Empty until
    # the store keeps them; ``assessment_records`` then derives one from the fields above.
    assessments: tuple[AssessmentRecord, ...] = ()
    talking_points: tuple[TalkingPoint, ...] = ()  # in the order they are said

    @property
    def is_empty(self) -> bool:
        return self == Annotation(self.commitment_id)


def assessment_records(a: Annotation) -> tuple[AssessmentRecord, ...]:
    """The annotation's assessments; a single (v1-style) assessment reads as view ``us``, whole
    commitment, effective on the date it was changed."""
    if a.assessments:
        return a.assessments
    if a.status is Assessment.NOT_ASSESSED or a.status_changed is None:
        return ()
    return (
        AssessmentRecord(
            status=a.status,
            evidence=a.evidence,
            effective=a.status_changed.date(),
            recorded=a.status_changed,
        ),
    )


@dataclass(frozen=True)
class Change:
    """What one operation did; views redraw from ``event`` and ``commitment_ids``.

    ``before``/``after`` carry what undo needs to invert the operation.
    """

    event: str
    commitment_ids: frozenset[str] = field(default_factory=frozenset)
    before: Any = None
    after: Any = None
    note_id: int | None = None


def now_utc() -> datetime:
    return dates.utc_now()


def current_user() -> str:
    """The OS user name for history; getuser() raises when no name is configured."""
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # OSError / KeyError in containers without a passwd entry
        return "unknown"


def to_iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_iso(text: str) -> datetime:
    """Parse an ISO time; a time without zone is taken as UTC."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def normalize_tags(tags: Any) -> tuple[str, ...]:
    """Strip, drop empties, de-duplicate case-insensitively, keep a stable sorted order."""
    seen: dict[str, str] = {}
    for tag in tags:
        clean = " ".join(str(tag).split())
        if clean and clean.casefold() not in seen:
            seen[clean.casefold()] = clean
    return tuple(sorted(seen.values(), key=str.casefold))
