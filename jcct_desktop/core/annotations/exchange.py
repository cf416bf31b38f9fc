"""Export and import of all annotations as one JSON file (see ``docs/annotations-format.md``).

File: ``{"format": "jcct-desktop-annotations", "version": 2, "exported": ISO time,
"annotations": [...]}``; each annotation has ``commitment``, ``assessments`` (a list of
``{"view", "status", "evidence", "source", "effective", "milestone", "recorded", "who"}``),
``notes`` (``{"text", "created", "updated"}``), ``tags``, ``starred``, ``follow_up`` (ISO date
or null), ``talking_points`` (in order: ``{"text", "created", "updated", "who"}``; files
without the key still import) and ``history`` (``{"when", "who", "field", "from", "to",
"why"}``). Version 1 had a
single ``assessment`` (``{"status", "evidence", "changed"}`` or null) instead of
``assessments``; it is still read, and still written on request for older apps.

Import MERGES, in one transaction, after the whole file has been validated:

- notes and history are unioned; two items are the same when their content and timestamp are
  (note: text + created; history: every field), so nothing is duplicated;
- assessment records are unioned (same content and ``recorded`` time = same record); our
  current assessment is then the latest of ours, so a newer local one stays;
- tags are unioned (case-insensitively); ``starred`` is OR'ed;
- the newest (latest) follow-up date wins; null never clears a local date;
- talking points are unioned by text: the file's points we do not hold follow ours, in the
  file's order, so no text is listed twice.

Every rule is idempotent, so importing the same file twice changes nothing the second time.
A malformed, truncated or wrong-schema file raises :class:`ExchangeError` saying where
(JSON line/column or a path like ``annotations[3].notes[0].created``) and changes nothing.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jcct_desktop.core.annotations.model import (
    Annotation,
    Assessment,
    AssessmentRecord,
    Change,
    HistoryEntry,
    TalkingPoint,
    assessment_records,
    now_utc,
    to_iso,
)
from jcct_desktop.core.annotations.store import AnnotationReader, AnnotationStore
from jcct_desktop.core.annotations.validate import (
    ExchangeError,
    check_milestones,
    check_text,
    json_object,
    parse_annotation,
)
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.files import InputFileError, atomic_write, read_input_file
from jcct_desktop.core.own_files import OwnFiles

FORMAT = "jcct-desktop-annotations"
VERSION = 2
VERSIONS = (1, 2)  # what ``export_file`` can write
LabelsOf = Callable[[str], Sequence[str] | None]

__all__ = [
    "FORMAT",
    "VERSION",
    "VERSIONS",
    "ExchangeError",
    "export_file",
    "import_file",
    "parse_document",
    "read_file",
]


def record_to_json(r: AssessmentRecord) -> dict[str, Any]:
    return {
        "view": r.view.value,
        "status": r.status.value,
        "evidence": r.evidence,
        "source": r.source,
        "effective": r.effective.isoformat(),
        "milestone": r.milestone,
        "recorded": to_iso(r.recorded) if r.recorded else None,
        "who": r.who,
        # only when there is one: a file without provinces reads as it always did
        **({"jurisdiction": r.jurisdiction} if r.jurisdiction else {}),
    }


def _v1_assessment(a: Annotation) -> dict[str, Any] | None:
    """Our current assessment only: an older app reads nothing else."""
    if a.status is Assessment.NOT_ASSESSED and a.status_changed is None:
        return None
    return {
        "status": a.status.value,
        "evidence": a.evidence,
        "changed": to_iso(a.status_changed) if a.status_changed else None,
    }


def annotation_to_json(a: Annotation, version: int = VERSION) -> dict[str, Any]:
    if version == 1:
        assessed: dict[str, Any] = {"assessment": _v1_assessment(a)}
    else:
        assessed = {"assessments": [record_to_json(r) for r in assessment_records(a)]}
    return {
        "commitment": a.commitment_id,
        **assessed,
        "notes": [
            {"text": n.text, "created": to_iso(n.created), "updated": to_iso(n.updated)}
            for n in a.notes
        ],
        "tags": list(a.tags),
        "starred": a.starred,
        "follow_up": a.follow_up.isoformat() if a.follow_up else None,
        **({} if version == 1 else
           {"talking_points": [point_to_json(p) for p in a.talking_points]}),
        "history": [history_to_json(h) for h in a.history],
    }


def point_to_json(p: TalkingPoint) -> dict[str, str]:
    return {"text": p.text, "created": to_iso(p.created), "updated": to_iso(p.updated),
            "who": p.who}


def history_to_json(h: HistoryEntry) -> dict[str, str]:
    return {
        "when": to_iso(h.when),
        "who": h.who,
        "field": h.field,
        "from": h.old,
        "to": h.new,
        "why": h.why,
    }


def export_document(
    service: AnnotationReader, now: datetime | None = None, version: int = VERSION
) -> dict[str, Any]:
    if version not in VERSIONS:
        raise ValueError(f"format version {version} is not one of {VERSIONS}")
    return {
        "format": FORMAT,
        "version": version,
        "exported": to_iso(now or now_utc()),
        "annotations": [annotation_to_json(a, version) for a in service.all() if not a.is_empty],
    }


def export_file(
    service: AnnotationReader, path: str | os.PathLike[str], version: int = VERSION, *,
    own_files: OwnFiles,
) -> int:
    """Write every annotation to ``path`` (owner-only, atomically, never onto one of
    ``own_files``: see ``core.files``).

    Returns how many were written; raises :class:`OutputError` when it cannot be written.
    ``version=1`` writes the old format (our current assessment only) for older apps.
    """
    document = export_document(service, version=version)
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    atomic_write(path, lambda fh: fh.write(text.encode("utf-8")), own_files=own_files)
    return len(document["annotations"])


_SPACE = re.compile(r"[ \t\n\r]*")


def load_json(text: str) -> Any:
    """``json.loads`` with duplicate keys marked (``json_object``), the top-level object's
    arrays decoded one element at a time.

    Each element is one call into the C decoder: a worker reading an archive of notes lets
    the window's thread run in between (one call over the whole file holds the interpreter
    lock for a quarter of a second). Anything irregular is left to ``json.loads`` itself, so
    errors read exactly as its own."""
    try:
        return _object_in_pieces(text)
    except (ValueError, RecursionError, IndexError):  # JSONDecodeError is a ValueError
        pass
    return json.loads(text, object_pairs_hook=json_object)


def _skip(text: str, at: int) -> int:
    """Past the JSON white space at ``at``."""
    space = _SPACE.match(text, at)
    return space.end() if space else at


def _object_in_pieces(text: str) -> Any:
    decoder = json.JSONDecoder(object_pairs_hook=json_object)
    at = _skip(text, 0)
    if text[at] != "{":
        raise ValueError("not an object")
    pairs: list[tuple[str, Any]] = []
    at = _skip(text, at + 1)
    while text[at] != "}":
        key, at = decoder.raw_decode(text, at)
        at = _skip(text, at)
        if not isinstance(key, str) or text[at] != ":":
            raise ValueError("not a key")
        at = _skip(text, at + 1)
        value, at = (_array_in_pieces(decoder, text, at) if text[at] == "["
                     else decoder.raw_decode(text, at))
        pairs.append((key, value))
        at = _skip(text, at)
        if text[at] == ",":
            at = _skip(text, at + 1)
            if text[at] == "}":  # a trailing comma is not JSON
                raise ValueError("trailing comma")
        elif text[at] != "}":
            raise ValueError("expected , or }")
    if text[_skip(text, at + 1):]:
        raise ValueError("extra data")
    return json_object(pairs)


def _array_in_pieces(decoder: json.JSONDecoder, text: str, at: int) -> tuple[list[Any], int]:
    items: list[Any] = []
    at = _skip(text, at + 1)
    while text[at] != "]":
        item, at = decoder.raw_decode(text, at)
        items.append(item)
        at = _skip(text, at)
        if text[at] == ",":
            at = _skip(text, at + 1)
            if text[at] == "]":  # a trailing comma is not JSON
                raise ValueError("trailing comma")
        elif text[at] != "]":
            raise ValueError("expected , or ]")
    return items, at + 1


def parse_document(
    data: bytes | str, labels_of: LabelsOf | None = None, today: date | None = None
) -> list[Annotation]:
    """Validate a whole export; raises :class:`ExchangeError` naming where it is wrong.

    ``labels_of`` gives a commitment's milestone labels from the reference catalog, so an
    assessment of a milestone the commitment does not have is refused; ``today`` bounds the
    effective dates (default: today).
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")  # a BOM (Notepad's UTF-8) is no part of the JSON
        except UnicodeDecodeError as exc:
            raise ExchangeError(f"byte {exc.start}", "the file is not UTF-8 text") from exc
    if not data.strip():
        raise ExchangeError("(top level)", "the file is empty: there are no notes in it")
    try:
        document = load_json(data.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise ExchangeError(where, f"not valid JSON ({exc.msg}); is the file truncated?") from exc
    except RecursionError as exc:
        raise ExchangeError("(top level)", "nested too deeply to be a notes file") from exc
    except ValueError as exc:  # e.g. a number of more than 4,300 digits
        raise ExchangeError("(top level)", f"not readable JSON ({exc})") from exc
    check_text(document)
    if not isinstance(document, dict):
        raise ExchangeError("(top level)", "expected a JSON object")
    if document.get("format") != FORMAT:
        raise ExchangeError("format", f'not a JCCT Desktop notes file (need "{FORMAT}")')
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ExchangeError("version", "expected a whole number")
    if version > VERSION:
        raise ExchangeError("version", f"version {version} is newer than this app reads")
    items = document.get("annotations")
    if not isinstance(items, list):
        raise ExchangeError("annotations", "expected a list")
    parsed = [parse_annotation(item, f"annotations[{i}]", today) for i, item in enumerate(items)]
    if labels_of is not None:
        check_milestones(parsed, labels_of)
    return parsed


def read_file(path: str | os.PathLike[str], labels_of: LabelsOf | None = None) -> list[Annotation]:
    """Read (a regular file, size-capped) and validate ``path`` whole, before anything is
    written or backed up."""
    try:
        data = read_input_file(path)
    except InputFileError as exc:
        raise ExchangeError(str(path), str(exc)) from exc
    return parse_document(data, labels_of)


def catalog_labels(catalog: Catalog) -> LabelsOf:
    """Milestone labels per commitment, from the reference catalog (None: not in it)."""

    def labels_of(commitment_id: str) -> list[str] | None:
        c = catalog.get(commitment_id)
        return None if c is None else [m.label for m in c.milestones]

    return labels_of


def import_file(
    service: AnnotationStore, path: str | os.PathLike[str], labels_of: LabelsOf | None = None
) -> Change:
    """Validate then merge ``path`` in one transaction; nothing changes on any error."""
    return service.merge_annotations(read_file(path, labels_of), source=Path(path).name)
