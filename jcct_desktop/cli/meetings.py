"""``--meeting ID`` on the exports, and the catalog every command reads (bundled + imported)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jcct_desktop.core.catalog import Catalog
    from jcct_desktop.store.reference.reader import ReferenceData


class UnknownMeetingError(ValueError):
    pass


def add_meeting_option(p: argparse.ArgumentParser, default_text: str) -> None:
    p.add_argument(
        "--meeting",
        action="append",
        default=[],
        metavar="ID",
        help=f"only this meeting, e.g. jcct-22 or sed-3 (repeatable; {default_text})",
    )


# every option that names the date to judge as of (none given: the clock's today)
AS_OF_OPTIONS = ("as_of", "pdf_as_of", "export_as_of", "ics_as_of", "until")


def reference(args: argparse.Namespace) -> ReferenceData:
    """The bundled reference data with the officer's imported meetings merged in; a command
    judging as of the clock's today says so on stderr when the data shows the clock wrong."""
    from jcct_desktop.core import dates
    from jcct_desktop.core.clock_check import clock_doubt
    from jcct_desktop.store.reference.imported_meetings import open_with_imports

    data = open_with_imports(args.data_dir)
    if not any(getattr(args, name, None) for name in AS_OF_OPTIONS):
        doubt = clock_doubt(dates.today(), data.catalog.meetings)
        if doubt:
            print(f"jcct-desktop: warning: {doubt[:1].lower()}{doubt[1:]}", file=sys.stderr)
    return data


def choose(catalog: Catalog, wanted: Sequence[str]) -> Catalog:
    """``catalog`` restricted to the ``--meeting`` ids; all of it when none is given."""
    if not wanted:
        return catalog
    known = [m.id for m in catalog.meetings]
    for mid in wanted:
        if mid not in known:
            raise UnknownMeetingError(f"unknown meeting {mid!r}; known: {', '.join(known)}")
    return catalog.only(wanted)


def register(sub: argparse._SubParsersAction) -> None:
    """``jcct-desktop meetings list`` and ``jcct-desktop meetings remove ID``."""
    p = sub.add_parser("meetings", help="list the meetings, or remove an imported one")
    actions = p.add_subparsers(dest="meetings_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="every meeting: bundled and imported")
    listing.set_defaults(handler=_list)
    remove = actions.add_parser(
        "remove", help="remove an imported meeting, or the fact sheet imported for a bundled "
                       "one (notes backed up first and kept)"
    )
    remove.add_argument("id", metavar="ID", help="the meeting's id, e.g. jcct-23")
    remove.set_defaults(handler=_remove)


def _list(args: argparse.Namespace) -> int:
    import sys

    from jcct_desktop.core.counts import plural
    from jcct_desktop.factsheet_import.meeting_removal import list_meetings
    from jcct_desktop.store.reference.reader import open_reference

    shown = reference(args).catalog
    for m in list_meetings(open_reference().catalog, shown, args.data_dir):
        state = m.origin if m.shown else f"{m.origin}, {m.problem}"
        sys.stdout.write(f"{m.id}\t{m.label}\t{m.dates}\t{plural(m.commitments, 'commitment')}"
                         f"\t{state}\n")  # fmt: skip
    return 0


def _remove(args: argparse.Namespace) -> int:
    from jcct_desktop.cli.lock import writes_into_folder

    return writes_into_folder("File → Remove imported meeting…")(_remove_held)(args)


def _remove_held(args: argparse.Namespace) -> int:
    import sys

    from jcct_desktop.cli.args import say
    from jcct_desktop.core.counts import plural
    from jcct_desktop.factsheet_import.meeting_removal import remove_meeting
    from jcct_desktop.factsheet_import.source import ImportError_
    from jcct_desktop.store.reference.reader import open_reference

    try:
        done = remove_meeting(args.id, open_reference().catalog, args.data_dir)
    except ImportError_ as exc:
        say(str(exc))
        return 2
    backup = f"notes backed up to {done.backup}; " if done.backup else ""
    what = (f"the {' and '.join(done.sheets_only)} fact sheet imported for {done.meeting} "
            "(the bundled meeting stays)" if done.sheets_only else f"meeting {done.meeting}")
    print(f"removed {what} ({plural(done.commitments, 'commitment')}); {backup}"
          f"its document is kept in {done.kept_as}; notes on its commitments are kept and come "
          "back if it is imported again", file=sys.stderr)  # fmt: skip
    return 0
