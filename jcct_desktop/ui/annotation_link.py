"""The window's link to the annotation service: one notifier subscription, one filter index.

The notifier calls subscribers on whichever thread made the edit; :class:`AnnotationLink`
re-emits each change as a Qt signal, which the window connects with a queued connection so
every view redraws on the GUI thread once the edit (and its transaction) is complete.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QObject, Signal

from jcct_desktop.core.annotations import Annotation, AnnotationService, Assessment, Change

BULK_EVENTS = frozenset({"annotations_imported", "annotations_replaced"})


class AnnotationLink(QObject):
    changed = Signal(object)  # a core Change; never None (see tests/test_ui_refcounts.py)

    def __init__(self, service: AnnotationService, known_ids: Collection[str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.index = FilterIndex(service, known_ids)
        self._known = tuple(known_ids)
        unsubscribe = service.notifier.subscribe(self.changed.emit)
        self._unsubscribe = unsubscribe
        # the service outlives the window in tests and in the app: stop hearing when gone
        self.destroyed.connect(lambda *_: unsubscribe())

    def disconnect_service(self) -> None:
        self._unsubscribe()

    def orphans(self) -> list[Annotation]:
        """Annotations on commitments no longer in the bundled data (kept, never deleted)."""
        return self.service.orphans(self._known)


class FilterIndex:
    """The service as the filters' AnnotationIndex, with "Not assessed" meaning what it says.

    The service only stores rows for commitments someone annotated, so its
    ``ids_by_assessment(NOT_ASSESSED)`` misses every untouched commitment; here they count.
    """

    def __init__(self, service: AnnotationService, known_ids: Collection[str]) -> None:
        self.service = service
        self.known = frozenset(known_ids)

    def starred_ids(self) -> set[str]:
        return self.service.starred_ids()

    def ids_by_assessment(self, status: str) -> set[str]:
        if Assessment(status) is Assessment.NOT_ASSESSED:
            return set(self.known - set(self.service.statuses()))
        return self.service.ids_by_assessment(status)

    def ids_by_tag(self, tag: str) -> set[str]:
        return self.service.ids_by_tag(tag)

    def search_notes(self, text: str) -> set[str]:
        return self.service.search_notes(text)


def is_bulk(change: Change) -> bool:
    return change.event in BULK_EVENTS
