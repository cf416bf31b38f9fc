"""Checks on meeting sources before a database is written: one clear message, nothing written.

Meeting ids are the dialogue and number (two meetings may share a year); every collision of
ids (meetings, sectors, commitments, facts) is named here, before the database would refuse it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from jcct_desktop.core.model import Dialogue, Relation
from jcct_desktop.store.reference.source_fields import FieldError, check_fields

FACT_SHEET_KINDS = ("us", "joint")


class SourceError(ValueError):
    """The source file is not valid; the message names the entry."""


def _unique(kind: str, values: Iterable[str]) -> None:
    seen: set[str] = set()
    for v in values:
        if v in seen:
            raise SourceError(f"{kind} {v!r} appears twice")
        seen.add(v)


def check_sources(docs: Sequence[Mapping[str, Any]], areas: Mapping[str, Any]) -> None:
    meetings = [d["meeting"] for d in docs]
    for m in meetings:
        if m.get("dialogue", "jcct") not in {d.value for d in Dialogue}:
            raise SourceError(f"meeting {m['id']!r}: unknown dialogue {m.get('dialogue')!r}")
    _unique("meeting id", (str(m["id"]) for m in meetings))
    _unique(
        "meeting",
        (f"{Dialogue(m.get('dialogue', 'jcct')).label} {m['number']}" for m in meetings),
    )
    _unique("commitment id", (c["id"] for d in docs for c in d.get("commitments", [])))
    _unique("fact id", (f["id"] for d in docs for f in d.get("facts", [])))
    _unique("fact sheet id", (f["id"] for d in docs for f in d.get("fact_sheets", [])))
    known_areas = set(areas.get("areas", []))
    for d in docs:
        try:
            check_fields(d)  # kinds, parties, dates 1900–2999, numbers, lengths, self-links
        except FieldError as exc:
            raise SourceError(str(exc)) from None
        _check_doc(d, known_areas, areas.get("assign", {}))


def _check_doc(
    doc: Mapping[str, Any], known_areas: set[str], assigned: Mapping[str, list[str]]
) -> None:
    sheets = {f["id"] for f in doc.get("fact_sheets", [])}
    for f in doc.get("fact_sheets", []):
        if f["kind"] not in FACT_SHEET_KINDS:
            raise SourceError(f"fact sheet {f['id']!r}: kind must be 'us' or 'joint'")
    for c in doc.get("commitments", []):
        if c.get("fact_sheet") is not None and c["fact_sheet"] not in sheets:
            raise SourceError(f"{c['id']}: unknown fact sheet {c['fact_sheet']!r}")
        names = c.get("areas", assigned.get(c["id"], []))
        if len(names) > 3:
            raise SourceError(f"{c['id']}: at most three issue areas")
        for name in names:
            if name not in known_areas:
                raise SourceError(f"{c['id']}: unknown issue area {name!r}")
    for link in doc.get("links", []):
        if link.get("relation") not in {r.value for r in Relation}:
            raise SourceError(
                f"link {link.get('source')} → {link.get('target')}: "
                f"unknown relation {link.get('relation')!r}"
            )
