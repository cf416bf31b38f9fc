"""The tagged packet (PDF/UA-1): the same ``core.briefing`` content, typeset by Typst.

ReportLab cannot write a structure tree, so a screen reader met the footer first on every
page, the bottom-line numbers on one line and their labels on the next, tables column by
column, and the timeline not at all. Typst's PDF/UA-1 export tags what it lays out (checked
with pikepdf, see tests/test_pdf_tagged.py):

- headings H1 (the title) and H2 (bottom line, contents, at a glance, timeline, each sector)
  and H3 (each commitment), the same sections as the ReportLab packet's bookmarks;
- every table with header cells (TH): the bottom-line counts, the summary, each commitment's
  milestones, and the timeline as a data table (its text alternative);
- running header and footer as artifacts; ``/Lang`` en with Chinese runs marked zh;
- XMP metadata, ``/MarkInfo`` and ``DisplayDocTitle``.

Every text reaches Typst as a string literal (``#"…"``), never as markup: a note holding
``*``, ``#`` or ``$`` prints as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from jcct_desktop.core import resources
from jcct_desktop.core.briefing import Briefing, CommitmentEntry, SectorSection, SummaryRow
from jcct_desktop.core.dates import iso_minutes, long_date, short_day
from jcct_desktop.core.model import NO_DEADLINE_STATED
from jcct_desktop.core.standing_words import LOOKS

TITLES = {"bottom": "Bottom line", "contents": "Contents", "summary": "At a glance",
          "timeline": "Deadline timeline"}
# CJK ideographs, punctuation and full-width forms: spans a reader should speak as Chinese
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")


class TaggedPdfError(RuntimeError):
    """Typst refused the document; the message is one line, fit for a user."""


def _lit(text: str) -> str:
    """A Typst string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\r", "").replace("\t", " ")
    return f'"{escaped}"'


def t(text: str) -> str:
    """Markup for plain text: literal strings, Chinese runs marked zh for the reader."""
    out: list[str] = []
    pos = 0
    for m in _CJK.finditer(text):
        if m.start() > pos:
            out.append(f"#{_lit(text[pos:m.start()])}")
        out.append(f'#text(lang: "zh", {_lit(m.group())})')
        pos = m.end()
    if pos < len(text):
        out.append(f"#{_lit(text[pos:])}")
    return "".join(out) or '#""'


def _cell(text: str) -> str:
    return f"[{t(text)}]"


def _table(header: Iterable[str], rows: Iterable[Iterable[str]], columns: str) -> str:
    """A table whose first row is header cells (TH): read row by row, each cell named."""
    head = ", ".join(_cell(h) for h in header)
    body = ",\n  ".join(", ".join(_cell(c) for c in row) for row in rows)
    return (f"#table(columns: {columns}, stroke: 0.4pt + luma(160), inset: 4pt,\n"
            f"  table.header({head}),\n  {body}\n)\n")


def _standing(value: object, detail: str = "") -> str:
    look = LOOKS[value]  # type: ignore[index]
    return f"{look.glyph} {detail or look.name}"


# -- the document -------------------------------------------------------------------------
def typst_source(b: Briefing) -> str:
    """The whole packet as Typst markup."""
    return "".join(_document(b))


