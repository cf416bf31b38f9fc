"""A packet as of a date leaves out what was written after it.

A note created after the as-of day (in the officer's own time zone, as the window dates it) is
left out, and counted so the commitment's section can say so; a note edited after it is quoted
as it read that day, and the tags are those of that day (their changes are in the history, old
and new). A follow-up date is
today's plan, not something known on an earlier day: a packet as of a past day prints none.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from jcct_desktop.core.briefing.model import AnnotationView, HistoryView, NoteView


def local_day(moment: datetime) -> date:
    """The day a stored moment fell on where the officer is (a naive time is taken as local)."""
    return moment.astimezone().date()


def written_by(view: AnnotationView, as_of: date, today: date) -> AnnotationView:
    later_edits = sorted((h for h in view.history
                          if h.field == "note" and h.why == "edited"
                          and local_day(h.when) > as_of),
                         key=lambda h: h.when, reverse=True)
    notes = tuple(as_it_read(n, later_edits) for n in view.notes
                  if local_day(n.created) <= as_of)
    history = tuple(h for h in view.history if local_day(h.when) <= as_of)
    return replace(
        view,
        notes=notes,
        tags=tags_then(view, as_of),
        later_notes=len(view.notes) - len(notes),
        history=history,
        follow_up=view.follow_up if as_of >= today else None,
        # talking points are for the meeting ahead: a packet as of a past day prints those
        # written by then
        talking_points=tuple(p for p in view.talking_points if local_day(p.created) <= as_of),
    )


def as_it_read(note: NoteView, later_edits: list[HistoryView]) -> NoteView:
    """Undo, newest first, the edits made after the day whose new text is this note's."""
    text = note.text
    for edit in later_edits:
        if edit.new == text:
            text = edit.old
    return note if text == note.text else replace(note, text=text, edited_since=True)


def tags_then(view: AnnotationView, as_of: date) -> tuple[str, ...]:
    """The tags as they stood on the day: each change of them is in the history (the list
    before and after), so the first change after the day holds them as they were."""
    later = [h for h in view.history if h.field == "tags" and local_day(h.when) > as_of]
    if not later:
        return view.tags
    first = min(later, key=lambda h: h.when)
    return tuple(t for t in first.old.split(", ") if t)
