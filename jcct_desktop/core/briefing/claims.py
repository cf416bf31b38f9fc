"""What page 1 needs beyond the standing: the milestones we judged missed (shortfalls) and
China's claims set against our view.

A claim is China's report in force on a milestone (or the whole commitment) that differs from
our assessment in force there — or that we have not answered with any assessment of our own:
exactly the claim a principal will hear across the table. Ours there is the newest of our
records about that milestone or the whole commitment, as the standing reads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from jcct_desktop.core.annotations.model import Assessment, AssessmentRecord, View
from jcct_desktop.core.briefing.model import Claim, Missed, Side
from jcct_desktop.core.standing import Standing, StandingAsOf, applicable

NOT_ASSESSED = "not assessed"


def shortfalls(standing: StandingAsOf) -> tuple[Missed, ...]:
    """Each milestone of the commitment that is a shortfall, earliest deadline first."""
    missed = sorted((m for m in standing.milestones if m.shortfall),
                    key=lambda m: m.closes or date.max)
    return tuple(_missed(m) for m in missed)


def _missed(m: StandingAsOf) -> Missed:
    r = m.record
    return Missed(m.label, m.closes, r.status.label if r else m.value.value,
                  r.effective if r else m.since, r.evidence if r else "", r.source if r else "",
                  not_met=m.value is Standing.NOT_MET)


def claims(records: Sequence[AssessmentRecord], as_of: date) -> tuple[Claim, ...]:
    """China's reports in force on ``as_of`` that our view does not match, whole commitment
    first, then by milestone label."""
    china: dict[str | None, AssessmentRecord] = {}
    for r in sorted(records, key=_order):
        if r.view is View.CHINA and r.effective <= as_of:
            china[r.milestone] = r
    found = []
    for label, theirs in sorted(china.items(), key=lambda kv: (kv[0] is not None, kv[0] or "")):
        if theirs.status is Assessment.NOT_ASSESSED:
            continue
        mine = applicable(records, as_of, label)
        ours = mine[-1] if mine else None
        if ours is not None and ours.status is theirs.status:
            continue
        found.append(Claim(label, _side(theirs), _side(ours) if ours else Side(NOT_ASSESSED)))
    return tuple(found)


def _side(r: AssessmentRecord) -> Side:
    return Side(r.status.label, r.effective, r.source, r.evidence)


def _order(r: AssessmentRecord) -> tuple[date, str]:
    return r.effective, r.recorded.isoformat() if r.recorded else ""
