"""A huge note prints its start and says so: a 2,000,000-character note (a hostile notes file
imported without complaint) made the 2011 packet 450 pages and four minutes long. The notes
keep every character; the packet and the memo print the first 150,000 of each officer-written
text, ended on a word, with a bracketed line naming how much the app holds."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from jcct_desktop.core.briefing import BriefingOptions, PlainAnnotations, build_briefing
from jcct_desktop.core.briefing.model import AnnotationView, NoteView, TalkingPointView
from jcct_desktop.core.briefing.printed_text import PRINTED_LIMIT, printed, printed_view
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.pdf.render import render_packet

WHEN = datetime(2012, 1, 2, tzinfo=UTC)
AS_OF = date(2012, 6, 1)


def test_a_text_within_the_limit_is_printed_whole():
    text = "word " * (PRINTED_LIMIT // 5)
    assert printed(text) is text
    view = AnnotationView(notes=(NoteView(text, WHEN),))
    assert printed_view(view) is view


def test_a_long_text_ends_on_a_word_and_says_how_much_is_left():
    text = ("lorem ipsum " * 20_000)  # 240,000 characters
    out = printed(text)
    head, _, tail = out.partition(" … [printed: ")
    assert len(head) <= PRINTED_LIMIT and text.startswith(head) and head.endswith(("lorem",
                                                                                   "ipsum"))
    assert tail == f"the first {len(head):,} of 240,000 characters; the whole text is in " \
                   "JCCT Desktop]"


@given(st.text(min_size=0, max_size=300), st.integers(20, 250))
def test_printed_is_the_text_or_its_start_and_a_note(text, limit):
    out = printed(text, limit)
    if len(text) <= limit:
        assert out == text
    else:
        head = out.split(" … [printed: the first ")[0]
        assert text.startswith(head) and len(head) <= limit


def test_the_packet_of_a_2_000_000_character_note_is_short_and_says_so(catalog, tmp_path):
    huge = "x" * 2_000_000
    view = AnnotationView(notes=(NoteView(huge, WHEN), NoteView("short one", WHEN)),
                          talking_points=(TalkingPointView("point " * 30_000, WHEN),))
    notes = PlainAnnotations({"2011-NEV-1": view})
    briefing = build_briefing(catalog, BriefingOptions(as_of=AS_OF), notes)
    entry = next(e for s in briefing.sections for e in s.commitments if e.id == "2011-NEV-1")
    texts = [n.text for n in entry.annotation.notes]
    assert texts[1] == "short one" and len(texts[0]) < PRINTED_LIMIT + 200
    assert texts[0].endswith("of 2,000,000 characters; the whole text is in JCCT Desktop]")
    out = tmp_path / "p.pdf"
    pages = render_packet(briefing, out, own_files=OwnFiles(tmp_path))
    assert pages < 100  # 24 without the note; was 450 with it
    text = " ".join(" ".join((p.extract_text() or "") for p in PdfReader(out).pages).split())
    assert "of 2,000,000 characters; the whole text is in JCCT Desktop]" in text
    assert "short one" in text


def test_the_stored_view_is_not_changed(catalog):
    """The briefing's copy is cut, never the annotations it was given."""
    huge = NoteView("y" * (PRINTED_LIMIT + 1), WHEN)
    view = AnnotationView(notes=(huge,))
    build_briefing(catalog, BriefingOptions(as_of=AS_OF), PlainAnnotations({"2011-NEV-1": view}))
    assert view.notes[0] is huge and len(huge.text) == PRINTED_LIMIT + 1
    assert replace(view) == view
