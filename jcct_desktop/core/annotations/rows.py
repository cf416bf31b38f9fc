"""Row <-> dataclass conversion and small row helpers shared by the service and the merge."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from jcct_desktop.core.annotations.model import (
    Annotation,
    Assessment,
    HistoryEntry,
    Note,
    from_iso,
    to_iso,
)
from jcct_desktop.store.user_models import AnnotationRow, HistoryRow, NoteRow, TagRow


def annotation_row(session: Session, commitment_id: str) -> AnnotationRow:
    """The row for a commitment, created empty on first edit."""
    if not isinstance(commitment_id, str) or not commitment_id.strip():
        raise ValueError("A commitment id is required.")
    row = session.get(AnnotationRow, commitment_id)
    if row is None:
        row = AnnotationRow(
            commitment_id=commitment_id,
            status=Assessment.NOT_ASSESSED.value,
            evidence="",
            starred=False,
        )
        session.add(row)
        session.flush()
    return row


def note_of(row: NoteRow) -> Note:
    return Note(
        id=row.id, text=row.text, created=from_iso(row.created), updated=from_iso(row.updated)
    )


def history_of(row: HistoryRow) -> HistoryEntry:
    return HistoryEntry(
        when=from_iso(row.at), who=row.who, field=row.field, old=row.old, new=row.new, why=row.why
    )


def history_row(commitment_id: str, entry: HistoryEntry) -> HistoryRow:
    return HistoryRow(
        commitment_id=commitment_id,
        at=to_iso(entry.when),
        who=entry.who,
        field=entry.field,
        old=entry.old,
        new=entry.new,
        why=entry.why,
    )


def build(
    row: AnnotationRow,
    notes: list[NoteRow],
    tags: list[str],
    history: list[HistoryRow],
) -> Annotation:
    return Annotation(
        commitment_id=row.commitment_id,
        status=Assessment(row.status),
        evidence=row.evidence,
        status_changed=from_iso(row.status_changed) if row.status_changed else None,
        notes=tuple(note_of(n) for n in sorted(notes, key=lambda n: n.id)),
        tags=tuple(sorted(tags, key=str.casefold)),
        follow_up=date.fromisoformat(row.follow_up) if row.follow_up else None,
        starred=bool(row.starred),
        history=tuple(history_of(h) for h in sorted(history, key=lambda h: h.id)),
    )


def load_one(session: Session, commitment_id: str) -> Annotation:
    row = session.get(AnnotationRow, commitment_id)
    if row is None:
        return Annotation(commitment_id)
    notes = session.scalars(select(NoteRow).where(NoteRow.commitment_id == commitment_id))
    tags = session.scalars(select(TagRow.tag).where(TagRow.commitment_id == commitment_id))
    hist = session.scalars(select(HistoryRow).where(HistoryRow.commitment_id == commitment_id))
    return build(row, list(notes), list(tags), list(hist))


def load_all(session: Session) -> list[Annotation]:
    notes: dict[str, list[NoteRow]] = {}
    for n in session.scalars(select(NoteRow)):
        notes.setdefault(n.commitment_id, []).append(n)
    tags: dict[str, list[str]] = {}
    for t in session.scalars(select(TagRow)):
        tags.setdefault(t.commitment_id, []).append(t.tag)
    hist: dict[str, list[HistoryRow]] = {}
    for h in session.scalars(select(HistoryRow)):
        hist.setdefault(h.commitment_id, []).append(h)
    rows = session.scalars(select(AnnotationRow).order_by(AnnotationRow.commitment_id))
    return [
        build(
            r,
            notes.get(r.commitment_id, []),
            tags.get(r.commitment_id, []),
            hist.get(r.commitment_id, []),
        )
        for r in rows
    ]
