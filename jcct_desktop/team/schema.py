"""The team database's tables (PostgreSQL), created and upgraded by the Alembic scripts in
``migrations/versions`` — these models describe the newest shape for queries only.

``team_items`` is append-only: one row per shared item (a note, a history entry, an
assessment, a tag, a follow-up date) of one commitment, identified by ``digest`` (its identity
under the import merge rules), so pushing the same item twice stores it once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Identity, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Every Alembic revision this app knows, oldest first; a team database at any other revision
# was upgraded by a newer app and is refused (tests check this against the scripts).
KNOWN_REVISIONS = ("0001_team_items",)
HEAD = KNOWN_REVISIONS[-1]

# pg_advisory_xact_lock key held by every pushing sync: pushes are serialised, so the item
# sequence grows in commit order and a reader never skips a row committed late.
PUSH_LOCK = 0x4A434354


class TeamBase(DeclarativeBase):
    pass


class TeamInfo(TeamBase):
    __tablename__ = "team_info"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String)  # a UUID: local sync state is kept per team
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class TeamItem(TeamBase):
    __tablename__ = "team_items"

    seq: Mapped[int] = mapped_column(BigInteger, Identity(always=False), primary_key=True)
    digest: Mapped[str] = mapped_column(String, unique=True)
    commitment_id: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    author: Mapped[str] = mapped_column(Text)  # the database role that pushed it (a trigger)
    pushed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
