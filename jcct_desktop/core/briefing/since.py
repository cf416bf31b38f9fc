"""The packet's and the memo's "What changed since …" block: ``core.changes`` for the
commitments a briefing covers, from ``since`` to the briefing's own as-of day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from jcct_desktop.core.annotations.model import Annotation
from jcct_desktop.core.briefing.model import Briefing
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.changes import ChangeReport, changes_between
from jcct_desktop.core.standing_words import LOOKS


def briefing_changes(briefing: Briefing, catalog: Catalog, annotations: Iterable[Annotation],
                     since: date) -> ChangeReport:
    """What changed to the briefing's commitments from ``since`` to its as-of day (raises
    ``core.changes.ChangesRangeError`` when ``since`` is later)."""
    words = {s: look.name for s, look in LOOKS.items()}  # the words the packet uses
    return changes_between(catalog.select(briefing.commitment_ids), list(annotations), since,
                           briefing.cover.as_of, standing_words=words)


def with_changes(briefing: Briefing, catalog: Catalog, annotations: Iterable[Annotation],
                 since: date | None) -> Briefing:
    """The briefing with its changes block (unchanged when ``since`` is None)."""
    if since is None:
        return briefing
    return replace(briefing, changes=briefing_changes(briefing, catalog, annotations, since))
