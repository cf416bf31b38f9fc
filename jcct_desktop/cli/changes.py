"""``jcct-desktop changes``: what changed between two dates, grouped by commitment.

The work is done in :mod:`core.changes`; this reads the notes and the reference data and
writes the report as text (for people), JSON or CSV (for scripts).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jcct_desktop.cli.args import iso_date, output_file, say
from jcct_desktop.cli.meetings import add_meeting_option
from jcct_desktop.core.own_files import OwnFiles

if TYPE_CHECKING:
    from jcct_desktop.core.catalog import Catalog
    from jcct_desktop.core.changes import ChangeItem, ChangeReport

FORMATS = ("text", "json", "csv")
CSV_COLUMNS = ("commitment_id", "title", "meeting", "sector", "date", "kind", "importance",
               "summary", "author", "old", "new")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("changes", help="what changed between two dates, by commitment")
    p.add_argument("--since", required=True, metavar="DATE", type=iso_date,
                   help="the first day to report (ISO date, included)")
    p.add_argument("--until", metavar="DATE", type=iso_date,
                   help="the last day to report (default: --as-of, else today)")
    add_meeting_option(p, "default: all meetings")
    p.add_argument("--sector", action="append", default=[], metavar="NAME",
                   help="only this sector or group (name or code; repeatable)")
    p.add_argument("--format", dest="changes_format", choices=FORMATS, default="text",
                   help="text (default), json or csv")
    p.add_argument("-o", "--output", metavar="FILE", type=output_file,
                   help="file to write (default: stdout)")
    p.set_defaults(handler=show_changes)


def show_changes(args: argparse.Namespace) -> int:
    from jcct_desktop.cli.meetings import UnknownMeetingError, choose, reference
    from jcct_desktop.cli.sectors import SectorError, sector_code
    from jcct_desktop.core import dates
    from jcct_desktop.core.changes import ChangesRangeError, changes_between
    from jcct_desktop.core.files import OutputError, atomic_write
    from jcct_desktop.core.standing_words import LOOKS
    from jcct_desktop.store.notes.operations import open_for_reading

    until = args.until or getattr(args, "as_of", None) or dates.today()
    try:
        catalog = choose(reference(args).catalog, args.meeting)
        commitments = list(catalog.commitments)
        if args.sector:
            meeting = catalog.meetings[-1].id
            chosen: dict[str, None] = {}
            for name in args.sector:
                sector = catalog.sector(meeting, sector_code(catalog, name))
                chosen.update(dict.fromkeys(c.id for c in catalog.commitments_under(sector)))
            commitments = catalog.select(chosen)
        service = open_for_reading(args.data_dir)
        try:
            annotations = service.all() if service is not None else []
        finally:
            if service is not None:
                service.close()
        words = {s: look.name for s, look in LOOKS.items()}
        report = changes_between(commitments, annotations, args.since, until,
                                 meetings=catalog.meetings, standing_words=words)
    except (UnknownMeetingError, SectorError, ChangesRangeError) as exc:
        say(str(exc))
        return 2
    text = {"text": as_text, "json": as_json, "csv": as_csv}[args.changes_format](
        report, catalog)
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    try:
        atomic_write(args.output, lambda fh: fh.write(text.encode("utf-8")),
                     own_files=OwnFiles(args.data_dir))
    except OutputError as exc:
        say(str(exc))
        return 1
    print(f"wrote {Path(args.output)}", file=sys.stderr)
    return 0


def as_text(report: ChangeReport, catalog: Catalog) -> str:
    head = (f"Changes from {report.since.isoformat()} to {report.until.isoformat()}: "
            f"{_plural(report.count, 'change')} in "
            f"{_plural(len(report.commitments), 'commitment')}")
    lines = [head]
    for m in report.meetings:
        lines.append(f"  {m.day.isoformat()}  {m.summary}")
    for group in report.commitments:
        c = group.commitment
        lines += ["", f"{c.id} — {c.title}"]
        lines += [f"  {_line(i)}" for i in group.items]
    if not report.count:
        lines.append("Nothing changed.")
    return "\n".join(lines) + "\n"


def _line(item: ChangeItem) -> str:
    by = f" (by {item.author})" if item.author else ""
    return f"{item.day.isoformat()}  {item.summary}{by}"


def _item(item: ChangeItem) -> dict[str, Any]:
    return {"date": item.day.isoformat(), "kind": item.kind,
            "importance": item.importance.name.lower(), "summary": item.summary,
            "author": item.author, "old": item.old, "new": item.new}


def as_json(report: ChangeReport, catalog: Catalog) -> str:
    doc = {
        "since": report.since.isoformat(),
        "until": report.until.isoformat(),
        "count": report.count,
        "meetings_imported": [_item(m) for m in report.meetings],
        "commitments": [
            {"id": g.commitment.id, "title": g.commitment.title,
             "meeting": g.commitment.meeting, "sector": g.commitment.sector,
             "changes": [_item(i) for i in g.items]}
            for g in report.commitments
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def as_csv(report: ChangeReport, catalog: Catalog) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for g in report.commitments:
        c = g.commitment
        for i in g.items:
            row = _item(i)
            writer.writerow([c.id, c.title, c.meeting, c.sector, row["date"], row["kind"],
                             row["importance"], row["summary"], row["author"], row["old"],
                             row["new"]])
    return out.getvalue()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
