"""Meetings the officer imported: a reference database in the user's data folder.

The bundled database stays read-only and untouched. Each imported meeting is kept as its
reviewed source document (``meetings/<id>.json``, shaped like ``db/jcct-2011.toml``), and
``meetings.sqlite`` — the same reference schema — is rebuilt from all of them by the same
deterministic builder, then merged with the bundled catalog for every view and export.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.files import atomic_write
from jcct_desktop.store.reference.reader import ReferenceData, ReferenceDataError, open_reference
from jcct_desktop.store.reference.search import CombinedSearch
from jcct_desktop.store.reference.source_checks import SourceError
from jcct_desktop.store.reference.source_fields import FIRST_YEAR, LAST_YEAR

# The builder (store.reference.build, with tomllib) is imported only when a database is
# written: every start reads through this module, and most never write.

log = logging.getLogger(__name__)
DB_NAME = "meetings.sqlite"
DOCS = "meetings"
_DATE_KEYS = ("start", "end", "fact_sheet_date", "date")


def _with_dates(value: Any, key: str = "") -> Any:
    """JSON keeps dates as ISO text; the builder wants ``date`` objects (as tomllib gives)."""
    if isinstance(value, dict):
        return {k: _with_dates(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_dates(v) for v in value]
    if key in _DATE_KEYS and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def imported_docs(data_dir: Path) -> list[dict[str, Any]]:
    folder = data_dir / DOCS
    if not folder.is_dir():
        return []
    docs = [json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.json"))]
    return [_with_dates(d) for d in docs]


def save_meeting(doc: Mapping[str, Any], bundled: Catalog, data_dir: Path) -> Path:
    """Add one reviewed meeting document and rebuild the user's meeting database."""
    from jcct_desktop.store.reference.build import merged_agencies, write_database

    root = data_dir
    folder = root / DOCS
    mid = doc["meeting"]["id"]
    # a meeting saved again (a second fact sheet added) replaces its earlier document
    docs = [*(d for d in imported_docs(data_dir) if d["meeting"]["id"] != mid),
            _with_dates(json.loads(json.dumps(doc, default=str)))]
    areas = {"areas": list(bundled.issue_areas)}
    root.mkdir(parents=True, exist_ok=True)
    # Build first: a document the builder refuses is never kept.
    write_database(root / DB_NAME, docs, merged_agencies(docs), areas)
    folder.mkdir(exist_ok=True)
    target = folder / f"{doc['meeting']['id']}.json"
    text = json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"
    # an unpredictable temporary, fsync'd with its folder: a crash leaves the old or the new
    atomic_write(target, lambda fh: fh.write(text.encode("utf-8")), private=False, own=True)
    return root / DB_NAME


def rebuild(bundled: Catalog, data_dir: Path) -> None:
    """Write the meetings database again from the kept documents (after one is removed)."""
    from jcct_desktop.store.reference.build import merged_agencies, write_database

    docs = imported_docs(data_dir)
    areas = {"areas": list(bundled.issue_areas)}
    write_database(data_dir / DB_NAME, docs, merged_agencies(docs), areas)


def _check_readable(catalog: Catalog, path: Path) -> None:
    """A database written before the builder checked dates (a milestone in 9999 crashed the
    window at every start) is built again from its documents, which the checks then judge."""
    days = [d for m in catalog.meetings for d in (m.start, m.end)]
    days += [d for c in catalog.commitments for ms in c.milestones if ms.window
             for d in (ms.window.earliest, ms.window.latest)]  # fmt: skip
    if any(not FIRST_YEAR <= d.year <= LAST_YEAR for d in days):
        raise ReferenceDataError(f"{path} holds a date outside {FIRST_YEAR}–{LAST_YEAR}")


def open_with_imports(data_dir: Path) -> ReferenceData:
    """The bundled reference data, with the user's imported meetings merged in when present."""
    bundled = open_reference()
    path = data_dir / DB_NAME
    if not path.is_file() and not imported_docs(data_dir):
        return bundled
    try:
        if not path.is_file():  # documents brought back by a restore: build from them
            raise ReferenceDataError(f"{path} is missing")
        imported = open_reference(path)
        _check_readable(imported.catalog, path)
    except (ReferenceDataError, ValueError):
        # Damaged, or built by another schema version: the kept documents are the source,
        # so build it again from them; if even that fails, show the bundled meeting alone.
        try:
            rebuild(bundled.catalog, data_dir)
            imported = open_reference(path)
        except (ReferenceDataError, SourceError, ValueError, KeyError, OSError) as exc:
            log.warning("imported meetings not shown: %s", exc)
            return bundled
    return ReferenceData(
        bundled.path,
        bundled.catalog.merged(imported.catalog),
        CombinedSearch(bundled.search, imported.search),
    )
