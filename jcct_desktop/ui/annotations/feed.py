"""What the views follow of the officer's notes: one feed, each pane subscribing itself.

The notifier tells the :class:`AnnotationLink` (any thread); the link hops to the GUI thread;
the feed reads what changed once and says it as signals. Each pane connects what it shows
(``follow(feed)`` on the tree model, the timeline, the filter bar, the window): nobody pushes
into a pane from outside, and a new view is one more subscriber.

Order matters and is kept by emitting in sequence (direct connections, one thread): the
snapshot is forgotten before the marks are read, marks before tags, tags (which may change
the filter) before standings, so every view sees the same snapshot.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, Signal

from jcct_desktop.core.annotations import Annotation, Change
from jcct_desktop.ui.annotations.link import AnnotationLink, is_bulk
from jcct_desktop.ui.annotations.marks import AnnotationMarks

if TYPE_CHECKING:
    from jcct_desktop.store.annotations import AnnotationService

# edits that change no star, assessment or follow-up: markers and standings stay as they are
TEXT_ONLY = frozenset({"notes_changed", "tags_changed", "talking_points_changed"})


class Snapshot(Protocol):
    """The window's one read of every annotation (core.filtering.FilterContext)."""

    def all_annotations(self) -> list[Annotation]: ...
    def forget(self) -> None: ...


class AnnotationFeed(QObject):
    marksChanged = Signal(object)  # AnnotationMarks: stars, assessments, follow-ups, drafts
    tagsChanged = Signal(list)  # every tag in use, sorted
    standingsMayChange = Signal()  # an assessment, star or follow-up: standings and counts
    matchesMayChange = Signal()  # a note's or a tag's text: what a search or tag matches
    orphansChanged = Signal(int)  # notes on commitments no longer in the data
    refreshed = Signal()  # every subscriber has followed the change (tests wait on it)

    def __init__(self, service: AnnotationService, known_ids: Collection[str],
                 snapshot: Callable[[], Snapshot], parent: QObject | None = None) -> None:
        """``snapshot``: the current one (the window's context is replaced with the catalog)."""
        super().__init__(parent)
        self.service = service
        self._snapshot = snapshot
        self.link = AnnotationLink(service, known_ids, self)
        # queued: the edit (and the panel's own redraw) finish before the views follow
        self.link.changed.connect(self._on_change, Qt.ConnectionType.QueuedConnection)

    def set_known_ids(self, known_ids: Collection[str]) -> None:
        """A meeting imported while the window is open: its commitments are not orphans."""
        self.link.set_known_ids(known_ids)
        self.orphansChanged.emit(self.orphan_count())

    def orphans(self) -> list[Annotation]:
        return self.link.orphans()

    def orphan_count(self) -> int:
        return len(self.link.orphans())

    def disconnect_service(self) -> None:
        self.link.disconnect_service()

    def publish(self) -> None:
        """Everything once, for subscribers that just connected (the window's first show)."""
        self.marksChanged.emit(self.marks())
        self.tagsChanged.emit(self.service.all_tags())
        self.orphansChanged.emit(self.orphan_count())

    def marks(self) -> AnnotationMarks:
        # the same snapshot the standings are computed from (read once for every view)
        return AnnotationMarks.of_annotations(self._snapshot().all_annotations(),
                                              self.service.draft_ids())

    def _on_change(self, change: Change) -> None:
        bulk = is_bulk(change)
        if change.event == "draft_changed":  # only the ✎ mark changed
            self.marksChanged.emit(self.marks())
            self.refreshed.emit()
            return
        if bulk or change.event not in TEXT_ONLY:
            self._snapshot().forget()  # re-read once: marks and standings share it
        self.marksChanged.emit(self.marks())  # a note added clears its draft's ✎ too
        if bulk or change.event == "tags_changed":
            self.tagsChanged.emit(self.service.all_tags())  # may change the filter (tag gone)
        if bulk or change.event not in TEXT_ONLY:
            self.standingsMayChange.emit()
        else:
            self.matchesMayChange.emit()
        if bulk:
            self.orphansChanged.emit(self.orphan_count())
        self.refreshed.emit()
