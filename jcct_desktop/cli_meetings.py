"""``--meeting ID`` on the exports, and the catalog every command reads (bundled + imported)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jcct_desktop.core.catalog import Catalog
    from jcct_desktop.store.reference import ReferenceData


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


def reference(args: argparse.Namespace) -> ReferenceData:
    """The bundled reference data with the officer's imported meetings merged in."""
    from jcct_desktop.store.imported_meetings import open_with_imports

    return open_with_imports(getattr(args, "data_dir", None))


def choose(catalog: Catalog, wanted: Sequence[str]) -> Catalog:
    """``catalog`` restricted to the ``--meeting`` ids; all of it when none is given."""
    if not wanted:
        return catalog
    known = [m.id for m in catalog.meetings]
    for mid in wanted:
        if mid not in known:
            raise UnknownMeetingError(f"unknown meeting {mid!r}; known: {', '.join(known)}")
    return catalog.only(wanted)
