"""Listing and removing imported meetings (``jcct-desktop meetings list|remove``, issue 21).

Removing is the reverse of ``--apply``: the notes are backed up first (each backup carries the
imported meetings' documents, so restoring it brings the meeting back), the meeting's document
is moved aside into ``meetings/removed/`` and the meetings database is rebuilt from the others.
The notes are never touched: notes on its commitments stay, shown as orphans, and are there
again, by id, if the same meeting is imported again. The bundled meeting cannot be removed; a
fact sheet imported for it (a joint sheet after its U.S. one) has a document of its own, and
removing the meeting's id removes that sheet, leaving the bundled meeting as it was.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jcct_desktop.core import dates
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.factsheet_import.source import ImportError_
from jcct_desktop.store.notes import backups
from jcct_desktop.store.notes.database import DB_NAME as NOTES_DB
from jcct_desktop.store.reference.imported_meetings import DB_NAME, DOCS, imported_docs, rebuild
from jcct_desktop.store.reference.source_checks import SourceError

REMOVED = "removed"  # under meetings/: documents of removed meetings, never read back


@dataclass(frozen=True, slots=True)
class Listed:
    id: str
    label: str  # "23rd JCCT (2012)"
    dates: str  # "2012-12-18 – 2012-12-19"
    commitments: int
    origin: str  # "bundled" | "imported" | "bundled + imported joint fact sheet"
    shown: bool = True  # False: an imported document the app cannot show (why in ``problem``)
    problem: str = ""


@dataclass(frozen=True, slots=True)
class Removal:
    meeting: str
    commitments: int
    kept_as: Path  # the document, moved aside
    backup: Path | None  # None: there were no notes to back up
    sheets_only: tuple[str, ...] = ()  # a bundled meeting's imported sheets' kinds: it stays


def list_meetings(bundled: Catalog, shown: Catalog, data_dir: Path) -> list[Listed]:
    """Every meeting: the bundled ones, then each imported document (shown or not)."""
    bundled_ids = {m.id for m in bundled.meetings}
    added = {str(d["meeting"]["id"]): sheet_kinds(d) for d in imported_docs(data_dir)}
    out: list[Listed] = []
    for m in shown.meetings:
        dates = m.start.isoformat() if m.start == m.end else f"{m.start} – {m.end}"
        count = sum(1 for c in shown.commitments if c.meeting == m.id)
        origin = "imported"
        if m.id in bundled_ids:
            origin = "bundled" + "".join(f" + imported {k} fact sheet"
                                         for k in added.get(m.id, ()))  # fmt: skip
        out.append(Listed(m.id, m.label, dates, count, origin))
    shown_ids = {m.id for m in shown.meetings}
    for doc in imported_docs(data_dir):
        meeting = doc.get("meeting", {})
        mid = str(meeting.get("id", "?"))
        lost = mid in bundled_ids and not all(c.get("id") in shown
                                              for c in doc.get("commitments", []))
        if mid not in shown_ids or lost:
            out.append(Listed(mid, str(meeting.get("name", mid)), str(meeting.get("start", "")),
                              len(doc.get("commitments", [])), "imported", False,
                              "not shown: the meetings database cannot be built from it"))
    return out


def sheet_kinds(doc: Mapping[str, Any]) -> tuple[str, ...]:
    """The kinds of a document's fact sheets, as officers say them ("joint", "U.S.")."""
    return tuple("U.S." if fs.get("kind") == "us" else str(fs.get("kind"))
                 for fs in doc.get("fact_sheets", []))  # fmt: skip


def remove_meeting(
    meeting_id: str, bundled: Catalog, data_dir: Path,
    now: datetime | None = None,
) -> Removal:
    """Back up, move the meeting's document aside, rebuild; one-line ``ImportError_`` when
    refused (nothing changed)."""
    root = data_dir
    folder = root / DOCS
    path = folder / f"{meeting_id}.json"
    docs = {str(d["meeting"]["id"]): d for d in imported_docs(data_dir)}
    is_bundled = any(m.id == meeting_id for m in bundled.meetings)
    if is_bundled and meeting_id not in docs:
        raise ImportError_(f"{meeting_id} is a bundled meeting; only imported meetings can be "
                           "removed")  # fmt: skip
    if meeting_id not in docs or not path.is_file():
        known = ", ".join(sorted(docs)) or "none"
        raise ImportError_(f"no imported meeting {meeting_id!r}; imported: {known}")
    ids = {c["id"] for c in docs[meeting_id].get("commitments", [])}
    for other, doc in sorted(docs.items()):
        for link in doc.get("links", []) if other != meeting_id else []:
            if link.get("target") in ids:
                raise ImportError_(f"{link['source']} ({other}) links to {link['target']}; "
                                   f"remove {other} first; nothing was changed")  # fmt: skip
    backup = None
    if (root / NOTES_DB).is_file():
        try:
            backup = backups.backup_now(root, now=now, reason="manual")
        except backups.BackupError as exc:
            raise ImportError_(f"{exc}; nothing was changed") from None
    moment = (now or dates.utc_now()).astimezone(UTC)
    aside = folder / REMOVED / f"{meeting_id}-{moment:%Y%m%d-%H%M%S}.json"
    aside.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.replace(path, aside)
    try:
        if len(docs) > 1:
            rebuild(bundled, data_dir)
        else:
            (root / DB_NAME).unlink(missing_ok=True)
    except (SourceError, ValueError, KeyError, OSError) as exc:
        os.replace(aside, path)  # put it back: nothing changed
        raise ImportError_(f"the other meetings cannot be rebuilt ({exc}); nothing was "
                           "changed") from None  # fmt: skip
    return Removal(meeting_id, len(ids), aside, backup,
                   sheet_kinds(docs[meeting_id]) if is_bundled else ())
