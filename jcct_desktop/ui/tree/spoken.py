"""What a screen reader hears for a tree row: the same facts the icons and tooltips show.

The standing marker is an icon and the star/assessment column a glyph and a badge, so a
screen reader heard only a title (0 of 40 rows said their standing). These words go into
Qt.AccessibleTextRole / AccessibleDescriptionRole, which Qt hands to AT-SPI, UIA and
NSAccessibility.
"""

from __future__ import annotations

from datetime import date

from jcct_desktop.core.annotations.model import Assessment
from jcct_desktop.core.standing import StandingAsOf
from jcct_desktop.core.standing_words import follow_up_phrase, phrase
from jcct_desktop.ui.annotations.marks import AnnotationMarks
from jcct_desktop.ui.tree.items import TreeItem


def marks_words(marks: AnnotationMarks, commitment_id: str, as_of: date) -> list[str]:
    """["starred", "our assessment partly fulfilled", "follow up by 1 Mar 2012 — due", …]."""
    words: list[str] = []
    if marks.is_starred(commitment_id):
        words.append("starred")
    status = marks.status(commitment_id)
    if status is not Assessment.NOT_ASSESSED:
        words.append(f"our assessment {status.label.lower()}")
    when = marks.follow_up(commitment_id)
    if when is not None:
        words.append(follow_up_phrase(when, as_of).lower())
    if marks.has_draft(commitment_id):
        words.append("unsaved note draft")
    return words


def commitment_text(item: TreeItem, standing: StandingAsOf, marks: AnnotationMarks) -> str:
    """"2011-SOFT-2 — Title, Overdue — closed 15 days ago, starred, our assessment …"."""
    parts = [f"{item.key} — {item.label}", phrase(standing)]
    parts += marks_words(marks, item.key, standing.as_of)
    return ", ".join(parts)


def marks_text(marks: AnnotationMarks, commitment_id: str, as_of: date) -> str:
    """The star/assessment column in words ("not starred, not assessed" when empty)."""
    return ", ".join(marks_words(marks, commitment_id, as_of)) or "not starred, not assessed"


def container_counts(item: TreeItem) -> str:
    """"11 commitments, 1 overdue, 2 due soon"."""
    noun = "commitment" if item.count == 1 else "commitments"
    parts = [f"{item.count} {noun}"]
    if item.past:
        parts.append(f"{item.past} overdue")
    if item.missed:
        parts.append(f"{item.missed} not met")
    if item.soon:
        parts.append(f"{item.soon} due soon")
    return ", ".join(parts)


def container_text(item: TreeItem) -> str:
    """"Innovation, 11 commitments, 1 overdue"."""
    return f"{item.label}, {container_counts(item)}"
