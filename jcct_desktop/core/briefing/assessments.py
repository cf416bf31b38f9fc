"""A packet as of a date shows only the assessments known by then.

The annotation snapshot holds every assessment record; :func:`as_known_on` keeps those effective
on or before the packet's as-of date and sets the status, evidence and "since" date from our
(``us``) latest one among them, so a packet as of 2012-01-15 never prints an assessment
recorded later for a later day.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

from jcct_desktop.core.annotations.assessments import current, in_force, summary
from jcct_desktop.core.annotations.model import View
from jcct_desktop.core.briefing.model import AnnotationView


def as_known_on(view: AnnotationView, as_of: date) -> AnnotationView:
    if not view.assessments:  # no records (hand-made annotations): nothing to date
        return view
    known = in_force(view.assessments, as_of)
    status, evidence, _recorded = summary(known)
    ours = [r for r in known if r.view is View.US and r.status is status]
    since = max((r.effective for r in ours), default=None)
    return replace(
        view,
        # a milestone's assessment says so: "Fulfilled (milestone: Provincial …)"
        status=current(known).words,
        evidence=evidence,
        # "since" is the day the evidence speaks for, not the moment it was typed in
        status_changed=datetime.combine(since, time(), UTC) if since else None,
        assessments=known,
    )
