"""The main window's side of annotations: follow every change, menu commands, orphans.

Views are told, they do not poll: each notifier event refreshes the tree's stars and
assessments, the timeline, the tag filter and, when a filter is active, the search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from jcct_desktop.core.annotations import Change
from jcct_desktop.core.annotations.exchange import catalog_labels
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.ui.annotations import backup_actions
from jcct_desktop.ui.annotations.link import AnnotationLink, is_bulk
from jcct_desktop.ui.annotations.marks import AnnotationMarks
from jcct_desktop.ui.annotations.orphans import OrphanDialog, action_text

if TYPE_CHECKING:
    from jcct_desktop.core.briefing.model import PlainAnnotations
    from jcct_desktop.ui.main_window import MainWindow

NOTE_ACTIONS = ("back_up", "restore", "export_notes", "import_notes", "data_folder")
# edits that change no star, assessment or follow-up: markers and standings stay as they are
TEXT_ONLY = frozenset({"notes_changed", "tags_changed"})


class WindowAnnotations(QObject):
    refreshed = Signal()  # every view has followed an annotation change (tests wait on it)

    def __init__(self, window: MainWindow, service: AnnotationService | None,
                 error: str | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self.error = error
        self.orphan_dialog: OrphanDialog | None = None
        self.link: AnnotationLink | None = None
        if service is not None:
            self.link = AnnotationLink(service, window.catalog.ids, self)
            # queued: the edit (and the panel's own redraw) finish before the views follow
            self.link.changed.connect(self._on_change, Qt.ConnectionType.QueuedConnection)

    @property
    def available(self) -> bool:
        return self.service is not None

    def filter_index(self) -> AnnotationService | None:
        """The service is the filters' AnnotationIndex (core.filtering)."""
        return self.service

    def unavailable_reason(self) -> str:
        return self.error or "no annotation database was opened"

    # -- start and follow -------------------------------------------------------------------
    def start(self) -> None:
        """Once the window's widgets and actions exist: first marks, tags, menus, orphans."""
        w = self.window
        writable = self.available and not (self.service and self.service.read_only)
        for name in NOTE_ACTIONS:
            reading = name in ("export_notes", "data_folder")
            w.actions_by_name[name].setEnabled(self.available and (reading or writable))
        w.set_annotation_filters_visible(self.available)
        if self.service is None:
            w.detail.set_annotations_unavailable(self.error)
            return
        self._show_marks()
        w.filters.set_tags(self.service.all_tags())
        self._update_orphans()

    def _show_marks(self) -> None:
        assert self.service is not None
        # the same snapshot the standings are computed from (the filter context reads it once)
        marks = AnnotationMarks.of_annotations(
            self.window.filter_context().all_annotations(), self.service.draft_ids()
        )
        self.window.tree.tree_model().set_marks(marks)
        self.window.timeline.set_marks(marks)

    def _on_change(self, change: Change) -> None:
        if self.service is None:
            return
        w, bulk = self.window, is_bulk(change)
        if change.event == "draft_changed":  # only the ✎ mark changed
            self._show_marks()
            self.refreshed.emit()
            return
        if bulk or change.event not in TEXT_ONLY:
            w.filter_context().forget()  # re-read once: marks and standings share it
        self._show_marks()  # a note added clears its draft's ✎ too
        if bulk or change.event == "tags_changed":
            w.filters.set_tags(self.service.all_tags())  # may change the filter (tag gone)
        if bulk or change.event not in TEXT_ONLY:
            w.follow_annotations()  # an assessment may change a standing, a follow-up a count
        elif not w.current_filter().is_empty:  # a note or a tag may change the matches
            w.refilter_keeping_selection()
        if bulk:
            self._update_orphans()
        self.refreshed.emit()

    def _update_orphans(self) -> None:
        count = len(self.link.orphans()) if self.link is not None else 0
        action = self.window.actions_by_name["orphans"]
        action.setText(action_text(count))
        action.setVisible(count > 0)

    def disconnect_service(self) -> None:
        if self.link is not None:
            self.link.disconnect_service()

    # -- menu commands ----------------------------------------------------------------------
    def back_up_now(self) -> None:
        if self.service is not None:
            backup_actions.back_up_now(self.window, self.service)

    def restore_backup(self) -> None:
        if self.service is not None:
            backup_actions.restore_backup(self.window, self.service)

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
        orphans = self.link.orphans() if self.link is not None else []
        if not orphans:
            return None
        self.orphan_dialog = OrphanDialog(orphans, self.window)
        self.orphan_dialog.show()
        return self.orphan_dialog

    def briefing_source(self) -> PlainAnnotations | None:
        """A snapshot on the GUI thread: the PDF worker never touches the database."""
        from jcct_desktop.core.briefing.from_annotations import snapshot  # not at start-up

        return snapshot(self.service) if self.service is not None else None

    def data_location(self) -> str:
        if self.service is not None:
            return str(self.service.data_dir)
        return f"unavailable ({self.unavailable_reason()})"
