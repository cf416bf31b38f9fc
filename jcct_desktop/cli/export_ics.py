"""``jcct-desktop export ics``: open deadlines and follow-up dates as an iCalendar file.

Exit codes: 0 written, 2 bad input (unknown sector, bad date, nothing in scope: e.g.
``--starred`` with nothing starred; nothing is written), 1 write failure. The file holds
the officer's follow-up dates and assessments, so it is created readable by its owner only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jcct_desktop.cli.args import output_file
from jcct_desktop.cli.export_pdf import BadInput, as_of_option, notes_for_reading
from jcct_desktop.cli.meetings import UnknownMeetingError, add_meeting_option, choose, reference
from jcct_desktop.cli.sectors import SectorError, sector_code
from jcct_desktop.core import dates
from jcct_desktop.core.counts import plural
from jcct_desktop.core.files import OutputError
from jcct_desktop.core.own_files import OwnFiles


def register(formats: argparse._SubParsersAction) -> None:
    p = formats.add_parser("ics", help="open deadlines and follow-ups as a calendar (.ics)")
    p.add_argument("-o", "--output", metavar="FILE", type=output_file,
                   help="file to write (default: stdout)")
    p.add_argument("--starred", action="store_true", help="only starred commitments")
    p.add_argument("--sector", action="append", default=[], metavar="NAME",
                   help="only this sector or group (name or code; repeatable)")
    p.add_argument("--as-of", dest="ics_as_of", metavar="DATE",
                   help="milestones still open on this ISO date (default: today)")
    add_meeting_option(p, "default: all meetings")
    p.set_defaults(handler=export_ics)


def export_ics(args: argparse.Namespace) -> int:
    from jcct_desktop.core.calendar_export import (
        entries,
        ics_chunks,
        in_scope,
        skipped_words,
        undated_count,
        write_ics,
    )
    from jcct_desktop.core.files import atomic_write

    try:
        catalog = choose(reference(args).catalog, args.meeting)
        as_of = as_of_option(args.ics_as_of or getattr(args, "as_of", None)) or dates.today()
        codes = [sector_code(catalog, name) for name in args.sector]
        with notes_for_reading(args) as service:
            notes = {a.commitment_id: a for a in service.all()} if service else {}
            starred = service.starred_ids() if service else set()
        chosen = in_scope(catalog, codes, starred if args.starred else None)
        if not chosen:  # refused as the packet and the memo refuse an empty scope
            raise BadInput("Nothing to put in the calendar: the scope "
                           f"({_scope_words(args)}) holds no commitments.")
    except (BadInput, UnknownMeetingError, SectorError) as exc:
        print(f"jcct-desktop: {exc}", file=sys.stderr)
        return 2
    items = entries(chosen, notes, as_of, catalog)
    if not args.output or args.output == "-":
        for chunk in ics_chunks(items):  # as text, in the stream's own encoding as before
            sys.stdout.write(chunk.decode("utf-8"))
        return 0
    try:  # written as it is made, never whole in memory
        atomic_write(args.output, lambda fh: write_ics(items, fh),
                     own_files=OwnFiles(args.data_dir))
    except OutputError as exc:
        print(f"jcct-desktop: {exc}", file=sys.stderr)
        return 1
    skipped = skipped_words(undated_count(chosen))
    print(f"wrote {Path(args.output)} ({plural(len(items), 'event')}{skipped})", file=sys.stderr)
    return 0


def _scope_words(args: argparse.Namespace) -> str:
    """"starred commitments", "starred commitments in CD, SOFT", "sectors: CD"."""
    sectors = ", ".join(args.sector)
    if args.starred:
        return f"starred commitments in {sectors}" if sectors else "starred commitments"
    return f"sectors: {sectors}" if sectors else "all commitments"
