"""``jcct-desktop notes export|import|backups|restore`` over :mod:`jcct_desktop.notes_ops`.

Exit codes (one line on stderr, never a traceback): 0 done; 2 a file to import that is not a
valid annotations file (nothing imported); 1 anything that cannot be read or written, a
damaged notes database, a refused restore (nothing changed in each case).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from jcct_desktop.core.counts import plural

# The service and the exchange format pull in SQLAlchemy (~200 ms): registering these
# commands happens on every start, so they are imported only when a command runs.
if TYPE_CHECKING:
    from jcct_desktop.store.annotations import AnnotationService

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1


def register(subparsers: Any) -> None:
    """Add the ``notes`` commands to an argparse subparsers object."""
    notes = subparsers.add_parser("notes", help="export, import, back up or restore your notes")
    actions = notes.add_subparsers(dest="notes_command", required=True)
    export = actions.add_parser("export", help="write all annotations to a JSON file")
    export.add_argument("file", help="the JSON file to write")
    export.add_argument(
        "--format-version",
        type=int,
        choices=(1, 2),
        default=2,
        help="2 (default) keeps every assessment; 1 is read by older versions of the app "
        "(our current assessment only)",
    )
    export.set_defaults(func=run_export)
    imp = actions.add_parser("import", help="merge annotations from a JSON file")
    imp.add_argument("file", help="a file written by 'notes export'")
    imp.set_defaults(func=run_import)
    listing = actions.add_parser("backups", help="list the backups of your notes, newest first")
    listing.set_defaults(func=run_backups)
    restore = actions.add_parser(
        "restore", help="replace your notes with a backup (checked first; yours are backed up)"
    )
    restore.add_argument("backup", metavar="FILE|latest",
                         help="a backup file, or 'latest' for the newest good one")
    restore.set_defaults(func=run_restore)


def _say(code: int, message: str) -> int:
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    return code


def run_export(args: argparse.Namespace) -> int:
    from jcct_desktop.core.files import OutputError
    from jcct_desktop.notes_ops import export_notes
    from jcct_desktop.store.user_db import UserDataError

    try:
        count = export_notes(getattr(args, "data_dir", None), args.file,
                             version=getattr(args, "format_version", 2))
    except (UserDataError, OutputError) as exc:
        return _say(EXIT_FAILED, f"cannot export to {args.file}: {exc}")
    print(f"Exported {plural(count, 'annotation')} to {args.file}", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from jcct_desktop.core.annotations.exchange import ExchangeError, catalog_labels
    from jcct_desktop.notes_ops import import_notes
    from jcct_desktop.store.reference import open_reference
    from jcct_desktop.store.user_db import UserDataError

    try:
        labels_of = catalog_labels(open_reference().catalog)  # milestone labels are checked
        result = import_notes(getattr(args, "data_dir", None), args.file, labels_of=labels_of)
    except ExchangeError as exc:
        return _say(EXIT_BAD_INPUT, f"{args.file}: {exc}; nothing was imported")
    except (UserDataError, OSError) as exc:
        return _say(EXIT_FAILED, f"cannot import {args.file}: {exc}")
    changed = len(result.change.commitment_ids)
    print(f"Imported {args.file}: {plural(changed, 'commitment')} changed", file=sys.stderr)
    return 0


def run_backups(args: argparse.Namespace) -> int:
    from jcct_desktop.core.counts import human_size
    from jcct_desktop.notes_ops import list_backups

    listed = list_backups(getattr(args, "data_dir", None))
    if not listed:
        print("No backups yet.", file=sys.stderr)
        return 0
    print(f"{'taken (local time)':<20}  {'reason':<15}  {'size':>10}  {'verdict':<22}  file")
    for item in listed:
        info = item.info
        taken = info.taken.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        print(f"{taken:<20}  {info.reason_label:<15}  {human_size(info.size):>10}  "
              f"{item.verdict.label:<22}  {info.path}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from jcct_desktop.notes_ops import choose_backup, restore_notes
    from jcct_desktop.store.user_db import UserDataError

    data_dir = getattr(args, "data_dir", None)
    try:
        chosen = choose_backup(data_dir, args.backup)
        result = restore_notes(data_dir, chosen)
    except (UserDataError, OSError) as exc:
        return _say(EXIT_FAILED, f"not restored: {exc}")
    if result.moved_aside is not None:
        print(f"The unusable notes file was moved aside, unchanged, to {result.moved_aside}",
              file=sys.stderr)
    print(f"Restored {result.restored}. Your notes as they were are saved as {result.before}",
          file=sys.stderr)
    return 0


def annotation_fields_for_export(service: AnnotationService, commitment_id: str) -> dict[str, Any]:
    """The annotation fields the JSON data export carries for one commitment."""
    from jcct_desktop.core.annotations.model import assessment_records

    annotation = service.get(commitment_id)
    return {
        "status": annotation.status.value,
        "records": assessment_records(annotation),  # the standing is computed from these
        "follow_up": annotation.follow_up,
        "notes": [{"text": n.text, "created": n.created.isoformat()} for n in annotation.notes],
        "tags": list(annotation.tags),
    }
