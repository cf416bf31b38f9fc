"""Open the bundled reference database read-only and turn its rows into core dataclasses."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.pool import QueuePool

from jcct_desktop.core import resources
from jcct_desktop.core.catalog import Catalog, facts_read_later
from jcct_desktop.core.deferred import Later
from jcct_desktop.core.model import (
    Agency,
    Dialogue,
    Fact,
    Figure,
    Meeting,
    Sector,
)
from jcct_desktop.core.record_factory import record_factory
from jcct_desktop.store.reference import read_ahead
from jcct_desktop.store.reference.commitment_rows import (
    commitments_ahead,
    milestones_ahead,
    read_commitments,
    read_milestones,
)
from jcct_desktop.store.reference.errors import ReferenceDataError
from jcct_desktop.store.reference.extra_tables import (
    load_areas,
    load_fact_sheets,
    load_jurisdictions,
    load_links,
)
from jcct_desktop.store.reference.later_reads import LaterReads, StoredTexts
from jcct_desktop.store.reference.models import (
    SCHEMA_VERSION,
    AgencyRow,
    FactRow,
    FigureRow,
    MeetingRow,
    SectorRow,
    SynonymRow,
    columns,
)
from jcct_desktop.store.reference.read_ahead import ReadAhead, TableAhead
from jcct_desktop.store.reference.rows import Memo, compiled_sql, enum_reader, raw_rows
from jcct_desktop.store.reference.search import ReferenceSearch, SearchIndex


@dataclass(frozen=True)
class ReferenceData:
    path: Path
    catalog: Catalog
    search: SearchIndex  # one database's, or the bundled and imported together

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def _read_only_uri(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


def read_only_engine(path: Path) -> Engine:
    """An engine that can only read ``path`` (SQLite URI ``mode=ro``); never creates a file."""
    uri = _read_only_uri(path)
    # a queue of connections any thread may check out in turn: "sqlite://" alone would get
    # SQLAlchemy's one-connection-per-thread pool, which, past five threads (the window, the
    # search worker, the packet workers), closes another thread's connection while in use
    return create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        poolclass=QueuePool,
    )


def open_reference(path: Path | None = None) -> ReferenceData:
    path = Path(path) if path else resources.reference_db()
    if not path.is_file():
        raise ReferenceDataError(f"The bundled database is missing: {path}")
    engine = read_only_engine(path)
    later: LaterReads | None = None
    try:
        with engine.connect() as conn:
            version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
            if version != SCHEMA_VERSION:
                raise ReferenceDataError(
                    f"{path} has data schema {version}; this app reads schema {SCHEMA_VERSION}"
                )
            later = LaterReads(_read_only_uri(path), path)
            catalog = _load_catalog(conn, later, _read_only_uri(path),
                                    ahead=read_ahead.worth_it(path))
    except (DatabaseError, OperationalError) as exc:
        _close(later)
        raise ReferenceDataError(
            f"The bundled database cannot be read ({path}): {exc.orig}"
        ) from None
    except sqlite3.Error as exc:  # the tables read on the raw cursor (reference.rows), and
        _close(later)           # the statements compiled for later (reference.later_reads)
        raise ReferenceDataError(f"The bundled database cannot be read ({path}): {exc}") from None
    except BaseException:
        _close(later)
        raise
    return ReferenceData(path, catalog, ReferenceSearch(engine))


def _close(later: LaterReads | None) -> None:
    if later is not None:
        later.close()


def _load_catalog(conn: Connection, later: LaterReads, uri: str, ahead: bool) -> Catalog:
    """Rows straight into core dataclasses.

    Core column selects on the mapped tables (no ORM identity map or instance state, no ORM
    compile step); the big tables are read on the raw cursor (``store.reference.rows``,
    ``store.reference.commitment_rows``), each distinct date, enum value and agency list
    converted once. The commitments' texts, the milestones' wordings and the facts are
    read when first asked for, on ``later`` (``store.reference.later_reads``). SQLite reads
    the milestones and commitments meanwhile on a thread of its own, from the file at ``uri``
    (``store.reference.read_ahead``), when it is ``ahead``'s to (``read_ahead.worth_it``).
    """
    if not ahead:  # a thread more would only add its work
        return _catalog(conn, later, None, None)
    reads = ReadAhead(uri)
    try:
        milestone_rows = milestones_ahead(conn, reads)
        commitment_rows = commitments_ahead(conn, reads)
        reads.start()
        return _catalog(conn, later, milestone_rows, commitment_rows)
    finally:
        reads.wait()  # (at once, unless the open failed before it read both)


def _catalog(conn: Connection, later: LaterReads, milestone_rows: TableAhead | None,
             commitment_rows: TableAhead | None) -> Catalog:
    A, SY = columns(AgencyRow), columns(SynonymRow)
    memo = Memo()
    meetings = _meetings(conn, memo)
    sectors = _sectors(conn)
    places = load_jurisdictions(conn)
    commitment_texts = StoredTexts(later, "commitment", "text", "id")
    wordings = StoredTexts(later, "milestone", "wording", "commitment_id", "position")
    milestones = read_milestones(conn, memo, tuple(j for j in places if j.counted), wordings,
                                 milestone_rows)
    area_names, areas = load_areas(conn)
    commitments = read_commitments(conn, memo, meetings, milestones, areas, commitment_texts,
                                   commitment_rows)
    order = {m.id: i for i, m in enumerate(meetings)}
    facts = _facts(conn, later, order)
    agencies = tuple(
        Agency(code, name, country) for code, name, country in conn.execute(
            select(A.code, A.name, A.country).order_by(A.code))
    )
    synonyms: dict[str, list[str]] = {}
    for term, expansion in conn.execute(
        select(SY.term, SY.expansion).order_by(SY.term, SY.position)
    ):
        synonyms.setdefault(term, []).append(expansion)
    return facts_read_later(Catalog(
        meetings, sectors, commitments, (), agencies,
        synonyms=tuple((term, tuple(found)) for term, found in synonyms.items()),
        fact_sheets=load_fact_sheets(conn), links=load_links(conn),
        issue_areas=area_names, jurisdictions=places), facts)


def _facts(conn: Connection, later: LaterReads, order: dict[str, int]) -> Later[tuple[Fact, ...]]:
    """The facts with their figures, in meeting order then position, read on first use
    (nothing at open or the window's first paint reads them); the statements checked now."""
    FG, F = columns(FigureRow), columns(FactRow)
    figure_rows = compiled_sql(conn, select(FG.fact_id, FG.value, FG.unit, FG.year, FG.text)
                               .order_by(FG.fact_id, FG.position))
    fact_rows = compiled_sql(conn, select(F.id, F.meeting_id, F.sector_code, F.text,
                                          F.position))
    later.check(figure_rows)
    later.check(fact_rows)

    def read() -> tuple[Fact, ...]:
        figures: dict[str, list[Figure]] = {}
        make_figure, make_fact = record_factory(Figure), record_factory(Fact)
        for fact_id, value, unit, year, text in later.rows(figure_rows):
            figures.setdefault(fact_id, []).append(make_figure(value, unit, year, text))
        return tuple(sorted(
            (make_fact(fid, meeting, sector, text, tuple(figures.get(fid, ())), position)
             for fid, meeting, sector, text, position in later.rows(fact_rows)),
            key=lambda f: (order.get(f.meeting, 0), f.position),
        ))

    return Later(read)


def _sectors(conn: Connection) -> tuple[Sector, ...]:
    """Every sector in meeting order, then source position: read in that order from the
    index of these columns (``models.SectorRow``), so SQLite sorts nothing."""
    S = columns(SectorRow)
    make_sector = record_factory(Sector)
    return tuple([make_sector(code, meeting, name, parent, position, bool(inferred))
                  for code, meeting, name, parent, position, inferred in raw_rows(conn, select(
                      S.code, S.meeting_id, S.name, S.parent_code, S.position,
                      S.heading_inferred).order_by(S.meeting_id, S.position))])


def _meetings(conn: Connection, memo: Memo) -> tuple[Meeting, ...]:
    """Every meeting, in start order. On the raw cursor, dates and lists converted once per
    distinct text, records made by ``core.record_factory`` (an archive of a thousand
    meetings: 8.0 → 5.6 ms, where the typed rows parsed every date and the frozen class's
    own ``__init__`` set each field)."""
    M = columns(MeetingRow)
    make = record_factory(Meeting)
    day, strings, dialogue_of = memo.day, memo.strings, enum_reader(Dialogue)
    glossaries: dict[str, tuple[tuple[str, str], ...]] = {}
    found: list[Meeting] = []
    for (mid, number, name, start, end, place, sheet_title, sheet_date, co_chairs,
         participants, introduction, glossary, dialogue) in raw_rows(conn, select(
            M.id, M.number, M.name, M.start, M.end, M.place, M.fact_sheet_title,
            M.fact_sheet_date, M.co_chairs, M.participants, M.introduction, M.glossary,
            M.dialogue).order_by(M.start)):
        names = glossaries.get(glossary)
        if names is None:  # each distinct glossary read once, as the lists are (``memo``)
            names = glossaries[glossary] = tuple(sorted(json.loads(glossary).items()))
        found.append(make(mid, number, name, day(start), day(end), place, sheet_title,
                          day(sheet_date), strings(co_chairs), strings(participants),
                          introduction, names, dialogue_of(dialogue)))
    return tuple(found)
