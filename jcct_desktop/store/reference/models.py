"""SQLAlchemy models of the bundled reference database (read-only at run time)."""

# No ``from __future__ import annotations`` here: SQLAlchemy reads these annotations when
# each class is made, and given as objects they need no parsing back from strings (~2 ms of
# every start per models module).

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

if TYPE_CHECKING:
    from sqlalchemy.sql.base import ReadOnlyColumnCollection
    from sqlalchemy.sql.elements import KeyedColumnElement

# 1: one meeting keyed by its year. 2: the search-synonyms table.
# 3: meetings keyed by dialogue and number, fact sheets, commitment links, issue areas.
# 4: China's provincial-level divisions and jurisdictional milestones (issue 26).
SCHEMA_VERSION = 4

str_pk = Annotated[str, mapped_column(String, primary_key=True)]
int_pos = Annotated[int, mapped_column(Integer, nullable=False)]


class Base(DeclarativeBase):
    pass


def columns(row: type[Base]) -> "ReadOnlyColumnCollection[str, KeyedColumnElement[Any]]":
    """A mapped table's columns, for reading with Core selects: the same SQL and typed values
    as selecting the ORM attributes, without the ORM's compile step (6 ms of every start)."""
    return row.__table__.c


class MeetingRow(Base):
    __tablename__ = "meeting"
    id: Mapped[str_pk]
    number: Mapped[int]
    name: Mapped[str]
    start: Mapped[date]
    end: Mapped[date]
    place: Mapped[str]
    fact_sheet_title: Mapped[str]
    fact_sheet_date: Mapped[date]
    co_chairs: Mapped[str] = mapped_column(Text, doc="JSON list, source wording")
    participants: Mapped[str] = mapped_column(Text, doc="JSON list, source wording")
    introduction: Mapped[str] = mapped_column(Text)
    glossary: Mapped[str] = mapped_column(Text, doc="JSON object, ours")
    dialogue: Mapped[str] = mapped_column(String, default="jcct", doc="jcct or sed")


class AgencyRow(Base):
    __tablename__ = "agency"
    code: Mapped[str_pk]
    name: Mapped[str]
    country: Mapped[str]


class SectorRow(Base):
    __tablename__ = "sector"
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), primary_key=True)
    code: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    parent_code: Mapped[str | None]
    position: Mapped[int_pos]
    heading_inferred: Mapped[bool]

    # The open reads the sectors in this order: from this index, SQLite neither sorts them
    # nor reads the table (a database built before it sorts them, in a temporary tree)
    __table_args__ = (Index("ix_sector_open", "meeting_id", "position", "code", "name",
                            "parent_code", "heading_inferred"),)


class CommitmentRow(Base):
    __tablename__ = "commitment"
    id: Mapped[str_pk]
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"))
    sector_code: Mapped[str]
    position: Mapped[int_pos]
    title: Mapped[str]
    text: Mapped[str] = mapped_column(Text)
    party: Mapped[str]
    kind: Mapped[str]
    agencies: Mapped[str] = mapped_column(Text, doc="JSON list of agency codes, in source order")
    fact_sheet_id: Mapped[str | None] = mapped_column(ForeignKey("fact_sheet.id"))

    __table_args__ = (Index("ix_commitment_sector", "meeting_id", "sector_code", "position"),)


class MilestoneRow(Base):
    __tablename__ = "milestone"
    commitment_id: Mapped[str] = mapped_column(ForeignKey("commitment.id"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]
    wording: Mapped[str] = mapped_column(Text)
    when_text: Mapped[str] = mapped_column(doc="the date phrase; empty when undated")
    # all three NULL for an undated deliverable (the source states no date for it)
    earliest: Mapped[date | None]
    latest: Mapped[date | None]
    precision: Mapped[str | None]
    jurisdictional: Mapped[bool] = mapped_column(default=False, doc="ours: counted per province")

    # Every column the open reads (``store.reference.commitment_rows``), in key order, so the
    # open scans this index and not the table's pages of verbatim wordings (100,000
    # milestones: 15 ms less). A database without it (built before) reads the table instead.
    __table_args__ = (Index("ix_milestone_open", "commitment_id", "position", "label",
                            "when_text", "earliest", "latest", "precision", "jurisdictional"),)


class FactRow(Base):
    __tablename__ = "fact"
    id: Mapped[str_pk]
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"))
    sector_code: Mapped[str]
    position: Mapped[int_pos]
    text: Mapped[str] = mapped_column(Text)


class FigureRow(Base):
    __tablename__ = "figure"
    fact_id: Mapped[str] = mapped_column(ForeignKey("fact.id"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[float]
    unit: Mapped[str]
    year: Mapped[int | None]
    text: Mapped[str]


class SynonymRow(Base):
    """Ours: an abbreviation officers type and one of the phrases the source uses for it."""

    __tablename__ = "synonym"
    term: Mapped[str] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    expansion: Mapped[str]


# -- issue 14: several meetings -----------------------------------------------------------------
class FactSheetRow(Base):
    __tablename__ = "fact_sheet"
    id: Mapped[str_pk]
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"))
    position: Mapped[int_pos]
    kind: Mapped[str] = mapped_column(doc="us or joint")
    title: Mapped[str]
    date: Mapped[date]
    source: Mapped[str] = mapped_column(doc="URL or file of the text")


class LinkRow(Base):
    """Reviewed: ``source_id`` (later) builds on / extends / reaffirms / supersedes ``target_id``.

    No foreign keys: an imported meeting's commitment links to one in the bundled database.
    """

    __tablename__ = "commitment_link"
    source_id: Mapped[str] = mapped_column(primary_key=True)
    target_id: Mapped[str] = mapped_column(primary_key=True)
    relation: Mapped[str] = mapped_column(primary_key=True)


class IssueAreaRow(Base):
    __tablename__ = "issue_area"
    name: Mapped[str_pk]
    position: Mapped[int_pos]


class CommitmentAreaRow(Base):
    __tablename__ = "commitment_area"
    commitment_id: Mapped[str] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    area: Mapped[str] = mapped_column(ForeignKey("issue_area.name"))


class JurisdictionRow(Base):
    """One of China's provincial-level divisions (db/jurisdictions.toml), in source order."""

    __tablename__ = "jurisdiction"
    code: Mapped[str_pk]
    position: Mapped[int_pos]
    name: Mapped[str]
    chinese: Mapped[str]
    kind: Mapped[str]
    row: Mapped[int]
    col: Mapped[int]
    counted: Mapped[bool]


class MetaRow(Base):
    __tablename__ = "meta"
    key: Mapped[str_pk]
    value: Mapped[str]


# Full-text index: created with raw DDL (SQLAlchemy has no FTS5 construct). ``doc`` is the
# commitment or fact id; ``kind`` is "commitment" or "fact".
FTS_DDL = (
    "CREATE VIRTUAL TABLE search_index USING fts5("
    "doc UNINDEXED, kind UNINDEXED, title, body, tokenize='trigram')"
)
