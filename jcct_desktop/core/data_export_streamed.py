"""The JSON and CSV exports written record by record: the same text as ``data_export.to_json``
and ``to_csv`` (which build the whole document first: 1.9 GB for the 213 MB JSON of a
100,000-commitment archive), never more than a few hundred records in memory.

JSON: ``json.dumps(..., indent=2)`` indents a value by its depth alone, so each top-level
value (and each commitment, one level deeper) is encoded on its own and its lines shifted
right; the JSON strings hold no raw line breaks, so shifting cannot touch them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from typing import Any, BinaryIO, TextIO

from jcct_desktop.core import cancel, dates
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.data_export import (
    CSV_COLUMNS,
    MILESTONE_COLUMNS,
    AnnotationLookup,
    _cell,
    _milestone_rows,
    _row,
    commitment_record,
    json_facts,
    json_head,
    left_out_of,
    no_annotations,
)

BATCH = 200  # records encoded between two writes (and two checks for cancelling)
_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2)


def _nested(value: Any, depth: int) -> str:
    """``value`` as ``json.dumps(indent=2)`` writes it ``depth`` levels deep."""
    return _ENCODER.encode(value).replace("\n", "\n" + "  " * depth)


def json_chunks(catalog: Catalog, notes: AnnotationLookup = no_annotations,
                as_of: date | None = None, today: date | None = None,
                left_out: dict[str, int] | None = None) -> Iterator[str]:
    """``data_export.to_json``'s text in pieces, the commitments a batch at a time;
    ``left_out``: ``left_out_of`` for these arguments when the caller has it already."""
    as_of = as_of or dates.today()
    if left_out is None:
        left_out = left_out_of(catalog, notes, as_of, today)
    head: dict[str, Any] = {**json_head(catalog), "as_of": as_of.isoformat(),
                            "left_out": left_out}
    yield "{"
    for key, value in head.items():
        yield f"\n  {_ENCODER.encode(key)}: {_nested(value, 1)},"
    yield '\n  "commitments": '
    if not catalog.commitments:
        yield "[]"
    else:
        yield "["
        batch: list[str] = []
        separator = ""  # "," between two batches, as between two records
        for c in catalog.commitments:
            batch.append("\n    " + _nested(commitment_record(catalog, c, notes, as_of, today),
                                            2))
            if len(batch) == BATCH:
                yield separator + ",".join(batch)
                batch.clear()
                separator = ","
                cancel.check()
        if batch:
            yield separator + ",".join(batch)
        yield "\n  ]"
    yield f',\n  "facts": {_nested(json_facts(catalog), 1)}\n}}\n'


def csv_chunks(catalog: Catalog, notes: AnnotationLookup = no_annotations,
               as_of: date | None = None, today: date | None = None,
               milestones: bool = False, bom: bool = True) -> Iterator[str]:
    """``data_export.to_csv``'s text in pieces (``bom=False``: without its byte-order mark,
    as the command line writes it to a terminal)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(MILESTONE_COLUMNS if milestones else CSV_COLUMNS)
    if bom:
        yield "\ufeff"
    for n, c in enumerate(catalog.commitments, 1):
        r = commitment_record(catalog, c, notes, as_of, today)
        rows = _milestone_rows(c, r, notes) if milestones else [_row(r)]
        for row in rows:
            writer.writerow([_cell(str(v)) for v in row])
        if n % BATCH == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
            cancel.check()
    yield out.getvalue()


def write_text(chunks: Iterator[str], fh: BinaryIO) -> None:
    """The pieces into a binary file as UTF-8."""
    for chunk in chunks:
        fh.write(chunk.encode("utf-8"))


def print_text(chunks: Iterator[str], stream: TextIO) -> None:
    """The pieces into a text stream (standard output), in its own encoding."""
    for chunk in chunks:
        stream.write(chunk)
