"""``jcct-desktop import factsheet``: drafts from a new fact sheet, and saving reviewed drafts.

jcct-desktop import factsheet FILE --dialogue jcct|sed --number N --date YYYY-MM-DD
             [--place TEXT] [--kind us|joint] [--force] [-o drafts.json]
jcct-desktop import factsheet --apply drafts.json
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from jcct_desktop.cli.args import output_file
from jcct_desktop.cli.lock import writes_into_folder
from jcct_desktop.core.counts import plural
from jcct_desktop.core.files import atomic_write
from jcct_desktop.core.own_files import OwnFiles


def register(sub: argparse._SubParsersAction) -> None:
    imp = sub.add_parser("import", help="bring in a new meeting's fact sheet")
    kinds = imp.add_subparsers(dest="import_kind", metavar="WHAT", required=True)
    p = kinds.add_parser(
        "factsheet",
        help="draft a fact sheet (text, saved HTML page or PDF) for review, or save drafts",
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="the fact sheet to draft")
    p.add_argument("--dialogue", choices=("jcct", "sed"))
    p.add_argument("--number", type=int, metavar="N", help="the meeting's number (22nd → 22)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the meeting's (last) day")
    p.add_argument("--place", default="", metavar="TEXT")
    p.add_argument("--kind", choices=("us", "joint"), default="us", help="whose fact sheet")
    p.add_argument("-o", "--output", metavar="FILE", type=output_file,
                   help="drafts file (default: stdout)")
    p.add_argument("--apply", metavar="DRAFTS", help="save a reviewed drafts file as it stands")
    p.add_argument("--force", action="store_true",
                   help="draft FILE even when it has no fact-sheet title and no participants "
                        "or co-chairs passage")  # fmt: skip
    p.set_defaults(handler=_run)


def _fail(message: str, code: int = 2) -> int:
    print(f"jcct-desktop: {message}", file=sys.stderr)
    return code


def _run(args: argparse.Namespace) -> int:
    from jcct_desktop.factsheet_import.source import ImportError_

    try:
        return _apply(args) if args.apply else _draft(args)
    except ImportError_ as exc:
        return _fail(str(exc))


def _draft(args: argparse.Namespace) -> int:
    from jcct_desktop.core.model import Dialogue, meeting_id
    from jcct_desktop.factsheet_import.drafts import (
        MeetingInfo,
        build_drafts,
        known_meetings,
        next_meeting_date,
        second_sheet,
    )
    from jcct_desktop.factsheet_import.source import read_source
    from jcct_desktop.store.reference.imported_meetings import open_with_imports

    missing = [f"--{n}" for n in ("dialogue", "number", "date") if getattr(args, n) is None]
    if not args.file or missing:
        return _fail("import factsheet FILE needs " + ", ".join(missing or ["FILE"]))
    try:
        when = date.fromisoformat(args.date)
    except ValueError:
        return _fail(f"--date: {args.date!r} is not an ISO date (YYYY-MM-DD)")
    if args.number < 1:
        return _fail("--number: a meeting number is 1 or more")
    mid = meeting_id(args.dialogue, args.number)
    catalog = open_with_imports(args.data_dir).catalog
    dialogue = Dialogue(args.dialogue)
    info = MeetingInfo(dialogue, args.number, when, args.place, args.kind,
                       next_meeting_date(catalog, dialogue, args.number),
                       known_meetings(catalog))  # fmt: skip
    if any(m.id == mid for m in catalog.meetings):  # a second fact sheet, or refused
        info = second_sheet(catalog, info)
    drafts = build_drafts(read_source(Path(args.file)), info, force=args.force)
    text = json.dumps(drafts, ensure_ascii=False, indent=2) + "\n"
    if not args.output or args.output == "-":
        sys.stdout.write(text)
    else:
        atomic_write(args.output, lambda fh: fh.write(text.encode("utf-8")),
                     own_files=OwnFiles(args.data_dir))
    print(_summary(drafts), file=sys.stderr)
    return 0


def _summary(drafts: dict) -> str:
    from jcct_desktop.factsheet_import.drafts import unparsed_count

    cs = drafts["commitments"]
    ms = [m for c in cs for m in c["milestones"]]
    undated = unparsed_count(drafts)
    links = sum(len(c["links"]) for c in cs)
    return (f"drafted {plural(len(cs), 'commitment')}, {plural(len(drafts['facts']), 'fact')}, "
            f"{plural(len(drafts['sectors']), 'sector')}, {plural(len(ms), 'milestone')} "
            f"({undated} unparsed), {plural(links, 'link candidate')}; review the flags, "
            f"then --apply")  # fmt: skip


@writes_into_folder("File → Import fact sheet…")
def _apply(args: argparse.Namespace) -> int:
    from jcct_desktop.factsheet_import.apply import to_meeting_doc
    from jcct_desktop.factsheet_import.source import ImportError_
    from jcct_desktop.store.reference.build import SourceError
    from jcct_desktop.store.reference.imported_meetings import (
        imported_docs,
        open_with_imports,
        save_meeting,
    )

    if args.file:
        return _fail("give either FILE (to draft) or --apply DRAFTS (to save), not both")
    path = Path(args.apply)
    try:
        drafts = json.loads(path.read_text("utf-8"))
    except OSError as exc:
        return _fail(f"{path}: cannot read ({exc.strerror})", 1)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ImportError_(f"{path}: not a drafts file (not JSON)") from None
    catalog = open_with_imports(args.data_dir).catalog
    try:
        doc = to_meeting_doc(drafts, catalog, imported_docs(args.data_dir))
        saved = save_meeting(doc, catalog, args.data_dir)
    except ImportError_:
        raise  # already one line naming the item
    except SourceError as exc:  # before ValueError: it is one, with the item named
        raise ImportError_(f"{path}: {exc}") from None
    except KeyError as exc:
        raise ImportError_(f"{path}: the drafts file is incomplete (missing {exc})") from None
    except (TypeError, AttributeError, ValueError):
        raise ImportError_(
            f"{path}: not in the drafts format (an entry has the wrong shape)"
        ) from None
    n = plural(len(doc["commitments"]), "commitment")
    print(f"saved meeting {doc['meeting']['id']} ({n}) into {saved}", file=sys.stderr)
    return 0
