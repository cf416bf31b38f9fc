"""The detail pane's assessments: per milestone (or the whole commitment), our assessment and
what China reports side by side, as known on the as-of date. Built without Qt, escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from jcct_desktop.core.annotations.assessments import SideBySide, side_by_side
from jcct_desktop.core.annotations.model import AssessmentRecord

MUTED = "#5f6670"
WHOLE = "Whole commitment"


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def assessments_html(records: Sequence[AssessmentRecord], as_of: date) -> list[str]:
    rows = side_by_side(records, as_of)
    if not records:
        return []
    title = f"<h3>Assessments as of {_esc(as_of.isoformat())}</h3>"
    if not rows:
        later = min(r.effective for r in records)
        return [title, f'<p style="color:{MUTED};">None known on this date (the first is '
                       f"effective {_esc(later.isoformat())}).</p>"]
    head = ("<tr>" + "".join(f'<th align="left" style="color:{MUTED};">{h}</th>'
                             for h in ("Concerns", "Our assessment", "China reports")) + "</tr>")
    body = "".join(_row(r) for r in rows)
    return [title, f"<table cellspacing='0' cellpadding='4' width='100%'>{head}{body}</table>"]


def _row(r: SideBySide) -> str:
    concerns = _esc(r.milestone or WHOLE)
    if r.disagree:  # said in words: colour alone never carries the meaning
        concerns += "<br><b>⚠ Views differ</b>"
    return (f"<tr><td valign='top'>{concerns}</td><td valign='top'>{_side(r.us)}</td>"
            f"<td valign='top'>{_side(r.china)}</td></tr>")


def _side(record: AssessmentRecord | None) -> str:
    if record is None:
        return f'<span style="color:{MUTED};">—</span>'
    text = (f"<b>{_esc(record.status.label)}</b> "
            f'<span style="color:{MUTED};">effective {_esc(record.effective.isoformat())}'
            f"</span><br>{_esc(record.evidence)}")
    if record.source:
        text += f'<br><span style="color:{MUTED};">Source: {_esc(record.source)}</span>'
    return text
