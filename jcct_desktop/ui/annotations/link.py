"""The window's link to the annotation service: one notifier subscription.

The notifier calls subscribers on whichever thread made the edit; :class:`AnnotationLink`
re-emits each change as a Qt signal, which the window connects with a queued connection so
every view redraws on the GUI thread once the edit (and its transaction) is complete.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QObject, Signal

from jcct_desktop.core.annotations import Annotation, Change
from jcct_desktop.store.annotations import AnnotationService

BULK_EVENTS = frozenset({"annotations_imported", "annotations_replaced"})


class AnnotationLink(QObject):
    changed = Signal(object)  # a core Change; never None (see tests/test_ui_refcounts.py)

    def __init__(self, service: AnnotationService, known_ids: Collection[str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._known = tuple(known_ids)
        unsubscribe = service.notifier.subscribe(self.changed.emit)
        self._unsubscribe = unsubscribe
        # the service outlives the window in tests and in the app: stop hearing when gone
        self.destroyed.connect(lambda *_: unsubscribe())

    def set_known_ids(self, known_ids: Collection[str]) -> None:
        """Commitments of a newly imported meeting are no longer orphans."""
        self._known = tuple(known_ids)

    def disconnect_service(self) -> None:
        self._unsubscribe()

    def orphans(self) -> list[Annotation]:
        """Annotations on commitments no longer in the bundled data (kept, never deleted)."""
        return self.service.orphans(self._known)

    def orphans_of(self, annotations: list[Annotation]) -> list[Annotation]:
        """The same, of annotations already read (``AnnotationQueries.orphans``' rule)."""
        known = set(self._known)
        return [a for a in annotations if a.commitment_id not in known and not a.is_empty]


def is_bulk(change: Change) -> bool:
    return change.event in BULK_EVENTS
