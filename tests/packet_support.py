"""What the packet fast-path tests share: the briefings they print, the packet's bytes, and
what a reader sees on its pages (text runs and painted paths) to compare two packets by.

Each fast path is compared against reportlab's own way (or the code before) on the 2011
meeting with notes in several scripts and on a generated archive.
"""

from __future__ import annotations

import gc
import io
import weakref
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
from pypdf import PdfReader

from bench.make_archive import make_archive
from jcct_desktop.core.briefing import (
    AnnotationView,
    Briefing,
    BriefingOptions,
    HistoryView,
    NoteView,
    PlainAnnotations,
    Scope,
    build_briefing,
)
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.pdf.render import write_packet
from jcct_desktop.store.reference.reader import open_reference

AS_OF = date(2012, 3, 1)
SCRIPTS = "English, 中文 (Chinese), العربية, עברית, Ελληνικά, Русский — “quoted” & <kept>"


def packet(b: Briefing) -> bytes:
    out = io.BytesIO()
    write_packet(b, out)
    return out.getvalue()


def noted_2011(catalog: Catalog, every: int, *, history: bool) -> Briefing:
    """The 2011 meeting, every ``every``-th commitment noted in several scripts (a long note,
    evidence, tags; with ``history``, two changes of its status), the packet with history."""
    ids = [c.id for c in catalog.commitments]
    note = NoteView(f"{SCRIPTS}\n" * 4 + "a long line " * 80, datetime(2012, 1, 2))
    changes = tuple(HistoryView(datetime(2012, 1, d), "officer", "status", "Not assessed",
                                f"In progress {SCRIPTS}", "cable") for d in (3, 4))
    annotations = {i: AnnotationView(status="In progress", evidence=SCRIPTS * 3, notes=(note,),
                                      tags=("wto", "ipr"), history=changes if history else (),
                                      starred=True)
                   for i in ids[::every]}
    return build_briefing(catalog, BriefingOptions(
        as_of=AS_OF, deterministic=True, include_history=True),
        PlainAnnotations(annotations))


def every_twelfth(tmp_path_factory: pytest.TempPathFactory) -> Briefing:
    """A generated archive (20 meetings of 100): every twelfth commitment, every meeting."""
    path = make_archive(tmp_path_factory.mktemp("archive") / "a.sqlite", meetings=20,
                        per_meeting=100)
    catalog = open_reference(path).catalog
    ids = frozenset(c.id for c in catalog.commitments[::12])
    return build_briefing(catalog, BriefingOptions(
        scope=Scope.FILTER, ids=ids, as_of=AS_OF, deterministic=True,
        scope_label="every twelfth commitment"))


# The two briefings most of these tests print, as module fixtures (imported by name into a
# test module, pytest finds them there).
@pytest.fixture(scope="module")
def meeting_2011(reference) -> Briefing:
    """The 2011 meeting, every fourth commitment noted, with history."""
    return noted_2011(reference.catalog, 4, history=True)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Briefing:
    return every_twelfth(tmp_path_factory)


Run = tuple[bytes, float, float, str, tuple[float, ...]]


def text_runs(data: bytes) -> list[list[Run]]:
    """Every run of text on every page: the glyph codes shown, where, in which font and fill
    colour (what a reader draws; the codes are the same glyphs in both files, the fonts'
    subsets being filled in the same order). Text shown right after text in the same font and
    colour, with no move between, is one run however many operations show it."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        runs: list[Run] = []
        state: dict[str, Any] = {"fill": (), "font": "", "stack": []}

        def before(op: bytes, args: list[Any], cm: list[float], tm: list[float],
                   runs: list[Run] = runs, state: dict[str, Any] = state) -> None:
            if op == b"rg":
                state["fill"] = tuple(round(float(a), 6) for a in args)
            elif op == b"Tf":
                state["font"] = f"{args[0]} {float(args[1])}"
            elif op == b"q":
                state["stack"].append(state["fill"])
            elif op == b"Q" and state["stack"]:
                state["fill"] = state["stack"].pop()
            elif op in (b"Tj", b"TJ", b"'", b'"'):
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                shown = bytes(args[-1]) if op != b"TJ" else repr(args).encode()
                run = (shown, round(x, 3), round(y, 3), state["font"], state["fill"])
                if runs and runs[-1][1:] == run[1:]:  # shown right after the last: one run
                    run = (runs.pop()[0] + shown, *run[1:])
                runs.append(run)

        page.extract_text(visitor_operand_before=before)
        pages.append(runs)
    return pages


Mark = tuple[Any, ...]


def marks(data: bytes) -> list[list[Mark]]:
    """Per page, in drawing order: each text run (bytes shown, where, font, fill colour;
    text shown right after text in the same state is one run) and each painted path (its
    points on the page, line width, stroke colour, fill colour if filled, cap and join)."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        found: list[Mark] = []
        state: dict[str, Any] = {"fill": (), "stroke": (), "font": "", "w": 1.0, "J": 0,
                                 "j": 0, "path": [], "stack": []}

        def at(cm: list[float], x: float, y: float) -> tuple[float, float]:
            return (round(x * cm[0] + y * cm[2] + cm[4], 3),
                    round(x * cm[1] + y * cm[3] + cm[5], 3))

        def before(op: bytes, args: list[Any], cm: list[float], tm: list[float],
                   found: list[Mark] = found, state: dict[str, Any] = state) -> None:
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
                found.append(("path", op, tuple(state["path"]), state["w"], state["stroke"],
                              state["fill"] if filled else None, state["J"], state["j"]))
                state["path"] = []
            elif op in (b"Tj", b"TJ", b"'", b'"'):
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                shown = bytes(args[-1]) if op != b"TJ" else repr(args).encode()
                run = ("text", shown, round(x, 3), round(y, 3), state["font"], state["fill"])
                if found and found[-1][0] == "text" and found[-1][2:] == run[2:]:
                    run = ("text", found.pop()[1] + shown, *run[2:])
                found.append(run)

        page.extract_text(visitor_operand_before=before)
        pages.append(found)
    return pages


@pytest.fixture(scope="module")
def history_2011(reference) -> Briefing:
    """The 2011 meeting's packet with its history, as of March 1, 2012."""
    return build_briefing(reference.catalog, BriefingOptions(
        as_of=date(2012, 3, 1), deterministic=True, include_history=True))


@pytest.fixture
def no_collections() -> Iterator[None]:
    """The cyclic collector off (after one pass): only reference counting frees."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def record_made(monkeypatch: pytest.MonkeyPatch, cls: type) -> list[weakref.ref[Any]]:
    """Weak references to every ``cls`` made from now on (its ``__init__`` wrapped)."""
    made: list[weakref.ref[Any]] = []
    init = cls.__init__

    def recorded(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        made.append(weakref.ref(self))

    monkeypatch.setattr(cls, "__init__", recorded)
    return made
