"""What changed between two dates: worked out from what is already kept, nothing new recorded.

Sources, for each commitment in scope:

- **its standing**, as known on each day: the standing on ``since`` judged with the assessments
  recorded by then, against the standing on ``until`` with those recorded by then. A deadline
  that passed, an assessment that took effect and a shortfall recorded all show up here;
- **assessments** (ours and what China reports) recorded between the two days;
- **the notes history**: notes added, edited, deleted; tags; follow-ups; stars; imports. Each
  entry keeps who made it, so a colleague's item that arrived through the team database says
  whose it is;
- **follow-ups** that fell due between the two days;
- **meetings** imported between the two days (their moments come from the store).

Days are the officer's own (a stored moment is dated in the local time zone, as the window
shows it); both ends are included. The most important changes come first: a standing that
moved to overdue or a shortfall, then China's new claims, then other standing moves, then our
assessments, then the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import IntEnum

from jcct_desktop.core import cancel
from jcct_desktop.core.annotations.model import (
    Annotation,
    AssessmentRecord,
    HistoryEntry,
    View,
    assessment_records,
)
from jcct_desktop.core.model import Commitment, Meeting
from jcct_desktop.core.progress import Step, no_progress
from jcct_desktop.core.standing import Standing, StandingAsOf, commitment_standing

# Standings an officer must hear about first when a commitment moves into them.
ALARMING = frozenset({Standing.OVERDUE, Standing.NOT_MET, Standing.PARTLY_MET})


class Importance(IntEnum):
    """Lower sorts first."""

    SHORTFALL = 0  # moved to overdue, not met or partly met
    CHINA_CLAIM = 1  # China reports something new
    STANDING = 2  # any other standing move
    ASSESSMENT = 3  # our assessment recorded
    FOLLOW_UP = 4
    NOTE = 5
    OTHER = 6


class Kind:
    """The ``kind`` values in the JSON and CSV output (a promise to scripts: never renamed)."""

    STANDING = "standing"
    ASSESSMENT = "assessment"
    CHINA_REPORT = "china_report"
    NOTE_ADDED = "note_added"
    NOTE_EDITED = "note_edited"
    NOTE_DELETED = "note_deleted"
    TAGS = "tags"
    FOLLOW_UP_SET = "follow_up_set"
    FOLLOW_UP_DUE = "follow_up_due"
    STARRED = "starred"
    IMPORTED = "imported"
    MEETING_IMPORTED = "meeting_imported"
    TALKING_POINT = "talking_point"  # added, edited, moved, deleted or restored


@dataclass(frozen=True)
class ChangeItem:
    day: date
    kind: str
    summary: str  # one line, for people
    importance: Importance
    author: str = ""  # who made it, where the record says (team items: their author)
    old: str = ""
    new: str = ""


@dataclass(frozen=True)
class CommitmentChanges:
    commitment: Commitment
    items: tuple[ChangeItem, ...]  # most important first, then oldest first

    @property
    def importance(self) -> Importance:
        return min(i.importance for i in self.items)


@dataclass(frozen=True)
class ChangeReport:
    since: date
    until: date
    commitments: tuple[CommitmentChanges, ...]  # most important first
    meetings: tuple[ChangeItem, ...] = ()  # meetings imported in the period

    @property
    def count(self) -> int:
        return len(self.meetings) + sum(len(c.items) for c in self.commitments)


STEP_EVERY = 1000  # commitments between two progress steps (and cancel points)


class ChangesRangeError(ValueError):
    """``since`` after ``until``: the message is one line for the user."""


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def changes_between(
    commitments: Sequence[Commitment],
    annotations: Iterable[Annotation],
    since: date,
    until: date,
    *,
    imported_meetings: Mapping[str, datetime] | None = None,
    meetings: Sequence[Meeting] = (),
    standing_words: Mapping[Standing, str] | None = None,
    step: Step = no_progress,
) -> ChangeReport:
    """Every change to ``commitments`` from ``since`` to ``until`` (both days included).
    ``step(done, total)`` is told every ``STEP_EVERY`` commitments (it may raise
    ``progress.Cancelled``), and a superseded worker stops there too (``core.cancel``): at
    100,000 commitments this is a second or two of work."""
    if since > until:
        raise ChangesRangeError(f"--since {since.isoformat()} is after --until "
                                f"{until.isoformat()}: nothing can have changed")
    words = standing_words or {s: s.value.replace("_", " ") for s in Standing}
    by_id = {a.commitment_id: a for a in annotations}
    groups = []
    total = len(commitments)
    for done, c in enumerate(commitments):
        if done % STEP_EVERY == 0:
            cancel.check()
            step(done, total)
        items = _changes_of(c, by_id.get(c.id, Annotation(c.id)), since, until, words)
        if items:
            ordered = sorted(items, key=lambda i: (i.importance, i.day, i.kind))
            groups.append(CommitmentChanges(c, tuple(ordered)))
    position = {c.id: n for n, c in enumerate(commitments)}
    groups.sort(key=lambda g: (g.importance, position[g.commitment.id]))
    names = {m.id: m.label for m in meetings}
    imported = tuple(
        ChangeItem(local_day(when), Kind.MEETING_IMPORTED,
                   f"Meeting imported: {names.get(mid, mid)}", Importance.OTHER)
        for mid, when in sorted((imported_meetings or {}).items(), key=lambda kv: kv[1])
        if since <= local_day(when) <= until)
    step(total, total)
    return ChangeReport(since, until, tuple(groups), imported)


def _changes_of(c: Commitment, a: Annotation, since: date, until: date,
                words: Mapping[Standing, str]) -> list[ChangeItem]:
    records = assessment_records(a)
    items: list[ChangeItem] = []
    moved = _standing_move(c, records, since, until, words)
    if moved:
        items.append(moved)
    items.extend(_assessments(records, since, until))
    items.extend(_history(a.history, since, until))
    if a.follow_up and since <= a.follow_up <= until:
        items.append(ChangeItem(a.follow_up, Kind.FOLLOW_UP_DUE,
                                f"Follow-up fell due on {a.follow_up.isoformat()}",
                                Importance.FOLLOW_UP))
    return items


def _known_on(records: Sequence[AssessmentRecord], day: date) -> list[AssessmentRecord]:
    """The records an officer had on ``day`` (a record without a recorded time: always)."""
    return [r for r in records if r.recorded is None or local_day(r.recorded) <= day]


def _standing_move(c: Commitment, records: Sequence[AssessmentRecord], since: date,
                   until: date, words: Mapping[Standing, str]) -> ChangeItem | None:
    before = commitment_standing(c, _known_on(records, since), since)
    after = commitment_standing(c, _known_on(records, until), until)
    if before.value is after.value:
        return None
    day = _when_moved(after, records, since, until)
    summary = f"Standing: {words[before.value]} → {words[after.value]}"
    deciding = _deciding_label(c, after)
    if deciding:
        summary += f" ({deciding})"
    importance = Importance.SHORTFALL if after.value in ALARMING else Importance.STANDING
    return ChangeItem(day, Kind.STANDING, summary, importance,
                      old=before.value.value, new=after.value.value)


def _when_moved(after: StandingAsOf, records: Sequence[AssessmentRecord], since: date,
                until: date) -> date:
    """The day the new standing began if it lies in the period, else the day the assessment
    behind it was recorded, else the period's end."""
    if after.since and since < after.since <= until:
        return after.since
    if after.record is not None and after.record.recorded is not None:
        recorded = local_day(after.record.recorded)
        if since <= recorded <= until:
            return recorded
    return until


