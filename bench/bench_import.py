"""The fact-sheet importer's scores on a corpus built from our own source, and on synthetic
sheets in the style of later joint and S&ED sheets (issue 21).

    python bench/bench_import.py [--out DIR]

Our 2011 source (db/source/) is dressed in many clothes — clean text, the HTML page, hard-wrapped
at 60–100 columns (as ``fold -s`` does), with page furniture, as a word processor's plain text,
typeset as a PDF by reportlab, and damaged (bullets stripped, blank lines lost, mojibake quotes,
cut short) — and each is drafted and scored against the reviewed data (db/jcct-2011.toml):

* commitments: reviewed texts drafted as exact spans (of 40), and how many drafts there were;
* windows: reviewed dated milestones drafted with the same window (of 15), and how many dated
  milestones were drafted; ``wrong`` counts drafted windows whose wording the reviewed data
  dates otherwise (a deadline guessed wrong, unflagged: what must stay 0); ``extra`` counts
  dated windows of a wording the reviewed data does not hold; ``flagged`` counts "unparsed
  deadline" flags (said, not guessed);
* facts: reviewed facts drafted as facts (of 18);
* figures: the reviewed facts' figures drafted with the same value, unit and year (of 30);
* sections: the clean text's sections (name and what is drafted into them) drafted alike (of
  31: 21 headed, 10 set apart by a wide gap alone).

The synthetic sheets (tests/data) carry the expected party and deadline wording of each promise;
a promise scores when it is a draft of its own with that party and wording. One is a joint
sheet for the bundled 2011 meeting, drafted as its second sheet. The figure-rich sheets carry
the figures a careful reader takes from their facts (value, unit, year); a figure scores when
it is drafted exactly so.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tomllib
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from jcct_desktop.core.deadlines import parse_window  # noqa: E402
from jcct_desktop.core.model import Dialogue  # noqa: E402
from jcct_desktop.factsheet_import.drafts import (  # noqa: E402
    MeetingInfo,
    build_drafts,
    unparsed_count,
)
from jcct_desktop.factsheet_import.source import ImportError_, read_source  # noqa: E402

TEXT = REPO / "db" / "source" / "jcct-2011-fact-sheet.txt"
HTML = REPO / "db" / "source" / "jcct-2011-fact-sheet.html"
DATA = tomllib.loads((REPO / "db" / "jcct-2011.toml").read_text("utf-8"))
INFO = MeetingInfo(Dialogue.JCCT, 22, date(2011, 11, 21), "Chengdu, China")


def _fold(text: str) -> str:
    return " ".join(text.split())


REVIEWED = [_fold(c["text"]) for c in DATA["commitments"]]
WINDOWS = Counter((_fold(c["text"]), str(parse_window(m["when"]).earliest),
                   str(parse_window(m["when"]).latest))
                  for c in DATA["commitments"] for m in c.get("milestones", [])
                  if m["when"])  # fmt: skip
# each reviewed deadline wording and its window: a drafted one of the same words must agree
BY_WORDING = {_fold(m["when"]).casefold(): (str(parse_window(m["when"]).earliest),
                                           str(parse_window(m["when"]).latest))
              for c in DATA["commitments"] for m in c.get("milestones", [])
              if m["when"]}  # fmt: skip
FACTS = {_fold(f["text"]) for f in DATA["facts"]}
FIGURES = Counter((_fold(f["text"]), float(g["value"]), g["unit"], g.get("year"))
                  for f in DATA["facts"] for g in f.get("figures", []))  # fmt: skip


def fold_s(text: str, width: int) -> str:
    """``fold -s -w WIDTH`` in Python: break after the last blank that fits, else at WIDTH."""
    out: list[str] = []
    for line in text.split("\n"):
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            cut = cut + 1 if cut >= 0 else width
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return "\n".join(out)


def _paged(text: str) -> str:
    lines = fold_s(text, 76).split("\n")
    pages = [lines[i : i + 45] for i in range(0, len(lines), 45)]
    out: list[str] = []
    for n, page in enumerate(pages, 1):
        out += ["22nd JCCT Fact Sheet - U.S. Department of Commerce", *page,
                f"Page {n} of {len(pages)}", "\f"]  # fmt: skip
    return "\n".join(out)


def _typeset(text: str, path: Path, hanging: bool = False) -> None:
    """Our source set by reportlab: its bullets flush (continuation lines at the margin) or
    hanging (continuation lines under the bullet's words); a header and page numbers."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    if hanging:
        styles["Bullet"].leftIndent = 18
    story = []
    for para in text.split("\n"):
        t = para.strip()
        if t.startswith("•"):
            story.append(Paragraph(escape(t[1:].strip()), styles["Bullet"], bulletText="•"))
        elif t and len(t.split()) <= 12 and not t.endswith("."):
            story.append(Paragraph(escape(t), styles["Heading3"]))
        elif t:
            story.append(Paragraph(escape(t), styles["BodyText"]))

    def furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, 760, "22nd JCCT Fact Sheet")
        canvas.drawString(280, 30, f"Page {doc.page}")

    SimpleDocTemplate(str(path), pagesize=letter).build(story, onFirstPage=furniture,
                                                        onLaterPages=furniture)  # fmt: skip


