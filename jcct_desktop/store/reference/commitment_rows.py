"""Reading the commitments and their milestones: the tables an archive holds by the hundred
thousand (issue 25 asks for 100,000 commitments opened in half a second).

Per row, the columns with few distinct values come from SQLite as one JSON text (as bytes; a
commitment's sector, party, agencies, kind and fact sheet; a milestone's position, date phrase,
window and jurisdictional flag), converted once per distinct text: one Python object and one
dictionary look-up per row instead of several columns and conversions. Records are made by
``core.record_factory`` (the frozen dataclasses' own ``__init__`` was a third of the time),
and commitments are put in meeting order by bucket instead of a sort of them all.

``json_array`` is SQLite's own (built in since 3.38, and compiled in by the platforms' and
Python's builds before that); without it the data cannot be read, a ReferenceDataError.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from itertools import chain
from operator import attrgetter
from sys import intern
from typing import Any

from sqlalchemy import ColumnElement, Connection, LargeBinary, Select, cast, func, select, text

from jcct_desktop.core.deadlines import DateWindow
from jcct_desktop.core.deferred import TextColumn
from jcct_desktop.core.jurisdictions import Jurisdiction
from jcct_desktop.core.model import Commitment, Kind, Meeting, Milestone, Party
from jcct_desktop.core.record_factory import record_factory
from jcct_desktop.store.reference.models import CommitmentRow, MilestoneRow, columns
from jcct_desktop.store.reference.read_ahead import (
    PART,
    Cut,
    Declined,
    ReadAhead,
    TableAhead,
    by_key,
    by_rowid,
)
from jcct_desktop.store.reference.rows import Memo, compiled_sql, enum_reader, raw_rows

Milestones = dict[str, tuple[Milestone, ...]]
_make_commitment = record_factory(Commitment)
_make_milestone = record_factory(Milestone)


def _as_bytes(json_text: ColumnElement[Any]) -> ColumnElement[bytes]:
    """The JSON text as a BLOB: Python makes bytes of it without decoding UTF-8 (and
    ``json.loads`` reads bytes), a tenth less time to read 100,000 rows."""
    return cast(json_text, LargeBinary)


def _milestone_columns() -> list[ColumnElement[Any]]:
    ML = columns(MilestoneRow)
    # the label stays a column of its own: an officer's labels differ milestone by milestone;
    # the position joins the shared text (a commitment has a few: the distinct texts grow a
    # few times over; a column less, 7 % fewer instructions to read the table: Python 3.11's
    # sqlite3 lets go of the interpreter lock and takes it back for every column it reads)
    return [ML.commitment_id, ML.label,
            func.json_array(ML.position, ML.when_text, ML.earliest, ML.latest, ML.precision,
                            ML.jurisdictional)]


def milestones_ahead(conn: Connection, ahead: ReadAhead) -> TableAhead:
    """The milestones' rows, as ``read_milestones`` reads them first, read on ``ahead``."""
    # in parts by commitment (its index's order): the opener groups the first while SQLite
    # reads the next
    return _ahead(conn, ahead, select(*_milestone_columns()),
                  by_key("milestone", "commitment_id"), texts=frozenset({2}))


def read_milestones(conn: Connection, memo: Memo, counted: tuple[Jurisdiction, ...],
                    wordings: TextColumn, ahead: TableAhead | None = None) -> Milestones:
    """Each commitment's milestones in position order, by commitment id; each wording read
    from ``wordings`` by commitment and position when first asked for (``core.deferred``).
    The rows come from ``ahead`` when it read them (``store.reference.read_ahead``), else
    from the cursor."""
    ML = columns(MilestoneRow)
    parts: dict[bytes | str, tuple[int, str, DateWindow | None, tuple[Jurisdiction, ...]]] = {}

    def parted(key: bytes | str) -> tuple[int, str, DateWindow | None, tuple[Jurisdiction, ...]]:
        position, when, earliest, latest, precision, per_place = json.loads(key)
        found = parts[key] = (position, when, memo.window(earliest, latest, precision),
                              counted if per_place else ())
        return found

    def grouped(rows: Iterable[tuple[Any, ...]], in_key_order: bool) -> Milestones | None:
        """The milestones by commitment; unless the rows are ``in_key_order``, None when
        they do not come each commitment's together and in rising position."""
        out: Milestones = {}
        last_id, last_position, runs = None, 0, 0
        make, known = _make_milestone, parts.get  # bound once: a name look-up less per row
        for cid, label, key in rows:
            position, when, window, places = known(key) or parted(key)
            milestone = make((wordings, cid, position), when, label, window, places)
            if cid == last_id and (in_key_order or position > last_position):
                out[cid] += (milestone,)  # a second milestone: rare, and a short tuple
            else:  # a commitment's first, or one met again: then fewer ids than runs
                out[cid] = (milestone,)
                runs += 1
            last_id, last_position = cid, position
        return out if len(out) == runs else None

    *named, shared = _milestone_columns()
    columns_read = (*named, _as_bytes(shared))
    # The table is written in (commitment, position) order, and its index of the columns
    # read here (``models.MilestoneRow``) is in that order too, so the rows are read as they
    # come (SQLite's ORDER BY on a database without that index walks the key index, a
    # lookup per row); if they do not come in that order, read again ordered.
    found: Milestones | None = None
    read = ahead.parts() if ahead is not None else None
    try:
        if read is not None:
            found = grouped(chain.from_iterable(zip(*part, strict=True) for part in read),
                            in_key_order=False)
    except Declined:  # a later part: the rows instead
        read = None
    if read is None:
        found = grouped(raw_rows(conn, select(*columns_read)), in_key_order=False)
    if found is None:
        found = grouped(raw_rows(
            conn, select(*columns_read).order_by(ML.commitment_id, ML.position)),
            in_key_order=True)
        assert found is not None  # rows in key order always group
    return found


