"""Strict reading of one exported annotation; every error names its JSON path."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from jcct_desktop.core import dates
from jcct_desktop.core.annotations.assessments import summary
from jcct_desktop.core.annotations.model import (
    Annotation,
    Assessment,
    AssessmentRecord,
    HistoryEntry,
    Note,
    TalkingPoint,
    View,
    from_iso,
    normalize_tags,
)
from jcct_desktop.core.annotations.talking_points import TalkingPointError, checked_point
from jcct_desktop.core.annotations.text_rules import unstorable
from jcct_desktop.core.jurisdictions import is_code


class ExchangeError(ValueError):
    """A file that cannot be imported; ``where`` is a JSON path or a line/column."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


def _get(
    obj: dict[str, Any], key: str, path: str, kind: type | tuple[type, ...], default: Any
) -> Any:
    value = obj.get(key, default)
    if value is default and key not in obj:
        return default
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise ExchangeError(f"{path}.{key}", f"expected {_kind_name(names)}")
    return value


def _kind_name(names: str) -> str:
    return names.replace("str", "text").replace("list", "a list").replace("dict", "an object")


def _time(value: Any, path: str) -> datetime:
    if not isinstance(value, str):
        raise ExchangeError(path, "expected an ISO date-time text")
    try:
        moment = from_iso(value)
        moment.astimezone(UTC)  # near year 1 or 9999 an offset overflows: refuse it here
    except ValueError as exc:
        raise ExchangeError(path, f"not an ISO date-time: {value[:40]!r}") from exc
    except OverflowError as exc:
        raise ExchangeError(path, f"a time out of range: {value[:40]!r}") from exc
    return moment


class DuplicateKeys(dict):  # type: ignore[type-arg]
    """An object read from JSON that named a key more than once (``duplicates``, in order)."""

    duplicates: list[str]


