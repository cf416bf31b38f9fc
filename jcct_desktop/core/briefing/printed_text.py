"""How much of one officer-written text a packet prints.

A note is the officer's own and can be any length (a pasted report, or a 2,000,000-character
note from a hostile notes file): one such note made the 2011 packet 450 pages and four minutes
long. A packet prints the first ``PRINTED_LIMIT`` characters of each note, talking point,
evidence and history entry, ending on a word, and says how much more the app holds; the notes
themselves are never cut.
"""

from __future__ import annotations

from dataclasses import replace

from jcct_desktop.core.briefing.model import AnnotationView

# about 35 pages of packet text: a long cable pasted into a note (100,000 characters) still
# prints whole (tests/test_pdf_long_text.py); two million characters do not
PRINTED_LIMIT = 150_000
_WORD_BACK = 200  # how far back a cut looks for a space to end on


def printed(text: str, limit: int = PRINTED_LIMIT) -> str:
    """``text`` whole when it is at most ``limit`` characters; else its start, ended on a
    word where one ends near the limit, and a bracketed line saying what was left out."""
    if len(text) <= limit:
        return text
    space = text.rfind(" ", limit - _WORD_BACK, limit)
    cut = space if space > 0 else limit
    return (f"{text[:cut].rstrip()} … [printed: the first {cut:,} of {len(text):,} "
            "characters; the whole text is in JCCT Desktop]")


def printed_view(a: AnnotationView, limit: int = PRINTED_LIMIT) -> AnnotationView:
    """``a`` with each of its texts as ``printed`` gives it (the same object when none is
    longer than ``limit``: the usual case costs a length check per text)."""
    texts = [a.evidence, *(n.text for n in a.notes), *(t.text for t in a.talking_points),
             *(r.evidence for r in a.assessments),
             *(part for h in a.history for part in (h.old, h.new, h.why))]
    if all(len(text) <= limit for text in texts):
        return a
    return replace(
        a,
        evidence=printed(a.evidence, limit),
        notes=tuple(replace(n, text=printed(n.text, limit)) for n in a.notes),
        talking_points=tuple(replace(t, text=printed(t.text, limit))
                             for t in a.talking_points),
        assessments=tuple(replace(r, evidence=printed(r.evidence, limit))
                          for r in a.assessments),
        history=tuple(replace(h, old=printed(h.old, limit), new=printed(h.new, limit),
                              why=printed(h.why, limit)) for h in a.history),
    )
