"""Note drafts kept in SQLite (what a draft is: ``jcct_desktop.core.annotations.drafts``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from jcct_desktop.core.annotations.drafts import NEW_NOTE
from jcct_desktop.core.annotations.model import Change, to_iso
from jcct_desktop.store.notes.models import DraftRow

__all__ = ["NEW_NOTE", "DraftOperations", "drop_draft", "has_draft"]


class DraftOperations:
    """Mixed into AnnotationService (which provides ``run``, ``_session`` and ``_clock``)."""

    run: Callable[[Callable[[Session], Change]], Change]
    _session: Callable[[], Session]
    _clock: Callable[[], datetime]

    def save_draft(self, *, commitment_id: str, text: str, note_id: int = NEW_NOTE) -> Change:
        """Keep ``text`` as the draft; blank text (or text equal to the note) removes it."""
        if not isinstance(commitment_id, str) or not commitment_id.strip():
            raise ValueError("A commitment id is required.")
        if not isinstance(text, str):
            raise TypeError("A draft is text.")

        def op(session: Session) -> Change:
            before = has_draft(session, commitment_id)
            row = session.get(DraftRow, (commitment_id, note_id))
            if not text.strip():
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(DraftRow(commitment_id=commitment_id, note_id=note_id, text=text,
                                     updated=to_iso(self._clock())))
            else:
                row.text, row.updated = text, to_iso(self._clock())
            session.flush()
            return Change("draft_changed", frozenset({commitment_id}), before,
                          has_draft(session, commitment_id))

        return self.run(op)

    def draft(self, commitment_id: str, note_id: int = NEW_NOTE) -> str:
        """The draft's text, or "" when there is none."""
        with self._session() as session, session.begin():
            row = session.get(DraftRow, (commitment_id, note_id))
            return row.text if row is not None else ""

    def drafted_notes(self, commitment_id: str) -> set[int]:
        """Ids of this commitment's notes with unsaved changes (the new note not counted)."""
        with self._session() as session, session.begin():
            stmt = select(DraftRow.note_id).where(DraftRow.commitment_id == commitment_id,
                                                  DraftRow.note_id != NEW_NOTE)
            return set(session.scalars(stmt))

    def draft_ids(self) -> set[str]:
        """Commitments with an unsaved draft (the tree marks them)."""
        with self._session() as session, session.begin():
            return set(session.scalars(select(DraftRow.commitment_id).distinct()))


def has_draft(session: Session, commitment_id: str) -> bool:
    stmt = select(func.count()).select_from(DraftRow).where(
        DraftRow.commitment_id == commitment_id)
    return bool(session.scalar(stmt))


def drop_draft(session: Session, commitment_id: str, note_id: int) -> None:
    """The note was added or saved (or deleted): its draft has done its job."""
    session.execute(delete(DraftRow).where(DraftRow.commitment_id == commitment_id,
                                           DraftRow.note_id == note_id))
