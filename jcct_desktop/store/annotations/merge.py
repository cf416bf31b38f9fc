"""Apply the core's merge plan for one imported annotation to the SQLite rows."""

from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy.orm import Session

from jcct_desktop.core.annotations.merge_rules import plan_merge
from jcct_desktop.core.annotations.model import Annotation, to_iso
from jcct_desktop.store.annotations import rows
from jcct_desktop.store.notes.models import NoteRow, TagRow, TalkingPointRow


def merge_one(session: Session, incoming: Annotation) -> bool:
    """Apply ``incoming``; True if anything changed."""
    cid = incoming.commitment_id
    plan = plan_merge(rows.load_one(session, cid), incoming)
    row = rows.annotation_row(session, cid)
    if plan.records:
        session.add_all(rows.record_row(cid, r) for r in plan.records)
        session.flush()
        rows.sync_summary(session, row)
    if plan.notes:  # one bulk statement: an archive's import brings thousands per commitment
        session.execute(insert(NoteRow), [
            {"commitment_id": cid, "text": note.text, "created": to_iso(note.created),
             "updated": to_iso(note.updated)} for note in plan.notes])
    session.add_all(rows.history_row(cid, entry) for entry in plan.history)
    session.add_all(TagRow(commitment_id=cid, tag=tag) for tag in plan.tags)
    if plan.star:
        row.starred = True
    after = len(rows.point_rows(session, cid))  # imported points follow ours, in their order
    session.add_all(TalkingPointRow(commitment_id=cid, position=after + i, text=p.text,
                                    created=to_iso(p.created), updated=to_iso(p.updated),
                                    who=p.who or "imported")
                    for i, p in enumerate(plan.talking_points))
    if plan.follow_up is not None:
        row.follow_up = plan.follow_up.isoformat()
    session.flush()
    return plan.changes
