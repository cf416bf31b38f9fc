"""Archive scale (issue 25): the reference tables read on the raw cursor give the same values
SQLAlchemy's typed results give, and the catalog holds what the typed rows say: on the
bundled 2011 data and on a small generated archive."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from jcct_desktop.core import resources
from jcct_desktop.core.deadlines import DateWindow, Precision
from jcct_desktop.core.model import Kind, Party
from jcct_desktop.store.reference.models import Base, CommitmentRow, MilestoneRow
from jcct_desktop.store.reference.reader import ReferenceDataError, open_reference, read_only_engine
from jcct_desktop.store.reference.rows import Memo, enum_reader, raw_rows


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.make_archive import make_archive

    return make_archive(tmp_path_factory.mktemp("archive") / "a.sqlite", meetings=4,
                        per_meeting=30)


@pytest.mark.parametrize("which", ["bundled", "archive"])
def test_every_table_reads_the_same_raw_as_typed(which: str, archive: Path) -> None:
    path = resources.reference_db() if which == "bundled" else archive
    memo = Memo()
    with read_only_engine(path).connect() as conn:
        compared = 0
        for table in Base.metadata.sorted_tables:
            if table.name not in {r[0] for r in conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")}:
                continue
            statement = select(*table.c).order_by(*table.primary_key.columns)
            typed = [tuple(r) for r in conn.execute(statement)]
            raw = list(raw_rows(conn, statement))
            assert len(raw) == len(typed), table.name
            for got, want in zip(raw, typed, strict=True):
                for column, g, w in zip(table.c, got, want, strict=True):
                    if isinstance(w, date):
                        g = memo.day(g)  # stored as ISO text; the memo reads it
                    elif isinstance(w, bool):
                        g = bool(g)  # stored as 0/1
                    assert g == w, (table.name, column.name)
                compared += 1
        assert compared > 100


@pytest.mark.parametrize("which", ["bundled", "archive"])
def test_the_catalog_holds_what_the_typed_rows_say(which: str, archive: Path) -> None:
    path = resources.reference_db() if which == "bundled" else archive
    catalog = open_reference(path).catalog
    C, ML = CommitmentRow.__table__.c, MilestoneRow.__table__.c
    with read_only_engine(path).connect() as conn:
        rows = conn.execute(select(C.id, C.title, C.text, C.party, C.kind, C.agencies,
                                   C.fact_sheet_id)).all()
        windows: dict[str, list[DateWindow | None]] = {}
        for cid, earliest, latest, precision in conn.execute(
                select(ML.commitment_id, ML.earliest, ML.latest, ML.precision)
                .order_by(ML.commitment_id, ML.position)):
            windows.setdefault(cid, []).append(None if precision is None else DateWindow(
                earliest, latest, Precision(precision)))
    assert len(rows) == len(catalog.commitments) > 20
    for cid, title, text, party, kind, agencies, sheet in rows:
        c = catalog.commitment(cid)
        assert (c.title, c.text, c.fact_sheet) == (title, text, sheet)
        assert c.party is Party(party) and c.kind is Kind(kind)
        assert c.agencies == tuple(json.loads(agencies))
        assert [m.window for m in c.milestones] == windows.get(cid, [])
        assert all(type(m.window.earliest) is date for m in c.milestones if m.window)
    assert any(c.milestones for c in catalog.commitments)
    assert all(isinstance(s.heading_inferred, bool) for s in catalog.sectors)


def test_the_memo_converts_once_and_refuses_what_the_enums_refuse() -> None:
    memo = Memo()
    window = memo.window("2012-01-01", "2012-06-30", "half")
    assert window == DateWindow(date(2012, 1, 1), date(2012, 6, 30), Precision.HALF)
    assert memo.window("2012-01-01", "2012-06-30", "half") is window  # one shared object
    assert memo.strings('["SFDA", "MOFCOM"]') == ("SFDA", "MOFCOM")
    assert memo.day("2999-12-31") == date(2999, 12, 31)
    assert enum_reader(Party)("both") is Party.BOTH
    assert enum_reader(Kind)("cooperation") is Kind.COOPERATION
    with pytest.raises(ValueError):
        enum_reader(Party)("Mars")
    with pytest.raises(ValueError):
        memo.window("2012-06-30", "2012-01-01", "half")  # a window that ends before it starts


def test_a_table_the_raw_cursor_cannot_read_is_a_clear_error(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite"
    shutil.copy(resources.reference_db(), damaged)
    with closing(sqlite3.connect(damaged)) as db:
        db.execute("DROP TABLE milestone")  # read on the raw cursor, after the typed reads
        db.commit()
    with pytest.raises(ReferenceDataError, match=r"cannot be read .*no such table: milestone"):
        open_reference(damaged)


def test_a_select_with_parameters_is_refused() -> None:
    C = CommitmentRow.__table__.c
    with (read_only_engine(resources.reference_db()).connect() as conn,
          pytest.raises(ValueError, match="without parameters")):
        list(raw_rows(conn, select(C.id).where(C.meeting_id == "jcct-22")))
