"""The at-a-glance table: one row per commitment not already on page 1, most urgent first
(or in fact-sheet order), header row repeated on every page; ids link to their sections."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from reportlab.platypus import Flowable, Spacer, TableStyle

from jcct_desktop.core.briefing import Briefing, SummaryRow
from jcct_desktop.core.briefing.bottom_line import LIST_LIMIT
from jcct_desktop.core.counts import plural
from jcct_desktop.core.dates import long_date
from jcct_desktop.core.standing import Standing
from jcct_desktop.core.standing_words import ORDER, colour, day, glyph, name
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.flow import Para
from jcct_desktop.pdf.front import heading, para
from jcct_desktop.pdf.linked import linked_frags
from jcct_desktop.pdf.paged_table import MadeRows, PagedTable
from jcct_desktop.pdf.text import markup

# fractions of the frame width: id, commitment, side, deadline, state, assessment
_COLUMNS = (0.13, 0.33, 0.08, 0.20, 0.13, 0.13)
_SIDES = {"United States": "U.S.", "China and United States": "Both"}
TITLE = "At a glance"
_HEAD = ("ID", "Commitment", "Side", "Deadline", "State", "Assessment")


def state_markup(state: Standing, sheet: S.Stylesheet, style: str = "cell",
                 text: str | None = None) -> str:
    """The standing's glyph in its colour, then its name (or ``text``), as the app shows it."""
    words = markup(text if text is not None else name(state), sheet.font(style))
    return f'<font color="{colour(state)}">{glyph(state)}</font> {words}'


LINK_COLOUR = "#1f3a5f"


def id_link(cid: str, keys: Mapping[str, str], sheet: S.Stylesheet, style: str) -> str:
    """The id, linked to its commitment's section when it has one."""
    text = markup(cid, sheet.font(style))
    key = keys.get(cid)
    return f'<a href="#{key}" color="{LINK_COLOUR}">{text}</a>' if key else text


def id_cell(cid: str, keys: Mapping[str, str], sheet: S.Stylesheet) -> Para:
    """``Para(id_link(…))`` in the cell style, its fragments made without the parser."""
    style = sheet["cell"]
    key = keys.get(cid)
    frags = None
    if key:
        frags = linked_frags(markup(cid, sheet.font("cell")), key, LINK_COLOUR, style)
    text = id_link(cid, keys, sheet, "cell")
    return Para(text, style) if frags is None else Para(text, style, frags=frags)


def summary(b: Briefing, sheet: S.Stylesheet, width: float,
            keys: Mapping[str, str] | None = None,
            on_page_one: set[str] | None = None) -> list[Flowable]:
    """The table, without the overdue and due-next rows page 1 shows (``on_page_one``; by
    default the first ``LIST_LIMIT`` of each)."""
    keys = keys or {}
    head = [Para(h, sheet["cell_head"]) for h in _HEAD]
    if on_page_one is None:
        on_page_one = b.bottom_line.listed_ids(LIST_LIMIT) if b.bottom_line else set()
    shown = [r for r in b.summary if r.id not in on_page_one]
    rows = MadeRows(shown, lambda r: _row(r, sheet, keys))  # made as the table reaches them
    table = PagedTable(head, rows, [f * width for f in _COLUMNS], partial(_style, sheet))
    counts = {s: 0 for s in ORDER}
    for r in b.summary:
        counts[r.state] += 1
    tally = " · ".join(
        f"{state_markup(s, sheet, 'small')} {n}" for s, n in counts.items() if n
    )
    order = ("in the fact sheet's order" if b.options.summary_order == "fact-sheet"
             else "most urgent first")
    left_out = len(b.summary) - len(shown)
    story = [
        heading(TITLE, sheet, "h1", key="summary", level=0, toc_level=0),
        para(f"{plural(len(b.summary), 'commitment')}; standing as of {long_date(b.cover.as_of)} "
             f"(from each deadline and our assessment in force on that date), {order}."
             + (f" The {left_out} overdue or due next are on page 1 and not repeated here."
                if left_out else ""), sheet, "small"),
        Para(tally, sheet["small"]),
    ]
    due = sorted((r.follow_up, r.id) for r in b.summary
                 if r.follow_up is not None and r.follow_up <= b.cover.as_of)
    if due:
        listed = ", ".join(f"{cid} ({day(when)})" for when, cid in due)
        story.append(para(f"Follow-ups due by {long_date(b.cover.as_of)}: {len(due)} — "
                          f"{listed}.", sheet, "small"))
    if not shown:
        return story
    return [
        *story,
        Spacer(1, 8),
        table,
    ]


def _style(sheet: S.Stylesheet, first: int, count: int) -> TableStyle:
    """The header and ``count`` rows from row ``first``: every other row shaded, counted from
    the table's first row (so a page may start with a shaded row)."""
    style: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), S.NAVY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # a page that goes on with the table: reportlab repeats the rule above its first row
        *([("LINEABOVE", (0, 1), (-1, 1), 0.3, S.RULE)] if first else []),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, S.RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("BACKGROUND", (0, i), (-1, i), S.SHADE) for i in range(1, count + 1)
              if (first + i) % 2 == 0 and first + i >= 2]
    return S.table_style(sheet, style)


def _row(r: SummaryRow, sheet: S.Stylesheet, keys: Mapping[str, str]) -> list[Para]:

    deadline = markup(r.deadline, sheet.font("cell"))
    if r.window:
        deadline += f'<br/><font size="7" color="#5f6670">{markup(r.window, sheet.font("cell"))}'
        deadline += "</font>"
    return [
        id_cell(r.id, keys, sheet),
        para(("★ " if r.starred else "") + r.title, sheet, "cell"),
        para(_SIDES.get(r.side, r.side), sheet, "cell"),
        Para(deadline, sheet["cell"]),
        Para(_standing_cell(r, sheet), sheet["cell"]),
        para(r.assessment, sheet, "cell"),
    ]


def _standing_cell(r: SummaryRow, sheet: S.Stylesheet) -> str:
    """The glyph and name, then what it means in small grey ("closed 45 days ago")."""
    cell = state_markup(r.state, sheet)
    rest = r.state_detail.partition(" — ")[2]
    if rest:
        cell += f'<br/><font size="7" color="#5f6670">{markup(rest, sheet.font("cell"))}</font>'
    return cell