def json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``json.loads``' ``object_pairs_hook``: a plain dict, or a :class:`DuplicateKeys` that
    :func:`check_text` refuses, naming its path (plain ``json`` would keep the last silently:
    a whole ``annotations`` list lost)."""
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen: set[str] = set()
    marked = DuplicateKeys(result)
    marked.duplicates = []
    for key, _value in pairs:
        if key in seen:
            marked.duplicates.append(key)
        seen.add(key)
    return marked


def check_text(value: Any, path: str = "(top level)") -> None:
    """Refuse text the notes and the team database cannot hold (``text_rules``: a NUL, a lone
    surrogate from a ``\\ud800`` escape), naming where and, inside an annotation, whose.

    Walks the parsed document without recursion, so a deeply nested file cannot exhaust the
    stack here either.
    """
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            problem = unstorable(item)
            if problem is not None:
                raise ExchangeError(where, f"{problem}{_whose(value, where)}, which the notes "
                                    "(and the team database) cannot hold")
        elif isinstance(item, dict):
            if isinstance(item, DuplicateKeys):
                key = item.duplicates[0]
                raise ExchangeError(f"{where}.{key}" if where != "(top level)" else key,
                                    "this key appears twice in one object; which one is meant "
                                    "cannot be known")
            for key, child in item.items():
                stack.append((key, where))
                stack.append((child, f"{where}.{key}" if where != "(top level)" else str(key)))
        elif isinstance(item, list):
            stack.extend((child, f"{where}[{i}]") for i, child in enumerate(item))


def _whose(document: Any, where: str) -> str:
    """ " in the notes on 2011-NEV-1" for a path inside ``annotations[i]`` (else "")."""
    head = where.split("]", 1)[0]
    if not head.startswith("annotations[") or not isinstance(document, dict):
        return ""
    try:
        item = document["annotations"][int(head.removeprefix("annotations["))]
        cid = item["commitment"]
    except (KeyError, IndexError, TypeError, ValueError):
        return ""
    return f" in the notes on {cid}" if isinstance(cid, str) and unstorable(cid) is None else ""


def _object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ExchangeError(path, "expected an object")
    return value


def _note(value: Any, path: str) -> Note:
    obj = _object(value, path)
    text = _get(obj, "text", path, str, None)
    if text is None or not text.strip():
        raise ExchangeError(f"{path}.text", "a note needs non-empty text")
    created = _time(obj.get("created"), f"{path}.created")
    updated = _time(obj["updated"], f"{path}.updated") if "updated" in obj else created
    return Note(id=0, text=text, created=created, updated=updated)


def _point(value: Any, path: str) -> TalkingPoint:
    obj = _object(value, path)
    try:
        text = checked_point(obj.get("text"))
    except TalkingPointError as exc:
        raise ExchangeError(f"{path}.text", str(exc)) from exc
    created = _time(obj.get("created"), f"{path}.created")
    updated = _time(obj["updated"], f"{path}.updated") if "updated" in obj else created
    return TalkingPoint(id=0, text=text, created=created, updated=updated,
                        who=_get(obj, "who", path, str, ""))


def _history(value: Any, path: str) -> HistoryEntry:
    obj = _object(value, path)
    texts = [_get(obj, key, path, str, "") for key in ("who", "field", "from", "to", "why")]
    return HistoryEntry(_time(obj.get("when"), f"{path}.when"), *texts)


def _status(obj: dict[str, Any], path: str) -> Assessment:
    status = obj.get("status")
    if status not in {a.value for a in Assessment}:
        choices = ", ".join(a.value for a in Assessment)
        raise ExchangeError(f"{path}.status", f"unknown status {status!r} (one of {choices})")
    return Assessment(status)


def _evidence(obj: dict[str, Any], path: str, cid: str) -> str:
    evidence: str = _get(obj, "evidence", path, str, "")
    if not evidence.strip():
        raise ExchangeError(f"{path}.evidence", f"{cid}: an assessment needs its evidence")
    return evidence


def _assessment(value: Any, path: str, cid: str) -> tuple[Assessment, str, datetime | None]:
    """Version 1's single assessment (it reads as ours, whole commitment, effective on the
    date of its ``changed`` time: see ``model.assessment_records``)."""
    obj = _object(value, path)
    status = _status(obj, path)
    changed = obj.get("changed")
    stamp = _time(changed, f"{path}.changed") if changed else None
    assessed = status is not Assessment.NOT_ASSESSED and stamp is not None
    evidence = _evidence(obj, path, cid) if assessed else _get(obj, "evidence", path, str, "")
    return status, evidence, stamp


def _record(value: Any, path: str, cid: str, today: date) -> AssessmentRecord:
    """One version-2 assessment; every error names the commitment."""
    obj = _object(value, path)
    view = obj.get("view")
    if view not in {v.value for v in View}:
        raise ExchangeError(f"{path}.view", f"{cid}: unknown view {view!r} (us or china)")
    effective = _get(obj, "effective", path, str, None)
    try:
        day = date.fromisoformat(effective) if effective else None
    except ValueError:
        day = None
    if day is None:
        raise ExchangeError(f"{path}.effective", f"{cid}: expected an ISO date (YYYY-MM-DD)")
    if day > today:
        raise ExchangeError(
            f"{path}.effective",
            f"{cid}: effective date {day.isoformat()} is after today ({today.isoformat()})",
        )
    milestone = _get(obj, "milestone", path, (str, type(None)), None)
    if milestone is not None and not milestone.strip():
        raise ExchangeError(f"{path}.milestone", f"{cid}: a milestone label or null")
    place = _get(obj, "jurisdiction", path, (str, type(None)), None)
    if place is not None and not is_code(place):
        raise ExchangeError(f"{path}.jurisdiction",
                            f"{cid}: {place!r} is not a jurisdiction code (like CN-GD) or null")
    return AssessmentRecord(
        status=_status(obj, path),
        evidence=_evidence(obj, path, cid),
        effective=day,
        view=View(view),
        source=_get(obj, "source", path, str, ""),
        milestone=milestone,
        recorded=_time(obj.get("recorded"), f"{path}.recorded"),
        who=_get(obj, "who", path, str, ""),
        jurisdiction=place,
    )


def check_milestones(
    annotations: Sequence[Annotation], labels_of: Callable[[str], Sequence[str] | None]
) -> None:
    """Refuse an assessment naming a milestone its commitment does not have.

    ``labels_of`` answers from the reference catalog (None for a commitment it does not hold:
    such annotations are kept as orphans, their labels unchecked).
    """
    for i, a in enumerate(annotations):
        labels = labels_of(a.commitment_id)
        if labels is None:
            continue
        for j, r in enumerate(a.assessments):
            if r.milestone is not None and r.milestone not in labels:
                known = "; ".join(labels) or "none"
                raise ExchangeError(
                    f"annotations[{i}].assessments[{j}].milestone",
                    f"{a.commitment_id} has no milestone {r.milestone!r} (its milestones: "
                    f"{known})",
                )


def parse_annotation(value: Any, path: str, today: date | None = None) -> Annotation:
    obj = _object(value, path)
    cid = obj.get("commitment")
    if not isinstance(cid, str) or not cid.strip():
        raise ExchangeError(f"{path}.commitment", "expected the commitment's id (text)")
    notes = _get(obj, "notes", path, list, [])
    tags = _get(obj, "tags", path, list, [])
    for i, tag in enumerate(tags):
        if not isinstance(tag, str):
            raise ExchangeError(f"{path}.tags[{i}]", "expected text")
    follow = _get(obj, "follow_up", path, (str, type(None)), None)
    try:
        follow_up = date.fromisoformat(follow) if follow else None
    except ValueError as exc:
        raise ExchangeError(f"{path}.follow_up", f"not an ISO date: {follow[:40]!r}") from exc
    records: tuple[AssessmentRecord, ...] = ()
    if "assessments" in obj:  # version 2
        items = _get(obj, "assessments", path, list, [])
        day = today or dates.today()
        records = tuple(
            _record(r, f"{path}.assessments[{j}]", cid, day) for j, r in enumerate(items)
        )
        status, evidence, changed = summary(records)
    elif obj.get("assessment") is not None:  # version 1
        status, evidence, changed = _assessment(obj["assessment"], f"{path}.assessment", cid)
    else:
        status, evidence, changed = Assessment.NOT_ASSESSED, "", None
    history = _get(obj, "history", path, list, [])
    points = _get(obj, "talking_points", path, list, [])  # absent from older files
    return Annotation(
        commitment_id=cid,
        status=status,
        evidence=evidence,
        status_changed=changed,
        notes=tuple(_note(n, f"{path}.notes[{i}]") for i, n in enumerate(notes)),
        tags=normalize_tags(tags),
        follow_up=follow_up,
        starred=_get(obj, "starred", path, bool, False),
        history=tuple(_history(h, f"{path}.history[{i}]") for i, h in enumerate(history)),
        assessments=records,
        talking_points=tuple(_point(p, f"{path}.talking_points[{i}]")
                             for i, p in enumerate(points)),
    )
