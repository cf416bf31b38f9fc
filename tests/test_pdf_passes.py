"""Two layout passes, and a story made afresh per pass for large packets: same bytes, less kept."""

from __future__ import annotations

import gc
import io
from datetime import date

import pytest
from reportlab.pdfgen.canvas import Canvas

from jcct_desktop.core.briefing import BriefingOptions, Scope, build_briefing
from jcct_desktop.pdf.flow import Para
from jcct_desktop.pdf.passes import LazyStory
from jcct_desktop.pdf.render import write_packet
from jcct_desktop.pdf.template import PacketTemplate
from jcct_desktop.store.reference.reader import open_reference


@pytest.fixture(scope="module")
def briefing():
    options = BriefingOptions(as_of=date(2012, 3, 1), deterministic=True, include_history=True,
                              marking="FOUO")
    return build_briefing(open_reference().catalog, options)


def _build(b, keep_story, monkeypatch):
    passes, alive = [], []
    before = PacketTemplate.beforeDocument
    save = Canvas.save

    def count_pass(self):
        passes.append(1)
        before(self)

    def count_alive(self):
        gc.collect()
        alive.append(sum(isinstance(o, Para) for o in gc.get_objects()))
        save(self)

    monkeypatch.setattr(PacketTemplate, "beforeDocument", count_pass)
    monkeypatch.setattr(Canvas, "save", count_alive)
    out = io.BytesIO()
    write_packet(b, out, keep_story=keep_story, one_pass=False)
    monkeypatch.undo()
    return out.getvalue(), len(passes), alive[0]


def test_both_ways_give_the_same_bytes_in_two_passes(briefing, monkeypatch):
    kept, kept_passes, kept_alive = _build(briefing, True, monkeypatch)
    fresh, fresh_passes, fresh_alive = _build(briefing, False, monkeypatch)
    assert kept == fresh
    assert kept_passes == fresh_passes == 2  # the seeded contents matched the headings
    # made afresh, a drawn paragraph is garbage: only the last page's few remain
    assert fresh_alive < kept_alive / 4, (fresh_alive, kept_alive)


def test_lazy_story_does_what_build_asks_of_a_list():
    story = LazyStory(iter(range(100)))
    assert len(story) == 64 and story[70] == 70 and story[:3] == [0, 1, 2]
    del story[0]
    story[0:0] = ["a", "b"]
    story.insert(0, "k")
    assert story[:4] == ["k", "a", "b", 1]
    del story[:4]
    assert story[0] == 2
    rest = []
    while len(story):
        rest.append(story[0])
        del story[0]
    assert rest == list(range(2, 100)) and not story


def _read(data: bytes) -> tuple[list[str], list[tuple[str, int]]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    texts = ["".join(p.extract_text().split()) for p in reader.pages]
    marks = [(o.title, reader.get_destination_page_number(o)) for o in reader.outline
             if not isinstance(o, list)]
    return texts, marks


@pytest.mark.parametrize("with_contents", [True, False])
def test_one_pass_prints_what_two_passes_print(briefing, with_contents):
    """The page numbers drawn as forms after one pass read back as two passes print them:
    every page's text (contents numbers and "Page X of Y" included) and every bookmark."""
    one, two = io.BytesIO(), io.BytesIO()
    pages = write_packet(briefing, one, with_contents=with_contents)  # one pass by default
    assert write_packet(briefing, two, with_contents=with_contents, one_pass=False) == pages
    (one_texts, one_marks), (two_texts, two_marks) = _read(one.getvalue()), _read(two.getvalue())
    assert one_texts == two_texts
    assert one_marks == two_marks and len(one_marks) > 10
    assert f"Page{pages}of{pages}" in one_texts[-1]
    assert ("Contents" in one_texts[1]) is with_contents


def test_objects_set_aside_during_layout_are_handed_back(briefing):
    before = gc.get_freeze_count()
    write_packet(briefing, io.BytesIO())
    if before == 0:  # nothing was frozen: every object is collectable again
        assert gc.get_freeze_count() == 0
    else:  # frozen before (as the window freezes itself): nothing handed back
        assert gc.get_freeze_count() >= before


def test_one_pass_without_timeline_or_facts_for_some_sectors():
    options = BriefingOptions(scope=Scope.SECTORS, sectors=("INNOV", "DIALOGUE"),
                              as_of=date(2012, 3, 1), deterministic=True,
                              include_timeline=False, include_facts=False)
    b = build_briefing(open_reference().catalog, options)
    one, two = io.BytesIO(), io.BytesIO()
    pages = write_packet(b, one, with_contents=True)
    assert write_packet(b, two, with_contents=True, one_pass=False) == pages
    one_texts, two_texts = _read(one.getvalue())[0], _read(two.getvalue())[0]
    assert one_texts == two_texts
    assert "Deadlinetimeline" not in one_texts[1] and "Contents" in one_texts[1]


def test_parsing_short_texts_once_changes_no_byte(briefing, monkeypatch):
    """The same bytes with the parse cache as with reportlab parsing every paragraph."""
    from reportlab.platypus import Paragraph

    from jcct_desktop.pdf import flow

    cached = io.BytesIO()
    write_packet(briefing, cached)
    assert flow._PARSED  # labels, sides, standings were parsed once
    monkeypatch.setattr(flow.Para, "_setup", Paragraph._setup)
    fresh = io.BytesIO()
    write_packet(briefing, fresh)
    assert cached.getvalue() == fresh.getvalue()
