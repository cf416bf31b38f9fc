"""Questions about a commitment's assessment records: which are in force on a date, which one
is the latest of each view and milestone, and what "our current assessment" is.

Records are kept oldest-recorded first. Among several records for the same view and milestone,
the one in force on a date is the one with the latest ``effective`` date on or before it; two
records effective on the same day are ordered by when they were recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from jcct_desktop.core.annotations.model import Assessment, AssessmentRecord, View, to_iso

Summary = tuple[Assessment, str, datetime | None]
NO_SUMMARY: Summary = (Assessment.NOT_ASSESSED, "", None)


def record_key(r: AssessmentRecord) -> tuple[str, ...]:
    """Two records are the same record when their content and recorded time are equal.

    The recorded time stays last (callers compare content with ``[:-1]``); a jurisdiction is
    added only when there is one, so every older record keeps the key (and digest) it had."""
    place = (f"jurisdiction:{r.jurisdiction}",) if r.jurisdiction else ()
    return (
        r.view.value,
        r.status.value,
        r.evidence,
        r.source,
        r.effective.isoformat(),
        r.milestone or "",
        *place,
        to_iso(r.recorded) if r.recorded else "",
    )


def _order(r: AssessmentRecord) -> tuple[date, str]:
    return (r.effective, to_iso(r.recorded) if r.recorded else "")


def latest(records: Iterable[AssessmentRecord]) -> AssessmentRecord | None:
    """The record that stands: latest effective date, then latest recorded."""
    return max(records, key=_order, default=None)


def in_force(records: Iterable[AssessmentRecord], as_of: date) -> tuple[AssessmentRecord, ...]:
    """Records whose evidence speaks for a day on or before ``as_of`` (known by then)."""
    return tuple(r for r in records if r.effective <= as_of)


def summary(records: Sequence[AssessmentRecord]) -> Summary:
    """Our (``us``) current assessment: the latest whole-commitment one, else the latest of any
    milestone; what ``Annotation.status``/``evidence``/``status_changed`` keep for old callers."""
    ours = [r for r in records if r.view is View.US and r.jurisdiction is None]
    chosen = latest(r for r in ours if r.milestone is None) or latest(ours)
    if chosen is None:
        return NO_SUMMARY
    return (chosen.status, chosen.evidence, chosen.recorded)


@dataclass(frozen=True)
class SideBySide:
    """What each view says about one milestone (or the whole commitment when ``milestone`` is
    None) on a date; either side may be missing."""

    milestone: str | None
    us: AssessmentRecord | None
    china: AssessmentRecord | None

    @property
    def disagree(self) -> bool:
        return (
            self.us is not None and self.china is not None and self.us.status != self.china.status
        )


def side_by_side(records: Sequence[AssessmentRecord], as_of: date) -> list[SideBySide]:
    """One row per milestone label assessed (whole commitment first), as known on ``as_of``."""
    # a province's record speaks for that province only (see core.standing)
    known = tuple(r for r in in_force(records, as_of) if r.jurisdiction is None)
    labels: list[str | None] = []
    for r in sorted(known, key=lambda r: r.milestone is not None):
        if r.milestone not in labels:
            labels.append(r.milestone)
    return [
        SideBySide(
            label,
            latest(r for r in known if r.milestone == label and r.view is View.US),
            latest(r for r in known if r.milestone == label and r.view is View.CHINA),
        )
        for label in labels
    ]





MILESTONE_CHARS = 80  # a milestone's label in "Fulfilled (milestone: …)"; the pane has it whole


@dataclass(frozen=True)
class Current:
    """Our current assessment and what it concerns: the whole commitment, or one milestone
    (then it must never read as the commitment's: "Fulfilled (milestone: Provincial …)")."""

    status: Assessment
    milestone: str | None = None
    effective: date | None = None
    evidence: str = ""
    source: str = ""

    @property
    def words(self) -> str:
        """"Fulfilled", "Fulfilled (milestone: Provincial software legalization…)"."""
        if self.milestone is None or self.status is Assessment.NOT_ASSESSED:
            return self.status.label
        label = " ".join(self.milestone.split())
        if len(label) > MILESTONE_CHARS:
            label = label[:MILESTONE_CHARS].rstrip() + "…"
        return f"{self.status.label} (milestone: {label})"


def current(records: Sequence[AssessmentRecord], as_of: date | None = None) -> Current:
    """Ours, as :func:`summary` chooses it, among the records in force on ``as_of`` (all of
    them when None): the latest whole-commitment one, else the latest of any milestone."""
    known = in_force(records, as_of) if as_of is not None else tuple(records)
    ours = [r for r in known if r.view is View.US and r.jurisdiction is None]
    chosen = latest(r for r in ours if r.milestone is None) or latest(ours)
    if chosen is None:
        return Current(Assessment.NOT_ASSESSED)
    return Current(chosen.status, chosen.milestone, chosen.effective, chosen.evidence,
                   chosen.source)
