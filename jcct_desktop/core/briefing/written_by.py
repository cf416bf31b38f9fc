"""A packet as of a date leaves out what was written after it.

A note created after the as-of day (in the officer's own time zone, as the window dates it) is
left out, and counted so the commitment's section can say so. A follow-up date is today's plan,
not something known on an earlier day: a packet as of a past day prints none.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from jcct_desktop.core.briefing.model import AnnotationView


def local_day(moment: datetime) -> date:
    """The day a stored moment fell on where the officer is (a naive time is taken as local)."""
    return moment.astimezone().date()


def written_by(view: AnnotationView, as_of: date, today: date) -> AnnotationView:
    notes = tuple(n for n in view.notes if local_day(n.created) <= as_of)
    history = tuple(h for h in view.history if local_day(h.when) <= as_of)
    return replace(
        view,
        notes=notes,
        later_notes=len(view.notes) - len(notes),
        history=history,
        follow_up=view.follow_up if as_of >= today else None,
    )
