"""A short paragraph drawn again in the same document replays its first drawing
(``pdf.drawn_once``): the packet comes out byte for byte as when every paragraph draws itself,
on the 2011 meeting with notes in several scripts (right-to-left ones drawn their own way)
and on a generated archive; linked text is drawn every time (its link is at the page's own
coordinates); and for any short texts at any widths under Hypothesis."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import Flowable, SimpleDocTemplate, Table

from jcct_desktop.core.briefing import Briefing
from jcct_desktop.pdf import drawn_once, flow
from jcct_desktop.pdf.flow import Para
from jcct_desktop.pdf.styles import stylesheet
from tests import packet_support
from tests.packet_support import packet, text_runs

# the 2011 meeting noted and the generated archive, as module fixtures
meeting_2011, archive = packet_support.meeting_2011, packet_support.archive


def _each_drawn(canv: Any, key: Any, blpara: Any, draw: Any) -> None:
    draw()


class _Counted:
    """``draw_once``, counting the drawings it replayed."""

    def __init__(self) -> None:
        self.replayed = 0

    def __call__(self, canv: Any, key: Any, blpara: Any, draw: Any) -> None:
        before = len(canv._code)
        calls: list[int] = []
        drawn_once.draw_once(canv, key, blpara, lambda: calls.append(1) or draw())
        if not calls and len(canv._code) > before:
            self.replayed += 1


@pytest.mark.parametrize("which", ["meeting_2011", "archive"])
def test_replayed_paragraphs_print_what_drawn_ones_print(which, request, monkeypatch):
    b: Briefing = request.getfixturevalue(which)
    counted = _Counted()
    monkeypatch.setattr(flow, "draw_once", counted)
    fast = packet(b)
    monkeypatch.setattr(flow, "draw_once", _each_drawn)
    slow = packet(b)
    assert fast == slow
    commitments = sum(len(s.commitments) for s in b.sections)
    assert counted.replayed > 2 * commitments  # labels, sides, standings: replayed, often
    if which == "meeting_2011":  # the notes' Chinese drawn (replayed or not) in the CJK font
        assert "中文" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(fast)).pages)


def _doc(flowables: list[Flowable]) -> bytes:
    sheet = stylesheet()
    out = io.BytesIO()
    SimpleDocTemplate(out, initialFontName=sheet.fonts.sans, invariant=1).build(flowables)
    return out.getvalue()


def _links(data: bytes) -> int:
    return sum(len(page.get("/Annots") or []) for page in PdfReader(io.BytesIO(data)).pages)


def test_linked_text_is_drawn_every_time(monkeypatch):
    style = stylesheet()["cell"]
    story = [Para('<a href="https://example.org/">the fact sheet</a>', style) for _ in range(5)]
    fast = _doc(story)
    assert _links(fast) == 5
    monkeypatch.setattr(flow, "draw_once", _each_drawn)
    story = [Para('<a href="https://example.org/">the fact sheet</a>', style) for _ in range(5)]
    assert _doc(story) == fast


SHORT = st.text(alphabet=st.sampled_from("ab Z9&;#“”—é\u4e2d\u0639\u05d0"), min_size=1,
                max_size=40)
TAGGED = st.sampled_from(["{}", "<b>{}</b>", '<font color="#a84300">▲</font> {}',
                          "{}<br/>{}", '<font size="7" color="#5f6670">{}</font>'])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(SHORT, TAGGED, st.sampled_from([40, 90, 300]),
                          st.sampled_from(["cell", "label", "meta"])),
                min_size=1, max_size=8),
       st.integers(min_value=2, max_value=3))
@example(texts=[(" ", "{}", 40, "cell")], repeats=2)  # a blank text: CI found it draws nothing
def test_any_short_texts_drawn_again_print_what_they_printed(texts, repeats):
    """The same texts drawn several times, in table cells of several widths and as body
    text: the same bytes whether drawn each time or replayed."""
    sheet = stylesheet()

    def story() -> list[Flowable]:
        from xml.sax.saxutils import escape

        out: list[Flowable] = []
        for _ in range(repeats):
            for text, form, width, style in texts:
                markup = form.format(escape(text), escape(text))
                out.append(Table([[Para(markup, sheet[style])]], colWidths=[width]))
                out.append(Para(markup, sheet[style]))
        return out

    fast = _doc(story())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flow, "draw_once", _each_drawn)
        slow = _doc(story())
    assert fast == slow
    # something was drawn for each text with something to see (a blank text draws nothing)
    visible = [t for t in texts if t[0].strip() or "▲" in t[1]]
    assert sum(map(len, text_runs(fast))) >= len(visible)
