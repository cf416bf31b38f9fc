"""The officer's annotations as the briefing packet reads them (core.briefing's protocol).

One snapshot of ``service.all()`` taken on the GUI thread when a packet is prepared, so the
PDF worker never touches the annotation database.
"""

from __future__ import annotations

from jcct_desktop.core.annotations import Annotation, AnnotationService
from jcct_desktop.core.briefing.model import AnnotationView, HistoryView, NoteView


class BriefingSource:
    def __init__(self, service: AnnotationService) -> None:
        self.by_id = {a.commitment_id: annotation_view(a) for a in service.all()}

    def for_commitment(self, commitment_id: str) -> AnnotationView | None:
        return self.by_id.get(commitment_id)

    def starred_ids(self) -> set[str]:
        return {cid for cid, view in self.by_id.items() if view.starred}


def annotation_view(a: Annotation) -> AnnotationView:
    return AnnotationView(
        status=a.status.label, evidence=a.evidence, status_changed=a.status_changed,
        notes=tuple(NoteView(n.text, n.created) for n in a.notes), tags=a.tags,
        history=tuple(HistoryView(h.when, h.who, h.field, h.old, h.new, h.why)
                      for h in a.history),
        starred=a.starred,
    )
