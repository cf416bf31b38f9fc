"""One section per sector: its industry facts set apart, then each commitment in full."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Spacer,
    Table,
)

from jcct_desktop.core.briefing import Briefing, CommitmentEntry, MilestoneEntry, SectorSection
from jcct_desktop.core.briefing.written_by import local_day
from jcct_desktop.core.counts import plural
from jcct_desktop.core.dates import day_month_year
from jcct_desktop.core.standing_words import follow_up_phrase
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.assessments import views_rows
from jcct_desktop.pdf.barred import BarredQuote
from jcct_desktop.pdf.flow import Para
from jcct_desktop.pdf.front import heading, para
from jcct_desktop.pdf.measured_table import MeasuredTable
from jcct_desktop.pdf.pieces import pieced
from jcct_desktop.pdf.province_map import province_map
from jcct_desktop.pdf.summary import state_markup
from jcct_desktop.pdf.tail_colour import tail_coloured
from jcct_desktop.pdf.text import markup

_PAD = [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP")]


def sections(b: Briefing, sheet: S.Stylesheet, width: float,
             toc_commitments: str) -> Iterator[Flowable]:
    """Lazily, one commitment at a time: a large packet lays out as it goes."""
    for i, section in enumerate(b.sections):
        yield from _section(i, section, sheet, width, toc_commitments, b.cover.as_of)


def commitment_title(c: CommitmentEntry) -> str:
    return f"{c.id} — {c.title}"


OURS = "(sector name ours)"  # the detail pane's words for a name the fact sheet does not give
LINES, INLINE, NONE = "lines", "inline", "none"  # how the contents lists commitments


def section_toc(s: SectorSection, sheet: S.Stylesheet) -> str:
    """A sector's contents entry with its commitments' ids on the same line (the contents of
    a 40-commitment packet then fits one page)."""
    ids = ", ".join(c.id.removeprefix("2011-") for c in s.commitments)
    font = sheet.font("toc0")
    return (markup(s.title, font, breaks=False) + f'<font name="{sheet.fonts.sans}" size="7" '
            f'color="#5f6670">  {markup(ids, font, breaks=False)}</font>')


def _section(i: int, s: SectorSection, sheet: S.Stylesheet, width: float,
             toc_commitments: str, as_of: date) -> Iterator[Flowable]:
    yield from (CondPageBreak(2.6 * inch), Spacer(1, 10))
    if s.group:
        kicker = markup(s.group.upper(), sheet.font("kicker"), breaks=False)
        if s.group_inferred:  # the app's own group name, marked like the window marks it
            kicker += f" {OURS}"
        yield Para(kicker, sheet["kicker"])
    head = heading(s.title, sheet, "h1", key=f"s{i}", level=0, toc_level=0)
    if toc_commitments == INLINE:
        head.toc = (0, section_toc(s, sheet))
    yield head
    if s.heading_inferred:
        yield para(f"{OURS} The fact sheet gives this passage no heading.", sheet, "small")
    if s.facts:  # kept with the first commitment's heading: never alone at a page's foot
        box = _facts(s, sheet, width)
        box.keepWithNext = 1
        gap = Spacer(1, 4)
        gap.keepWithNext = 1
        yield from (box, gap)
    for j, c in enumerate(s.commitments):
        yield from _commitment(f"s{i}.{j}", c, b_opts_history=bool(c.annotation.history),
                             sheet=sheet, width=width, toc=toc_commitments == LINES,
                             as_of=as_of)


def _facts(s: SectorSection, sheet: S.Stylesheet, width: float) -> Table:
    cells: list[Flowable] = [para("INDUSTRY FACTS AND FIGURES", sheet, "fact_head")]
    for f in s.facts:
        text = f.text if f.sector == s.title else f"{f.text}  ({f.sector})"
        cells.append(para(text, sheet, "fact"))
    box = MeasuredTable([[c] for c in cells], colWidths=[width])
    box.setStyle(S.table_style(sheet, [
        ("BACKGROUND", (0, 0), (-1, -1), S.SHADE),
        ("LINEBEFORE", (0, 0), (0, -1), 2.5, S.NAVY),
        ("LEFTPADDING", (0, 0), (-1, -1), 9), ("RIGHTPADDING", (0, 0), (-1, -1), 9),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
    ]))
    return box


def _commitment(key: str, c: CommitmentEntry, *, b_opts_history: bool, sheet: S.Stylesheet,
                width: float, toc: bool, as_of: date) -> list[Flowable]:
    head = heading(commitment_title(c), sheet, "h2", key=key, level=1,
                   toc_level=1 if toc else None)
    meta = f"{c.kind} · committed by {c.side}"
    quote = barred_quote(para(f"“{c.text}”", sheet, "quote"), width - 12)
    opening: list[Flowable] = [Begins(c), head, para(meta, sheet, "meta"), quote, Gap(1, 5)]
    rows, flowing = _details(c, sheet, as_of, width)
    if rows:
        details = MeasuredTable(rows, colWidths=[1.05 * inch, width - 1.05 * inch])
        details.setStyle(S.table_style(sheet, _PAD))
        opening.append(details)
    # the quote stays with its details (a new page first when they fit on one)
    story: list[Flowable] = [KeepTogether(opening), *flowing]
    if b_opts_history:
        label = para("HISTORY", sheet, "label")
        label.keepWithNext = 1
        story += [Spacer(1, 3), label, _history(c, sheet, width)]
    story += [Gap(1, 6), Ends()]
    return story


def barred_quote(text: Para, width: float) -> Flowable:
    """The commitment's own words, a bar on their left, set to the right of the frame."""
    return BarredQuote(text, width, left=9, top=1, bottom=2, bar_width=2,
                       bar_colour=S.QUOTE_BAR)


