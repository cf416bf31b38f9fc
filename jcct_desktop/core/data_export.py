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
from datetime import date
from typing import Any

from jcct_desktop import __version__
from jcct_desktop.core import dates
from jcct_desktop.core.annotations.model import AssessmentRecord
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.model import Commitment
from jcct_desktop.core.standing import StandingAsOf, commitment_standing, in_force

AnnotationLookup = Callable[[str], Mapping[str, Any]]
NO_STATUS = "not_assessed"  # the annotation taxonomy's value (core.annotations.Assessment)


def no_annotations(_commitment_id: str) -> Mapping[str, Any]:
    """``records``: the AssessmentRecords the standing is computed from (not exported as is)."""
    return {"status": NO_STATUS, "notes": [], "tags": [], "records": (), "follow_up": None,
            "talking_points": []}


def standing_record(s: StandingAsOf) -> dict[str, Any]:
    return {"as_of": s.as_of.isoformat(), "value": s.value.value,
            "since": s.since.isoformat() if s.since else None}


def assessment_record(r: AssessmentRecord) -> dict[str, Any]:
    return {"view": r.view.value, "status": r.status.value, "evidence": r.evidence,
            "source": r.source, "effective": r.effective.isoformat(), "milestone": r.milestone}


def commitment_record(catalog: Catalog, c: Commitment, notes: AnnotationLookup,
                      as_of: date | None = None) -> dict[str, Any]:
    sector = catalog.sector_of(c)
    group = catalog.group_of(sector)
    ann = {**no_annotations(c.id), **notes(c.id)}
    as_of = as_of or dates.today()
    standing = commitment_standing(c, ann["records"], as_of)
    follow_up = ann["follow_up"]
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
                "standing": standing_record(ms),
            }
            for m, ms in zip(c.milestones, standing.milestones, strict=True)
        ],
        "standing": standing_record(standing),
        "status": ann["status"],
        "assessments": [assessment_record(r) for r in in_force(ann["records"], as_of)],
        "follow_up": follow_up.isoformat() if follow_up else None,
        "notes": list(ann["notes"]),
        "tags": list(ann["tags"]),
        "talking_points": list(ann["talking_points"]),
        "areas": list(c.areas),
        "links": [{"relation": lk.relation.value, "target": lk.target}
                  for lk in catalog.links_from(c.id)],
        "linked_from": [{"relation": lk.relation.value, "source": lk.source}
                        for lk in catalog.links_to(c.id)],
    }


def to_json_dict(catalog: Catalog, notes: AnnotationLookup = no_annotations,
                 as_of: date | None = None) -> dict[str, Any]:
    as_of = as_of or dates.today()
    return {
        "format": "jcct-desktop-data",
        "version": 1,
        "app_version": __version__,
        "meetings": [
            {
                "id": m.id,
                "dialogue": m.dialogue.value,
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
        "as_of": as_of.isoformat(),
        "commitments": [commitment_record(catalog, c, notes, as_of) for c in catalog.commitments],
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


def to_json(catalog: Catalog, notes: AnnotationLookup = no_annotations,
            as_of: date | None = None) -> str:
    return json.dumps(to_json_dict(catalog, notes, as_of), ensure_ascii=False, indent=2) + "\n"


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
    "standing",
    "tags",
    "notes",
    "source_text",
)


def _cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def to_csv(catalog: Catalog, notes: AnnotationLookup = no_annotations,
           as_of: date | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in catalog.commitments:
        r = commitment_record(catalog, c, notes, as_of)
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
            r["standing"]["value"],
            "; ".join(r["tags"]),
            "\n\n".join(n["text"] for n in r["notes"]),
            r["source_text"],
        ]
        writer.writerow([_cell(str(v)) for v in row])
    return "\ufeff" + out.getvalue()
