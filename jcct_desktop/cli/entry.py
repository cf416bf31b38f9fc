"""The top-level parser and ``main``: the window by default, every other command registered by
its module in this package (``register(sub)`` setting ``handler=``)."""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import importlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from jcct_desktop import __version__
from jcct_desktop.cli.args import Parser, iso_date, output_file
from jcct_desktop.cli.meetings import add_meeting_option
from jcct_desktop.core import dates
from jcct_desktop.core.files import OutputError, atomic_write
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.core.paths import ENV_VAR, resolve_data_dir

# Start-up cost matters: everything heavy (SQLAlchemy, reportlab, Qt) is imported by the
# command that needs it, never while the arguments are parsed.
if TYPE_CHECKING:
    from datetime import date

    from jcct_desktop.core.catalog import Catalog
    from jcct_desktop.core.data_export import AnnotationLookup


__all__ = ["iso_date", "main"]  # iso_date: the window's --as-of is parsed by it


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="jcct-desktop",
        description="Offline briefing app for U.S.-China JCCT commitments. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"where your notes live (default: ${ENV_VAR} or the platform's folder)",
    )
    parser.add_argument(
        "--as-of", metavar="DATE", type=iso_date, help="judge deadlines as of this ISO date"
    )
    parser.add_argument(
        "--team", metavar="URL", help="the team database to sync with (libpq URL or "
        "'service=NAME'; default: $JCCT_TEAM_URL or the saved one)"
    )
    parser.add_argument("--screenshot", metavar="FILE", help="open the window, save a PNG, exit")
    parser.add_argument("--select", metavar="ID", help="commitment to select at start")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window, report time to first paint, exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    export = sub.add_parser("export", help="export data without opening the window")
    formats = export.add_subparsers(dest="format", metavar="FORMAT", required=True)
    for register in _exporters():
        register(formats)
    for register in _commands():
        register(sub)
    return parser


Register = Callable[[argparse._SubParsersAction], None]


def _exporters() -> tuple[Register, ...]:
    """Every ``export FORMAT``, in the order --help lists them: a new format is one entry.

    Each module imports its heavy parts inside its command, so registering them is cheap.
    """
    from jcct_desktop.cli import export_docx, export_ics, export_pdf

    return (_data_format("json"), _data_format("csv"), export_pdf.register, export_docx.register,
            export_ics.register)


def _commands() -> tuple[Register, ...]:
    """The other subcommands, beside ``export``."""
    from jcct_desktop.cli import changes, import_factsheet, meetings, notes, sectors, team

    return (notes.register, team.register, import_factsheet.register, meetings.register,
            sectors.register, changes.register)


def _data_format(fmt: str) -> Register:
    """``export json`` (commitments and facts) / ``export csv`` (one row per commitment)."""

    def register(formats: argparse._SubParsersAction) -> None:
        what = "all commitments and facts as JSON" if fmt == "json" else (
            "one row per commitment as CSV (no facts)")
        p = formats.add_parser(fmt, help=what)
        p.add_argument("-o", "--output", metavar="FILE", type=output_file,
                       help="file to write (default: stdout)")
        # its own dest: a subcommand's default would overwrite the top-level --as-of
        p.add_argument("--as-of", dest="export_as_of", metavar="DATE", type=iso_date,
                       help="judge each standing as of this ISO date (default: today)")
        if fmt == "csv":
            p.add_argument("--milestones", action="store_true",
                           help="one row per milestone (ours and China's view of each)")
            p.add_argument("--jurisdictions", action="store_true",
                           help="one row per commitment × province of its jurisdictional "
                                "milestones")
        add_meeting_option(p, "default: all meetings")
        p.set_defaults(handler=_export_data)

    return register


@contextlib.contextmanager
def _annotation_lookup(args: argparse.Namespace) -> Iterator[AnnotationLookup]:
    """Annotations for the data export, read from the user's database if there is one.

    An export never creates a data folder: with no notes yet, commitments export unannotated.
    """
    from jcct_desktop.cli.notes import annotation_fields_for_export
    from jcct_desktop.core import data_export
    from jcct_desktop.store.notes.operations import open_for_reading

    service = open_for_reading(args.data_dir)  # never creates, migrates or journals anything
    if service is None:
        yield data_export.no_annotations
        return
    try:
        yield lambda cid: annotation_fields_for_export(service, cid)
    finally:
        service.close()


