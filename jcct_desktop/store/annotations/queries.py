"""Read-only questions the tree, timeline, search, PDF and CLI ask about annotations.

A commitment without a row is "not assessed", unstarred and untagged: callers treat ids
missing from these answers that way.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jcct_desktop.core.annotations.model import Annotation, Assessment, from_iso, normalize_tags
from jcct_desktop.store.annotations import rows
from jcct_desktop.store.notes.models import (
    AnnotationRow,
    AssessmentRow,
    HistoryRow,
    NoteRow,
    TagRow,
    TalkingPointRow,
)


class AnnotationQueries:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _session(self) -> Session:
        return Session(self.engine)

    def get(self, commitment_id: str) -> Annotation:
        with self._session() as session, session.begin():
            return rows.load_one(session, commitment_id)

    def all(self) -> list[Annotation]:
        """Every stored annotation (including orphans), sorted by commitment id."""
        with self._session() as session, session.begin():
            return rows.load_all(session)

    def newest_recorded(self) -> datetime | None:
        """The newest time in the history (every edit writes one): a clock behind it is set
        back (``core.annotations.clock_check``)."""
        with self._session() as session, session.begin():
            newest = session.scalar(select(func.max(HistoryRow.at)))
        try:
            return from_iso(newest) if newest else None
        except ValueError:
            return None

    def all_tags(self) -> list[str]:
        """Distinct tags in use, for completion."""
        with self._session() as session, session.begin():
            tags = sorted(session.scalars(select(TagRow.tag).distinct()))
        return list(normalize_tags(tags))  # "IPR" and "ipr" complete as one tag

    def starred_ids(self) -> set[str]:
        with self._session() as session, session.begin():
            stmt = select(AnnotationRow.commitment_id).where(AnnotationRow.starred.is_(True))
            return set(session.scalars(stmt))

    def statuses(self) -> dict[str, Assessment]:
        """Assessment per commitment that has one other than "not assessed"."""
        with self._session() as session, session.begin():
            stmt = select(AnnotationRow.commitment_id, AnnotationRow.status).where(
                AnnotationRow.status != Assessment.NOT_ASSESSED.value
            )
            return {cid: Assessment(status) for cid, status in session.execute(stmt)}

    def ids_by_tag(self, tag: str) -> set[str]:
        """Ids carrying ``tag`` (compared case-insensitively)."""
        wanted = " ".join(tag.split()).casefold()
        with self._session() as session, session.begin():
            pairs = session.execute(select(TagRow.commitment_id, TagRow.tag)).all()
        return {cid for cid, t in pairs if t.casefold() == wanted}

    def search_notes(self, query: str) -> set[str]:
        """Ids whose notes, talking points, tags, evidence or sources contain ``query``
        (case-insensitive).

        Done in Python with ``casefold``: SQLite's LIKE/lower only fold ASCII, and any
        string a person types (quotes, ``%``, Chinese of any length) must simply match.
        """
        needle = query.strip().casefold()
        if not needle:
            return set()
        with self._session() as session, session.begin():
            texts = list(session.execute(select(NoteRow.commitment_id, NoteRow.text)).all())
            texts += session.execute(select(TagRow.commitment_id, TagRow.tag)).all()
            texts += session.execute(
                select(TalkingPointRow.commitment_id, TalkingPointRow.text)
            ).all()
            texts += session.execute(
                select(AnnotationRow.commitment_id, AnnotationRow.evidence)
            ).all()
            for column in (AssessmentRow.evidence, AssessmentRow.source):  # China's too
                texts += session.execute(select(AssessmentRow.commitment_id, column)).all()
        return {cid for cid, text in texts if needle in text.casefold()}

    def orphans(self, known_ids: Collection[str]) -> list[Annotation]:
        """Annotations whose commitment is not in ``known_ids``: kept, and listed here."""
        known = set(known_ids)
        return [a for a in self.all() if a.commitment_id not in known and not a.is_empty]
