"""``jcct-desktop sync`` and ``jcct-desktop team init URL`` over :mod:`jcct_desktop.team`.

Exit codes (one line on stderr, never a traceback): 0 done; 2 no team database configured, an
address libpq cannot read, or an address holding a password (put it in ~/.pgpass); 1 the
server unreachable, refusing, or of a newer schema, or the notes unusable (nothing changed in
each case).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from jcct_desktop.cli.lock import writes_into_folder

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1

NO_TEAM = (
    "no team database: give --team URL, set JCCT_TEAM_URL, or choose one in the window "
    "(File → Sync with team database)"
)


def register(subparsers: Any) -> None:
    sync = subparsers.add_parser(
        "sync", help="send your notes to the team database and bring in everyone else's"
    )
    sync.add_argument("--team", dest="sync_team", metavar="URL",
                      help="libpq URL or 'service=NAME' (default: --team, $JCCT_TEAM_URL, "
                      "or the address saved by the window)")
    sync.set_defaults(handler=run_sync_command)
    team = subparsers.add_parser("team", help="set up the shared team database")
    actions = team.add_subparsers(dest="team_command", required=True)
    init = actions.add_parser(
        "init", help="create or upgrade the team database's schema (run once, as its owner)")
    init.add_argument("url", metavar="URL", help="libpq URL or 'service=NAME'")
    init.set_defaults(handler=run_init)


def _say(code: int, message: str) -> int:
    print(f"jcct-desktop: {' '.join(message.split())}", file=sys.stderr)
    return code


def _driver_missing() -> str | None:
    """A one-line reason when this build cannot load the PostgreSQL driver."""
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        return f"team sync is not available in this build (PostgreSQL driver: {exc})"
    return None


def run_init(args: argparse.Namespace) -> int:
    if (missing := _driver_missing()) is not None:
        return _say(EXIT_FAILED, missing)
    from jcct_desktop.team.admin import init_team
    from jcct_desktop.team.connect import TeamError, parse_address, shown
    from jcct_desktop.team.settings import refuse_secrets

    try:
        parse_address(args.url)
        refuse_secrets(args.url, "given on the command line")
        revision = init_team(args.url)
    except TeamError as exc:
        bad_input = "Not a PostgreSQL address" in str(exc) or "never takes" in str(exc)
        return _say(EXIT_BAD_INPUT if bad_input else EXIT_FAILED, str(exc))
    print(f"team database {shown(args.url)} ready (schema {revision})", file=sys.stderr)
    return 0


@writes_into_folder("File → Sync with team database")
def run_sync_command(args: argparse.Namespace) -> int:
    if (missing := _driver_missing()) is not None:
        return _say(EXIT_FAILED, missing)
    from jcct_desktop.store.notes.database import UserDataError
    from jcct_desktop.store.notes.operations import open_for_editing
    from jcct_desktop.team.connect import TeamError, parse_address, shown
    from jcct_desktop.team.settings import resolve_address
    from jcct_desktop.team.sync import run_sync

    given = getattr(args, "sync_team", None) or getattr(args, "team", None)
    try:
        address = resolve_address(given, args.data_dir)
    except TeamError as exc:  # a password in the address
        return _say(EXIT_BAD_INPUT, str(exc))
    if address is None:
        return _say(EXIT_BAD_INPUT, NO_TEAM)
    try:
        parse_address(address)
    except TeamError as exc:
        return _say(EXIT_BAD_INPUT, str(exc))
    try:
        service = open_for_editing(args.data_dir)
    except UserDataError as exc:
        return _say(EXIT_FAILED, str(exc))
    try:
        result = run_sync(service, address)
    except TeamError as exc:
        return _say(EXIT_FAILED, f"{exc} (your notes are unchanged)")
    finally:
        service.close()
    print(f"synced with {shown(address)}: {result.describe()}", file=sys.stderr)
    return 0