def _document(b: Briefing) -> Iterator[str]:
    c = b.cover
    title = f"{c.title} — {c.meeting}"
    paper = "us-letter" if b.options.paper == "letter" else "a4"
    date = "none" if b.options.deterministic else "auto"
    running = f"{c.marking} · " if c.marking else ""
    yield (f"#set document(title: {_lit(title)}, author: \"JCCT Desktop\", date: {date})\n"
           '#set text(lang: "en", size: 9.5pt, font: ("DejaVu Sans", "WenQuanYi Micro Hei"))\n'
           "#set par(justify: false)\n"
           f"#set page(paper: \"{paper}\", margin: (x: 0.8in, y: 0.9in),\n"
           f"  header: text(size: 7.5pt, fill: luma(80))[{t(running + title)}],\n"
           f"  footer: text(size: 7.5pt, fill: luma(80))[{t('As of ' + long_date(c.as_of))}"
           " #h(1fr) Page #context counter(page).display(\"1 of 1\", both: true)])\n"
           "#show heading: set block(above: 1.1em, below: 0.6em)\n"
           # the bundled bold is DejaVu Sans Condensed Bold (Typst does not fake a bold)
           '#show heading: set text(weight: "bold", stretch: 87.5%)\n'
           '#show strong: set text(stretch: 87.5%)\n'
           "#show table: set text(size: 8.5pt)\n")
    yield f"= {t(c.title)}\n\n"
    facts = [("Meeting", c.meeting), ("Dates and place", c.dates_place),
             ("Source", c.source), ("Co-chairs", "; ".join(c.co_chairs)),
             ("Scope", c.scope), ("As of", long_date(c.as_of)),
             ("Prepared by", c.prepared_by), ("Prepared for", c.prepared_for),
             ("Generated", iso_minutes(c.generated)),
             ("Commitments", f"{c.commitment_count} in {c.sector_count} sectors")]
    if c.marking:
        facts.insert(0, ("Marking", c.marking))
    yield "/ " + "\n/ ".join(f"{t(k)}: {t(v)}" for k, v in facts if v) + "\n\n"
    yield from _bottom_line(b)
    if b.changes is not None:  # what changed since the last briefing, right after page 1
        yield from _changes(b)
    # a contents list (TOC, TOCI, links) titled at the sections' level, as ReportLab's is
    yield ("\n#show outline: set heading(offset: 1)\n"
           f"#outline(title: [{t(TITLES['contents'])}], depth: 2)\n")
    yield from _summary(b.summary)
    if b.options.include_timeline:
        yield from _timeline(b)
    for section in b.sections:
        yield from _section(b, section)


def _bottom_line(b: Briefing) -> Iterator[str]:
    yield f"== {t(TITLES['bottom'])}\n\n"
    line = b.bottom_line
    if line is None:
        return
    # the counts as a table: each number read with its label, not a row of numbers
    yield _table(("Standing", "Commitments"), ((label, str(n)) for label, n in line.counts),
                 "(auto, auto)")
    names = {"overdue": "Overdue", "shortfalls": "Shortfalls: not met or partly met",
             "claims": "China's claims and our view", "due_next": "Due next",
             "follow_ups": "Follow-ups due"}
    for key, rows in line.lists:  # page 1's lists, in its order
        name = names.get(key, key.replace("_", " ").capitalize())
        if rows:
            yield f"\n*{t(name)}*\n\n"
            yield _table(("Commitment", "Standing"),
                         ((f"{r.id} — {r.title}", _standing(r.state, r.state_detail))
                          for r in rows), "(2fr, 1fr)")
    if line.talking_points:  # what the officer will say on the starred commitments
        yield f"\n*{t('Talking points — starred')}*\n\n"
        for item in line.talking_points:
            yield f"{t(item.id + ' — ★ ' + item.title)}\n\n"
            yield "".join(f"+ {t(point)}\n" for point in item.points) + "\n"


def _changes(b: Briefing) -> Iterator[str]:
    report = b.changes
    assert report is not None
    yield f"\n== {t('What changed since ' + long_date(report.since))}\n\n"
    period = f"from {long_date(report.since)} to {long_date(report.until)}"
    if not report.count:
        yield f"{t('Nothing changed ' + period + '.')}\n\n"
        return
    rows = [(g.commitment.id, i.day.isoformat(), i.summary, i.author or "—")
            for g in report.commitments for i in g.items]
    rows += [("—", m.day.isoformat(), m.summary, "—") for m in report.meetings]
    yield _table(("Commitment", "Date", "Change", "By"), rows, "(auto, auto, 3fr, auto)")


def _summary(rows: tuple[SummaryRow, ...]) -> Iterator[str]:
    yield f"\n== {t(TITLES['summary'])}\n\n"
    yield _table(("Id", "Commitment", "Side", "Deadline", "Standing", "Our assessment"),
                 ((r.id, r.title, r.side, r.deadline, _standing(r.state, r.state_detail),
                   r.assessment) for r in rows), "(auto, 3fr, 1.2fr, 1.1fr, 1.3fr, 1.3fr)")


