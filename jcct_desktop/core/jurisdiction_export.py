"""The per-province parts of the data export (issue 26): a jurisdictional milestone's progress
in ``export json`` and ``export csv --jurisdictions`` (one row per commitment × jurisdiction).

Documented in docs/exports.md and docs/command-line.md.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from jcct_desktop.core import dates
from jcct_desktop.core.annotations.model import AssessmentRecord
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.model import Milestone
from jcct_desktop.core.standing import milestone_standing, progress, province_records

JURISDICTION_COLUMNS = (
    "id",
    "meeting",
    "title",
    "milestone",
    "jurisdiction",
    "jurisdiction_name",
    "jurisdiction_chinese",
    "our_status",
    "our_effective",
    "our_evidence",
    "our_source",
    "milestone_standing",
    "milestone_progress",
)


def progress_record(m: Milestone, records: Sequence[AssessmentRecord],
                    as_of: date) -> dict[str, Any] | None:
    """The ``progress`` of a milestone in ``export json`` (None: not jurisdictional)."""
    if not m.jurisdictions:
        return None
    count, _ = progress(m, records, as_of)
    return {
        "words": count.words,
        "total": count.total,
        "met": [j.code for j in count.met],
        "not_met": [j.code for j in count.not_met],
        "not_assessed": [j.code for j in count.not_assessed],
        "superseded": [j.code for j in count.superseded],
    }


def to_jurisdiction_csv(catalog: Catalog, records_of: Any, as_of: date | None = None) -> str:
    """One row per commitment × jurisdiction: each counted province of each jurisdictional
    milestone, with our assessment of it in force on ``as_of``. ``records_of(cid)`` gives a
    commitment's AssessmentRecords. Commitments with no jurisdictional milestone have no rows."""
    as_of = as_of or dates.today()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(JURISDICTION_COLUMNS)
    for c in catalog.commitments:
        marked = [m for m in c.milestones if m.jurisdictions]
        if not marked:
            continue
        records = tuple(records_of(c.id))
        for m in marked:
            standing = milestone_standing(m, records, as_of)
            count, _ = progress(m, records, as_of)
            for place in m.jurisdictions:
                mine = province_records(records, as_of, m.label, place.code)
                ours = mine[-1] if mine else None
                row = [c.id, c.meeting, c.title, m.label, place.code, place.name,
                       place.chinese, ours.status.value if ours else "not_assessed",
                       ours.effective.isoformat() if ours else "",
                       ours.evidence if ours else "", ours.source if ours else "",
                       standing.value.value, count.words]
                writer.writerow([_cell(str(v)) for v in row])
    return "\ufeff" + out.getvalue()


def _cell(value: str) -> str:
    # as data_export: a cell starting = + - @ is never run as a spreadsheet formula
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
