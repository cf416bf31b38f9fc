"""The documented JSON and CSV exports of the reference data (with annotations when given).

JSON layout (``"format": "jcct-desktop-data"``, ``"version": 1``) is described in README.md
and docs/exports.md. CSV: one row per commitment (or per milestone), UTF-8 with a byte-order
mark so spreadsheet programs detect the encoding; cells that start with ``= + - @`` get a
leading apostrophe so they are never run as formulas.

An export as of a past day carries what was known that day, as the packet does: the status
from the assessments in force, the notes written by then (as they read then), the tags of
that day, no follow-up (today's plan); each commitment's ``left_out`` says what was left out.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from jcct_desktop import __version__
from jcct_desktop.core import dates
from jcct_desktop.core.annotations.assessments import current
from jcct_desktop.core.annotations.model import AssessmentRecord, View
from jcct_desktop.core.briefing.model import AnnotationView
from jcct_desktop.core.briefing.written_by import written_by
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.jurisdiction_export import progress_record
from jcct_desktop.core.model import Commitment
from jcct_desktop.core.standing import (
    StandingAsOf,
    applicable,
    commitment_standing,
    in_force,
)

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
            "source": r.source, "effective": r.effective.isoformat(), "milestone": r.milestone,
            "jurisdiction": r.jurisdiction}


def known_on(ann: Mapping[str, Any], as_of: date, today: date) -> dict[str, Any]:
    """The annotation fields as known on ``as_of`` (the packet's rule, core.briefing.written_by)
    and what was left out: notes written later, assessments effective later, the follow-up."""
    records: tuple[AssessmentRecord, ...] = tuple(ann["records"])
    now = current(records, as_of)
    out = {**ann, "status": now.status.value, "status_milestone": now.milestone,
           "status_effective": now.effective}
    left = {"notes": 0, "assessments": sum(r.effective > as_of for r in records),
            "follow_up": False, "tags_changed": False}
    view = ann.get("view")
    if isinstance(view, AnnotationView):
        then = written_by(view, as_of, today)
        out["notes"] = [{"text": n.text, "created": n.created.isoformat(),
                         "edited_since": n.edited_since} for n in then.notes]
        out["tags"] = list(then.tags)
        out["follow_up"] = then.follow_up
        left.update(notes=then.later_notes,
                    follow_up=view.follow_up is not None and then.follow_up is None,
                    tags_changed=tuple(view.tags) != tuple(then.tags))
    out["left_out"] = left
    return out


def commitment_record(catalog: Catalog, c: Commitment, notes: AnnotationLookup,
                      as_of: date | None = None, today: date | None = None) -> dict[str, Any]:
    sector = catalog.sector_of(c)
    group = catalog.group_of(sector)
    as_of = as_of or dates.today()
    ann = known_on({**no_annotations(c.id), **notes(c.id)}, as_of, today or as_of)
    standing = commitment_standing(c, ann["records"], as_of)
    follow_up = ann["follow_up"]
    effective = ann["status_effective"]
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
                # all three null for an undated deliverable (the source states no date)
                "earliest": m.window.earliest.isoformat() if m.window else None,
                "latest": m.window.latest.isoformat() if m.window else None,
                "precision": m.window.precision.value if m.window else None,
                "standing": standing_record(ms),
                # issue 26: counted province by province (null progress: not jurisdictional)
                "jurisdictional": bool(m.jurisdictions),
                "progress": progress_record(m, ann["records"], as_of),
            }
            for m, ms in zip(c.milestones, standing.milestones, strict=True)
        ],
        "standing": standing_record(standing),
        "status": ann["status"],
        # which milestone our status concerns (null: the whole commitment) and since when
        "status_milestone": ann["status_milestone"],
        "status_effective": effective.isoformat() if effective else None,
        "assessments": [assessment_record(r) for r in in_force(ann["records"], as_of)],
        "follow_up": follow_up.isoformat() if follow_up else None,
        "left_out": ann["left_out"],
        "notes": list(ann["notes"]),
        "tags": list(ann["tags"]),
        "talking_points": list(ann["talking_points"]),
        "areas": list(c.areas),
        "links": [{"relation": lk.relation.value, "target": lk.target}
                  for lk in catalog.links_from(c.id)],
        "linked_from": [{"relation": lk.relation.value, "source": lk.source}
                        for lk in catalog.links_to(c.id)],
    }


def left_out_total(records: list[dict[str, Any]]) -> dict[str, int]:
    """What an export as of a past day left out, over all its commitments."""
    return left_out_sum(r["left_out"] for r in records)


def left_out_sum(lefts: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """The commitments' ``left_out`` added up (``left_out_total`` of their records)."""
    total = {"notes": 0, "assessments": 0, "follow_ups": 0, "tags_changed": 0}
    for left in lefts:
        total["notes"] += left["notes"]
        total["assessments"] += left["assessments"]
        total["follow_ups"] += bool(left["follow_up"])
        total["tags_changed"] += bool(left["tags_changed"])
    return total


def left_out_of(catalog: Catalog, notes: AnnotationLookup, as_of: date,
                today: date | None = None) -> dict[str, int]:
    """``left_out_total`` of every commitment's record without building the records (the
    JSON document says it before them; a record is ten times the work of what it left out)."""
    return left_out_sum(known_on({**no_annotations(c.id), **notes(c.id)}, as_of,
                                 today or as_of)["left_out"]
                        for c in catalog.commitments)


def left_out_words(total: Mapping[str, int], as_of: date) -> str:
    """"As of 2012-01-15: left out 2 notes written and 1 assessment effective later, …"; ""
    when nothing was."""
    parts = []
    for key, what in (("notes", "note{} written later"),
                      ("assessments", "assessment{} effective later"),
                      ("follow_ups", "follow-up date{} (today's plan)")):
        n = total.get(key, 0)
        if n:
            parts.append(f"{n} {what.format('' if n == 1 else 's')}")
    if total.get("tags_changed"):
        n = total["tags_changed"]
        parts.append(f"later tag changes on {n} commitment{'' if n == 1 else 's'}")
    return f"as of {as_of.isoformat()}: left out " + "; ".join(parts) if parts else ""


def to_json_dict(catalog: Catalog, notes: AnnotationLookup = no_annotations,
                 as_of: date | None = None, today: date | None = None) -> dict[str, Any]:
    """The whole document at once (``data_export_streamed`` writes the same, record by
    record)."""
    as_of = as_of or dates.today()
    commitments = [commitment_record(catalog, c, notes, as_of, today)
                   for c in catalog.commitments]
    return {
        **json_head(catalog),
        "as_of": as_of.isoformat(),
        "left_out": left_out_total(commitments),
        "commitments": commitments,
        "facts": json_facts(catalog),
    }


def json_head(catalog: Catalog) -> dict[str, Any]:
    """What the JSON document holds before the as-of date: format, meetings, sectors…"""
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
    }


