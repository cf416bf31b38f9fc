"""``--sector NAME`` on the exports, and ``jcct-desktop sectors`` listing what it accepts.

A sector is named by its code (``GRID``) or its name (``Smart Grid``) in the newest meeting
chosen. A group often shares its name with its one sector (GRID and SG are both "Smart Grid"):
the name then means the group, which takes its sectors. Any other name shared by several
sectors is refused with their codes rather than guessed; an unknown name gets the closest.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from typing import TYPE_CHECKING

from jcct_desktop.cli.meetings import UnknownMeetingError, add_meeting_option

if TYPE_CHECKING:
    from jcct_desktop.core.catalog import Catalog
    from jcct_desktop.core.model import Sector

LIST_HINT = "jcct-desktop sectors"


class SectorError(ValueError):
    """A --sector that names no sector, or several; the message is one line for the user."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sectors", help="list the sectors and groups --sector accepts")
    add_meeting_option(p, "default: the newest meeting")
    p.set_defaults(handler=list_sectors)


def list_sectors(args: argparse.Namespace) -> int:
    from jcct_desktop.cli.args import say
    from jcct_desktop.cli.meetings import choose, reference

    try:
        catalog = choose(reference(args).catalog, args.meeting)
    except UnknownMeetingError as exc:
        say(str(exc))
        return 2
    meetings = catalog.meetings if args.meeting else catalog.meetings[-1:]
    for meeting in meetings:
        sys.stdout.write("\n".join(_listing(catalog, meeting.id, meeting.name)) + "\n")
    return 0


def _listing(catalog: Catalog, meeting_id: str, title: str) -> list[str]:
    """"jcct-22: <name>", then one line per group and its sectors (indented), in sheet order."""
    sectors = sorted((s for s in catalog.sectors if s.meeting == meeting_id),
                     key=lambda s: s.position)
    width = max((len(s.code) + 2 for s in sectors), default=0)
    lines = [f"{meeting_id}: {title}"]
    for s in sectors:
        code = s.code if s.is_group else f"  {s.code}"
        lines.append(f"{code:<{width}}  {s.name}")
    return lines


def sector_code(catalog: Catalog, name: str) -> str:
    """The code of the one sector or group of the newest meeting that ``name`` names."""
    meeting = catalog.meetings[-1].id if catalog.meetings else ""
    sectors = [s for s in catalog.sectors if s.meeting == meeting]
    wanted = name.strip().casefold()
    by_code = [s for s in sectors if s.code.casefold() == wanted]
    found = by_code or [s for s in sectors if s.name.casefold() == wanted]
    groups = [s for s in found if s.is_group]
    if len(groups) == 1 and all(s.parent == groups[0].code for s in found if not s.is_group):
        return groups[0].code  # the group and (some of) its own sectors: the group has them all
    if len(found) == 1:
        return found[0].code
    if found:
        raise SectorError(f"{name!r} names {len(found)} sectors: {_codes(found)}; "
                          f"give one code, e.g. --sector {found[0].code}")
    raise SectorError(f"unknown sector {name!r}{_closest(sectors, name)}; "
                      f"'{LIST_HINT}' lists them all")


def _codes(found: list[Sector]) -> str:
    return ", ".join(f"{s.code} (a group)" if s.is_group else f"{s.code} (in group {s.parent})"
                     for s in found)


def _closest(sectors: list[Sector], name: str) -> str:
    """"; the closest: Smart Grid (GRID), Smart Grid (SG)" from names and codes, or nothing."""
    keys: dict[str, list[Sector]] = {}
    for s in sectors:
        keys.setdefault(s.name.casefold(), []).append(s)
        keys.setdefault(s.code.casefold(), []).append(s)
    near = difflib.get_close_matches(name.strip().casefold(), keys, n=3, cutoff=0.6)
    chosen = list(dict.fromkeys(s for key in near for s in keys[key]))[:4]
    if not chosen:
        return ""
    return "; the closest: " + ", ".join(f"{s.name} ({s.code})" for s in chosen)
