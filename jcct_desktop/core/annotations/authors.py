"""Who wrote what: a note's author is in the history (the entry that gave it its text), so
it travels with every export and team sync without a column of its own."""

from __future__ import annotations

from jcct_desktop.core.annotations.model import Annotation, Note

_WRITES = ("added", "edited", "restored")


def note_author(a: Annotation, note: Note) -> str | None:
    """The officer whose edit produced this note's text (the earliest such entry), if known."""
    entries = [h for h in a.history
               if h.field == "note" and h.new == note.text and h.why in _WRITES]
    return min(entries, key=lambda h: h.when).who if entries else None
