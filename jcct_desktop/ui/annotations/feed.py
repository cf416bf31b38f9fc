"""What the views follow of the officer's notes: one feed, each pane subscribing itself.

The notifier tells the :class:`AnnotationLink` (any thread); the link hops to the GUI thread;
the feed reads what changed once and says it as signals. Each pane connects what it shows
(``follow(feed)`` on the tree model, the timeline, the filter bar, the window): nobody pushes
into a pane from outside, and a new view is one more subscriber.

Order matters and is kept by emitting in sequence (direct connections, one thread): the
snapshot is forgotten before the marks are read, marks before tags, tags (which may change
the filter) before standings, so every view sees the same snapshot.

A bulk change (an import, a restore) means reading every note again: that read runs on a
worker over a connection of its own (``service.for_worker()``), and the views follow once it
is in, so an archive's worth of notes never stalls the window.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, Signal

from jcct_desktop.core.annotations import Annotation, Change
from jcct_desktop.ui.annotations.link import AnnotationLink, is_bulk
from jcct_desktop.ui.annotations.marks import AnnotationMarks
from jcct_desktop.ui.background import Task, run_in_background
from jcct_desktop.ui.long_work import pause_collector, resume_collector

if TYPE_CHECKING:
    from jcct_desktop.store.annotations import AnnotationService

# bulk reads under way: a task must outlive the feed that started it (the pool runs it still)
_UNFINISHED: set[Task] = set()

# edits that change no star, assessment or follow-up: markers and standings stay as they are
TEXT_ONLY = frozenset({"notes_changed", "tags_changed", "talking_points_changed"})


class Snapshot(Protocol):
    """The window's one read of every annotation (core.filtering.FilterContext)."""

    def all_annotations(self) -> list[Annotation]: ...
    def forget(self) -> None: ...
    def prime(self, annotations: list[Annotation]) -> None: ...


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
        self._generation = 0  # counts changes: a bulk read overtaken by a later one is stale
        self._alive = [True]  # False once the feed is destroyed (a bulk read may outlive it)
        alive = self._alive
        self.destroyed.connect(lambda *_: alive.__setitem__(0, False))
        # queued: the edit (and the panel's own redraw) finish before the views follow
        self.link.changed.connect(self._on_change, Qt.ConnectionType.QueuedConnection)

    def set_known_ids(self, known_ids: Collection[str]) -> None:
        """A meeting imported while the window is open: its commitments are not orphans."""
        self.link.set_known_ids(known_ids)
        self.orphansChanged.emit(self.orphan_count())

    def orphans(self) -> list[Annotation]:
        return self.link.orphans()

    def orphan_count(self, annotations: list[Annotation] | None = None) -> int:
        """How many orphans: of ``annotations`` when already read, else asked of the store."""
        if annotations is None:
            return len(self.link.orphans())
        return len(self.link.orphans_of(annotations))

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
        self._generation += 1
        if is_bulk(change) and not self.service.read_only:
            self._snapshot().forget()  # a change arriving meanwhile reads afresh itself
            self._read_all_then_follow(change, self._generation)
            return
        self._follow(change)

    def _read_all_then_follow(self, change: Change, generation: int) -> None:
        service = self.service

        def read() -> list[Annotation]:
            reader = service.for_worker()
            try:
                return reader.all()
            finally:
                reader.close()

        def done(annotations: list[Annotation]) -> None:
            _UNFINISHED.discard(task)
            resume_collector()
            if not alive[0]:  # the window closed meanwhile: nobody to tell
                return
            if generation != self._generation:  # a later change came first: read it all again
                self._follow(change)
                return
            self._snapshot().prime(annotations)
            self._follow(change, annotations)

        def failed(_message: str) -> None:  # the store said why already; read here instead
            _UNFINISHED.discard(task)
            resume_collector()
            if alive[0]:
                self._follow(change)

        alive = self._alive
        pause_collector()  # while every note is read again (ui.long_work); always resumed:
        task = run_in_background(read, done, failed)  # the task reports even if the feed went
        _UNFINISHED.add(task)  # kept past the feed itself, until it reports

    def _follow(self, change: Change, read: list[Annotation] | None = None) -> None:
        """Say what ``change`` changed; ``read``: every annotation, already read for it."""
        bulk = is_bulk(change)
        if change.event == "draft_changed":  # only the ✎ mark changed
            self.marksChanged.emit(self.marks())
            self.refreshed.emit()
            return
        if (bulk and read is None) or (not bulk and change.event not in TEXT_ONLY):
            self._snapshot().forget()  # re-read once: marks and standings share it
        self.marksChanged.emit(self.marks())  # a note added clears its draft's ✎ too
        if bulk or change.event == "tags_changed":
            self.tagsChanged.emit(self.service.all_tags())  # may change the filter (tag gone)
        if bulk or change.event not in TEXT_ONLY:
            self.standingsMayChange.emit()
        else:
            self.matchesMayChange.emit()
        if bulk:
            self.orphansChanged.emit(self.orphan_count(read))
        self.refreshed.emit()
