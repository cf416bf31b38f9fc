"""``jcct-desktop notes export|import|backups|restore`` over `store.notes.operations`.

Exit codes (one line on stderr, never a traceback): 0 done; 2 a file to import that is read
but is not a valid notes file (nothing imported); 1 a file that cannot be read (missing, a
folder, a device) or written, a damaged notes database, a refused restore, or the window open
on these notes (nothing changed in each case).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jcct_desktop.cli.args import output_file, say
from jcct_desktop.cli.lock import writes_into_folder
from jcct_desktop.core.counts import plural
from jcct_desktop.core.dates import iso_seconds

# The service and the exchange format pull in SQLAlchemy (~200 ms): registering these
# commands happens on every start, so they are imported only when a command runs.
if TYPE_CHECKING:
    from jcct_desktop.core.annotations.model import Annotation
    from jcct_desktop.store.annotations import AnnotationService

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1


def register(subparsers: Any) -> None:
    """Add the ``notes`` commands to an argparse subparsers object."""
    notes = subparsers.add_parser("notes", help="export, import, back up or restore your notes")
    actions = notes.add_subparsers(dest="notes_command", required=True)
    export = actions.add_parser("export", help="write all your notes to a JSON file")
    export.add_argument("file", type=output_file, help="the JSON file to write")
    export.add_argument(
        "--format-version",
        type=int,
        choices=(1, 2),
        default=2,
        help="2 (default) keeps every assessment; 1 is read by older versions of the app "
        "(our current assessment only)",
    )
    export.set_defaults(handler=run_export)
    imp = actions.add_parser("import", help="merge notes from a JSON file")
    imp.add_argument("file", help="a file written by 'notes export'")
    imp.set_defaults(handler=run_import)
    listing = actions.add_parser("backups", help="list the backups of your notes, newest first")
    listing.set_defaults(handler=run_backups)
    restore = actions.add_parser(
        "restore", help="replace your notes with a backup (checked first; yours are backed up)"
    )
    restore.add_argument("backup", metavar="FILE|latest",
                         help="a backup file, or 'latest' for the newest good one")
    restore.set_defaults(handler=run_restore)


def _say(code: int, message: str) -> int:
    say(message)
    return code


def run_export(args: argparse.Namespace) -> int:
    from jcct_desktop.core.files import OutputError
    from jcct_desktop.store.notes.database import UserDataError
    from jcct_desktop.store.notes.operations import export_notes

    try:
        count = export_notes(args.data_dir, args.file,
                             version=getattr(args, "format_version", 2))
    except OutputError as exc:  # already "Cannot write FILE: why"
        return _say(EXIT_FAILED, f"{exc}; nothing was exported")
    except UserDataError as exc:
        return _say(EXIT_FAILED, f"cannot export your notes: {exc}")
    print(_exported(count, args.file, args.data_dir), file=sys.stderr)
    return 0


def _exported(count: int, target: str, data_dir: Path) -> str:
    """What went into the file, and that unsaved drafts did not (they stay on this computer)."""
    from jcct_desktop.store.notes.operations import open_for_reading

    service = open_for_reading(data_dir)
    if service is None:
        return f"Exported the notes on {plural(count, 'commitment')} to {target}"
    try:
        annotations = [a for a in service.all() if not a.is_empty]
        drafts = len(service.draft_ids())
    finally:
        service.close()
    parts = f" ({_contents(annotations)})" if annotations else ""
    said = f"Exported the notes on {plural(count, 'commitment')}{parts} to {target}"
    if drafts:
        said += (f". Unsaved drafts are not exported ({plural(drafts, 'commitment')} "
                 f"{'has one' if drafts == 1 else 'have one'}): add them as notes first")
    return said


def _contents(annotations: Sequence[Annotation]) -> str:
    """ "2 notes, 1 assessment, 2 tags, 1 star, 1 follow-up date" (only what there is)."""
    from jcct_desktop.core.annotations.model import assessment_records

    counts = (
        (sum(len(a.notes) for a in annotations), "note"),
        (sum(len(assessment_records(a)) for a in annotations), "assessment"),
        (sum(len(a.tags) for a in annotations), "tag"),
        (sum(a.starred for a in annotations), "star"),
        (sum(a.follow_up is not None for a in annotations), "follow-up date"),
    )
    return ", ".join(plural(n, noun) for n, noun in counts if n)


@writes_into_folder("File → Import notes…")
def run_import(args: argparse.Namespace) -> int:
    from jcct_desktop.core.annotations.exchange import ExchangeError, catalog_labels
    from jcct_desktop.core.files import InputFileError
    from jcct_desktop.store.notes.database import UserDataError
    from jcct_desktop.store.notes.operations import import_notes
    from jcct_desktop.store.reference.reader import open_reference

    try:
        labels_of = catalog_labels(open_reference().catalog)  # milestone labels are checked
        result = import_notes(args.data_dir, args.file, labels_of=labels_of,
                              warn=lambda text: say(f"warning: {text}"))
    except ExchangeError as exc:
        if isinstance(exc.__cause__, InputFileError):  # not read at all: "cannot read X: why"
            return _say(EXIT_FAILED, f"{exc.__cause__}; nothing was imported")
        # what was wrong comes last: it may end in a question ("is the file truncated?")
        return _say(EXIT_BAD_INPUT, f"nothing was imported from {args.file}: {exc}")
    except (UserDataError, OSError) as exc:
        return _say(EXIT_FAILED, f"cannot import {args.file}: {exc}")
    changed = len(result.change.commitment_ids)
    print(f"Imported {args.file}: the notes on {plural(changed, 'commitment')} changed",
          file=sys.stderr)
    return 0


def run_backups(args: argparse.Namespace) -> int:
    from jcct_desktop.core.counts import human_size
    from jcct_desktop.store.notes.operations import list_backups

    listed = list_backups(args.data_dir)
    if not listed:
        print("No backups yet.", file=sys.stderr)
        return 0
    print(f"{'taken (local time)':<20}  {'reason':<15}  {'size':>10}  {'verdict':<22}  file")
    for item in listed:
        info = item.info
        taken = iso_seconds(info.taken.astimezone())
        print(f"{taken:<20}  {info.reason_label:<15}  {human_size(info.size):>10}  "
              f"{item.verdict.label:<22}  {info.path}")
    return 0


@writes_into_folder("File → Restore notes from backup…")
def run_restore(args: argparse.Namespace) -> int:
    from jcct_desktop.store.notes.database import UserDataError
    from jcct_desktop.store.notes.operations import choose_backup, restore_notes

    data_dir = args.data_dir
    try:
        chosen = choose_backup(data_dir, args.backup)
        result = restore_notes(data_dir, chosen)
    except (UserDataError, OSError) as exc:
        return _say(EXIT_FAILED, f"not restored: {exc}")
    if result.moved_aside is not None:
        print(f"The unusable notes file was moved aside, unchanged, to {result.moved_aside}",
              file=sys.stderr)
    from jcct_desktop.store.notes.backups import parse_backup_name

    info = parse_backup_name(result.restored)
    made = (f" (made {info.taken.astimezone():%Y-%m-%d %H:%M}, {info.reason_label})"
            if info is not None else "")
    print(f"Restored {result.restored}{made}. {result.difference.describe()} "
          f"Your notes as they were are saved as {result.before}; restore that file to "
          "put them back.", file=sys.stderr)
    return 0


def annotation_fields_for_export(service: AnnotationService, commitment_id: str) -> dict[str, Any]:
    """The annotation fields the JSON data export carries for one commitment."""
    from jcct_desktop.core.annotations.model import assessment_records
    from jcct_desktop.core.briefing.from_annotations import annotation_view

    annotation = service.get(commitment_id)
    return {
        # notes, tags and history as the packet reads them: an export as of a past day
        # rewinds them from this (core.data_export)
        "view": annotation_view(annotation),
        "status": annotation.status.value,
        "records": assessment_records(annotation),  # the standing is computed from these
        "follow_up": annotation.follow_up,
        "notes": [{"text": n.text, "created": n.created.isoformat()} for n in annotation.notes],
        "tags": list(annotation.tags),
        "talking_points": [{"text": p.text, "created": p.created.isoformat(), "who": p.who}
                           for p in annotation.talking_points],
    }
