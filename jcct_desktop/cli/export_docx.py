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

from jcct_desktop.cli.args import output_file, say
from jcct_desktop.cli.export_pdf import (
    BadInput,
    add_scope_options,
    briefing_options,
    notes_for_reading,
)
from jcct_desktop.cli.meetings import UnknownMeetingError, choose, reference
from jcct_desktop.cli.sectors import SectorError
from jcct_desktop.core.counts import plural
from jcct_desktop.core.files import OutputError
from jcct_desktop.core.own_files import OwnFiles


def register(formats: argparse._SubParsersAction) -> None:
    p = formats.add_parser("docx", help="a briefing memo as a Word document (.docx)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", type=output_file,
                   help="Word file to write")
    add_scope_options(p, since_help="add what changed from DATE to the as-of date",
                      marking_help="handling marking at the top and bottom (none by default)",
                      prepared_by_help="the memo's FROM line",
                      prepared_for_help="the memo's TO line")
    # What the packet's options mean for a memo: notes in, history and facts out.
    p.set_defaults(handler=export_docx, no_notes=False, history=False, no_timeline=False,
                   no_facts=True, paper="letter", deterministic=False, summary_order="urgency")


def export_docx(args: argparse.Namespace) -> int:
    from jcct_desktop.core.briefing import EmptyScopeError, PlainAnnotations, build_briefing
    from jcct_desktop.core.briefing.from_annotations import snapshot
    from jcct_desktop.core.briefing.since import with_changes
    from jcct_desktop.core.changes import ChangesRangeError
    from jcct_desktop.core.files import atomic_write
    from jcct_desktop.core.filtering import FilterContext
    from jcct_desktop.memo.docx_memo import render_memo

    try:
        ref = reference(args)
        catalog = choose(ref.catalog, args.meeting)
        options = replace(briefing_options(args, catalog), title="Briefing Memo")
        with notes_for_reading(args) as service:
            annotations = snapshot(service) if service else PlainAnnotations()
            ctx = FilterContext(catalog, ref.search, service)
            briefing = build_briefing(catalog, options, annotations, ctx)
            if args.briefing_since is not None:
                briefing = with_changes(briefing, catalog, service.all() if service else [],
                                        args.briefing_since)
    except (BadInput, EmptyScopeError, UnknownMeetingError, SectorError,
            ChangesRangeError) as exc:
        say(str(exc))
        return 2
    try:
        atomic_write(args.output, lambda fh: render_memo(briefing, fh, catalog),
                     own_files=OwnFiles(args.data_dir))
    except OutputError as exc:
        say(str(exc))
        return 1
    print(f"wrote {Path(args.output)} "
          f"({plural(len(briefing.commitment_ids), 'commitment')})", file=sys.stderr)
    return 0
