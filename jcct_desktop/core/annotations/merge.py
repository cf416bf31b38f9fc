"""Merge one imported annotation into the database (the rules are documented in ``exchange``).

Every rule is idempotent: merging the same annotation twice changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from jcct_desktop.core.annotations import rows
from jcct_desktop.core.annotations.assessments import record_key
from jcct_desktop.core.annotations.model import (
    Annotation,
    HistoryEntry,
    assessment_records,
    to_iso,
)
from jcct_desktop.store.user_models import NoteRow, TagRow


def merge_one(session: Session, incoming: Annotation) -> bool:
    """Apply ``incoming``; True if anything changed."""
    cid = incoming.commitment_id
    existed = rows.load_one(session, cid)
    row = rows.annotation_row(session, cid)
    changed = False

    # Assessment records are unioned (same content and recorded time = same record); our
    # current assessment is then the latest of ours, so a newer local one stays.
    have_records = {record_key(r) for r in existed.assessments}
    for record in assessment_records(incoming):
        if record_key(record) not in have_records:
            have_records.add(record_key(record))
            session.add(rows.record_row(cid, replace(record, who=record.who or "imported")))
            changed = True
    if changed:
        session.flush()
        rows.sync_summary(session, row)

    # Notes and history: unioned, an item is the same when its content and time are.
    have_notes = {(n.text, to_iso(n.created)) for n in existed.notes}
    for note in incoming.notes:
        key = (note.text, to_iso(note.created))
        if key not in have_notes:
            have_notes.add(key)
            session.add(
                NoteRow(
                    commitment_id=cid, text=note.text, created=key[1], updated=to_iso(note.updated)
                )
            )
            changed = True
    have_history = {_hkey(h) for h in existed.history}
    for entry in incoming.history:
        if _hkey(entry) not in have_history:
            have_history.add(_hkey(entry))
            session.add(rows.history_row(cid, entry))
            changed = True

    # Tags unioned (case-insensitively), star OR'ed, the later follow-up date wins.
    have_tags = {
        t.casefold() for t in session.scalars(select(TagRow.tag).where(TagRow.commitment_id == cid))
    }
    for tag in incoming.tags:
        if tag.casefold() not in have_tags:
            have_tags.add(tag.casefold())
            session.add(TagRow(commitment_id=cid, tag=tag))
            changed = True
    if incoming.starred and not row.starred:
        row.starred = True
        changed = True
    mine = date.fromisoformat(row.follow_up) if row.follow_up else None
    if incoming.follow_up is not None and (mine is None or incoming.follow_up > mine):
        row.follow_up = incoming.follow_up.isoformat()
        changed = True
    session.flush()
    return changed


def _hkey(entry: HistoryEntry) -> tuple[str, ...]:
    return (to_iso(entry.when), entry.who, entry.field, entry.old, entry.new, entry.why)
