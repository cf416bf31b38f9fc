"""What merging one imported annotation adds to the one we hold (rules documented in
``exchange``): a plain plan over dataclasses, applied by whichever store holds the notes.

Every rule is idempotent: planning the same annotation against the result adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from jcct_desktop.core.annotations.assessments import record_key
from jcct_desktop.core.annotations.model import (
    Annotation,
    AssessmentRecord,
    HistoryEntry,
    Note,
    TalkingPoint,
    assessment_records,
    to_iso,
)
from jcct_desktop.core.annotations.talking_points import new_points


@dataclass(frozen=True)
class MergePlan:
    records: tuple[AssessmentRecord, ...] = ()
    notes: tuple[Note, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    tags: tuple[str, ...] = ()
    star: bool = False  # set the star (it is never taken away)
    follow_up: date | None = None  # the new follow-up date; None keeps ours
    talking_points: tuple[TalkingPoint, ...] = ()  # appended after ours, in the file's order

    @property
    def changes(self) -> bool:
        return bool(self.records or self.notes or self.history or self.tags or self.star
                    or self.follow_up is not None or self.talking_points)


def plan_merge(held: Annotation, incoming: Annotation) -> MergePlan:
    """What to add to ``held`` (what we have, possibly empty) for ``incoming``."""
    return MergePlan(
        records=_new_records(held, incoming),
        notes=_new_notes(held, incoming),
        history=_new_history(held, incoming),
        tags=_new_tags(held, incoming),
        star=incoming.starred and not held.starred,
        follow_up=_later_follow_up(held.follow_up, incoming.follow_up),
        talking_points=new_points(held.talking_points, incoming.talking_points),
    )


def _new_records(held: Annotation, incoming: Annotation) -> tuple[AssessmentRecord, ...]:
    """Records are unioned (same content and recorded time = same record); our current
    assessment is then the latest of ours, so a newer local one stays."""
    have = {record_key(r) for r in held.assessments}
    added = []
    for record in assessment_records(incoming):
        if record_key(record) not in have:
            have.add(record_key(record))
            added.append(replace(record, who=record.who or "imported"))
    return tuple(added)


def _new_notes(held: Annotation, incoming: Annotation) -> tuple[Note, ...]:
    """Notes are unioned: a note is the same when its text and creation time are."""
    have = {(n.text, to_iso(n.created)) for n in held.notes}
    added = []
    for note in incoming.notes:
        key = (note.text, to_iso(note.created))
        if key not in have:
            have.add(key)
            added.append(note)
    return tuple(added)


def _new_history(held: Annotation, incoming: Annotation) -> tuple[HistoryEntry, ...]:
    have = {_hkey(h) for h in held.history}
    added = []
    for entry in incoming.history:
        if _hkey(entry) not in have:
            have.add(_hkey(entry))
            added.append(entry)
    return tuple(added)


def _new_tags(held: Annotation, incoming: Annotation) -> tuple[str, ...]:
    """Tags are unioned, compared case-insensitively."""
    have = {t.casefold() for t in held.tags}
    added = []
    for tag in incoming.tags:
        if tag.casefold() not in have:
            have.add(tag.casefold())
            added.append(tag)
    return tuple(added)


def _later_follow_up(mine: date | None, theirs: date | None) -> date | None:
    """The later follow-up date wins; None when ours stays."""
    return theirs if theirs is not None and (mine is None or theirs > mine) else None


def _hkey(entry: HistoryEntry) -> tuple[str, ...]:
    return (to_iso(entry.when), entry.who, entry.field, entry.old, entry.new, entry.why)