class Gap(Spacer):
    """A Spacer placed without drawing (reportlab's wraps its nothing in a saved and restored
    graphics state: page content for every gap of every commitment)."""

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        pass


class Begins(Flowable):
    """Invisible: tells the template which commitment the following pages continue."""

    def __init__(self, c: CommitmentEntry) -> None:
        super().__init__()
        self.commitment = commitment_title(c)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        pass  # nothing to draw, so no graphics state to save either

    def draw(self) -> None:
        pass


class Ends(Begins):
    def __init__(self) -> None:
        Flowable.__init__(self)
        self.commitment = ""


def _details(
    c: CommitmentEntry, sheet: S.Stylesheet, as_of: date, width: float
) -> tuple[list[list[Flowable]], list[Flowable]]:
    """The details table's rows, and the text too long for a table cell (a cell never splits
    across pages), which flows after it as paragraphs."""
    flowing: list[Flowable] = []

    def row(label: str, value: Flowable | list[Flowable]) -> list[Flowable]:
        return [para(label.upper(), sheet, "label"), value]

    rows = []
    if c.agencies:
        rows.append(row("Agencies", para("; ".join(c.agencies), sheet, "cell")))
    rows.append(row("Standing", Para(state_markup(c.state, sheet, text=c.state_detail),
                                     sheet["cell"])))
    if c.milestones:
        rows.append(row("Milestones", [p for m in c.milestones for p in _milestone(m, sheet)]))
    for m in c.milestones:  # issue 26: kept province by province: the map, laggards beside
        if m.tiles:
            rows.append(row("Provinces", province_map(m.tiles, sheet, width - 1.05 * inch - 8)))
    a = c.annotation
    assessment = markup(a.status, sheet.font("cell"))
    if a.status_changed:
        assessment += f' <font color="#5f6670">(since {a.status_changed:%Y-%m-%d})</font>'
    rows.append(row("Assessment", Para(assessment, sheet["cell"])))
    if a.evidence.strip():
        if _fits_cell(a.evidence):
            rows.append(row("Latest evidence", para(a.evidence, sheet, "cell")))
        else:
            flowing += long_text("LATEST EVIDENCE", a.evidence, sheet)
    rows += views_rows(c, sheet, width)  # ours and China's side by side, when both exist
    if c.links:  # reviewed links to commitments of other meetings, read both ways
        rows.append(row("Across meetings", [para(line, sheet, "cell") for line in c.links]))
    if c.areas:
        rows.append(row("Issue areas (ours)", para(" · ".join(c.areas), sheet, "cell")))
    tags = " · ".join(a.tags)
    if tags and _fits_cell(tags):
        rows.append(row("Tags", para(tags, sheet, "cell")))
    elif tags:
        flowing += long_text("TAGS", tags, sheet)
    if a.follow_up is not None:
        rows.append(row("Follow-up", para(follow_up_phrase(a.follow_up, as_of), sheet, "cell")))
    flowing += talking_points(c, sheet)
    for n in a.notes:  # notes flow as paragraphs: a pasted cable may run for pages
        then = f" · AS IT READ ON {as_of:%Y-%m-%d}, EDITED SINCE" if n.edited_since else ""
        flowing += long_text(f"NOTE · {local_day(n.created):%Y-%m-%d}{then}", n.text, sheet)
    if a.later_notes:  # a packet as of a past day never quotes what was written since
        verb = "is" if a.later_notes == 1 else "are"
        flowing.append(para(f"{plural(a.later_notes, 'note')} written after "
                            f"{day_month_year(as_of)} {verb} left out.", sheet, "note_aside"))
    return rows, flowing


