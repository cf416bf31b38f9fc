"""The team database's tables (PostgreSQL), created and upgraded by the Alembic scripts in
``migrations/versions`` — these models describe the newest shape for queries only.

``team_items`` is append-only: one row per shared item (a note, a history entry, an
assessment, a tag, a follow-up date) of one commitment, unique per (``author``, ``digest``):
the digest covers the item's whole content and is checked by the server, the author is the
login role that pushed it, and ``seq`` is numbered by the server (migration 0002).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Identity, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Every Alembic revision this app knows, oldest first; a team database at any other revision
# was upgraded by a newer app and is refused (tests check this against the scripts).
KNOWN_REVISIONS = ("0001_team_items", "0002_trust_no_client")
HEAD = KNOWN_REVISIONS[-1]


class TeamBase(DeclarativeBase):
    pass


class TeamInfo(TeamBase):
    __tablename__ = "team_info"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String)  # a UUID: local sync state is kept per team
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class TeamItem(TeamBase):
    __tablename__ = "team_items"

    seq: Mapped[int] = mapped_column(BigInteger, Identity(always=True), primary_key=True)
    digest: Mapped[str] = mapped_column(String)
    commitment_id: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    author: Mapped[str] = mapped_column(Text)  # the login role that pushed it (a trigger)
    pushed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
