"""What an import would change, before anything is written (the merge rules, read-only).

The rules are those of ``merge`` (documented in ``exchange``): notes and history unioned,
the newest assessment wins, tags unioned case-insensitively, the star OR'ed, the later
follow-up date wins. This module only counts and lists what would happen, so the officer can
decide; ``merge`` does it. A test keeps the two in step (preview, merge, compare).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from jcct_desktop.core.annotations.model import Annotation, HistoryEntry, to_iso
from jcct_desktop.core.counts import plural


@dataclass(frozen=True)
class CommitmentPreview:
    commitment_id: str
    new_notes: int = 0
    new_history: int = 0
    new_tags: tuple[str, ...] = ()
    assessment: tuple[str, str] | None = None  # (ours, theirs) labels when theirs replaces ours
    starred: bool = False
    follow_up: str | None = None  # the new date, ISO
    unknown: bool = False  # not a commitment of the bundled data (kept, listed as orphan)

    @property
    def changes(self) -> bool:
        return bool(
            self.new_notes or self.new_history or self.new_tags or self.assessment
            or self.starred or self.follow_up
        )

    def describe(self) -> str:
        parts = []
        if self.new_notes:
            parts.append(plural(self.new_notes, "new note"))
        if self.assessment:
            parts.append(f"assessment {self.assessment[0]} → {self.assessment[1]}")
        if self.new_tags:
            parts.append("tags + " + ", ".join(self.new_tags))
        if self.starred:
            parts.append("starred")
        if self.follow_up:
            parts.append(f"follow up on {self.follow_up}")
        if self.new_history:
            parts.append(plural(self.new_history, "history entry", "history entries"))
        return "; ".join(parts)


@dataclass(frozen=True)
class ImportPreview:
    items: tuple[CommitmentPreview, ...] = field(default_factory=tuple)
    incoming: int = 0

    @property
    def changed(self) -> tuple[CommitmentPreview, ...]:
        return tuple(i for i in self.items if i.changes)

    @property
    def new_notes(self) -> int:
        return sum(i.new_notes for i in self.items)

    @property
    def replaced_assessments(self) -> int:
        return sum(1 for i in self.items if i.assessment)

    @property
    def new_tags(self) -> int:
        return sum(len(i.new_tags) for i in self.items)

    def summary(self) -> str:
        if not self.changed:
            return (f"Nothing to import: the notes on {plural(self.incoming, 'commitment')} "
                    "are all here already.")
        return (
            f"{plural(len(self.changed), 'commitment')} would change: "
            f"{plural(self.new_notes, 'new note')}, "
            f"{plural(self.replaced_assessments, 'assessment')} replaced, "
            f"{plural(self.new_tags, 'new tag')}."
        )


def preview_import(
    current: Mapping[str, Annotation],
    incoming: Sequence[Annotation],
    known_ids: Collection[str] = (),
) -> ImportPreview:
    """``current``: the stored annotations by commitment id (missing ids are unannotated)."""
    items = [
        _one(current.get(a.commitment_id) or Annotation(a.commitment_id), a, known_ids)
        for a in incoming
    ]
    return ImportPreview(tuple(items), len(incoming))


def _one(ours: Annotation, theirs: Annotation, known: Collection[str]) -> CommitmentPreview:
    notes = {(n.text, to_iso(n.created)) for n in ours.notes}
    new_notes = len({(n.text, to_iso(n.created)) for n in theirs.notes} - notes)
    history = {_hkey(h) for h in ours.history}
    new_history = len({_hkey(h) for h in theirs.history} - history)
    tags = {t.casefold() for t in ours.tags}
    new_tags = tuple(t for t in theirs.tags if t.casefold() not in tags)
    assessment = None
    if theirs.status_changed is not None and (
        ours.status_changed is None or theirs.status_changed > ours.status_changed
    ):
        assessment = (ours.status.label, theirs.status.label)
    follow = None
    later = theirs.follow_up is not None and (
        ours.follow_up is None or theirs.follow_up > ours.follow_up
    )
    if later and theirs.follow_up is not None:
        follow = theirs.follow_up.isoformat()
    return CommitmentPreview(
        commitment_id=theirs.commitment_id,
        new_notes=new_notes,
        new_history=new_history,
        new_tags=new_tags,
        assessment=assessment,
        starred=theirs.starred and not ours.starred,
        follow_up=follow,
        unknown=bool(known) and theirs.commitment_id not in known,
    )


def _hkey(h: HistoryEntry) -> tuple[str, ...]:
    return (to_iso(h.when), h.who, h.field, h.old, h.new, h.why)
