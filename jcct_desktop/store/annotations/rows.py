"""Row <-> dataclass conversion and small row helpers shared by the service and the merge."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from jcct_desktop.core.annotations.assessments import summary
from jcct_desktop.core.annotations.model import (
    Annotation,
    Assessment,
    AssessmentRecord,
    HistoryEntry,
    Note,
    TalkingPoint,
    View,
    from_iso,
    to_iso,
)
from jcct_desktop.store.notes.models import (
    AnnotationRow,
    AssessmentRow,
    HistoryRow,
    NoteRow,
    TagRow,
    TalkingPointRow,
)


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


def point_of(row: TalkingPointRow) -> TalkingPoint:
    return TalkingPoint(id=row.id, text=row.text, created=from_iso(row.created),
                        updated=from_iso(row.updated), who=row.who)


def point_rows(session: Session, commitment_id: str) -> list[TalkingPointRow]:
    """A commitment's talking points in their order (the id breaks a tie, never expected)."""
    stmt = select(TalkingPointRow).where(TalkingPointRow.commitment_id == commitment_id)
    return list(session.scalars(stmt.order_by(TalkingPointRow.position, TalkingPointRow.id)))


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


def record_of(row: AssessmentRow) -> AssessmentRecord:
    return AssessmentRecord(
        status=Assessment(row.status),
        evidence=row.evidence,
        effective=date.fromisoformat(row.effective),
        view=View(row.view),
        source=row.source,
        milestone=row.milestone,
        recorded=from_iso(row.recorded),
        who=row.who,
        jurisdiction=row.jurisdiction,
    )


def record_row(commitment_id: str, r: AssessmentRecord) -> AssessmentRow:
    assert r.recorded is not None, "a stored assessment always has its recorded time"
    return AssessmentRow(
        commitment_id=commitment_id,
        view=r.view.value,
        status=r.status.value,
        evidence=r.evidence,
        source=r.source,
        effective=r.effective.isoformat(),
        milestone=r.milestone,
        recorded=to_iso(r.recorded),
        who=r.who,
        jurisdiction=r.jurisdiction,
    )


def assessment_rows(session: Session, commitment_id: str) -> list[AssessmentRow]:
    stmt = select(AssessmentRow).where(AssessmentRow.commitment_id == commitment_id)
    return list(session.scalars(stmt.order_by(AssessmentRow.id)))


def sync_summary(session: Session, row: AnnotationRow) -> None:
    """Keep the annotation's status/evidence/status_changed = our current assessment, the
    meaning every older reader (tree marks, filters, v1 export) relies on."""
    status, evidence, changed = summary([record_of(r) for r in assessment_rows(session,
                                                                               row.commitment_id)])
    row.status, row.evidence = status.value, evidence
    row.status_changed = to_iso(changed) if changed else None


def build(
    row: AnnotationRow,
    notes: list[NoteRow],
    tags: list[str],
    history: list[HistoryRow],
    assessed: Sequence[AssessmentRow] = (),
    points: Sequence[TalkingPointRow] = (),
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
        # oldest recorded first (the id breaks ties: insertion order)
        assessments=tuple(
            record_of(a) for a in sorted(assessed, key=lambda a: (a.recorded, a.id))
        ),
        talking_points=tuple(
            point_of(p) for p in sorted(points, key=lambda p: (p.position, p.id))
        ),
    )


def load_one(session: Session, commitment_id: str) -> Annotation:
    row = session.get(AnnotationRow, commitment_id)
    if row is None:
        return Annotation(commitment_id)
    notes = session.scalars(select(NoteRow).where(NoteRow.commitment_id == commitment_id))
    tags = session.scalars(select(TagRow.tag).where(TagRow.commitment_id == commitment_id))
    hist = session.scalars(select(HistoryRow).where(HistoryRow.commitment_id == commitment_id))
    return build(row, list(notes), list(tags), list(hist), assessment_rows(session, commitment_id),
                 point_rows(session, commitment_id))


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
    assessed: dict[str, list[AssessmentRow]] = {}
    for a in session.scalars(select(AssessmentRow)):
        assessed.setdefault(a.commitment_id, []).append(a)
    points: dict[str, list[TalkingPointRow]] = {}
    for p in session.scalars(select(TalkingPointRow)):
        points.setdefault(p.commitment_id, []).append(p)
    rows = session.scalars(select(AnnotationRow).order_by(AnnotationRow.commitment_id))
    return [
        build(
            r,
            notes.get(r.commitment_id, []),
            tags.get(r.commitment_id, []),
            hist.get(r.commitment_id, []),
            assessed.get(r.commitment_id, []),
            points.get(r.commitment_id, []),
        )
        for r in rows
    ]
