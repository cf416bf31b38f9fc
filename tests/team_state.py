"""A comparable picture of one officer's shared record (stars are per officer: left out)."""

from __future__ import annotations

from typing import Any

from jcct_desktop.core.annotations.assessments import record_key
from jcct_desktop.core.annotations.model import to_iso
from jcct_desktop.store.annotations import AnnotationService


def shared_state(service: AnnotationService) -> dict[str, Any]:
    state = {}
    for a in service.all():
        picture = {
            "notes": sorted((n.text, to_iso(n.created)) for n in a.notes),
            "history": sorted(
                (to_iso(h.when), h.who, h.field, h.old, h.new, h.why)
                for h in a.history if h.field != "starred"
            ),
            "assessments": sorted(record_key(r) for r in a.assessments),
            "current": (a.status.value, a.evidence),
            "tags": sorted(t.casefold() for t in a.tags),
            "follow_up": a.follow_up,
        }
        if any(v for k, v in picture.items() if k != "current"):
            state[a.commitment_id] = picture
    return state
