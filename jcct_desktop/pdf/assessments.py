"""Both views side by side in a packet: per milestone (or the whole commitment), what our
assessment says and what China reports, each with its date, evidence and source.

Printed when the commitment has more than our single whole-commitment assessment (a China view
or a milestone assessed on its own); where the two views differ the row says so in words.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, Table

from jcct_desktop.core.annotations.assessments import SideBySide, side_by_side
from jcct_desktop.core.annotations.model import AssessmentRecord
from jcct_desktop.core.briefing import CommitmentEntry
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.flow import Para
from jcct_desktop.pdf.front import para
from jcct_desktop.pdf.measured_table import MeasuredTable
from jcct_desktop.pdf.text import markup

GREY = "#5f6670"
WHOLE = "Whole commitment"


def views_rows(c: CommitmentEntry, sheet: S.Stylesheet, width: float) -> list[list[Flowable]]:
    """The detail rows to add under "Assessment" (none when there is nothing to compare).

    The packet's annotation already holds only the records in force on its as-of date.
    """
    rows = side_by_side(c.annotation.assessments, date.max)
    plain = len(rows) == 1 and rows[0].milestone is None and rows[0].china is None
    if not rows or plain:
        return []
    return [[para("VIEWS", sheet, "label"), _table(rows, sheet, width)]]


def _table(rows: list[SideBySide], sheet: S.Stylesheet, width: float) -> Table:
    head = [Para(h, sheet["cell_head"]) for h in ("Concerns", "Our assessment", "China reports")]
    body = [
        [_concerns(r, sheet), _side(r.us, sheet), _side(r.china, sheet)] for r in rows
    ]
    inner = width - 1.05 * 72
    table = MeasuredTable([head, *body], colWidths=[0.3 * inner, 0.35 * inner, 0.35 * inner])
    table.setStyle(S.table_style(sheet, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (-1, 0), S.GREY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, S.RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _concerns(r: SideBySide, sheet: S.Stylesheet) -> Para:
    font = sheet.font("cell_small")
    text = markup(r.milestone or WHOLE, font)
    if r.disagree:  # in words, never by colour alone
        text += "<br/><b>Views differ</b>"
    return Para(text, sheet["cell_small"])


def _side(record: AssessmentRecord | None, sheet: S.Stylesheet) -> Para:
    font = sheet.font("cell_small")
    if record is None:
        return Para(f'<font color="{GREY}">—</font>', sheet["cell_small"])
    text = (f"<b>{markup(record.status.label, font)}</b> "
            f'<font color="{GREY}">(effective {record.effective.isoformat()})</font>'
            f"<br/>{markup(_capped(record.evidence), font)}")
    if record.source:
        text += f'<br/><font color="{GREY}">Source: {markup(record.source, font)}</font>'
    return Para(text, sheet["cell_small"])


CELL_CHARS = 1500  # a table cell cannot split across pages: a pasted cable is quoted in part


def _capped(text: str) -> str:
    if len(text) <= CELL_CHARS and text.count("\n") < 15:
        return text
    text = " ".join(text.split())
    return f"{text[:CELL_CHARS].rstrip()}… (first {CELL_CHARS:,} of {len(text):,} characters)"
