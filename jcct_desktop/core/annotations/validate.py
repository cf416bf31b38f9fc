"""Strict reading of one exported annotation; every error names its JSON path."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from jcct_desktop.core.annotations.model import (
    Annotation,
    Assessment,
    HistoryEntry,
    Note,
    from_iso,
    normalize_tags,
)


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


def check_text(value: Any, path: str = "(top level)") -> None:
    """Refuse text that cannot be stored as UTF-8 (lone surrogates from ``\\ud800`` escapes).

    Walks the parsed document without recursion, so a deeply nested file cannot exhaust the
    stack here either.
    """
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                message = "text with an invalid character (a lone surrogate)"
                raise ExchangeError(where, message) from exc
        elif isinstance(item, dict):
            for key, child in item.items():
                stack.append((key, where))
                stack.append((child, f"{where}.{key}" if where != "(top level)" else str(key)))
        elif isinstance(item, list):
            stack.extend((child, f"{where}[{i}]") for i, child in enumerate(item))


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


def _history(value: Any, path: str) -> HistoryEntry:
    obj = _object(value, path)
    texts = [_get(obj, key, path, str, "") for key in ("who", "field", "from", "to", "why")]
    return HistoryEntry(_time(obj.get("when"), f"{path}.when"), *texts)


def _assessment(value: Any, path: str) -> tuple[Assessment, str, datetime | None]:
    obj = _object(value, path)
    status = obj.get("status")
    if status not in {a.value for a in Assessment}:
        choices = ", ".join(a.value for a in Assessment)
        raise ExchangeError(f"{path}.status", f"unknown status {status!r} (one of {choices})")
    evidence = _get(obj, "evidence", path, str, "")
    changed = obj.get("changed")
    return Assessment(status), evidence, _time(changed, f"{path}.changed") if changed else None


def parse_annotation(value: Any, path: str) -> Annotation:
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
    raw = obj.get("assessment")
    status, evidence, changed = (
        _assessment(raw, f"{path}.assessment")
        if raw is not None
        else (Assessment.NOT_ASSESSED, "", None)
    )
    history = _get(obj, "history", path, list, [])
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
    )
