"""A commitment's quote, a paragraph with its bar drawn beside it, prints what the one-cell
table it replaces printed: the same text runs (glyphs, places, fonts, colours) and the same
bar (where, how wide, what colour, its caps), page by page, on the 2011 meeting with notes in
several scripts and on a generated archive, and for any quote under Hypothesis."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import Flowable, SimpleDocTemplate

from bench.make_archive import make_archive
from jcct_desktop.core.briefing import (
    AnnotationView,
    Briefing,
    BriefingOptions,
    NoteView,
    PlainAnnotations,
    Scope,
    build_briefing,
)
from jcct_desktop.pdf import sector
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.flow import Para
from jcct_desktop.pdf.measured_table import MeasuredTable
from jcct_desktop.pdf.render import write_packet
from jcct_desktop.pdf.styles import stylesheet
from jcct_desktop.pdf.text import markup
from jcct_desktop.store.reference.reader import open_reference

AS_OF = date(2012, 3, 1)
SCRIPTS = "English, 中文 (Chinese), العربية, עברית, Ελληνικά, Русский — “quoted” & <kept>"


def table_quote(text: Para, width: float) -> Flowable:
    """The quote as it was set before: a right-aligned table of one cell with a rule before."""
    sheet = stylesheet()
    quote = MeasuredTable([[text]], colWidths=[width])
    quote.setStyle(S.table_style(sheet, [
        ("LINEBEFORE", (0, 0), (0, -1), 2, S.QUOTE_BAR),
        ("LEFTPADDING", (0, 0), (-1, -1), 9), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    quote.hAlign = "RIGHT"
    return quote


def _packet(b: Briefing) -> bytes:
    out = io.BytesIO()
    write_packet(b, out)
    return out.getvalue()


Mark = tuple[Any, ...]


def _marks(data: bytes) -> list[list[Mark]]:
    """Per page, in drawing order: each text run (bytes shown, where, font, fill colour;
    text shown right after text in the same state is one run) and each painted path (its
    points on the page, line width, stroke colour, fill colour if filled, cap and join)."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        marks: list[Mark] = []
        state: dict[str, Any] = {"fill": (), "stroke": (), "font": "", "w": 1.0, "J": 0,
                                 "j": 0, "path": [], "stack": []}

        def at(cm: list[float], x: float, y: float) -> tuple[float, float]:
            return (round(x * cm[0] + y * cm[2] + cm[4], 3),
                    round(x * cm[1] + y * cm[3] + cm[5], 3))

        def before(op: bytes, args: list[Any], cm: list[float], tm: list[float],
                   marks: list[Mark] = marks, state: dict[str, Any] = state) -> None:
            kept = ("fill", "stroke", "w", "J", "j")
            if op == b"rg":
                state["fill"] = tuple(round(float(a), 6) for a in args)
            elif op == b"RG":
                state["stroke"] = tuple(round(float(a), 6) for a in args)
            elif op in (b"w", b"J", b"j"):
                state[op.decode()] = float(args[0])
            elif op == b"Tf":
                state["font"] = f"{args[0]} {float(args[1])}"
            elif op == b"q":
                state["stack"].append(tuple(state[k] for k in kept))
            elif op == b"Q" and state["stack"]:
                for k, v in zip(kept, state["stack"].pop(), strict=True):
                    state[k] = v
            elif op in (b"m", b"l"):
                state["path"].append((op, at(cm, float(args[0]), float(args[1]))))
            elif op == b"re":
                x, y, w, h = map(float, args)
                state["path"].append((op, at(cm, x, y), at(cm, x + w, y + h)))
            elif op == b"n":
                state["path"] = []
            elif op in (b"S", b"s", b"B", b"f", b"F", b"b"):
                filled = op not in (b"S", b"s")  # a stroke alone shows no fill colour
                marks.append(("path", op, tuple(state["path"]), state["w"], state["stroke"],
                              state["fill"] if filled else None, state["J"], state["j"]))
                state["path"] = []
            elif op in (b"Tj", b"TJ", b"'", b'"'):
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                shown = bytes(args[-1]) if op != b"TJ" else repr(args).encode()
                run = ("text", shown, round(x, 3), round(y, 3), state["font"], state["fill"])
                if marks and marks[-1][0] == "text" and marks[-1][2:] == run[2:]:
                    run = ("text", marks.pop()[1] + shown, *run[2:])
                marks.append(run)

        page.extract_text(visitor_operand_before=before)
        pages.append(marks)
    return pages


def _bars(marks: list[list[Mark]]) -> list[Mark]:
    bar = tuple(round(c, 6) for c in S.QUOTE_BAR.rgb())
    return [m for page in marks for m in page if m[0] == "path" and m[4] == bar]


@pytest.fixture(scope="module")
def meeting_2011(reference) -> Briefing:
    ids = [c.id for c in reference.catalog.commitments]
    note = NoteView(f"{SCRIPTS}\n" * 4 + "a long line " * 80, datetime(2012, 1, 2))
    annotations = {i: AnnotationView(status="In progress", evidence=SCRIPTS * 3, notes=(note,),
                                      tags=("wto", "ipr"), starred=True)
                   for i in ids[::3]}
    return build_briefing(reference.catalog, BriefingOptions(
        as_of=AS_OF, deterministic=True, include_history=True),
        PlainAnnotations(annotations))


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Briefing:
    path = make_archive(tmp_path_factory.mktemp("archive") / "a.sqlite", meetings=20,
                        per_meeting=100)
    catalog = open_reference(path).catalog
    ids = frozenset(c.id for c in catalog.commitments[::12])
    return build_briefing(catalog, BriefingOptions(
        scope=Scope.FILTER, ids=ids, as_of=AS_OF, deterministic=True,
        scope_label="every twelfth commitment"))


@pytest.mark.parametrize("which", ["meeting_2011", "archive"])
def test_the_quote_prints_what_the_one_cell_table_printed(which, request, monkeypatch):
    b: Briefing = request.getfixturevalue(which)
    fast = _marks(_packet(b))
    monkeypatch.setattr(sector, "barred_quote", table_quote)
    slow = _marks(_packet(b))
    assert fast == slow
    commitments = sum(len(s.commitments) for s in b.sections)
    bars = _bars(fast)
    assert len(bars) >= commitments  # a bar for each quote, at least (a quote may continue)
    assert all(m[3] == 2 and m[6] == 1 for m in bars)  # 2 pt wide, round caps
    assert all(m[2][0][1][0] == m[2][1][1][0] for m in bars)  # upright


PROSE = st.lists(st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzWM.,;:&<>“”é—0189"
                                                  "中文עב"),
                         min_size=1, max_size=14), min_size=1, max_size=60).map(" ".join)


def _page(flowables: list[Flowable]) -> bytes:
    sheet = stylesheet()
    out = io.BytesIO()
    SimpleDocTemplate(out, initialFontName=sheet.fonts.sans).build(flowables)
    return out.getvalue()


@settings(max_examples=25, deadline=None)
@given(st.lists(PROSE, min_size=1, max_size=4))
def test_any_quote_prints_what_the_table_printed(texts):
    sheet = stylesheet()
    font, style = sheet.font("quote"), sheet["quote"]
    width = 6.5 * 72 - 12

    def story(make: Any) -> list[Flowable]:
        return [make(Para(markup(f"“{t}”", font), style), width) for t in texts]

    fast = _marks(_page(story(sector.barred_quote)))
    assert fast == _marks(_page(story(table_quote)))
    assert len(_bars(fast)) == len(texts)
