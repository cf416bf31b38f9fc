"""The rules an edit of the notes follows, as plain functions the store applies.

Kept apart from the SQL so a second store (the team database) applies the very same rules.
"""

from __future__ import annotations

from datetime import date, datetime

from jcct_desktop.core.annotations.model import Assessment, AssessmentRecord, View
from jcct_desktop.core.annotations.text_rules import check_storable
from jcct_desktop.core.jurisdictions import check_code


def checked_record(
    *,
    status: Assessment | str,
    evidence: str,
    effective: date | None,
    view: View | str,
    source: str,
    milestone: str | None,
    now: datetime,
    who: str,
    jurisdiction: str | None = None,
) -> AssessmentRecord:
    """A record stamped ``now``: evidence required, effective (default today) not in the
    future. Milestone labels are checked by callers that hold the catalog."""
    if not isinstance(evidence, str) or not evidence.strip():
        raise ValueError("An assessment can only change together with evidence.")
    check_storable(evidence, "The evidence")
    check_storable(source, "The source")
    check_storable(milestone or "", "The milestone")
    check_storable(who, "The author's name")
    today = now.astimezone().date()
    effective = effective or today
    if effective > today:
        raise ValueError(
            f"The effective date {effective.isoformat()} is after today "
            f"({today.isoformat()}): an assessment speaks only for a day that has come."
        )
    if jurisdiction is not None:
        check_code(jurisdiction)
    label = " ".join(milestone.split()) if milestone else None
    return AssessmentRecord(
        status=Assessment(status),
        evidence=evidence,
        effective=effective,
        view=View(view),
        source=source.strip(),
        milestone=label or None,
        recorded=now,
        who=who,
        jurisdiction=jurisdiction,
    )


def stream(r: AssessmentRecord) -> tuple[View, str | None, str | None]:
    """Records of one view, milestone and province follow each other; others stand side by
    side."""
    return (r.view, r.milestone, r.jurisdiction)


def history_field(record: AssessmentRecord) -> str:
    """``status`` for ours (as in v1), ``china_status`` for what China reports."""
    return "status" if record.view is View.US else f"{record.view.value}_status"


def history_why(record: AssessmentRecord, today: date) -> str:
    """The evidence, plus whatever differs from a plain v1 assessment (milestone, date, source)."""
    extra = []
    if record.milestone:
        extra.append(f"milestone: {record.milestone}")
    if record.jurisdiction:
        extra.append(f"jurisdiction: {record.jurisdiction}")
    if record.effective != today:
        extra.append(f"effective {record.effective.isoformat()}")
    if record.source:
        extra.append(f"source: {record.source}")
    return f"{record.evidence} ({'; '.join(extra)})" if extra else record.evidence


def date_text(value: date | None) -> str:
    return value.isoformat() if value else ""


def check_note(text: str) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ValueError("A note cannot be empty.")
    check_storable(text, "The note")
