"""The large-packet fast paths (issue 25) print exactly what reportlab prints without them.

Each fast path is switched off by putting reportlab's own method back; the packet must come
out byte for byte the same (so the same pages, text, positions, fonts and links), on the 2011
meeting with notes in several scripts and on a generated archive.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table

from jcct_desktop.core.briefing import Briefing
from jcct_desktop.core.standing import Standing
from jcct_desktop.pdf import flow, measured_table, pieces, sector
from jcct_desktop.pdf.flow import Para
from jcct_desktop.pdf.recent import Recent
from jcct_desktop.pdf.render import write_packet
from jcct_desktop.pdf.styles import stylesheet
from jcct_desktop.pdf.subset_font import SubsetFont
from jcct_desktop.pdf.summary import state_markup
from jcct_desktop.pdf.tail_colour import tail_coloured
from jcct_desktop.pdf.text import markup
from tests import packet_support
from tests.packet_support import packet as _packet
from tests.packet_support import text_runs as _text_runs

# the 2011 meeting noted and the generated archive, as module fixtures
meeting_2011, archive = packet_support.meeting_2011, packet_support.archive


@pytest.fixture(params=["meeting_2011", "archive"])
def briefing(request) -> Briefing:
    b: Briefing = request.getfixturevalue(request.param)
    return b


def test_tables_measured_once_print_what_reportlab_measures(briefing, monkeypatch):
    measures: list[int] = []
    calc = Table._calc

    def counted(self, availWidth, availHeight):
        measures.append(1)
        calc(self, availWidth, availHeight)

    monkeypatch.setattr(Table, "_calc", counted)
    fast = _packet(briefing)
    skipped = len(measures)
    measures.clear()
    monkeypatch.setattr(measured_table.MeasuredTable, "_calc", counted)  # every time
    assert _packet(briefing) == fast
    assert len(measures) > 1.5 * skipped  # the fast path was taken, and often


def test_text_encoded_by_translation_prints_what_reportlab_encodes(briefing, monkeypatch):
    fast = _packet(briefing)
    monkeypatch.setattr(SubsetFont, "splitString", TTFont.splitString)
    slow = _packet(briefing)
    assert slow == fast
    pages = PdfReader(io.BytesIO(fast)).pages
    text = "".join(p.extract_text() for p in pages)
    ids = [c.id for s in briefing.sections for c in s.commitments]
    where = [text.rfind(i) for i in ids]
    assert all(w >= 0 for w in where) and where == sorted(where)  # every one, in order


def _font() -> SubsetFont:
    font = pdfmetrics.getFont(stylesheet().fonts.serif)
    assert isinstance(font, SubsetFont)  # the packet's fonts are registered as such
    return font


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(
    "abcXYZ 019 .,;&<>“”—é\u00a0\u4e2d\u6587\u0639\u05d0\u03b1\u0416\u2603\U0001f600"
    + "".join(map(chr, range(0x100, 0x250)))), max_size=40), max_size=30))
@example(["".join(map(chr, range(0x100, 0x250))), "ɏĀ abc", "ɏ\u00a0a"])  # past the first subset
def test_encoding_matches_reportlab_string_by_string(texts):
    """The same codes, string by string, as reportlab gives a fresh document: characters
    met before and new ones, the first subset and later ones, a no-break space, characters
    the font lacks."""
    font = _font()
    ours, theirs = PDFDocument(), PDFDocument()
    for text in texts:
        assert font.splitString(text, ours) == TTFont.splitString(font, text, theirs)
    states = [font.state.get(doc) for doc in (ours, theirs)]
    assert getattr(states[0], "assignments", None) == getattr(states[1], "assignments", None)


def test_the_commitment_count_is_read_a_few_times_whatever_the_size(archive, monkeypatch):
    """Progress is reported after every commitment and page; the count it reports against is
    read once per packet, not once per report (a list of all the ids made each time)."""
    reads: list[int] = []
    ids = Briefing.commitment_ids

    def counted(self: Briefing) -> list[str]:
        reads.append(1)
        return ids.fget(self)  # type: ignore[attr-defined,no-any-return]

    monkeypatch.setattr(Briefing, "commitment_ids", property(counted))
    steps: list[tuple[int, int]] = []
    write_packet(archive, io.BytesIO(), step=lambda done, total: steps.append((done, total)))
    total = len(ids.fget(archive))  # type: ignore[attr-defined]
    assert len(steps) > total and steps[-1] == (total, total)
    assert len(reads) < 20 < total  # a handful, not one per report



def test_milestones_parsed_in_pieces_print_what_one_parse_prints(briefing, monkeypatch):
    monkeypatch.setattr(sector, "tail_coloured", lambda *args: None)  # the other way, below
    monkeypatch.setattr(pieces, "_PIECES", {})
    fast = _packet(briefing)
    assert pieces._PIECES  # labels, standings, windows: parsed once
    monkeypatch.setattr(sector, "pieced", lambda pieces, style: Para("".join(pieces), style))
    assert _packet(briefing) == fast


def test_text_without_markup_set_without_the_parser_prints_the_same(briefing, monkeypatch):
    """Titles, quotes and notes get the parser's fragments without it."""
    fast = _packet(briefing)
    monkeypatch.setattr(flow, "plain_frags", lambda text, style: None)
    monkeypatch.setattr(pieces, "plain_frags", lambda text, style: None)
    assert _packet(briefing) == fast


