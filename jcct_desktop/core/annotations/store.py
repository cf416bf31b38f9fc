"""What the core asks of whatever keeps the notes (SQLite today, a team database next).

The core never holds a session: exchange, briefing and filters see the notes through these
Protocols; ``jcct_desktop.store.annotations.AnnotationService`` implements them over SQLite.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from jcct_desktop.core.annotations.model import Annotation, Change
from jcct_desktop.core.annotations.notifier import Notifier


class AnnotationReader(Protocol):
    """Read-only: one commitment's annotation, or every stored one (orphans included)."""

    def get(self, commitment_id: str) -> Annotation: ...
    def all(self) -> list[Annotation]: ...


class AnnotationStore(AnnotationReader, Protocol):
    """Reads, merges a whole import in one transaction, and tells views through its notifier."""

    notifier: Notifier

    def merge_annotations(self, incoming: Sequence[Annotation], source: str = "") -> Change: ...
    def replaced(self) -> Change: ...
