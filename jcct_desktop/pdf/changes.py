"""The packet's "What changed since …" block, right after page 1: one row per change, grouped
by commitment, most important first (the order is ``core.changes``'s); ids link to sections."""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.platypus import Flowable, Spacer

from jcct_desktop.core.changes import ChangeReport
from jcct_desktop.core.counts import plural
from jcct_desktop.core.dates import long_date
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.flow import Para
from jcct_desktop.pdf.front import heading, para
from jcct_desktop.pdf.measured_table import MeasuredTable
from jcct_desktop.pdf.summary import id_link

KEY = "changes"  # its bookmark and contents key
_HEAD = ("ID", "Date", "Change", "By")
_COLUMNS = (0.14, 0.13, 0.58, 0.15)  # fractions of the frame width


def title(report: ChangeReport) -> str:
    return f"What changed since {long_date(report.since)}"


def changes_block(report: ChangeReport, sheet: S.Stylesheet, width: float,
                  keys: Mapping[str, str]) -> list[Flowable]:
    story: list[Flowable] = [
        heading(title(report), sheet, "h1", key=KEY, level=0, toc_level=0)]
    period = f"from {long_date(report.since)} to {long_date(report.until)}"
    if not report.count:
        story.append(para(f"Nothing changed {period}.", sheet, "small"))
        return story
    story.append(para(f"{plural(report.count, 'change')} {period}, most important first "
                      "(standings moved to overdue or a shortfall, China's new claims, "
                      "then the rest).", sheet, "small"))
    rows: list[list[Para]] = [[Para(h, sheet["cell_head"]) for h in _HEAD]]
    for group in report.commitments:
        cid = Para(id_link(group.commitment.id, keys, sheet, "cell"), sheet["cell"])
        for n, item in enumerate(group.items):
            rows.append([cid if n == 0 else para("", sheet, "cell"),
                         para(item.day.isoformat(), sheet, "cell"),
                         para(item.summary, sheet, "cell"),
                         para(item.author or "—", sheet, "cell")])
    rows += [[para("—", sheet, "cell"), para(m.day.isoformat(), sheet, "cell"),
              para(m.summary, sheet, "cell"), para("—", sheet, "cell")]
             for m in report.meetings]
    table = MeasuredTable(rows, colWidths=[f * width for f in _COLUMNS], repeatRows=1)
    table.setStyle(S.table_style(sheet, [
        ("BACKGROUND", (0, 0), (-1, 0), S.NAVY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, S.RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return [*story, Spacer(1, 8), table]
