"""The documented JSON and CSV exports of the reference data (with annotations when given).

JSON layout (``"format": "jcct-desktop-data"``, ``"version": 1``) is described in README.md.
CSV: one row per commitment, UTF-8 with a byte-order mark so spreadsheet programs detect the
encoding; cells that start with ``= + - @`` get a leading apostrophe so they are never run as
formulas.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from typing import Any

from jcct_desktop import __version__
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.model import Commitment

AnnotationLookup = Callable[[str], Mapping[str, Any]]
NO_STATUS = "not_assessed"  # the annotation taxonomy's value (core.annotations.Assessment)


def no_annotations(_commitment_id: str) -> Mapping[str, Any]:
    return {"status": NO_STATUS, "notes": [], "tags": []}


def commitment_record(catalog: Catalog, c: Commitment, notes: AnnotationLookup) -> dict[str, Any]:
    sector = catalog.sector_of(c)
    group = catalog.group_of(sector)
    ann = {**no_annotations(c.id), **notes(c.id)}
    return {
        "id": c.id,
        "meeting": c.meeting,
        "group": group.name,
        "sector": sector.name,
        "sector_code": sector.code,
        "title": c.title,
        "source_text": c.text,
        "parties": list(c.party.sides),
        "agencies": list(c.agencies),
        "kind": c.kind.value,
        "milestones": [
            {
                "label": m.label,
                "wording": m.wording,
                "when": m.when,
                "earliest": m.window.earliest.isoformat(),
                "latest": m.window.latest.isoformat(),
                "precision": m.window.precision.value,
            }
            for m in c.milestones
        ],
        "status": ann["status"],
        "notes": list(ann["notes"]),
        "tags": list(ann["tags"]),
    }


def to_json_dict(catalog: Catalog, notes: AnnotationLookup = no_annotations) -> dict[str, Any]:
    return {
        "format": "jcct-desktop-data",
        "version": 1,
        "app_version": __version__,
        "meetings": [
            {
                "id": m.id,
                "number": m.number,
                "name": m.name,
                "start": m.start.isoformat(),
                "end": m.end.isoformat(),
                "place": m.place,
                "fact_sheet_title": m.fact_sheet_title,
                "fact_sheet_date": m.fact_sheet_date.isoformat(),
                "co_chairs": list(m.co_chairs),
                "participants": list(m.participants),
                "introduction": m.introduction,
            }
            for m in catalog.meetings
        ],
        "sectors": [
            {
                "code": s.code,
                "meeting": s.meeting,
                "name": s.name,
                "parent": s.parent,
                "heading_inferred": s.heading_inferred,
            }
            for s in catalog.sectors
        ],
        "agencies": [
            {"code": a.code, "name": a.name, "country": a.country} for a in catalog.agencies
        ],
        "commitments": [commitment_record(catalog, c, notes) for c in catalog.commitments],
        "facts": [
            {
                "id": f.id,
                "meeting": f.meeting,
                "sector": catalog.sector(f.meeting, f.sector).name,
                "sector_code": f.sector,
                "text": f.text,
                "figures": [
                    {"value": g.value, "unit": g.unit, "year": g.year, "text": g.text}
                    for g in f.figures
                ],
            }
            for f in catalog.facts
        ],
    }


def to_json(catalog: Catalog, notes: AnnotationLookup = no_annotations) -> str:
    return json.dumps(to_json_dict(catalog, notes), ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "id",
    "meeting",
    "group",
    "sector",
    "title",
    "parties",
    "agencies",
    "kind",
    "deadline_wording",
    "earliest",
    "latest",
    "status",
    "tags",
    "notes",
    "source_text",
)


def _cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def to_csv(catalog: Catalog, notes: AnnotationLookup = no_annotations) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in catalog.commitments:
        r = commitment_record(catalog, c, notes)
        ms = r["milestones"]
        row = [
            r["id"],
            r["meeting"],
            r["group"],
            r["sector"],
            r["title"],
            "; ".join(r["parties"]),
            "; ".join(r["agencies"]),
            r["kind"],
            "; ".join(m["wording"] for m in ms),
            min((m["earliest"] for m in ms), default=""),
            max((m["latest"] for m in ms), default=""),
            r["status"],
            "; ".join(r["tags"]),
            "\n\n".join(n["text"] for n in r["notes"]),
            r["source_text"],
        ]
        writer.writerow([_cell(str(v)) for v in row])
    return "\ufeff" + out.getvalue()
