"""The per-user annotation schema (newest version), as SQLAlchemy typed declarative models.

Times are ISO-8601 text in UTC and dates ISO text: readable with any SQLite tool and stable
across SQLAlchemy versions. Older shapes live only in ``migrations``.
"""

# No ``from __future__ import annotations`` here: SQLAlchemy reads these annotations when
# each class is made, and given as objects they need no parsing back from strings (~2 ms of
# every start per models module).

from typing import Annotated

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

CommitmentId = Annotated[str, mapped_column(String, ForeignKey("annotations.commitment_id"))]
IsoTime = Annotated[str, mapped_column(String)]


class UserBase(DeclarativeBase):
    pass


class AnnotationRow(UserBase):
    """One row per annotated commitment; keyed by the stable id, never by a reference row."""

    __tablename__ = "annotations"

    commitment_id: Mapped[str] = mapped_column(String, primary_key=True)
    status: Mapped[str] = mapped_column(String, default="not_assessed")
    evidence: Mapped[str] = mapped_column(Text, default="")
    status_changed: Mapped[str | None] = mapped_column(String, default=None)
    starred: Mapped[bool] = mapped_column(default=False)
    follow_up: Mapped[str | None] = mapped_column(String, default=None)  # added in v2


class NoteRow(UserBase):
    __tablename__ = "notes"
    __table_args__ = (
        Index("ix_notes_commitment", "commitment_id"),
        # AUTOINCREMENT: an undone deletion restores the same id, which must never be reused.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[CommitmentId]
    text: Mapped[str] = mapped_column(Text)
    created: Mapped[IsoTime]
    updated: Mapped[IsoTime]


class TagRow(UserBase):
    """Added in v2 (v1 had no tags)."""

    __tablename__ = "tags"

    commitment_id: Mapped[CommitmentId] = mapped_column(primary_key=True)
    tag: Mapped[str] = mapped_column(String, primary_key=True)


class DraftRow(UserBase):
    """A note being written, saved as it is typed (added in v3). Not history: a draft is
    replaced on every keystroke pause and removed when its note is added or saved.

    ``note_id`` 0 is the new note being written; any other id is an unsaved edit of that note.
    No foreign key: a draft must never create an annotation row of its own.
    """

    __tablename__ = "drafts"

    commitment_id: Mapped[str] = mapped_column(String, primary_key=True)
    note_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    text: Mapped[str] = mapped_column(Text)
    updated: Mapped[IsoTime]


class HistoryRow(UserBase):
    """Append-only: the service inserts, nothing updates or deletes."""

    __tablename__ = "history"
    __table_args__ = (
        Index("ix_history_commitment", "commitment_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[CommitmentId]
    at: Mapped[IsoTime]
    who: Mapped[str] = mapped_column(String)
    field: Mapped[str] = mapped_column(String)
    old: Mapped[str] = mapped_column(Text)
    new: Mapped[str] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text)


class AssessmentRow(UserBase):
    """Added in v3: every assessment recorded, from either view, per milestone or whole.

    ``effective`` is the ISO date the evidence speaks for; ``milestone`` a milestone label or
    NULL for the whole commitment. The service inserts; only undo takes back its own insert.
    """

    __tablename__ = "assessments"
    __table_args__ = (
        Index("ix_assessments_commitment", "commitment_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[CommitmentId]
    view: Mapped[str] = mapped_column(String)
    status: Mapped[str] = mapped_column(String)
    evidence: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    effective: Mapped[str] = mapped_column(String)
    milestone: Mapped[str | None] = mapped_column(String, default=None)
    recorded: Mapped[IsoTime]
    who: Mapped[str] = mapped_column(String)
    # v7 (issue 26): the province it speaks for (ISO 3166-2 code), NULL for all of China
    jurisdiction: Mapped[str | None] = mapped_column(String, default=None)


class TeamSyncStateRow(UserBase):
    """Added in v4: per team database (its ``team_info.team_id``), how far this computer is."""

    __tablename__ = "team_sync_state"

    team: Mapped[str] = mapped_column(String, primary_key=True)
    last_seq: Mapped[int] = mapped_column()
    last_sync: Mapped[str | None] = mapped_column(String, default=None)
    brought_in: Mapped[str] = mapped_column(Text, default="{}")  # JSON: the last sync's summary


class TeamSyncKnownRow(UserBase):
    """Added in v4: an item (its digest) known to be in the team database, pushed or pulled."""

    __tablename__ = "team_sync_known"

    team: Mapped[str] = mapped_column(String, primary_key=True)
    digest: Mapped[str] = mapped_column(String, primary_key=True)
    kind: Mapped[str] = mapped_column(String)


class TalkingPointRow(UserBase):
    """Added in v6: one talking point; ``position`` orders a commitment's points from 0.

    AUTOINCREMENT, as for notes: an undone deletion puts the point back under its own id.
    """

    __tablename__ = "talking_points"
    __table_args__ = (
        Index("ix_talking_points_commitment", "commitment_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[CommitmentId]
    position: Mapped[int] = mapped_column()
    text: Mapped[str] = mapped_column(Text)
    created: Mapped[IsoTime]
    updated: Mapped[IsoTime]
    who: Mapped[str] = mapped_column(String)
