"""An annotation as shared items, and shared items back into annotations to merge.

One item is one thing an officer wrote: a note, a history entry, an assessment, a tag, a
follow-up date. Its digest is its identity under the import merge rules (note: text +
created; history: every field; assessment: ``record_key``; tag: case-folded), so two officers
holding the same item share one row, and merging the items of a commitment is exactly
``notes import`` of that commitment. Stars stay per officer: never shared, nor their history.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from jcct_desktop.core import dates
from jcct_desktop.core.annotations.assessments import record_key
from jcct_desktop.core.annotations.exchange import history_to_json, record_to_json
from jcct_desktop.core.annotations.model import Annotation, assessment_records, to_iso
from jcct_desktop.core.annotations.validate import ExchangeError, parse_annotation

KINDS = ("assessment", "note", "history", "tag", "follow_up")
PRIVATE_FIELDS = frozenset({"starred"})  # history of per-officer settings stays local


@dataclass(frozen=True)
class Item:
    commitment_id: str
    kind: str
    digest: str
    payload: dict[str, Any]


def _digest(cid: str, kind: str, identity: Any) -> str:
    text = json.dumps([cid, kind, identity], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _item(cid: str, kind: str, identity: Any, payload: dict[str, Any]) -> Item:
    return Item(cid, kind, _digest(cid, kind, identity), payload)


def items_of(a: Annotation) -> Iterator[Item]:
    """Everything of ``a`` that is shared with the team."""
    cid = a.commitment_id
    for r in assessment_records(a):
        yield _item(cid, "assessment", record_key(r), record_to_json(r))
    for n in a.notes:
        created = to_iso(n.created)
        payload = {"text": n.text, "created": created, "updated": to_iso(n.updated)}
        yield _item(cid, "note", [n.text, created], payload)
    for h in a.history:
        if h.field not in PRIVATE_FIELDS:
            payload = history_to_json(h)
            yield _item(cid, "history", payload, payload)
    for tag in a.tags:
        yield _item(cid, "tag", tag.casefold(), {"tag": tag})
    if a.follow_up is not None:
        day = a.follow_up.isoformat()
        yield _item(cid, "follow_up", day, {"follow_up": day})


_LISTS = {"assessment": "assessments", "note": "notes", "history": "history"}


def _as_document(cid: str, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    if kind in _LISTS:
        return {"commitment": cid, _LISTS[kind]: [payload]}
    if kind == "tag":
        return {"commitment": cid, "tags": [payload.get("tag")]}
    if kind == "follow_up":
        return {"commitment": cid, "follow_up": payload.get("follow_up")}
    raise ExchangeError(f"{cid}: {kind}", "an item of a kind this app does not know")


def parse_item(cid: str, kind: str, payload: Any) -> Annotation:
    """One item, checked exactly like an imported file (raises ExchangeError)."""
    if not isinstance(payload, dict):
        raise ExchangeError(f"{cid}: {kind}", "expected an object")
    # A colleague east of here may already be on tomorrow's date.
    tomorrow = dates.today() + timedelta(days=1)
    return parse_annotation(_as_document(cid, kind, payload), f"{cid}: {kind}", tomorrow)


def combine(parts: Iterable[Annotation]) -> list[Annotation]:
    """One annotation per commitment holding all its items (for ``merge_one``)."""
    merged: dict[str, Annotation] = {}
    for part in parts:
        have = merged.get(part.commitment_id)
        if have is None:
            merged[part.commitment_id] = replace(part, starred=False)
            continue
        follow = max((d for d in (have.follow_up, part.follow_up) if d), default=None)
        merged[part.commitment_id] = replace(
            have,
            notes=have.notes + part.notes,
            history=have.history + part.history,
            assessments=have.assessments + part.assessments,
            tags=have.tags + part.tags,
            follow_up=follow,
        )
    return list(merged.values())