def _timeline(b: Briefing) -> Iterator[str]:
    """The timeline as the data it draws: each milestone's window and standing."""
    yield f"\n== {t(TITLES['timeline'])}\n\n"
    yield (f"{t('Each milestone with its window, as the timeline chart draws it.')}\n\n")
    undated = ((row.id, row.label, NO_DEADLINE_STATED, "", _standing(row.state))
               for row in b.undated)  # listed under the chart, never drawn as bars
    yield _table(("Commitment", "Milestone", "From", "To", "Standing"),
                 (*((row.id, row.label, short_day(row.earliest), short_day(row.latest),
                     _standing(row.state)) for row in b.timeline), *undated),
                 "(auto, 2fr, auto, auto, 1fr)")


def _section(b: Briefing, s: SectorSection) -> Iterator[str]:
    yield "\n#v(0.8em)\n"
    if s.group:
        yield f"{t(s.group.upper())}\n\n"
    yield f"== {t(s.title)}\n\n"
    if b.options.include_facts and s.facts:
        yield f"*{t('Industry facts and figures')}*\n\n"
        for f in s.facts:
            yield f"- {t(f.text)}\n"
        yield "\n"
    for c in s.commitments:
        yield from _commitment(b, c)


def _commitment(b: Briefing, c: CommitmentEntry) -> Iterator[str]:
    yield f"=== {t(c.id + ' — ' + c.title)}\n\n"
    yield f"{t(c.kind + ' · committed by ' + c.side)}\n\n"
    yield f"#quote(block: true)[{t('“' + c.text + '”')}]\n\n"
    yield f"{t('Standing: ' + _standing(c.state, c.state_detail))}\n\n"
    if c.agencies:
        yield f"{t('Agencies: ' + '; '.join(c.agencies))}\n\n"
    if c.milestones:
        yield _table(("Milestone", "Deadline", "Window", "Standing"),
                     ((m.label, m.wording, m.window, _standing(m.state, m.detail))
                      for m in c.milestones), "(1.4fr, 2fr, auto, 1fr)")
    a = c.annotation
    lines = [f"Our assessment: {a.status}" + (f" — {a.evidence}" if a.evidence else "")]
    if a.tags:
        lines.append("Tags: " + ", ".join(a.tags))
    if a.follow_up is not None:
        lines.append(f"Follow up by {short_day(a.follow_up)}")
    if a.starred:
        lines.append("Starred for this briefing")
    yield "\n" + "".join(f"{t(line)} \\\n" for line in lines) + "\n"
    if b.options.include_notes and a.notes:
        yield f"*{t('Notes')}*\n\n"
        for note in a.notes:
            yield f"- {t(iso_minutes(note.created) + ': ' + note.text)}\n"
        yield "\n"
    if b.options.include_history and a.history:
        yield _table(("When", "Who", "What", "From", "To"),
                     ((iso_minutes(h.when), h.who, h.field, h.old, h.new) for h in a.history),
                     "(auto, auto, auto, 1fr, 1fr)")


# -- compiling ------------------------------------------------------------------------------
def tagged_packet_bytes(b: Briefing) -> bytes:
    """The packet as PDF/UA-1 bytes. Raises TaggedPdfError with Typst's first complaint."""
    import typst  # a compiled engine: loaded only when a tagged packet is asked for

    fonts = str(resources.font("DejaVuSans.ttf").parent)
    try:
        # the stub ties `input` and `font_paths` to one type (bytes source, str folders)
        return bytes(typst.compile(typst_source(b).encode("utf-8"), format="pdf",  # type: ignore[call-overload]
                                   pdf_standards=["ua-1"], font_paths=[fonts],
                                   ignore_system_fonts=True))
    except Exception as exc:  # typst raises its own error types, message first
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise TaggedPdfError(f"cannot write the tagged PDF: {first}") from exc
