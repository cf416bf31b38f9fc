"""Page 1, the bottom line: what the packet is, then the counts by standing and the short
lists a senior reader acts on (overdue, due next, views that differ, follow-ups due).

Every standing and phrase comes from the briefing (``core.standing`` and its words); the ids
link to each commitment's section.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from jcct_desktop.core.briefing import Briefing, SummaryRow
from jcct_desktop.core.briefing.bottom_line import DUE_NEXT_DAYS, IN_SCOPE_LIMIT, LIST_LIMIT
from jcct_desktop.core.dates import long_date, long_date_time
from jcct_desktop.core.standing_words import day
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.flow import Para
from jcct_desktop.pdf.front import heading, para
from jcct_desktop.pdf.summary import id_link, state_markup
from jcct_desktop.pdf.text import markup

TITLE = "Bottom line"
EVIDENCE_CHARS = 160  # page 1 quotes the start of the evidence; the section has it all
_COLUMNS = (0.14, 0.30, 0.17, 0.14, 0.25)
_HEAD = ("ID", "Commitment", "Deadline", "Standing", "Our assessment")
GREY = "#5f6670"


def bottom_line(b: Briefing, sheet: S.Stylesheet, width: float,
                keys: Mapping[str, str]) -> list[Flowable]:
    story = _masthead(b, sheet)
    line = b.bottom_line
    if line is None:
        return story
    story += [heading(TITLE, sheet, "h1", key="bottom", level=0, toc_level=None),
              _counts(line.counts, sheet, width), Spacer(1, 8)]
    as_of = long_date(b.cover.as_of)
    lists: list[tuple[str, tuple[SummaryRow, ...], str]] = [
        ("Overdue", line.overdue, f"Nothing is overdue as of {as_of}."),
        (f"Due next ({DUE_NEXT_DAYS} days)", line.due_next,
         f"Nothing falls due in the {DUE_NEXT_DAYS} days after {as_of}."),
    ]
    for title, rows, empty in lists:
        story += _list(title, rows, empty, sheet, width, keys)
    story += _short("In this packet", line.in_scope, lambda r: r.state_detail, sheet, keys,
                    limit=IN_SCOPE_LIMIT)
    story += _short("Where China's report and our assessment differ", line.differ,
                    lambda r: f"our assessment: {r.assessment}", sheet, keys)
    story += _short("Follow-ups due", line.follow_ups,
                    lambda r: f"follow up by {day(r.follow_up)}" if r.follow_up else "",
                    sheet, keys)
    return story


def _masthead(b: Briefing, sheet: S.Stylesheet) -> list[Flowable]:
    c = b.cover
    story: list[Flowable] = [
        para("U.S.–CHINA JOINT COMMISSION ON COMMERCE AND TRADE", sheet, "cover_kicker"),
        para(f"{c.title}: {c.meeting}", sheet, "page1_title"),
        para(c.dates_place, sheet, "cover_line"),
    ]
    lines = [f"Scope: {c.scope[:1].upper()}{c.scope[1:]}. {c.commitment_count} commitment"
             f"{'s' if c.commitment_count != 1 else ''}; standing as of {long_date(c.as_of)}."]
    if c.source:
        lines.append(f"Source: {c.source}. Quotations are verbatim; titles, sector names "
                     "marked as ours, deadline windows and assessments are the preparer's.")
    if c.co_chairs:
        lines.append("Co-chairs: " + "; ".join(c.co_chairs))
    if c.participants:
        lines.append("Participants: " + "; ".join(c.participants))
    who = [f"Prepared by {c.prepared_by}" if c.prepared_by else "",
           f"for {c.prepared_for}" if c.prepared_for else "",
           f"generated {long_date_time(c.generated)}"]
    said = " ".join(w for w in who if w)
    lines.append(said[:1].upper() + said[1:] + ".")
    story += [para(text, sheet, "small") for text in lines]
    return [*story, Spacer(1, 6)]


def _counts(counts: tuple[tuple[str, int], ...], sheet: S.Stylesheet, width: float) -> Table:
    cells = [[Para(f"<b>{n}</b>", sheet["count"]) for _, n in counts],
             [para(label, sheet, "cell_small") for label, _ in counts]]
    table = Table(cells, colWidths=[width / len(counts)] * len(counts))
    table.setStyle(S.table_style(sheet, [
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, S.NAVY), ("LINEBELOW", (0, -1), (-1, -1), 0.4, S.RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _list(title: str, rows: tuple[SummaryRow, ...], empty: str, sheet: S.Stylesheet,
          width: float, keys: Mapping[str, str]) -> list[Flowable]:
    head = para(title, sheet, "h3")
    if not rows:
        return [KeepTogether([head, para(empty, sheet, "small")])]
    head.keepWithNext = 0  # the CondPageBreak keeps it with the table's first rows
    shown = rows[:LIST_LIMIT]
    table = Table([[Para(h, sheet["cell_head"]) for h in _HEAD],
                   *(_row(r, sheet, keys) for r in shown)],
                  colWidths=[f * width for f in _COLUMNS], repeatRows=1)
    table.setStyle(S.table_style(sheet, [
        ("BACKGROUND", (0, 0), (-1, 0), S.NAVY), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, S.RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    story: list[Flowable] = [CondPageBreak(1.2 * inch), head, table]  # the table may split
    if len(rows) > LIST_LIMIT:
        story.append(para(f"… and {len(rows) - LIST_LIMIT} more, listed first in the table "
                          "“At a glance”.", sheet, "small"))
    return [*story, Spacer(1, 6)]


def _row(r: SummaryRow, sheet: S.Stylesheet, keys: Mapping[str, str]) -> list[Para]:
    font = sheet.font("cell")
    title = ("★ " if r.starred else "") + markup(r.title, font)
    if r.agencies:
        title += f'<br/><font size="7" color="{GREY}">{markup(r.agencies[0], font)}</font>'
    deadline = markup(r.deadline, font)
    if r.closes:
        deadline += f'<br/><font size="7" color="{GREY}">closes {day(r.closes)}</font>'
    rest = r.state_detail.partition(" — ")[2]
    assessed = f"<b>{markup(r.assessment, font)}</b>"
    if r.evidence.strip():
        text = " ".join(r.evidence.split())
        cut = text if len(text) <= EVIDENCE_CHARS else text[:EVIDENCE_CHARS].rstrip() + "…"
        assessed += f'<br/><font size="7">{markup(cut, font)}</font>'
    if r.follow_up:
        assessed += f'<br/><font size="7" color="{GREY}">follow up by {day(r.follow_up)}</font>'
    return [Para(id_link(r.id, keys, sheet, "cell"), sheet["cell"]),
            Para(title, sheet["cell"]), Para(deadline, sheet["cell"]),
            Para(state_markup(r.state, sheet, text=rest or None), sheet["cell"]),
            Para(assessed, sheet["cell"])]


def _short(title: str, rows: tuple[SummaryRow, ...], what: Callable[[SummaryRow], str],
           sheet: S.Stylesheet, keys: Mapping[str, str],
           limit: int = LIST_LIMIT) -> list[Flowable]:
    """A list of one line per commitment, or nothing at all when it would be empty."""
    if not rows:
        return []
    head = para(title, sheet, "h3")
    head.keepWithNext = 1
    font = sheet.font("cell")
    lines = [Para(f"{id_link(r.id, keys, sheet, 'cell')} — {markup(r.title, font)}: "
                  f"{markup(what(r), font)}", sheet["list_item"]) for r in rows[:limit]]
    if len(rows) > limit:
        lines.append(para(f"… and {len(rows) - limit} more.", sheet, "small"))
    return [head, *lines, Spacer(1, 6)]


