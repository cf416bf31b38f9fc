"""One section per sector: its industry facts set apart, then each commitment in full."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from reportlab.lib.units import inch
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    )

from jcct_desktop.core.briefing import Briefing, CommitmentEntry, MilestoneEntry, SectorSection
from jcct_desktop.core.standing_words import follow_up_phrase
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.assessments import views_rows
from jcct_desktop.pdf.flow import Para
from jcct_desktop.pdf.front import heading, para
from jcct_desktop.pdf.summary import state_markup
from jcct_desktop.pdf.text import markup

_PAD = [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP")]


def sections(b: Briefing, sheet: S.Stylesheet, width: float,
             toc_commitments: bool) -> Iterator[Flowable]:
    """Lazily, one commitment at a time: a large packet lays out as it goes."""
    for i, section in enumerate(b.sections):
        yield from _section(i, section, sheet, width, toc_commitments, b.cover.as_of)


def commitment_title(c: CommitmentEntry) -> str:
    return f"{c.id} — {c.title}"


def _section(i: int, s: SectorSection, sheet: S.Stylesheet, width: float,
             toc_commitments: bool, as_of: date) -> Iterator[Flowable]:
    yield from (CondPageBreak(2.6 * inch), Spacer(1, 10))
    if s.group:
        yield para(s.group.upper(), sheet, "kicker")
    yield heading(s.title, sheet, "h1", key=f"s{i}", level=0, toc_level=0)
    if s.heading_inferred:
        yield para("Section name is ours; the fact sheet gives this passage no heading.",
                   sheet, "small")
    if s.facts:
        yield from (_facts(s, sheet, width), Spacer(1, 4))
    for j, c in enumerate(s.commitments):
        yield from _commitment(f"s{i}.{j}", c, b_opts_history=bool(c.annotation.history),
                             sheet=sheet, width=width, toc=toc_commitments, as_of=as_of)


def _facts(s: SectorSection, sheet: S.Stylesheet, width: float) -> Table:
    cells: list[Flowable] = [para("INDUSTRY FACTS AND FIGURES", sheet, "fact_head")]
    for f in s.facts:
        text = f.text if f.sector == s.title else f"{f.text}  ({f.sector})"
        cells.append(para(text, sheet, "fact"))
    box = Table([[c] for c in cells], colWidths=[width])
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
    quote = Table([[para(f"“{c.text}”", sheet, "quote")]], colWidths=[width - 12])
    quote.setStyle(S.table_style(sheet, [
        ("LINEBEFORE", (0, 0), (0, -1), 2, S.QUOTE_BAR),
        ("LEFTPADDING", (0, 0), (-1, -1), 9), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    quote.hAlign = "RIGHT"
    story: list[Flowable] = [KeepTogether([head, para(meta, sheet, "meta"), quote]),
                             Spacer(1, 5)]
    rows = _details(c, sheet, as_of, width)
    if rows:
        details = Table(rows, colWidths=[1.05 * inch, width - 1.05 * inch])
        details.setStyle(S.table_style(sheet, _PAD))
        story.append(details)
    if b_opts_history:
        story += [Spacer(1, 3), para("HISTORY", sheet, "label"), _history(c, sheet, width)]
    story.append(Spacer(1, 6))
    return story


def _details(
    c: CommitmentEntry, sheet: S.Stylesheet, as_of: date, width: float
) -> list[list[Flowable]]:
    def row(label: str, value: Flowable | list[Flowable]) -> list[Flowable]:
        return [para(label.upper(), sheet, "label"), value]

    rows = []
    if c.agencies:
        rows.append(row("Agencies", para("; ".join(c.agencies), sheet, "cell")))
    rows.append(row("Standing", Para(state_markup(c.state, sheet, text=c.state_detail),
                                     sheet["cell"])))
    if c.milestones:
        rows.append(row("Milestones", [_milestone(m, sheet) for m in c.milestones]))
    a = c.annotation
    assessment = markup(a.status, sheet.font("cell"))
    if a.status_changed:
        assessment += f' <font color="#5f6670">(since {a.status_changed:%Y-%m-%d})</font>'
    rows.append(row("Assessment", Para(assessment, sheet["cell"])))
    if a.evidence.strip():
        rows.append(row("Latest evidence", para(a.evidence, sheet, "cell")))
    rows += views_rows(c, sheet, width)  # ours and China's side by side, when both exist
    for n in a.notes:
        text = f'<font color="#5f6670">{n.created:%Y-%m-%d}</font>  ' + markup(
            n.text, sheet.font("cell"))
        rows.append(row("Note", Para(text, sheet["cell"])))
    if a.tags:
        rows.append(row("Tags", para(" · ".join(a.tags), sheet, "cell")))
    if a.follow_up is not None:
        rows.append(row("Follow-up", para(follow_up_phrase(a.follow_up, as_of), sheet, "cell")))
    return rows


def _milestone(m: MilestoneEntry, sheet: S.Stylesheet) -> Para:
    font = sheet.font("cell")
    text = (f"{state_markup(m.state, sheet, text=m.detail)}<br/>"
            f"{markup(m.label, font)}: “{markup(m.wording, font)}” "
            f'<font color="#5f6670">[{markup(m.window, font)}]</font>')
    return Para(text, sheet["cell"])


def _history(c: CommitmentEntry, sheet: S.Stylesheet, width: float) -> Table:
    head = [Para(h, sheet["cell_head"]) for h in ("When", "Who", "Change", "Why")]
    rows = [head] + [
        [para(f"{h.when:%Y-%m-%d %H:%M}", sheet, "cell_small"), para(h.who, sheet, "cell_small"),
         para(f"{h.field}: {h.old or '—'} → {h.new or '—'}", sheet, "cell_small"),
         para(h.why or "", sheet, "cell_small")]
        for h in c.annotation.history
    ]
    table = Table(rows, colWidths=[w * width for w in (0.17, 0.13, 0.4, 0.3)], repeatRows=1)
    table.setStyle(S.table_style(sheet, [*_PAD, ("BACKGROUND", (0, 0), (-1, 0), S.GREY),
                               ("LINEBELOW", (0, 1), (-1, -1), 0.3, S.RULE),
                               ("LEFTPADDING", (0, 0), (-1, -1), 3)]))
    return table