def talking_points(c: CommitmentEntry, sheet: S.Stylesheet) -> list[Flowable]:
    """What the officer will say, numbered in their order, before the notes."""
    points = c.annotation.talking_points
    if not points:
        return []
    return [para("TALKING POINTS", sheet, "note_label"),
            *(para(f"{i}. {p.text}", sheet, "note") for i, p in enumerate(points, 1))]


CELL_CHARS = 1200  # beyond this a text leaves the table and flows (a cell cannot split)


def _fits_cell(text: str) -> bool:
    return len(text) <= CELL_CHARS and text.count("\n") < 15


def long_text(label: str, text: str, sheet: S.Stylesheet) -> list[Flowable]:
    """A label, then the text one paragraph per line, indented like the table's values; each
    paragraph splits across pages, so no text makes the layout fail."""
    head = para(label, sheet, "note_label")
    font = sheet.font("note")
    lines = [Para(markup(line, font), sheet["note"]) for line in text.split("\n") if line.strip()]
    if lines and len(lines[0].text) > 600:
        # keeping the label with a paragraph of pages would push both to a new page, leaving
        # this one blank: a page break only when there is little room left
        head.keepWithNext = 0
        return [CondPageBreak(1.0 * inch), head, *lines]
    return [head, *lines]


def _milestone(m: MilestoneEntry, sheet: S.Stylesheet) -> list[Para]:
    font, style = sheet.font("cell"), sheet["cell"]
    # the label leads and its standing follows on the same line, so a standing is never read
    # as the previous milestone's
    head = f"<b>{markup(m.label, font)}</b> — {state_markup(m.state, sheet, text=m.detail)}"
    wording, window = f"“{markup(m.wording, font)}” ", f"[{markup(m.window, font)}]"
    fast = tail_coloured(head, wording, window, WINDOW_GREY, style)
    if fast is not None:  # the wording set in one style, the window greyed as it is drawn
        return fast
    # in pieces: the label, standing and window repeat across commitments (parsed once)
    return [pieced([f"{head}<br/>", wording,
                    f'<font color="{WINDOW_GREY}">{window}</font>'], style)]


WINDOW_GREY = "#5f6670"


def _history(c: CommitmentEntry, sheet: S.Stylesheet, width: float) -> Table:
    head = [Para(h, sheet["cell_head"]) for h in ("When", "Who", "Change", "Why")]
    rows = [head] + [
        [para(f"{h.when:%Y-%m-%d %H:%M}", sheet, "cell_small"),
         para(_short(h.who), sheet, "cell_small"),
         para(f"{h.field}: {_short(h.old) or '—'} → {_short(h.new) or '—'}", sheet,
              "cell_small"),
         para(_short(h.why or ""), sheet, "cell_small")]
        for h in c.annotation.history
    ]
    table = MeasuredTable(rows, colWidths=[w * width for w in (0.17, 0.13, 0.4, 0.3)], repeatRows=1)
    table.setStyle(S.table_style(sheet, [*_PAD, ("BACKGROUND", (0, 0), (-1, 0), S.GREY),
                               ("LINEBELOW", (0, 1), (-1, -1), 0.3, S.RULE),
                               ("LEFTPADDING", (0, 0), (-1, -1), 3)]))
    return table


HISTORY_CHARS = 300  # a history row quotes the start of a changed text; the note is printed whole


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= HISTORY_CHARS:
        return text
    return f"{text[:HISTORY_CHARS].rstrip()}… ({len(text):,} characters)"
