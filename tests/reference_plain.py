"""The reference catalog read the straightforward way, for tests of the fast reader.

SQLAlchemy's typed rows (dates, booleans converted by their column types), one keyword
constructor per record, every child table in key order and one sort of all commitments and
facts: what ``store.reference.reader`` computes, without any of its shortcuts.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.deadlines import DateWindow, Precision
from jcct_desktop.core.jurisdictions import Jurisdiction
from jcct_desktop.core.model import (
    Agency,
    Commitment,
    Dialogue,
    Fact,
    FactSheet,
    Figure,
    Kind,
    Link,
    Meeting,
    Milestone,
    Party,
    Relation,
    Sector,
)
from jcct_desktop.store.reference.models import (
    AgencyRow,
    CommitmentAreaRow,
    CommitmentRow,
    FactRow,
    FactSheetRow,
    FigureRow,
    IssueAreaRow,
    JurisdictionRow,
    LinkRow,
    MeetingRow,
    MilestoneRow,
    SectorRow,
    SynonymRow,
)
from jcct_desktop.store.reference.reader import read_only_engine


def plain_catalog(path: Path) -> Catalog:
    with read_only_engine(path).connect() as conn:
        rows = lambda table, *order: conn.execute(select(table).order_by(*order)).all()  # noqa: E731
        M, S, ML = (t.__table__.c for t in (MeetingRow, SectorRow, MilestoneRow))
        FG, A, SY, J = (t.__table__.c for t in (FigureRow, AgencyRow, SynonymRow,
                                                JurisdictionRow))
        meetings = tuple(
            Meeting(id=r.id, number=r.number, name=r.name, start=r.start, end=r.end,
                    place=r.place, fact_sheet_title=r.fact_sheet_title,
                    fact_sheet_date=r.fact_sheet_date,
                    co_chairs=tuple(json.loads(r.co_chairs)),
                    participants=tuple(json.loads(r.participants)),
                    introduction=r.introduction,
                    glossary=tuple(sorted(json.loads(r.glossary).items())),
                    dialogue=Dialogue(r.dialogue))
            for r in rows(MeetingRow, M.start))
        sectors = tuple(
            Sector(code=r.code, meeting=r.meeting_id, name=r.name, parent=r.parent_code,
                   position=r.position, heading_inferred=r.heading_inferred)
            for r in rows(SectorRow, S.meeting_id, S.position))
        places = tuple(Jurisdiction(r.code, r.name, r.chinese, r.kind, r.row, r.col, r.counted)
                       for r in rows(JurisdictionRow, J.position))
        counted = tuple(j for j in places if j.counted)
        milestones: dict[str, list[Milestone]] = {}
        for r in rows(MilestoneRow, ML.commitment_id, ML.position):
            window = (None if r.precision is None
                      else DateWindow(r.earliest, r.latest, Precision(r.precision)))
            milestones.setdefault(r.commitment_id, []).append(Milestone(
                wording=r.wording, when=r.when_text, label=r.label, window=window,
                jurisdictions=counted if r.jurisdictional else ()))
        CA = CommitmentAreaRow.__table__.c
        areas: dict[str, list[str]] = {}
        for r in rows(CommitmentAreaRow, CA.commitment_id, CA.position):
            areas.setdefault(r.commitment_id, []).append(r.area)
        order = {m.id: i for i, m in enumerate(meetings)}
        commitments = sorted(
            (Commitment(id=r.id, meeting=r.meeting_id, sector=r.sector_code,
                        position=r.position, title=r.title, text=r.text, party=Party(r.party),
                        agencies=tuple(json.loads(r.agencies)), kind=Kind(r.kind),
                        milestones=tuple(milestones.get(r.id, ())),
                        areas=tuple(areas.get(r.id, ())), fact_sheet=r.fact_sheet_id)
             for r in conn.execute(select(CommitmentRow))),  # stored order: ties keep it
            key=lambda c: (order.get(c.meeting, 0), c.position))
        figures: dict[str, list[Figure]] = {}
        for r in rows(FigureRow, FG.fact_id, FG.position):
            figures.setdefault(r.fact_id, []).append(
                Figure(value=r.value, unit=r.unit, year=r.year, text=r.text))
        facts = sorted(
            (Fact(id=r.id, meeting=r.meeting_id, sector=r.sector_code, text=r.text,
                  figures=tuple(figures.get(r.id, ())), position=r.position)
             for r in conn.execute(select(FactRow))),
            key=lambda f: (order.get(f.meeting, 0), f.position))
        synonyms: dict[str, list[str]] = {}
        for r in rows(SynonymRow, SY.term, SY.position):
            synonyms.setdefault(r.term, []).append(r.expansion)
        FS, L, IA = (t.__table__.c for t in (FactSheetRow, LinkRow, IssueAreaRow))
        return Catalog(
            meetings, sectors, tuple(commitments), tuple(facts),
            tuple(Agency(code=r.code, name=r.name, country=r.country)
                  for r in rows(AgencyRow, A.code)),
            synonyms=tuple((term, tuple(found)) for term, found in synonyms.items()),
            fact_sheets=tuple(FactSheet(id=r.id, meeting=r.meeting_id, kind=r.kind,
                                        title=r.title, date=r.date, source=r.source)
                              for r in rows(FactSheetRow, FS.meeting_id, FS.position)),
            links=tuple(Link(source=r.source_id, target=r.target_id,
                             relation=Relation(r.relation))
                        for r in rows(LinkRow, L.source_id, L.target_id)),
            issue_areas=tuple(r.name for r in rows(IssueAreaRow, IA.position)),
            jurisdictions=places,
        )
