"""Arabic and Hebrew: letters joined (presentation forms chosen in logical order), runs in
visual order when drawn, numbers and Latin words in their places, a right-to-left paragraph
aligned right. Checked on the functions and on a rendered packet read back with pypdf."""

from __future__ import annotations

import io
import unicodedata
from datetime import date, datetime

from pypdf import PdfReader

from jcct_desktop.core.briefing import (
    AnnotationView,
    BriefingOptions,
    NoteView,
    PlainAnnotations,
    Scope,
    build_briefing,
)
from jcct_desktop.pdf import packet_bytes
from jcct_desktop.pdf.arabic import shape
from jcct_desktop.pdf.bidi import base_level, visual

ARABIC = "مرحبا بالعالم: اجتماع 123 مع MOFCOM"
HEBREW = "שלום עולם 2012 פגישה עם USTR היום"


def test_arabic_letters_take_their_joined_forms():
    shaped = shape("مرحبا")
    names = [unicodedata.name(c) for c in shaped]
    assert names == ["ARABIC LETTER MEEM INITIAL FORM", "ARABIC LETTER REH FINAL FORM",
                     "ARABIC LETTER HAH INITIAL FORM", "ARABIC LETTER BEH MEDIAL FORM",
                     "ARABIC LETTER ALEF FINAL FORM"]
    assert unicodedata.normalize("NFKC", shape(ARABIC)) == ARABIC  # nothing else changes
    assert shape("السلام") == "\ufe8d\ufedf\ufeb4\ufefc\ufee1"  # lam-alef is one ligature
    assert shape("plain text") == "plain text"


def test_visual_order_reverses_words_but_keeps_numbers_and_latin():
    assert base_level(HEBREW) == 1 and base_level("Mixed: «שלום»") == 0
    shown, order = visual(HEBREW, 1)
    assert shown == "םויה USTR םע השיגפ 2012 םלוע םולש"
    assert sorted(order) == list(range(len(HEBREW)))
    shown, _ = visual("said «שלום» twice (ok)", 0)
    assert shown == "said «םולש» twice (ok)"  # Latin left to right, brackets unchanged
    assert visual("(שלום)", 1)[0] == "(םולש)"  # mirrored inside a right-to-left run
    assert visual("abc 123 def", 0)[0] == "abc 123 def"


def test_rendered_packet_holds_joined_letters_right_aligned(reference):
    notes = (NoteView(ARABIC, datetime(2012, 1, 1)), NoteView(HEBREW, datetime(2012, 1, 2)),
             NoteView("Latin note", datetime(2012, 1, 3)))
    b = build_briefing(reference.catalog, BriefingOptions(scope=Scope.STARRED,
                                                          as_of=date(2012, 1, 15)),
                       PlainAnnotations({"2011-NEV-1": AnnotationView(notes=notes,
                                                                      starred=True)}))
    data, _ = packet_bytes(b)
    runs: list[tuple[str, float]] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=lambda t, cm, tm, f, s: runs.append((t, tm[4])))
    text = "".join(t for t, _ in runs)
    assert "\ufee3\ufeae\ufea3\ufe92\ufe8e" in text  # مرحبا, joined
    hebrew_x = min(x for t, x in runs if "היום" in t)
    latin_x = min(x for t, x in runs if "Latin note" in t)
    assert hebrew_x > latin_x + 50  # starts at the right, as a Hebrew reader expects
