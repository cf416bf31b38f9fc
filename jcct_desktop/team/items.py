"""An annotation as shared items, and shared items back into annotations to merge.

One item is one thing an officer wrote: a note, a history entry, an assessment, a tag, a
follow-up date, a talking point. Its digest covers its whole content (``team.digest``, checked
by the server), and merging the items of a commitment is exactly ``notes import`` of that
commitment. Stars stay per officer: never shared, nor their history.

Who wrote an item is what the server recorded (``author``, the role that pushed it), not the
``who`` its payload claims: pulled items are ``signed`` with the server's author. A talking
point is sent as its text and creation time only (its place in the list is the officer's:
points pulled follow the officer's own, in the team's order, as a file's do).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from jcct_desktop.core import dates
from jcct_desktop.core.annotations.exchange import history_to_json, record_to_json
from jcct_desktop.core.annotations.model import Annotation, assessment_records, to_iso
from jcct_desktop.core.annotations.validate import ExchangeError, parse_annotation
from jcct_desktop.team.digest import item_digest

PRIVATE_FIELDS = frozenset({"starred"})  # history of per-officer settings stays local


@dataclass(frozen=True)
class Item:
    commitment_id: str
    kind: str
    digest: str
    payload: dict[str, Any]


def _item(cid: str, kind: str, payload: dict[str, Any]) -> Item:
    return Item(cid, kind, item_digest(cid, kind, payload), payload)


def items_of(a: Annotation) -> Iterator[Item]:
    """Everything of ``a`` that is shared with the team."""
    cid = a.commitment_id
    for r in assessment_records(a):
        yield _item(cid, "assessment", record_to_json(r))
    for n in a.notes:
        created = to_iso(n.created)
        payload = {"text": n.text, "created": created, "updated": to_iso(n.updated)}
        yield _item(cid, "note", payload)
    for h in a.history:
        if h.field not in PRIVATE_FIELDS:
            payload = history_to_json(h)
            yield _item(cid, "history", payload)
    for tag in a.tags:
        yield _item(cid, "tag", {"tag": tag})
    if a.follow_up is not None:
        day = a.follow_up.isoformat()
        yield _item(cid, "follow_up", {"follow_up": day})
    for p in a.talking_points:  # who wrote it is the server's to say (``signed``)
        yield _item(cid, "talking_point", {"text": p.text, "created": to_iso(p.created)})


_LISTS = {"assessment": "assessments", "note": "notes", "history": "history",
          "talking_point": "talking_points"}


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


def signed(part: Annotation, author: str) -> Annotation:
    """A pulled item as the team shows it: its history entries, assessments and talking
    points written by the role the server recorded as pushing it, whatever name the payload
    gives."""
    return replace(
        part,
        history=tuple(replace(h, who=author) for h in part.history),
        assessments=tuple(replace(r, who=author) for r in part.assessments),
        talking_points=tuple(replace(p, who=author) for p in part.talking_points),
    )


def unsendable(item: Item) -> str | None:
    """Why the team database cannot hold this item (PostgreSQL text and JSONB refuse NUL
    characters and unpaired surrogates), or None."""
    for value in (item.commitment_id, *item.payload.values()):
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            return "it contains a NUL character (U+0000), which the team database cannot hold"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "it contains a character that is not valid Unicode text"
    return None


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
            talking_points=have.talking_points + part.talking_points,
        )
    return list(merged.values())
