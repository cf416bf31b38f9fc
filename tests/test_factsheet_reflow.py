"""Wrapped text and PDFs drafted as well as the clean text (issue 21): our own 2011 source,
hard-wrapped by ``fold -s`` at every width from 60 to 100 columns, with page furniture, as a
word processor's plain text, and typeset as a PDF, against the reviewed data."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from datetime import date
from pathlib import Path

import pytest

from jcct_desktop.core.deadlines import parse_window
from jcct_desktop.core.model import Dialogue
from jcct_desktop.factsheet_import.drafts import MeetingInfo, build_drafts
from jcct_desktop.factsheet_import.reflow import reflow
from jcct_desktop.factsheet_import.source import read_source

REPO = Path(__file__).resolve().parents[1]
TEXT = REPO / "db" / "source" / "jcct-2011-fact-sheet.txt"
DATA = tomllib.loads((REPO / "db" / "jcct-2011.toml").read_text("utf-8"))
INFO = MeetingInfo(Dialogue.JCCT, 22, date(2011, 11, 21), "Chengdu, China")


def fold(text: str) -> str:
    return " ".join(text.split())


REVIEWED = [fold(c["text"]) for c in DATA["commitments"]]
WINDOWS = sorted((fold(c["text"]), str(parse_window(m["when"]).earliest),
                  str(parse_window(m["when"]).latest))
                 for c in DATA["commitments"] for m in c.get("milestones", [])
                 if m["when"])  # fmt: skip
FACTS = sorted(fold(f["text"]) for f in DATA["facts"])


def scores(path: Path) -> dict[str, int]:
    """Exact commitment spans, drafts, windows right, windows drafted, facts right."""
    drafts = build_drafts(read_source(path), INFO)
    drafted = {fold(c["source_text"]) for c in drafts["commitments"]}
    windows = [(fold(c["source_text"]), m["earliest"], m["latest"])
               for c in drafts["commitments"] for m in c["milestones"]]  # fmt: skip
    facts = {fold(f["text"]) for f in drafts["facts"]}
    return {"exact": sum(t in drafted for t in REVIEWED), "drafts": len(drafted),
            "windows": sum(w in windows for w in WINDOWS), "drafted_windows": len(windows),
            "facts": sum(f in facts for f in FACTS), "drafted_facts": len(facts)}  # fmt: skip


PERFECT = {"exact": 40, "drafts": 40, "windows": 15, "drafted_windows": 15, "facts": 18,
           "drafted_facts": 18}  # fmt: skip


def _folded(width: int) -> str:
    return subprocess.run(["fold", "-s", "-w", str(width), str(TEXT)], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip


needs_fold = pytest.mark.skipif(shutil.which("fold") is None, reason="needs coreutils fold")


def test_the_clean_source_is_left_as_it_is() -> None:
    text = TEXT.read_text("utf-8")
    assert reflow(text) is text
    assert scores(TEXT) == PERFECT


@needs_fold
def test_hard_wrapped_at_every_width_from_60_to_100(tmp_path: Path) -> None:
    wrong = {}
    for width in range(60, 101):
        path = tmp_path / f"w{width}.txt"
        path.write_text(_folded(width), "utf-8")
        got = scores(path)
        if got != PERFECT:
            wrong[width] = got
    assert wrong == {}


@needs_fold
def test_page_furniture_and_form_feeds_are_dropped(tmp_path: Path) -> None:
    lines = _folded(76).split("\n")
    pages = [lines[i : i + 45] for i in range(0, len(lines), 45)]
    out: list[str] = []
    for n, page in enumerate(pages, 1):  # a running header, the page, its number, a new page
        out += ["22nd JCCT Fact Sheet - U.S. Department of Commerce", *page,
                f"Page {n} of {len(pages)}", "\f"]  # fmt: skip
    path = tmp_path / "pages.txt"
    path.write_text("\n".join(out), "utf-8")
    assert len(pages) >= 3
    assert scores(path) == PERFECT
    flowed = reflow(path.read_text("utf-8"))
    assert "Page 2 of" not in flowed and "\f" not in flowed
    assert flowed.count("U.S. Department of Commerce\n") == 1  # kept once, on a line of its own


def test_a_word_processors_plain_text_with_o_bullets(tmp_path: Path) -> None:
    text = TEXT.read_text("utf-8").replace("  • ", "o\t").replace("\n", "\r\n")
    path = tmp_path / "word.txt"
    path.write_bytes(text.encode("utf-8"))
    assert scores(path) == PERFECT


@pytest.mark.parametrize(("text", "flowed"), [
    ("China will publish the legaliza-\ntion rules.\n",
     "China will publish the legalization rules.\n"),
    ("extend it to state-\nowned enterprises.\n", "extend it to state-owned enterprises.\n"),
    ("1. China will act.\n2. The United States will act.\n",
     "1. China will act.\n2. The United States will act.\n"),
])  # fmt: skip
def test_hyphenated_breaks_and_numbered_items(text: str, flowed: str) -> None:
    # "legalization" elsewhere in the text says the hyphen only broke the word for the line
    assert reflow(text + "\nA legalization program.\n").startswith(flowed)


@pytest.mark.parametrize(("hanging", "exact", "facts"), [(True, 40, 18), (False, 39, 17)])
def test_a_typeset_pdf(tmp_path: Path, hanging: bool, exact: int, facts: int) -> None:
    """Measured, typeset by reportlab with a running header and page numbers: with hanging
    bullets (continuation lines under the bullet's words, as fact sheets set them) all 40
    commitments, 15 windows and 18 facts; with flush bullets (continuation lines at the
    margin) the one fact set right after a bullet runs into it: 39 and 17. The sections the
    clean text marks by wide gaps are lost with the gaps in both."""
    from bench.bench_import import _typeset

    pdf = tmp_path / "typeset.pdf"
    _typeset(TEXT.read_text("utf-8"), pdf, hanging)
    got = scores(pdf)
    assert got["exact"] >= exact and got["drafts"] == 40
    assert got["windows"] == 15 and got["drafted_windows"] == 15
    assert got["facts"] >= facts
