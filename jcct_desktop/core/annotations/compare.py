"""What a restore changed: the officer's notes before and after, commitment by commitment.

A restore replaces the notes as a whole, so "what changed" is a plain comparison of what an
officer sees (notes, star, tags, follow-up, assessments, talking points), not the merge rules
of an import.
History is left out: it only grows, and a restore's own entry would make everything differ.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jcct_desktop.core.annotations.model import Annotation, assessment_records
from jcct_desktop.core.counts import plural


def _content(a: Annotation) -> tuple[object, ...]:
    return (
        tuple((n.text, n.created) for n in a.notes),
        a.starred,
        tuple(sorted(t.casefold() for t in a.tags)),
        a.follow_up,
        tuple((r.view, r.milestone, r.status, r.evidence, r.effective, r.source)
              for r in assessment_records(a)),
        tuple(p.text for p in a.talking_points),
    )


@dataclass(frozen=True)
class NotesDifference:
    changed: tuple[str, ...] = ()  # commitments whose notes differ, in id order
    gone: tuple[str, ...] = ()  # ... of which no note, mark or assessment is left
    back: tuple[str, ...] = ()  # ... that had none before and have some now

    @property
    def is_empty(self) -> bool:
        return not self.changed

    def describe(self, limit: int = 6) -> str:
        """One or two sentences for the officer."""
        if not self.changed:
            return "Your notes were already the same as the backup: nothing changed."
        shown = ", ".join(self.changed[:limit])
        more = f" and {len(self.changed) - limit} more" if len(self.changed) > limit else ""
        text = f"Notes on {plural(len(self.changed), 'commitment')} changed ({shown}{more})."
        if self.gone:
            text += (f" {plural(len(self.gone), 'commitment')} no longer "
                     f"{'has' if len(self.gone) == 1 else 'have'} any notes.")
        return text


def compare(before: Iterable[Annotation], after: Iterable[Annotation]) -> NotesDifference:
    old = {a.commitment_id: _content(a) for a in before if not a.is_empty}
    new = {a.commitment_id: _content(a) for a in after if not a.is_empty}
    empty = _content(Annotation(""))
    ids = sorted(i for i in old.keys() | new.keys() if old.get(i, empty) != new.get(i, empty))
    return NotesDifference(
        changed=tuple(ids),
        gone=tuple(i for i in ids if new.get(i, empty) == empty),
        back=tuple(i for i in ids if old.get(i, empty) == empty),
    )
