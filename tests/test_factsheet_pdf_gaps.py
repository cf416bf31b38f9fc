"""A PDF whose sections are set apart only by vertical space (issue 21): headings as plain
lines, no bullet, colon or bold; a section is a wider gap than a paragraph's. Read by the lines'
positions on the page, it drafts like the clean text: 40/40 spans and every section."""

from __future__ import annotations

import itertools
import tomllib
from datetime import date
from pathlib import Path

import pytest

from bench.bench_import import typeset_by_gaps
from jcct_desktop.core.model import Dialogue
from jcct_desktop.factsheet_import import pdf_gaps
from jcct_desktop.factsheet_import.drafts import MeetingInfo, build_drafts
from jcct_desktop.factsheet_import.source import read_source

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "db" / "source" / "jcct-2011-fact-sheet.txt"
REVIEWED = tomllib.loads((REPO / "db" / "jcct-2011.toml").read_text("utf-8"))
INFO = MeetingInfo(Dialogue.JCCT, 22, date(2011, 11, 21), "Chengdu, China")


def _fold(text: str) -> str:
    return " ".join(text.split())


def _sections(drafts: dict) -> list[tuple[str, list[str]]]:
    """Each drafted section: its name and the texts drafted into it, in order."""
    out = []
    for s in drafts["sectors"]:
        texts = [_fold(f["text"]) for f in drafts["facts"] if f["sector_code"] == s["code"]]
        texts += [_fold(c["source_text"]) for c in drafts["commitments"]
                  if c["sector_code"] == s["code"]]  # fmt: skip
        out.append((s["name"], texts))
    return out


@pytest.mark.parametrize(("paragraph", "section"), [(4, 12), (3, 10), (6, 12)])
def test_a_pdf_with_sections_marked_by_gaps_drafts_every_section(
    tmp_path: Path, paragraph: float, section: float
) -> None:
    pdf = tmp_path / "by-gaps.pdf"
    typeset_by_gaps(SOURCE.read_text("utf-8"), pdf, paragraph, section)
    drafts = build_drafts(read_source(pdf), INFO)
    clean = build_drafts(read_source(SOURCE), INFO)
    assert len(clean["sectors"]) == 31  # 21 headed, 10 set apart by a wide gap alone
    assert _sections(drafts) == _sections(clean)
    drafted = {_fold(c["source_text"]) for c in drafts["commitments"]}
    assert sum(_fold(c["text"]) in drafted for c in REVIEWED["commitments"]) == 40
    assert len(drafts["commitments"]) == 40
    for c in drafts["commitments"]:  # every draft a span of the text it came from
        start, end = c["span"]
        assert drafts["source"]["text"][start:end] == c["source_text"]


def test_the_lines_positions_find_the_wide_gaps(tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = tmp_path / "by-gaps.pdf"
    long = " ".join(["China will publish the revised rules for comment."] * 6)  # three lines
    typeset_by_gaps(f"Heading one\n\n{long}\n\nAnother paragraph.\n\n\nA new section.\n",
                    pdf)  # fmt: skip
    [page] = PdfReader(pdf).pages
    lines = pdf_gaps.line_positions(page)
    assert len(lines) == 6 and lines[-1][1] == "A new section."
    # baselines 12 pt apart within a paragraph, +4 for a paragraph, +12 for a section
    assert [round(a[0] - b[0]) for a, b in itertools.pairwise(lines)] == [
        16, 12, 12, 16, 24]
    [text] = pdf_gaps.with_section_gaps([page.extract_text(extraction_mode="layout")], [lines])
    rows = [ln.strip() for ln in text.split("\n")]
    assert rows[-4:] == ["Another paragraph.", "", "", "A new section."]
    assert "" not in rows[:-3]  # a paragraph's small gap stays as the layout text had it


def test_a_page_the_two_readings_disagree_on_is_kept_as_it_is() -> None:
    layout = "Heading\nText one\n"
    lines = [(700.0, "Heading"), (680.0, "Something else")]
    assert pdf_gaps.with_section_gaps([layout], [lines]) == [layout]