def json_facts(catalog: Catalog) -> list[dict[str, Any]]:
    return [
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
    ]


def to_json(catalog: Catalog, notes: AnnotationLookup = no_annotations,
            as_of: date | None = None, today: date | None = None) -> str:
    data = to_json_dict(catalog, notes, as_of, today)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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
    # beside the status: which milestone it concerns, since when; the follow-up; China's view
    "status_milestone",
    "status_effective",
    "follow_up",
    "china_status",
    "china_effective",
    "china_source",
    "left_out",
)
MILESTONE_COLUMNS = (
    "id",
    "meeting",
    "sector",
    "title",
    "milestone",
    "wording",
    "when",
    "earliest",
    "latest",
    "standing",
    "our_status",
    "our_effective",
    "our_source",
    "china_status",
    "china_effective",
    "china_source",
    "follow_up",
)


def _cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _china(records: list[dict[str, Any]], milestone: str | None) -> dict[str, Any] | None:
    """China's report in force on this milestone, else on the whole commitment."""
    theirs = [r for r in records if r["view"] == View.CHINA.value and not r["jurisdiction"]]
    return (next((r for r in theirs if r["milestone"] == milestone), None)
            or next((r for r in theirs if r["milestone"] is None), None))


def _left_out_cell(left: Mapping[str, Any]) -> str:
    parts = [f"{left['notes']} later notes" if left["notes"] else "",
             f"{left['assessments']} later assessments" if left["assessments"] else "",
             "follow-up" if left["follow_up"] else "",
             "later tag changes" if left["tags_changed"] else ""]
    return "; ".join(p for p in parts if p)


