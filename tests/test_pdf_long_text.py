"""Nothing an officer can type makes a packet fail: huge notes, one endless word, hundreds of
notes, every script. Long text flows across pages as paragraphs under "(continued)" headers."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from jcct_desktop.core.briefing import (
    AnnotationView,
    BriefingOptions,
    HistoryView,
    NoteView,
    PlainAnnotations,
    Scope,
    build_briefing,
)
from jcct_desktop.pdf import packet_bytes

CID = "2011-NEV-1"
SCRIPTS = "English العربية ١٢٣ עברית 123 中文 Ελληνικά русский हिन्दी ไทย 😀 "


def _packet(reference, ann: AnnotationView, **options) -> tuple[list[str], int]:
    b = build_briefing(reference.catalog, BriefingOptions(
        scope=Scope.STARRED, as_of=date(2012, 1, 15), **options),
        PlainAnnotations({CID: ann}))
    data, pages = packet_bytes(b)
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages], pages


def test_bad_input_still_makes_a_complete_packet(reference):
    notes = (NoteView("cable " * 16_700 + "END-OF-CABLE", datetime(2012, 1, 1)),  # 100k
             NoteView("x" * 20_000, datetime(2012, 1, 2)),  # one unbroken word
             NoteView(SCRIPTS * 40, datetime(2012, 1, 3)),
             *(NoteView(f"note {i}\n" + "line\n" * 3, datetime(2012, 1, 4)) for i in range(500)))
    ann = AnnotationView(status="In progress", evidence="evidence " * 2000, notes=notes,
                         starred=True, history=(HistoryView(datetime(2012, 1, 1), "me", "note",
                                                            "", "y" * 100_000),))
    texts, pages = _packet(reference, ann, include_history=True, paper="a4",
                           marking="CONTROLLED // " * 10)
    whole = "\n".join(texts)
    assert pages == len(texts) > 20
    assert "END-OF-CABLE" in whole and "note 499" in whole  # complete, in order
    assert whole.index("note 0") < whole.index("note 499")
    assert re.sub(r"\s+", "", whole).count("x" * 500) >= 20  # the 20,000-character word whole
    continued = [t for t in texts if re.search(rf"{CID} — [^\n]* \(continued\)", t)]
    assert len(continued) > 10  # each page the commitment runs onto says so
    assert "100,000 characters" in whole  # a history row quotes the start of a long change


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.text(min_size=0, max_size=300), st.integers(1, 60)),
                min_size=1, max_size=4))
def test_any_note_text_and_size_exports(reference, pieces):
    notes = tuple(NoteView(text * times, datetime(2012, 1, 1)) for text, times in pieces)
    texts, pages = _packet(reference, AnnotationView(notes=notes, evidence=pieces[0][0] * 30,
                                                     starred=True))
    assert pages == len(texts) >= 2
