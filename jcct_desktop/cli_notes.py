"""``jcct-desktop notes export FILE`` / ``notes import FILE`` over the annotation service.

Bad input gives one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jcct_desktop.core.plural import plural

# The service and the exchange format pull in SQLAlchemy (~200 ms): registering these
# commands happens on every start, so they are imported only when a command runs.
if TYPE_CHECKING:
    from jcct_desktop.core.annotations.service import AnnotationService

EXIT_BAD_INPUT = 2


def register(subparsers: Any) -> None:
    """Add ``notes export FILE`` and ``notes import FILE`` to an argparse subparsers object."""
    notes = subparsers.add_parser("notes", help="export or import your annotations (JSON)")
    actions = notes.add_subparsers(dest="notes_command", required=True)
    export = actions.add_parser("export", help="write all annotations to a JSON file")
    export.add_argument("file", help="the JSON file to write")
    export.set_defaults(func=run_export)
    imp = actions.add_parser("import", help="merge annotations from a JSON file")
    imp.add_argument("file", help="a file written by 'notes export'")
    imp.set_defaults(func=run_import)


def _open(args: argparse.Namespace) -> AnnotationService:
    from jcct_desktop.store.backups import open_with_recovery

    service, report = open_with_recovery(getattr(args, "data_dir", None))
    if report is not None:
        print(f"warning: {report.message}", file=sys.stderr)
    return service


def _fail(message: str) -> int:
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_BAD_INPUT


def run_export(args: argparse.Namespace) -> int:
    from jcct_desktop.core.annotations.exchange import export_file
    from jcct_desktop.store.user_db import UserDataError

    try:
        service = _open(args)
        try:
            count = export_file(service, args.file)
        finally:
            service.close()
    except (UserDataError, OSError) as exc:
        return _fail(f"cannot export to {args.file}: {exc}")
    print(f"Exported {plural(count, 'annotation')} to {args.file}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from jcct_desktop.core.annotations.exchange import ExchangeError, parse_document
    from jcct_desktop.store.backups import BackupError, backup_now
    from jcct_desktop.store.user_db import UserDataError

    try:
        incoming = parse_document(Path(args.file).read_bytes())  # validate before touching data
    except OSError as exc:
        return _fail(f"cannot read {args.file}: {exc.strerror or exc}")
    except ExchangeError as exc:
        return _fail(f"{args.file}: {exc}; nothing was imported")
    try:
        service = _open(args)
        try:
            backup_now(service.data_dir)  # an import is a big edit: keep the state before it
            change = service.merge_annotations(incoming)
        finally:
            service.close()
    except (UserDataError, BackupError, OSError) as exc:
        return _fail(f"cannot import {args.file}: {exc}")
    print(f"Imported {args.file}: {plural(len(change.commitment_ids), 'commitment')} changed")
    return 0


def annotation_fields_for_export(service: AnnotationService, commitment_id: str) -> dict[str, Any]:
    """The annotation fields the JSON data export carries for one commitment."""
    annotation = service.get(commitment_id)
    return {
        "status": annotation.status.value,
        "notes": [{"text": n.text, "created": n.created.isoformat()} for n in annotation.notes],
        "tags": list(annotation.tags),
    }