def to_csv(catalog: Catalog, notes: AnnotationLookup = no_annotations,
           as_of: date | None = None, today: date | None = None,
           milestones: bool = False) -> str:
    """One row per commitment, or with ``milestones`` one per milestone (a commitment with
    none gets one row with an empty milestone)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(MILESTONE_COLUMNS if milestones else CSV_COLUMNS)
    for c in catalog.commitments:
        r = commitment_record(catalog, c, notes, as_of, today)
        rows = _milestone_rows(c, r, notes) if milestones else [_row(r)]
        for row in rows:
            writer.writerow([_cell(str(v)) for v in row])
    return "\ufeff" + out.getvalue()


def _row(r: dict[str, Any]) -> list[Any]:
    ms = r["milestones"]
    china = _china(r["assessments"], None) or next(
        (a for a in r["assessments"] if a["view"] == View.CHINA.value), None)
    return [
        r["id"],
        r["meeting"],
        r["group"],
        r["sector"],
        r["title"],
        "; ".join(r["parties"]),
        "; ".join(r["agencies"]),
        r["kind"],
        # deadlines only: an undated deliverable has no window to span
        "; ".join(m["wording"] for m in ms if m["earliest"]),
        min((m["earliest"] for m in ms if m["earliest"]), default=""),
        max((m["latest"] for m in ms if m["latest"]), default=""),
        r["status"],
        r["standing"]["value"],
        "; ".join(r["tags"]),
        "\n\n".join(n["text"] for n in r["notes"]),
        r["source_text"],
        r["status_milestone"] or "",
        r["status_effective"] or "",
        r["follow_up"] or "",
        china["status"] if china else "",
        china["effective"] if china else "",
        china["source"] if china else "",
        _left_out_cell(r["left_out"]),
    ]


def _milestone_rows(c: Commitment, r: dict[str, Any],
                    notes: AnnotationLookup) -> list[list[Any]]:
    records = tuple({**no_annotations(c.id), **notes(c.id)}["records"])
    day = date.fromisoformat(r["standing"]["as_of"])
    head = [r["id"], r["meeting"], r["sector"], r["title"]]
    if not r["milestones"]:
        china = _china(r["assessments"], None)
        return [[*head, "", "", "", "", "", r["standing"]["value"], r["status"],
                 r["status_effective"] or "", "", china["status"] if china else "",
                 china["effective"] if china else "", china["source"] if china else "",
                 r["follow_up"] or ""]]
    rows = []
    for m in r["milestones"]:
        mine = applicable(records, day, m["label"])  # ours in force for this milestone
        ours = mine[-1] if mine else None
        china = _china(r["assessments"], m["label"])
        rows.append([*head, m["label"], m["wording"], m["when"], m["earliest"] or "",
                     m["latest"] or "",
                     m["standing"]["value"], ours.status.value if ours else "not_assessed",
                     ours.effective.isoformat() if ours else "", ours.source if ours else "",
                     china["status"] if china else "", china["effective"] if china else "",
                     china["source"] if china else "", r["follow_up"] or ""])
    return rows
