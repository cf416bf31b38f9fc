"""Reading the issue-14 tables (fact sheets, links, issue areas) and the
issue-26 jurisdictions into core dataclasses."""

from __future__ import annotations

from sqlalchemy import Connection, select

from jcct_desktop.core.jurisdictions import Jurisdiction
from jcct_desktop.core.model import FactSheet, Link, Relation
from jcct_desktop.store.reference.models import (
    CommitmentAreaRow,
    FactSheetRow,
    IssueAreaRow,
    JurisdictionRow,
    LinkRow,
    columns,
)
from jcct_desktop.store.reference.rows import raw_rows


def load_fact_sheets(conn: Connection) -> tuple[FactSheet, ...]:
    F = columns(FactSheetRow)
    rows = conn.execute(
        select(F.id, F.meeting_id, F.kind, F.title, F.date, F.source).order_by(
            F.meeting_id, F.position
        )
    )
    return tuple(FactSheet(*r) for r in rows)


def load_links(conn: Connection) -> tuple[Link, ...]:
    L = columns(LinkRow)
    rows = conn.execute(
        select(L.source_id, L.target_id, L.relation).order_by(L.source_id, L.target_id)
    )
    return tuple(Link(source, target, Relation(rel)) for source, target, rel in rows)


def load_areas(conn: Connection) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """The issue-area list in its order, and each commitment's areas."""
    areas = columns(IssueAreaRow)
    names = tuple(conn.execute(select(areas.name).order_by(areas.position)).scalars())
    per: dict[str, list[str]] = {}
    A = columns(CommitmentAreaRow)
    for cid, area in raw_rows(conn,
        select(A.commitment_id, A.area).order_by(A.commitment_id, A.position)
    ):
        per.setdefault(cid, []).append(area)
    return names, {cid: tuple(a) for cid, a in per.items()}


def load_jurisdictions(conn: Connection) -> tuple[Jurisdiction, ...]:
    """China's provincial-level divisions in their reviewed order (none in an imported
    meeting's database: the bundled list serves every meeting)."""
    J = columns(JurisdictionRow)
    return tuple(
        Jurisdiction(code, name, chinese, kind, row, col, bool(counted))
        for code, name, chinese, kind, row, col, counted in conn.execute(
            select(J.code, J.name, J.chinese, J.kind, J.row, J.col, J.counted)
            .order_by(J.position))
    )