def typeset_by_gaps(text: str, path: Path, paragraph: float = 4, section: float = 12) -> None:
    """Every line of the source a paragraph in one plain style (headings too, no bold): one
    blank line in the source is ``paragraph`` points of space, two or more ``section``."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)
    story, blank = [], 0
    for line in text.split("\n"):
        t = line.strip()
        if not t:
            blank += 1
            continue
        style = ParagraphStyle("p", parent=body,
                               spaceBefore=section if blank >= 2 else paragraph if blank else 0)
        story.append(Paragraph(escape(t.lstrip("• ")), style,
                               bulletText="•" if t.startswith("•") else None))  # fmt: skip
        blank = 0
    SimpleDocTemplate(str(path), pagesize=letter).build(story)


def sections(drafts: dict) -> list[tuple[str, tuple[str, ...]]]:
    """Each drafted section: its name (not the number of an untitled one, so one section
    lost does not count the rest as lost) and the texts drafted into it, in order."""
    out = []
    for s in drafts["sectors"]:
        name = "(untitled)" if s["heading_inferred"] else s["name"]
        texts = [_fold(f["text"]) for f in drafts["facts"] if f["sector_code"] == s["code"]]
        texts += [_fold(c["source_text"]) for c in drafts["commitments"]
                  if c["sector_code"] == s["code"]]  # fmt: skip
        out.append((name, tuple(texts)))
    return out


def corpus(folder: Path) -> list[tuple[str, Path]]:
    """(name, file) for every dress of our source."""
    text = TEXT.read_text("utf-8")
    made: list[tuple[str, Path]] = [("clean text", TEXT), ("HTML page", HTML)]

    def write(name: str, content: str, suffix: str = ".txt") -> None:
        path = folder / (name.replace(" ", "-") + suffix)
        path.write_text(content, "utf-8", newline="")
        made.append((name, path))

    for width in (60, 68, 76, 84, 92, 100):
        write(f"wrapped {width}", fold_s(text, width))
    write("wrapped 76 + page furniture", _paged(text))
    write("Word-style text (o bullets, CRLF)",
          text.replace("  • ", "o\t").replace("\n", "\r\n"))
    for hanging in (True, False):
        pdf = folder / f"typeset-{'hanging' if hanging else 'flush'}.pdf"
        _typeset(text, pdf, hanging)
        made.append((f"typeset PDF, {'hanging' if hanging else 'flush'} bullets", pdf))
    for paragraph, section in ((4, 12), (0, 8)):
        pdf = folder / f"typeset-gaps-{paragraph}-{section}.pdf"
        typeset_by_gaps(text, pdf, paragraph, section)
        made.append((f"typeset PDF, sections by gaps only ({paragraph}/{section} pt)", pdf))
    write("damaged: bullets stripped", text.replace("  • ", ""))
    write("damaged: blank lines lost", "\n".join(ln for ln in text.split("\n") if ln.strip()))
    write("damaged: mojibake quotes",
          text.replace("’", "â€™").replace("“", "â€œ").replace("”", "â€\x9d"))
    write("damaged: cut at 60%", text[: int(len(text) * 0.6)])
    return made


def score(path: Path) -> dict[str, int | str]:
    try:
        drafts = build_drafts(read_source(path), INFO)
    except ImportError_ as exc:
        return {"refused": str(exc)}
    cs = drafts["commitments"]
    drafted = {_fold(c["source_text"]) for c in cs}
    dated = [m for c in cs for m in c["milestones"] if m["earliest"]]
    windows = Counter((_fold(c["source_text"]), m["earliest"], m["latest"])
                      for c in cs for m in c["milestones"] if m["earliest"])  # fmt: skip
    known = [BY_WORDING.get(_fold(m["when"]).casefold()) for m in dated]
    facts = {_fold(f["text"]) for f in drafts["facts"]}
    figures = Counter((_fold(f["text"]), g["value"], g["unit"], g["year"])
                      for f in drafts["facts"] for g in f["figures"])  # fmt: skip
    clean = Counter(_clean_sections())
    return {
        "exact": sum(t in drafted for t in REVIEWED), "drafts": len(cs),
        "windows": sum((WINDOWS & windows).values()), "dated": len(dated),
        "wrong": sum(1 for m, k in zip(dated, known, strict=True)
                     if k is not None and k != (m["earliest"], m["latest"])),
        "extra": sum(1 for k in known if k is None),
        "flagged": unparsed_count(drafts), "facts": len(FACTS & facts),
        "drafted facts": len(facts), "figures": sum((FIGURES & figures).values()),
        "sections": sum((clean & Counter(sections(drafts))).values()),
    }  # fmt: skip


_CLEAN: list[tuple[str, tuple[str, ...]]] = []


def _clean_sections() -> list[tuple[str, tuple[str, ...]]]:
    if not _CLEAN:
        _CLEAN.extend(sections(build_drafts(read_source(TEXT), INFO)))
    return _CLEAN


# The synthetic sheets: (file, meeting, [(opening words, party, deadline wording or "")]).
SYNTHETIC: list[tuple[str, MeetingInfo, list[tuple[str, str, str]]]] = [
    ("sed-5-synthetic.txt", MeetingInfo(Dialogue.SED, 5, date(2013, 7, 11)), [
        ("The United States and China reaffirmed", "both", ""),
        ("China reiterated", "China", ""),
        ("The two sides pledged", "both", ""),
        ("In accord with its WTO commitments", "both", "by the end of 2013"),
        ("The United States will seek", "United States", ""),
        ("China will open", "China", "by June 2014"),
        ("China undertook", "China", ""),
        ("China explained", "China", "within six months"),
    ]),
    ("jcct-23-fixture.txt", MeetingInfo(Dialogue.JCCT, 23, date(2012, 12, 19)), [
        ("China confirmed that it will extend", "China", "within six months"),
        ("Building on an existing JCCT commitment", "China", "by the next JCCT"),
        ("The United States and China will hold", "both", "in mid-2013"),
    ]),
    # a joint sheet for the bundled meeting: its second sheet (sector codes J…)
    ("jcct-22-joint-synthetic.txt",
     MeetingInfo(Dialogue.JCCT, 22, date(2011, 11, 21), kind="joint", adds_to=True,
                 taken_codes=frozenset(s["code"] for s in DATA["sectors"])), [
        ("China and the United States will hold", "both", "by June 2012"),
        ("China will publish its general aviation", "China", "by the end of 2012"),
        ("The two sides will exchange", "both", "in the first half of 2012"),
    ]),
]  # fmt: skip

# Figure-rich facts: (file, meeting, [(value, unit, year)]) as a careful reader takes them.
FIGURE_SHEETS: list[tuple[str, MeetingInfo, list[tuple[float, str, int | None]]]] = [
    ("figures-synthetic.txt", MeetingInfo(Dialogue.JCCT, 24, date(2013, 12, 20)), [
        (25.9e9, "USD", 2012), (22e6, "tons", None), (1500, "count", 2012),
        (3, "times", 2012), (2, "times", 2012), (200, "count", None), (23, "percent", 2012),
        (9e9, "USD", 2012), (6, "rank", None), (50_000, "USD", None), (80_000, "USD", None),
        (15, "percent", None),
    ]),
    ("jcct-22-joint-synthetic.txt", SYNTHETIC[-1][1], [
        (300, "count", None), (2, "times", 2010), (1200, "count", None), (6.8e6, "tons", None),
    ]),
]  # fmt: skip


def score_figures(name: str, info: MeetingInfo,
                  expected: list[tuple[float, str, int | None]]) -> dict[str, int]:  # fmt: skip
    """Figures drafted exactly as expected; drafted in all; guesses and numbers left out,
    flagged."""
    drafts = build_drafts(read_source(REPO / "tests" / "data" / name), info)
    got = Counter((float(g["value"]), g["unit"], g["year"])
                  for f in drafts["facts"] for g in f["figures"])  # fmt: skip
    want = Counter((float(v), u, y) for v, u, y in expected)
    flags = [r for f in drafts["facts"] for r in f["review"]
             if r.startswith(("unit taken", "rank read", "year taken", "the year of"))]
    left = [r for f in drafts["facts"] for r in f["review"] if r.startswith("a number with")]
    return {"figures": len(expected), "exact": sum((want & got).values()),
            "drafted": sum(got.values()), "guesses flagged": len(flags),
            "numbers left out, flagged": len(left)}  # fmt: skip


def score_synthetic(name: str, info: MeetingInfo,
                    expected: list[tuple[str, str, str]]) -> dict[str, int]:  # fmt: skip
    drafts = build_drafts(read_source(REPO / "tests" / "data" / name), info, force=True)
    found = own = parties = deadlines = 0
    for opening, party, when in expected:
        match = [c for c in drafts["commitments"] if c["source_text"].startswith(opening)]
        if not match:
            continue
        found += 1
        c = match[0]
        own += not any(o != opening and o in c["source_text"] for o, _, _ in expected)
        parties += c["party"] == party
        deadlines += [m["when"] for m in c["milestones"]] == ([when] if when else [])
    return {"promises": len(expected), "drafted": found, "own record": own,
            "party right": parties, "deadline right": deadlines,
            "unparsed flagged": unparsed_count(drafts)}  # fmt: skip


def _table(rows: list[tuple[str, dict]]) -> str:
    keys = list(dict.fromkeys(k for _, r in rows for k in r))
    head = "| corpus | " + " | ".join(keys) + " |"
    lines = [head, "|" + "---|" * (len(keys) + 1)]
    lines += ["| " + name + " | " + " | ".join(str(r.get(k, "")) for k in keys) + " |"
              for name, r in rows]  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="keep the corpus in this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.out or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        out("Our 2011 source in many clothes (of 40 commitments, 15 windows, 18 facts, "
            "30 figures, 31 sections):\n")
        out(_table([(name, score(path)) for name, path in corpus(folder)]))
    out("\nSynthetic sheets in the style of later joint and S&ED sheets:\n")
    out(_table([(name, score_synthetic(name, info, exp)) for name, info, exp in SYNTHETIC]))
    out("\nFigure-rich facts:\n")
    out(_table([(name, score_figures(name, info, exp)) for name, info, exp in FIGURE_SHEETS]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
