"""``jcct-desktop export pdf``: the briefing packet from the command line, same engine as the app.

Exit codes: 0 written, 2 bad input (unknown sector, empty scope, bad date), 1 write failure,
130 interrupted (Ctrl+C; nothing written).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from jcct_desktop.cli.args import iso_date, output_file
from jcct_desktop.cli.meetings import UnknownMeetingError, add_meeting_option, choose, reference
from jcct_desktop.cli.sectors import SectorError, sector_code
from jcct_desktop.core.counts import plural
from jcct_desktop.core.files import OutputError
from jcct_desktop.core.own_files import OwnFiles

# Parsing the command line must stay cheap (no SQLAlchemy, no reportlab): the engine is
# imported by the command itself.
if TYPE_CHECKING:
    from jcct_desktop.core.briefing import Briefing, BriefingOptions
    from jcct_desktop.core.catalog import Catalog
    from jcct_desktop.store.annotations import AnnotationService


class BadInput(ValueError):
    """A scope or date option no packet can be made from; the message is one line."""


def register(formats: argparse._SubParsersAction) -> None:
    p = formats.add_parser("pdf", help="a briefing packet as PDF")
    p.add_argument("-o", "--output", required=True, metavar="FILE", type=output_file,
                   help="PDF file to write")
    add_scope_options(
        p, since_help="add what changed from DATE to the as-of date, right after page 1",
        marking_help="handling marking at the top and bottom of every page (none by default)")
    p.add_argument("--summary-order", choices=("urgency", "fact-sheet"), default="urgency",
                   help="the summary table's order: most urgent first (default) or as the "
                        "fact sheet has it")
    p.add_argument("--no-notes", action="store_true", help="leave out notes")
    p.add_argument("--history", dest="history", action="store_true", default=False,
                   help="include each commitment's full history")
    p.add_argument("--no-history", dest="history", action="store_false")
    p.add_argument("--no-timeline", action="store_true", help="leave out the timeline")
    p.add_argument("--no-facts", action="store_true", help="leave out industry facts")
    p.add_argument("--paper", choices=("letter", "a4"), default="letter")
    p.add_argument("--tagged", action="store_true",
                   help="a tagged PDF/UA-1 packet for screen readers (headings, tables with "
                        "header cells, reading order; typeset by Typst)")
    p.add_argument("--deterministic", action="store_true",
                   help="byte-identical output for identical input (for tests and archives)")
    p.set_defaults(handler=export_pdf)


def add_scope_options(p: argparse.ArgumentParser, *, since_help: str, marking_help: str,
                      prepared_by_help: str | None = None,
                      prepared_for_help: str | None = None) -> None:
    """What a briefing covers and how it is headed: the packet's and the memo's options."""
    p.add_argument("--sector", action="append", default=[], metavar="NAME",
                   help="only this sector or group (name or code; repeatable)")
    p.add_argument("--starred", action="store_true", help="only starred commitments")
    p.add_argument("--query", metavar="TEXT", help="only commitments matching this search")
    p.add_argument("--as-of", dest="pdf_as_of", metavar="DATE", help="judge deadlines as of DATE")
    p.add_argument("--since", dest="briefing_since", metavar="DATE", type=iso_date,
                   help=since_help)
    p.add_argument("--marking", default="", metavar="TEXT", help=marking_help)
    p.add_argument("--prepared-by", default="", metavar="TEXT", help=prepared_by_help)
    p.add_argument("--prepared-for", default="", metavar="TEXT", help=prepared_for_help)
    add_meeting_option(p, "default: the newest meeting")


def export_pdf(args: argparse.Namespace) -> int:
    """Write the packet; Ctrl+C stops it with one line and exit 130, the output file as it
    was (the packet goes through a temporary file, removed on the way out)."""
    try:
        return _export_pdf(args)
    except KeyboardInterrupt:
        print("jcct-desktop: interrupted; nothing was written", file=sys.stderr)
        return 130


def _export_pdf(args: argparse.Namespace) -> int:
    from jcct_desktop.core.briefing import EmptyScopeError, PlainAnnotations, build_briefing
    from jcct_desktop.core.briefing.from_annotations import snapshot
    from jcct_desktop.core.briefing.since import with_changes
    from jcct_desktop.core.changes import ChangesRangeError
    from jcct_desktop.core.filtering import FilterContext
    from jcct_desktop.core.progress import no_progress
    from jcct_desktop.pdf.held_interrupts import interrupts_at_checks, interrupts_held

    with interrupts_held():  # reportlab's imports run under bare ``except:`` clauses
        from jcct_desktop.pdf import render_packet

    try:
        ref = reference(args)
        catalog = choose(ref.catalog, args.meeting)
        options = briefing_options(args, catalog)
        with notes_for_reading(args) as service:
            annotations = snapshot(service) if service else PlainAnnotations()
            ctx = FilterContext(catalog, ref.search, service)  # --query searches notes too
            briefing = build_briefing(catalog, options, annotations, ctx)
            since = args.briefing_since
            if since is not None:
                briefing = with_changes(briefing, catalog, service.all() if service else [],
                                        since)
    except (BadInput, EmptyScopeError, UnknownMeetingError, SectorError,
            ChangesRangeError) as exc:
        print(f"jcct-desktop: {exc}", file=sys.stderr)
        return 2
    if args.tagged:  # one call to Typst: Ctrl+C is not held from it
        try:
            pages = _write_tagged(briefing, args.output, OwnFiles(args.data_dir))
        except OutputError as exc:
            print(f"jcct-desktop: {exc}", file=sys.stderr)
            return 1
        _say_written(args.output, pages, briefing)
        return 0
    # Ctrl+C raised inside reportlab could be swallowed by its bare ``except:`` clauses (the
    # whole packet written, exit 0) or come out as another error: it is held from the layout
    # on and raised at its next step (a page, a commitment, a few objects written out: well
    # under a second apart), the last just before the file is committed. One that comes
    # after that last step is too late: the packet is written and said so.
    with interrupts_at_checks() as interrupts:
        try:
            pages = render_packet(briefing, args.output, own_files=OwnFiles(args.data_dir),
                                  step=interrupts.checked(no_progress))
        except OutputError as exc:
            print(f"jcct-desktop: {exc}", file=sys.stderr)
            return 1
        _say_written(args.output, pages, briefing)
    return 0


def _say_written(output: str, pages: int, briefing: Briefing) -> None:
    print(f"wrote {Path(output)} ({plural(pages, 'page')}, "
          f"{plural(len(briefing.commitment_ids), 'commitment')})", file=sys.stderr)


def _write_tagged(briefing: Briefing, output: str, own_files: OwnFiles) -> int:
    """The tagged packet, written whole or not at all; its page count."""
    from jcct_desktop.core.files import atomic_write
    from jcct_desktop.pdf.tagged import TaggedPdfError, tagged_packet_bytes

    try:
        data = tagged_packet_bytes(briefing)
    except TaggedPdfError as exc:
        raise OutputError(str(exc)) from exc
    atomic_write(output, lambda fh: fh.write(data), own_files=own_files)
    return _pages(data)


def _pages(data: bytes) -> int:
    import io

    from pypdf import PdfReader  # a dependency already (the fact-sheet importer reads PDFs)

    return len(PdfReader(io.BytesIO(data)).pages)


def briefing_options(args: argparse.Namespace, catalog: Catalog) -> BriefingOptions:
    from jcct_desktop.core.briefing import BriefingOptions, Scope
    from jcct_desktop.core.filtering import Filter

    as_of = as_of_option(args.pdf_as_of or getattr(args, "as_of", None))
    common = dict(
        include_notes=not args.no_notes, include_history=args.history,
        include_facts=not args.no_facts, include_timeline=not args.no_timeline,
        paper=args.paper, marking=args.marking, prepared_by=args.prepared_by,
        prepared_for=args.prepared_for, as_of=as_of, deterministic=args.deterministic,
        summary_order=args.summary_order,
    )
    if args.starred:
        return BriefingOptions(scope=Scope.STARRED, **common)
    if args.query and Filter(text=args.query).searches:  # else no query, as in the window
        flt = Filter(text=args.query)
        return BriefingOptions(scope=Scope.FILTER, filter=flt,
                               scope_label=f"search “{args.query}”", **common)
    if args.sector:
        codes = tuple(sector_code(catalog, name) for name in args.sector)
        return BriefingOptions(scope=Scope.SECTORS, sectors=codes, **common)
    return BriefingOptions(**common)


def as_of_option(text: str | date | None) -> date | None:
    """The command's own --as-of (text, told as a bad input) or the global one (a date
    already parsed by argparse)."""
    if not text or isinstance(text, date):
        return text or None
    from jcct_desktop.core.as_of import AsOfError, parse_as_of

    try:
        return parse_as_of(text)
    except AsOfError as exc:
        raise BadInput(f"--as-of: {exc}") from None


@contextlib.contextmanager
def notes_for_reading(args: argparse.Namespace) -> Iterator[AnnotationService | None]:
    """The user's annotation service, or None when there are no notes yet (never creates one)."""
    from jcct_desktop.store.notes.operations import open_for_reading

    service = open_for_reading(args.data_dir)
    if service is None:
        yield None
        return
    try:
        yield service
    finally:
        service.close()