def _deciding_label(c: Commitment, s: StandingAsOf) -> str:
    if s.deciding is None or len(c.milestones) < 2:
        return ""
    return f"milestone: {c.milestones[s.deciding].label}"


def _assessments(records: Sequence[AssessmentRecord], since: date,
                 until: date) -> list[ChangeItem]:
    out = []
    for r in records:
        if r.recorded is None or not since <= local_day(r.recorded) <= until:
            continue
        whose = "Our assessment" if r.view is View.US else "China reports"
        what = r.status.label + (f" ({r.milestone})" if r.milestone else "")
        summary = f"{whose}: {what}, effective {r.effective.isoformat()}"
        if r.source:
            summary += f" — source: {r.source}"
        china = r.view is not View.US
        out.append(ChangeItem(
            local_day(r.recorded), Kind.CHINA_REPORT if china else Kind.ASSESSMENT, summary,
            Importance.CHINA_CLAIM if china else Importance.ASSESSMENT, r.who,
            new=r.status.value))
    return out


_NOTE_KINDS = {"added": Kind.NOTE_ADDED, "restored": Kind.NOTE_ADDED,
               "edited": Kind.NOTE_EDITED, "deleted": Kind.NOTE_DELETED}


def _history(history: Iterable[HistoryEntry], since: date, until: date) -> list[ChangeItem]:
    out = []
    for h in history:
        day = local_day(h.when)
        if not since <= day <= until:
            continue
        item = _from_history(h, day)
        if item is not None:
            out.append(item)
    return out


def _from_history(h: HistoryEntry, day: date) -> ChangeItem | None:
    if h.field == "note":
        kind = _NOTE_KINDS.get(h.why, Kind.NOTE_EDITED)
        text = h.new if kind != Kind.NOTE_DELETED else h.old
        verb = {Kind.NOTE_ADDED: "added", Kind.NOTE_EDITED: "edited",
                Kind.NOTE_DELETED: "deleted"}[kind]
        return ChangeItem(day, kind, f"Note {verb}: {_excerpt(text)}", Importance.NOTE, h.who,
                          old=h.old, new=h.new)
    if h.field == "talking_point":
        text = h.old if h.why == "deleted" else h.new
        if h.why == "moved":  # "2. text" → "1. text": say where it went
            place, _, text = h.new.partition(". ")
            return ChangeItem(day, Kind.TALKING_POINT,
                              f"Talking point moved to {place}: {_excerpt(text)}",
                              Importance.NOTE, h.who, old=h.old, new=h.new)
        return ChangeItem(day, Kind.TALKING_POINT,
                          f"Talking point {h.why or 'changed'}: {_excerpt(text)}",
                          Importance.NOTE, h.who, old=h.old, new=h.new)
    if h.field == "tags":
        return ChangeItem(day, Kind.TAGS, f"Tags: {h.old or '(none)'} → {h.new or '(none)'}",
                          Importance.OTHER, h.who, old=h.old, new=h.new)
    if h.field == "follow_up":
        what = f"Follow-up set for {h.new}" if h.new else "Follow-up cleared"
        return ChangeItem(day, Kind.FOLLOW_UP_SET, what, Importance.FOLLOW_UP, h.who,
                          old=h.old, new=h.new)
    if h.field == "starred":
        starred = h.new.strip().lower() in {"1", "true", "yes", "starred"}
        return ChangeItem(day, Kind.STARRED, "Starred" if starred else "Star removed",
                          Importance.OTHER, h.who, old=h.old, new=h.new)
    if h.field == "import":
        return ChangeItem(day, Kind.IMPORTED, f"Notes imported from {h.new or 'a file'}",
                          Importance.OTHER, h.who, new=h.new)
    return None  # assessments are read from their records, which carry view and milestone


def _excerpt(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
