"""Open the bundled reference database read-only and turn its rows into core dataclasses."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

from jcct_desktop import resources
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.deadlines import DateWindow, Precision
from jcct_desktop.core.model import (
    Agency,
    Commitment,
    Fact,
    Figure,
    Kind,
    Meeting,
    Milestone,
    Party,
    Sector,
)
from jcct_desktop.store.reference_models import (
    SCHEMA_VERSION,
    AgencyRow,
    CommitmentRow,
    FactRow,
    FigureRow,
    MeetingRow,
    MilestoneRow,
    SectorRow,
)
from jcct_desktop.store.reference_search import ReferenceSearch


class ReferenceDataError(RuntimeError):
    """The bundled database is missing, unreadable or of an unknown schema."""


@dataclass(frozen=True)
class ReferenceData:
    path: Path
    catalog: Catalog
    search: ReferenceSearch

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def read_only_engine(path: Path) -> Engine:
    """An engine that can only read ``path`` (SQLite URI ``mode=ro``); never creates a file."""
    uri = path.resolve().as_uri() + "?mode=ro"
    return create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
    )


def open_reference(path: Path | None = None) -> ReferenceData:
    path = Path(path) if path else resources.reference_db()
    if not path.is_file():
        raise ReferenceDataError(f"The bundled database is missing: {path}")
    engine = read_only_engine(path)
    try:
        with engine.connect() as conn:
            version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
            if version != SCHEMA_VERSION:
                raise ReferenceDataError(
                    f"{path} has data schema {version}; this app reads schema {SCHEMA_VERSION}"
                )
        with Session(engine) as session:
            catalog = _load_catalog(session)
    except (DatabaseError, OperationalError) as exc:
        raise ReferenceDataError(
            f"The bundled database cannot be read ({path}): {exc.orig}"
        ) from None
    return ReferenceData(path, catalog, ReferenceSearch(engine))


def _load_catalog(session: Session) -> Catalog:
    meetings = tuple(
        _meeting(r) for r in session.scalars(select(MeetingRow).order_by(MeetingRow.start))
    )
    sectors = tuple(
        Sector(
            code=r.code,
            meeting=r.meeting_id,
            name=r.name,
            parent=r.parent_code,
            position=r.position,
            heading_inferred=r.heading_inferred,
        )
        for r in session.scalars(
            select(SectorRow).order_by(SectorRow.meeting_id, SectorRow.position)
        )
    )
    milestones: dict[str, list[Milestone]] = {}
    for r in session.scalars(
        select(MilestoneRow).order_by(MilestoneRow.commitment_id, MilestoneRow.position)
    ):
        window = DateWindow(r.earliest, r.latest, Precision(r.precision))
        milestones.setdefault(r.commitment_id, []).append(
            Milestone(wording=r.wording, when=r.when_text, label=r.label, window=window)
        )
    order = {m.id: i for i, m in enumerate(meetings)}
    commitments = sorted(
        (
            Commitment(
                id=r.id,
                meeting=r.meeting_id,
                sector=r.sector_code,
                position=r.position,
                title=r.title,
                text=r.text,
                party=Party(r.party),
                agencies=tuple(json.loads(r.agencies)),
                kind=Kind(r.kind),
                milestones=tuple(milestones.get(r.id, ())),
            )
            for r in session.scalars(select(CommitmentRow))
        ),
        key=lambda c: (order.get(c.meeting, 0), c.position),
    )
    figures: dict[str, list[Figure]] = {}
    for r in session.scalars(select(FigureRow).order_by(FigureRow.fact_id, FigureRow.position)):
        figures.setdefault(r.fact_id, []).append(Figure(r.value, r.unit, r.year, r.text))
    facts = tuple(
        sorted(
            (
                Fact(
                    id=r.id,
                    meeting=r.meeting_id,
                    sector=r.sector_code,
                    text=r.text,
                    figures=tuple(figures.get(r.id, ())),
                    position=r.position,
                )
                for r in session.scalars(select(FactRow))
            ),
            key=lambda f: (order.get(f.meeting, 0), f.position),
        )
    )
    agencies = tuple(
        Agency(r.code, r.name, r.country)
        for r in session.scalars(select(AgencyRow).order_by(AgencyRow.code))
    )
    return Catalog(meetings, sectors, tuple(commitments), facts, agencies)


def _meeting(r: MeetingRow) -> Meeting:
    return Meeting(
        id=r.id,
        number=r.number,
        name=r.name,
        start=r.start,
        end=r.end,
        place=r.place,
        fact_sheet_title=r.fact_sheet_title,
        fact_sheet_date=r.fact_sheet_date,
        co_chairs=tuple(json.loads(r.co_chairs)),
        participants=tuple(json.loads(r.participants)),
        introduction=r.introduction,
        glossary=tuple(sorted(json.loads(r.glossary).items())),
    )
