"""``jcct-desktop export docx``: the briefing memo as an editable Word document.

Same scope options as ``export pdf`` (and the same engine: ``core.briefing``), plus
``--since DATE`` for a "What changed since" block right after the bottom line.
Exit codes: 0 written, 2 bad input (unknown sector, empty scope, bad date), 1 write failure.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from jcct_desktop.cli.args import iso_date, output_file, say
from jcct_desktop.cli.export_pdf import BadInput, briefing_options, notes_for_reading
from jcct_desktop.cli.meetings import UnknownMeetingError, add_meeting_option, choose, reference
from jcct_desktop.cli.sectors import SectorError
from jcct_desktop.core.counts import plural
from jcct_desktop.core.files import OutputError


def register(formats: argparse._SubParsersAction) -> None:
    p = formats.add_parser("docx", help="a briefing memo as a Word document (.docx)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", type=output_file,
                   help="Word file to write")
    p.add_argument("--sector", action="append", default=[], metavar="NAME",
                   help="only this sector or group (name or code; repeatable)")
    p.add_argument("--starred", action="store_true", help="only starred commitments")
    p.add_argument("--query", metavar="TEXT", help="only commitments matching this search")
    p.add_argument("--as-of", dest="pdf_as_of", metavar="DATE", help="judge deadlines as of DATE")
    p.add_argument("--since", dest="memo_since", metavar="DATE", type=iso_date,
                   help="add what changed from DATE to the as-of date")
    p.add_argument("--marking", default="", metavar="TEXT",
                   help="handling marking at the top and bottom (none by default)")
    p.add_argument("--prepared-by", default="", metavar="TEXT", help="the memo's FROM line")
    p.add_argument("--prepared-for", default="", metavar="TEXT", help="the memo's TO line")
    add_meeting_option(p, "default: the newest meeting")
    # What the packet's options mean for a memo: notes in, history and facts out.
    p.set_defaults(handler=export_docx, no_notes=False, history=False, no_timeline=False,
                   no_facts=True, paper="letter", deterministic=False, summary_order="urgency")


def export_docx(args: argparse.Namespace) -> int:
    from jcct_desktop.core.annotations.model import Annotation
    from jcct_desktop.core.briefing import EmptyScopeError, PlainAnnotations, build_briefing
    from jcct_desktop.core.briefing.from_annotations import snapshot
    from jcct_desktop.core.changes import ChangeReport, ChangesRangeError, changes_between
    from jcct_desktop.core.citation import fact_sheet_reference
    from jcct_desktop.core.files import atomic_write
    from jcct_desktop.core.filtering import FilterContext
    from jcct_desktop.core.standing_words import LOOKS
    from jcct_desktop.memo.docx_memo import render_memo

    changes: ChangeReport | None = None
    try:
        ref = reference(args)
        catalog = choose(ref.catalog, args.meeting)
        options = replace(briefing_options(args, catalog), title="Briefing Memo")
        with notes_for_reading(args) as service:
            annotations = snapshot(service) if service else PlainAnnotations()
            ctx = FilterContext(catalog, ref.search, service)
            briefing = build_briefing(catalog, options, annotations, ctx)
            stored: list[Annotation] = service.all() if service else []
        if args.memo_since:
            in_scope = catalog.select(briefing.commitment_ids)
            words = {s: look.name for s, look in LOOKS.items()}
            changes = changes_between(in_scope, stored, args.memo_since, briefing.cover.as_of,
                                      standing_words=words)
    except (BadInput, EmptyScopeError, UnknownMeetingError, SectorError,
            ChangesRangeError) as exc:
        say(str(exc))
        return 2
    sources = {c.id: fact_sheet_reference(catalog, catalog.meeting(c.meeting))
               for c in catalog.select(briefing.commitment_ids)}
    try:
        atomic_write(args.output, lambda fh: render_memo(briefing, fh, changes, sources),
                     private=True)
    except OutputError as exc:
        say(str(exc))
        return 1
    print(f"wrote {Path(args.output)} "
          f"({plural(len(briefing.commitment_ids), 'commitment')})", file=sys.stderr)
    return 0
