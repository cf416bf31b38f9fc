"""Export and import of all annotations as one JSON file (see ``docs/annotations-format.md``).

File: ``{"format": "jcct-desktop-annotations", "version": 1, "exported": ISO time,
"annotations": [...]}``; each annotation has ``commitment``, ``assessment``
(``{"status", "evidence", "changed"}`` or null), ``notes`` (``{"text", "created", "updated"}``),
``tags``, ``starred``, ``follow_up`` (ISO date or null) and ``history``
(``{"when", "who", "field", "from", "to", "why"}``).

Import MERGES, in one transaction, after the whole file has been validated:

- notes and history are unioned; two items are the same when their content and timestamp are
  (note: text + created; history: every field), so nothing is duplicated;
- the newest assessment wins, by its ``changed`` time (a tie keeps the local one);
- tags are unioned (case-insensitively); ``starred`` is OR'ed;
- the newest (latest) follow-up date wins; null never clears a local date.

Every rule is idempotent, so importing the same file twice changes nothing the second time.
A malformed, truncated or wrong-schema file raises :class:`ExchangeError` saying where
(JSON line/column or a path like ``annotations[3].notes[0].created``) and changes nothing.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from jcct_desktop.core.annotations.model import (
    Annotation,
    Assessment,
    Change,
    HistoryEntry,
    now_utc,
    to_iso,
)
from jcct_desktop.core.annotations.service import AnnotationService
from jcct_desktop.core.annotations.validate import ExchangeError, check_text, parse_annotation
from jcct_desktop.core.files import InputFileError, atomic_write, read_input_file

FORMAT = "jcct-desktop-annotations"
VERSION = 1

__all__ = ["FORMAT", "VERSION", "ExchangeError", "export_file", "import_file", "parse_document"]


def annotation_to_json(a: Annotation) -> dict[str, Any]:
    assessed = a.status is not Assessment.NOT_ASSESSED or a.status_changed is not None
    return {
        "commitment": a.commitment_id,
        "assessment": {
            "status": a.status.value,
            "evidence": a.evidence,
            "changed": to_iso(a.status_changed) if a.status_changed else None,
        }
        if assessed
        else None,
        "notes": [
            {"text": n.text, "created": to_iso(n.created), "updated": to_iso(n.updated)}
            for n in a.notes
        ],
        "tags": list(a.tags),
        "starred": a.starred,
        "follow_up": a.follow_up.isoformat() if a.follow_up else None,
        "history": [history_to_json(h) for h in a.history],
    }


def history_to_json(h: HistoryEntry) -> dict[str, str]:
    return {
        "when": to_iso(h.when),
        "who": h.who,
        "field": h.field,
        "from": h.old,
        "to": h.new,
        "why": h.why,
    }


def export_document(service: AnnotationService, now: datetime | None = None) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": to_iso(now or now_utc()),
        "annotations": [annotation_to_json(a) for a in service.all() if not a.is_empty],
    }


def export_file(service: AnnotationService, path: str | os.PathLike[str]) -> int:
    """Write every annotation to ``path`` (owner-only, atomically: see ``core.files``).

    Returns how many were written; raises :class:`OutputError` when it cannot be written.
    """
    document = export_document(service)
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    atomic_write(path, lambda fh: fh.write(text.encode("utf-8")), private=True)
    return len(document["annotations"])


def parse_document(data: bytes | str) -> list[Annotation]:
    """Validate a whole export; raises :class:`ExchangeError` naming where it is wrong."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ExchangeError(f"byte {exc.start}", "the file is not UTF-8 text") from exc
    try:
        document = json.loads(data)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise ExchangeError(where, f"not valid JSON ({exc.msg}); is the file truncated?") from exc
    except RecursionError as exc:
        raise ExchangeError("(top level)", "nested too deeply to be an annotations file") from exc
    except ValueError as exc:  # e.g. a number of more than 4,300 digits
        raise ExchangeError("(top level)", f"not readable JSON ({exc})") from exc
    check_text(document)
    if not isinstance(document, dict):
        raise ExchangeError("(top level)", "expected a JSON object")
    if document.get("format") != FORMAT:
        raise ExchangeError("format", f'not a JCCT Desktop annotations file (need "{FORMAT}")')
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ExchangeError("version", "expected a whole number")
    if version > VERSION:
        raise ExchangeError("version", f"version {version} is newer than this app reads")
    items = document.get("annotations")
    if not isinstance(items, list):
        raise ExchangeError("annotations", "expected a list")
    return [parse_annotation(item, f"annotations[{i}]") for i, item in enumerate(items)]


def import_file(service: AnnotationService, path: str | os.PathLike[str]) -> Change:
    """Validate then merge ``path`` in one transaction; nothing changes on any error."""
    return service.merge_annotations(read_document(path), source=Path(path).name)


def read_document(path: str | os.PathLike[str]) -> list[Annotation]:
    """Read (a regular file, size-capped) and validate an export; nothing is written."""
    try:
        data = read_input_file(path)
    except InputFileError as exc:
        raise ExchangeError(str(path), str(exc)) from exc
    return parse_document(data)