def _commitment_columns() -> list[ColumnElement[Any]]:
    C = columns(CommitmentRow)
    # the sector code too: a meeting's few dozen sectors repeat across an archive, and one
    # shared string each comes with the rest (no per-row ``intern``, one column less)
    return [C.id, C.meeting_id, C.position, C.title,
            func.json_array(C.sector_code, C.party, C.agencies, C.kind, C.fact_sheet_id)]


def commitments_ahead(conn: Connection, ahead: ReadAhead) -> TableAhead:
    """The commitments' rows, as ``read_commitments`` reads them, read on ``ahead``."""
    return _ahead(conn, ahead, select(*_commitment_columns()), by_rowid("commitment"),
                  integers=frozenset({2}), texts=frozenset({4}))


def read_commitments(conn: Connection, memo: Memo, meetings: tuple[Meeting, ...],
                     milestones: Milestones, areas: dict[str, tuple[str, ...]],
                     texts: TextColumn, ahead: TableAhead | None = None
                     ) -> tuple[Commitment, ...]:
    """Every commitment in meeting order (the meetings' order), then source position; ties
    (and commitments of a meeting not listed, placed with the first) in stored order. Each
    text is read from ``texts`` by the commitment's id when first asked for
    (``core.deferred``). The rows come from ``ahead`` when it read them
    (``store.reference.read_ahead``), else from the cursor."""
    *named, shared = _commitment_columns()
    order = {m.id: i for i, m in enumerate(meetings)}
    party, kind = enum_reader(Party), enum_reader(Kind)
    parts: dict[bytes | str, tuple[str, Party, tuple[str, ...], Kind, str | None]] = {}

    def parted(key: bytes | str) -> tuple[str, Party, tuple[str, ...], Kind, str | None]:
        sector, who, agencies, what, sheet = json.loads(key)
        found = parts[key] = (intern(sector), party(who), memo.strings(agencies), kind(what),
                              sheet)
        return found

    def placed(rows: Iterable[tuple[Any, ...]]) -> list[list[Commitment]]:
        buckets: list[list[Commitment]] = [[] for _ in range(max(1, len(meetings)))]
        # per meeting id: one shared string of it and its bucket's append
        appends: dict[str, tuple[str, Callable[[Commitment], None]]] = {}
        none: tuple[Any, ...] = ()
        for cid, meeting, position, title, key in rows:
            sector, who, agencies, what, sheet = parts.get(key) or parted(key)
            found = appends.get(meeting)
            if found is None:
                found = appends[meeting] = (meeting, buckets[order.get(meeting, 0)].append)
            meeting, append = found
            append(_make_commitment(cid, meeting, sector, position, title, texts, who,
                                    agencies, what, milestones.get(cid, none),
                                    areas.get(cid, none), sheet))
        return buckets

    read = ahead.parts() if ahead is not None else None
    buckets: list[list[Commitment]] | None = None
    try:
        if read is not None:
            buckets = placed(chain.from_iterable(
                zip(part[0], part[1], map(int, part[2]), part[3], part[4], strict=True)
                for part in read))
    except Declined:  # a later part: the rows instead
        buckets = None
    if buckets is None:
        buckets = placed(raw_rows(conn, select(*named, _as_bytes(shared))))
    by_position = attrgetter("position")
    for bucket in buckets:
        bucket.sort(key=by_position)  # stable: ties stay in stored order
    return tuple(chain.from_iterable(buckets))


def _ahead(conn: Connection, ahead: ReadAhead, statement: Select[Any], cut: Cut,
           integers: frozenset[int] = frozenset(),
           texts: frozenset[int] = frozenset()) -> TableAhead:
    """``statement``'s rows in the order SQLite scans them, read on ``ahead`` in the parts
    ``cut`` makes: its columns, labelled, each joined into one text."""
    width = len(statement.selected_columns)
    labelled = select(*(c.label(f"f{i}") for i, c in enumerate(statement.selected_columns))
                      ).where(text(PART))
    return ahead.table(f"({compiled_sql(conn, labelled)})", [f"f{i}" for i in range(width)],
                       integers, texts, cut)
