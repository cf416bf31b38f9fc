"""Text that the notes can hold: what PostgreSQL ``text``/``jsonb`` (the team database) cannot
store is refused at the door, wherever text enters — ``notes import``, the window's editors,
the service, the team items.

One NUL character in a note was accepted locally and then stopped that officer's team sync for
good: the history keeps the text even after the note is deleted (issue 19, probe 7).
PostgreSQL refuses U+0000 in ``text`` and ``jsonb``, and a lone surrogate (U+D800–U+DFFF, from
a ``\\ud800`` escape) is no UTF-8 at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jcct_desktop.core.annotations.model import Annotation

NUL = "\x00"


def unstorable(text: str) -> str | None:
    """What in ``text`` cannot be stored, in words ("a NUL character (U+0000)"), or None."""
    if NUL in text:
        return "a NUL character (U+0000)"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"an invalid character (a lone surrogate, U+{ord(text[exc.start]):04X})"
    return None


class UnstorableText(ValueError):
    """Text refused at the door; the message names what (and where) for the officer."""


def check_storable(text: str, what: str) -> None:
    """Raise :class:`UnstorableText` naming ``what`` ("the note", "the evidence") when
    ``text`` holds a character the notes and the team database cannot keep."""
    problem = unstorable(text)
    if problem is not None:
        raise UnstorableText(
            f"{what} contains {problem}, which the notes (and the team database) cannot "
            "hold; remove it and try again"
        )


def annotation_texts(a: Annotation) -> Iterator[tuple[str, str]]:
    """(where, text) of every text an annotation carries, named for the officer."""
    cid = a.commitment_id
    yield f"the commitment id {cid!r}", cid
    yield f"the evidence on {cid}", a.evidence
    for n in a.notes:
        yield f"a note on {cid} ({n.text[:30]!r}…)", n.text
    for t in a.tags:
        yield f"a tag on {cid}", t
    for r in a.assessments:
        for label, text in (("evidence", r.evidence), ("source", r.source),
                            ("milestone", r.milestone or ""), ("author", r.who)):
            yield f"the {label} of an assessment of {cid}", text
    for h in a.history:
        for text in (h.who, h.field, h.old, h.new, h.why):
            yield f"the history of {cid}", text


def check_annotations(annotations: Iterable[Annotation]) -> None:
    """Refuse the first unstorable text in ``annotations`` (a merge, a team item), naming it."""
    for a in annotations:
        for where, text in annotation_texts(a):
            check_storable(text, where[0].upper() + where[1:])
