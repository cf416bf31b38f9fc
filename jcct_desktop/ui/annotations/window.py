"""The main window's side of annotations: menu commands, the notes actions, orphans.

The views follow the notes themselves through :class:`AnnotationFeed` (each pane's
``follow``); this class only owns the feed and the File-menu commands on the notes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from jcct_desktop.core.annotations.exchange import catalog_labels
from jcct_desktop.ui.annotations import backup_actions
from jcct_desktop.ui.annotations.feed import AnnotationFeed
from jcct_desktop.ui.annotations.orphans import OrphanDialog, action_text

if TYPE_CHECKING:
    from jcct_desktop.core.annotations.store import AnnotationReader
    from jcct_desktop.core.briefing.model import PlainAnnotations
    from jcct_desktop.store.annotations import AnnotationService
    from jcct_desktop.ui.main_window import MainWindow

NOTE_ACTIONS = ("back_up", "restore", "export_notes", "import_notes", "data_folder")


class WindowAnnotations(QObject):
    refreshed = Signal()  # every view has followed an annotation change (tests wait on it)

    def __init__(self, window: MainWindow, service: AnnotationService | None,
                 error: str | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self.error = error
        self.orphan_dialog: OrphanDialog | None = None
        self.feed: AnnotationFeed | None = None
        if service is not None:
            self.feed = AnnotationFeed(service, window.catalog.ids, window.filter_context, self)
            self.feed.refreshed.connect(self.refreshed)

    @property
    def available(self) -> bool:
        return self.service is not None

    def filter_index(self) -> AnnotationService | None:
        """The service is the filters' AnnotationIndex (core.filtering)."""
        return self.service

    def unavailable_reason(self) -> str:
        return self.error or "no notes database was opened"

    def start(self) -> None:
        """Once the window's widgets, actions and subscriptions exist: menus, then the
        feed's first publication (marks, tags, orphans) to every pane that follows it."""
        w = self.window
        writable = self.available and not (self.service and self.service.read_only)
        for name in NOTE_ACTIONS:
            reading = name in ("export_notes", "data_folder")
            w.actions_by_name[name].setEnabled(self.available and (reading or writable))
        w.set_annotation_filters_visible(self.available)
        if self.feed is None:
            w.detail.set_annotations_unavailable(self.error)
            return
        self.feed.orphansChanged.connect(self._show_orphan_count)
        self.feed.publish()

    def _show_orphan_count(self, count: int) -> None:
        action = self.window.actions_by_name["orphans"]
        action.setText(action_text(count))
        action.setVisible(count > 0)

    def set_known_ids(self, known_ids: Collection[str]) -> None:
        if self.feed is not None:
            self.feed.set_known_ids(known_ids)

    def flush_draft(self) -> None:
        """Write the note being typed now (before a restore, and when the window closes)."""
        if self.window.detail.notes_panel is not None:
            self.window.detail.notes_panel.flush_draft()

    def disconnect_service(self) -> None:
        if self.feed is not None:
            self.feed.disconnect_service()

    # -- menu commands ----------------------------------------------------------------------
    def back_up_now(self) -> None:
        if self.service is not None:
            backup_actions.back_up_now(self.window, self.service)

    def restore_backup(self) -> None:
        if self.service is not None:
            self.flush_draft()  # the copy made before the restore holds the latest typing
            backup_actions.restore_backup(self.window, self.service, self.window.undo_stack)

    def export_notes(self) -> None:
        if self.service is not None:
            backup_actions.export_annotations(self.window, self.service)

    def import_notes(self) -> None:
        if self.service is not None:
            backup_actions.import_annotations(
                self.window, self.service, self.window.undo_stack, self.window.catalog.ids,
                labels_of=catalog_labels(self.window.catalog),
            )

    def show_data_folder(self) -> None:
        if self.service is not None:
            backup_actions.reveal_data_folder(self.service)

    def show_orphans(self) -> OrphanDialog | None:
        orphans = self.feed.orphans() if self.feed is not None else []
        if not orphans:
            return None
        self.orphan_dialog = OrphanDialog(orphans, self.window)
        self.orphan_dialog.show()
        return self.orphan_dialog

    def reader_for_worker(self) -> Callable[[], AbstractContextManager[AnnotationReader]] | None:
        """How a worker reads these notes over a read-only connection of its own, opened and
        closed on its thread (``store.annotations.worker_reader``); None when none are open."""
        service = self.service
        if service is None:
            return None

        @contextmanager
        def reading() -> Iterator[AnnotationReader]:
            from jcct_desktop.store.annotations.worker_reader import worker_reader

            reader = worker_reader(service)
            try:
                yield reader
            finally:
                if reader.engine is not service.engine:  # its own, not the window's
                    reader.engine.dispose()

        return reading

    def briefing_source(self) -> PlainAnnotations | None:
        """A snapshot of every note, read on the calling thread (a packet's worker reads its
        own over ``reader_for_worker``)."""
        from jcct_desktop.core.briefing.from_annotations import snapshot  # not at start-up

        return snapshot(self.service) if self.service is not None else None

    def data_location(self) -> str:
        if self.service is not None:
            return str(self.service.data_dir)
        return f"unavailable ({self.unavailable_reason()})"