WORDS = st.text(alphabet=st.sampled_from("ab Z9&<>;#“”—\u4e2d\u0639é\n"), max_size=30)


@settings(max_examples=80, deadline=None)
@given(WORDS, WORDS, WORDS, st.sampled_from(list(Standing)))
def test_pieces_have_the_fragments_of_the_whole(label, wording, window, state):
    """A milestone's pieces, parsed one by one (or not at all), make the fragments reportlab
    makes of the whole: any text, escaped characters, fallback fonts, line breaks."""
    sheet = stylesheet()
    style, font = sheet["cell"], sheet.font("cell")
    parts = [f"<b>{markup(label, font)}</b> — {state_markup(state, sheet)}<br/>",
             f"“{markup(wording, font)}” ",
             f'<font color="#5f6670">[{markup(window, font)}]</font>']
    ours = pieces.pieced(parts, style)
    whole = Paragraph("".join(parts), style)
    assert [f.__dict__ for f in ours.frags] == [f.__dict__ for f in whole.frags]
    assert ours.text == whole.text and ours.style is whole.style


def test_recent_keeps_what_is_used_again():
    cache: Recent[str, int] = Recent(3)
    for n, key in enumerate("abc"):
        cache[key] = n
    assert cache.get("a") == 0  # used again: now the most recent
    cache["d"] = 3
    assert list(cache) == ["c", "a", "d"] and cache.get("b") is None
    assert cache.get("b", -1) == -1


def test_labels_stay_shared_among_thousands_of_one_off_texts(archive, monkeypatch):
    """Ids, titles and dates are each set once; the labels every commitment repeats stay
    parsed and broken into lines however many of those pass through the caches."""
    fast = _packet(archive)
    monkeypatch.setattr(flow, "_PARSED", Recent(64))
    monkeypatch.setattr(flow, "_WRAPPED", Recent(64))
    assert _packet(archive) == fast
    sheet = stylesheet()
    assert ("STANDING", sheet["label"], None) in flow._PARSED
    assert any(key[0] == ("STANDING", sheet["label"], None) for key in flow._WRAPPED)


def test_widths_kept_per_string_print_what_reportlab_measures(briefing, monkeypatch):
    fast = _packet(briefing)
    monkeypatch.setattr(SubsetFont, "stringWidth", TTFont.stringWidth)
    assert _packet(briefing) == fast


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=12), st.sampled_from([7, 7.5, 8, 8.5, 9.5, 11.0])),
                max_size=20))
def test_widths_are_reportlabs(measures):
    font = _font()
    for text, size in measures * 2:  # measured, then kept
        assert font.stringWidth(text, size) == TTFont.stringWidth(font, text, size)


def test_milestone_windows_greyed_as_drawn_print_what_two_styles_print(briefing, monkeypatch):
    """The same text runs in the same places, fonts, sizes and colours as the milestone set
    as one paragraph of several styles (the file's bytes differ: fewer, longer runs)."""
    fast = _packet(briefing)
    monkeypatch.setattr(sector, "tail_coloured", lambda *args: None)
    slow = _packet(briefing)
    assert _text_runs(fast) == _text_runs(slow)
    grey = [r for page in _text_runs(fast) for r in page if r[4] == (0.372549, 0.4, 0.439216)]
    assert len(grey) >= len(briefing.summary)  # the windows, among others


PROSE = st.lists(st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzWM.,;:&<>“”é—0189"),
                         min_size=1, max_size=14), min_size=1, max_size=40).map(" ".join)


def _cell(flowables: list[Flowable]) -> bytes:
    sheet = stylesheet()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, initialFontName=sheet.fonts.sans)
    doc.build([Table([[flowables]], colWidths=[388])])
    return out.getvalue()


@settings(max_examples=15, deadline=None)
@given(PROSE, PROSE, PROSE, st.sampled_from(list(Standing)))
def test_any_wording_greyed_as_drawn_prints_what_two_styles_print(label, wording, window, state):
    sheet = stylesheet()
    style, font = sheet["cell"], sheet.font("cell")
    head = f"<b>{markup(label, font)}</b> — {state_markup(state, sheet)}"
    body, tail = f"“{markup(wording, font)}” ", f"[{markup(window, font)}]"
    fast = tail_coloured(head, body, tail, "#5f6670", style)
    assert fast is not None  # no markup, nothing right to left, no overlong word
    whole = Para(f'{head}<br/>{body}<font color="#5f6670">{tail}</font>', style)
    assert _text_runs(_cell(list(fast))) == _text_runs(_cell([whole]))


def test_text_the_plain_paragraph_might_set_otherwise_keeps_two_styles():
    sheet = stylesheet()
    style = sheet["cell"]
    for wording in ("x" * 41, "Chinese 中文", "עברית", "a\u00a0b", "line\nbreak"):
        body = f"“{markup(wording, sheet.font('cell'))}” "
        assert tail_coloured("<b>L</b>", body, "[2012]", "#5f6670", style) is None, wording
    assert tail_coloured("<b>L</b>", "“" + "x" * 38 + "” ", "[2012]", "#5f6670", style)
