"""The officer's annotations as the briefing packet reads them (this package's protocol).

One snapshot of ``service.all()``, taken by the caller's thread when a packet is prepared, so a
PDF worker never touches the annotation database.
"""

from __future__ import annotations

from jcct_desktop.core.annotations import Annotation, AnnotationReader
from jcct_desktop.core.annotations.model import assessment_records
from jcct_desktop.core.briefing.model import (
    AnnotationView,
    HistoryView,
    NoteView,
    PlainAnnotations,
    TalkingPointView,
)


def annotation_view(a: Annotation) -> AnnotationView:
    return AnnotationView(
        status=a.status.label,
        evidence=a.evidence,
        status_changed=a.status_changed,
        notes=tuple(NoteView(n.text, n.created) for n in a.notes),
        tags=a.tags,
        history=tuple(HistoryView(h.when, h.who, h.field, h.old, h.new, h.why) for h in a.history),
        starred=a.starred,
        assessments=assessment_records(a),
        follow_up=a.follow_up,
        talking_points=tuple(TalkingPointView(p.text, p.created, p.who)
                             for p in a.talking_points),
    )


def snapshot(service: AnnotationReader) -> PlainAnnotations:
    return PlainAnnotations({a.commitment_id: annotation_view(a) for a in service.all()})