def _export_data(args: argparse.Namespace) -> int:
    from jcct_desktop.cli.meetings import UnknownMeetingError, choose, reference
    from jcct_desktop.core import data_export
    from jcct_desktop.core.data_export_streamed import (
        csv_chunks,
        json_chunks,
        print_text,
        write_text,
    )

    try:
        catalog = choose(reference(args).catalog, args.meeting)
    except UnknownMeetingError as exc:
        print(f"jcct-desktop: {exc}", file=sys.stderr)
        return 2
    today = dates.today()
    as_of = args.export_as_of or getattr(args, "as_of", None) or today
    to_stdout = not args.output or args.output == "-"
    with _annotation_lookup(args) as read:
        # read once, for the export and what it left out (nothing to keep without notes)
        lookup = read if read is data_export.no_annotations else functools.cache(read)
        # what a past day's export leaves out (the JSON says it too): a pass of its own
        left_out = (data_export.left_out_of(catalog, lookup, as_of, today)
                    if args.format == "json" or as_of < today else {})
        if args.format == "json":
            chunks = json_chunks(catalog, lookup, as_of, today, left_out)
        elif getattr(args, "jurisdictions", False):  # issue 26
            table = _jurisdiction_csv(args, catalog, lookup, as_of)
            if table is None:
                return 2
            chunks = iter([table.lstrip("\ufeff") if to_stdout else table])
        else:
            chunks = csv_chunks(catalog, lookup, as_of, today,
                                milestones=getattr(args, "milestones", False),
                                bom=not to_stdout)
        said = data_export.left_out_words(left_out, as_of) if as_of < today else ""
        if said:  # a past day's export is what was known then: say what it leaves out
            print(f"jcct-desktop: {said}", file=sys.stderr)
        if to_stdout:
            print_text(chunks, sys.stdout)
            return 0
        # written record by record as made (never the whole document in memory)
        atomic_write(args.output, lambda fh: write_text(chunks, fh),
                     own_files=OwnFiles(args.data_dir))
    print(f"wrote {Path(args.output)}", file=sys.stderr)
    return 0


def _jurisdiction_csv(args: argparse.Namespace, catalog: Catalog, lookup: AnnotationLookup,
                      as_of: date) -> str | None:
    from jcct_desktop.core.jurisdiction_export import to_jurisdiction_csv

    if getattr(args, "milestones", False):
        print("jcct-desktop: --jurisdictions and --milestones are two different tables: "
              "choose one", file=sys.stderr)
        return None
    return to_jurisdiction_csv(catalog, lambda cid: lookup(cid).get("records", ()), as_of)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    # decided once, here (--data-dir, else JCCT_DATA_DIR, else the platform's folder), and
    # passed down: every command and the window read args.data_dir, never the environment
    args.data_folder = resolve_data_dir(args.data_dir, os.environ)
    args.data_dir = args.data_folder.path
    handler = getattr(args, "handler", None)  # every command module sets ``handler=``
    collecting = gc.isenabled()
    try:
        if handler is not None:
            return int(handler(args) or 0)
        # Until the window is built (run_app freezes what it made, then collects again) the
        # cyclic collector would only rescan the modules and the catalog being loaded, all
        # alive: ~35 ms of the start.
        gc.disable()
        _import_before_qt()
        from jcct_desktop.ui.app import run_app

        return run_app(args)
    except OutputError as exc:
        print(f"jcct-desktop: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `… | head` stopped reading: what it wanted was written
        _quiet_stdout()
        return 0
    except Exception as exc:  # a clear last word instead of a traceback
        from jcct_desktop.store.notes.database import UserDataError
        from jcct_desktop.store.reference.reader import ReferenceDataError

        if isinstance(exc, ReferenceDataError | UserDataError):
            print(f"jcct-desktop: {exc}", file=sys.stderr)
            return 1
        raise
    finally:
        if collecting:
            gc.enable()


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so flushing it at exit raises no second BrokenPipeError."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


# What the window's start needs and does not import Qt, imported before Qt: once PySide6 is
# imported, its import hook reads the source of every module imported after it (SQLAlchemy's
# ~250 modules cost ~80 ms that way; these ~5 ms).
_BEFORE_QT = (
    "jcct_desktop.store.notes.backups",
    "jcct_desktop.store.reference.reader",
    "jcct_desktop.store.reference.imported_meetings",
    "jcct_desktop.store.annotations",
    "jcct_desktop.store.notes.operations",
    "jcct_desktop.core.standing",
    "jcct_desktop.core.standing_words",
    "jcct_desktop.core.filtering",
    "jcct_desktop.core.citation",
    "jcct_desktop.core.annotations.authors",
    "jcct_desktop.core.annotations.preview",
    "jcct_desktop.ui.process_clock",
    "jcct_desktop.team.settings",
    "jcct_desktop.team.state",
    "html",  # the detail pane, tree and timeline escape text with it
)


def _import_before_qt() -> None:
    for name in _BEFORE_QT:
        importlib.import_module(name)
