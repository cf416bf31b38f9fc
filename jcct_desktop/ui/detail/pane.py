"""The detail pane: a read-only text browser above a labelled place for annotations."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import unquote

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QFont, QResizeEvent, QTextDocument, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jcct_desktop.core import dates
from jcct_desktop.core.annotations.model import AssessmentRecord, Change, assessment_records
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.model import Milestone
from jcct_desktop.core.search import SearchQuery
from jcct_desktop.core.standing import StandingAsOf
from jcct_desktop.ui.detail.browser import DetailBrowser
from jcct_desktop.ui.detail.html import LINK_SCHEME, commitment_html, empty_html

if TYPE_CHECKING:
    from jcct_desktop.store.annotations import AnnotationService
    from jcct_desktop.ui.annotations import AnnotationPanel

ASSESSMENT_EVENTS = ("assessment_changed", "annotations_imported", "annotations_replaced")

TEXT_MIN_WIDTH = 340  # below this the quotation wraps every few words


class DetailPane(QWidget):
    commitmentActivated = Signal(str)  # a link to another commitment was clicked
    _assessed = Signal(object)  # an annotation Change, hopped to the GUI thread

    def __init__(self, catalog: Catalog, annotations: AnnotationService | None = None,
                 undo_stack: QUndoStack | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self._catalog = catalog
        self._commitment_id: str | None = None
        self._shown: str | None = None
        self._service = annotations
        # what the shown page was judged by
        self._as_of = dates.today()
        self._query: SearchQuery | None = None
        # the shown commitment's assessments, read once, not again each time its page is
        # made anew (every key typed while it stays selected) until the notes change;
        # the changes are counted as the notifier tells them, on whichever thread
        self._notes_changes = 0
        self._records: tuple[str, int, tuple[AssessmentRecord, ...]] | None = None
        if annotations is not None:  # its assessments are on the page: follow their changes
            self._assessed.connect(self._on_assessed)
            unsubscribe = annotations.notifier.subscribe(self._notes_changed,
                                                         ASSESSMENT_EVENTS)
            self.destroyed.connect(lambda *_: unsubscribe())
        self.browser = DetailBrowser(self)  # named, caret-navigable, its links announced
        self.browser.setOpenLinks(False)  # we route links ourselves; never leave the app
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        self.browser.document().setDocumentMargin(14)
        self.annotation_box = QGroupBox("Notes and assessment", self)
        self.annotation_box.setObjectName("annotationBox")
        box_layout = QVBoxLayout(self.annotation_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        self.notes_panel: AnnotationPanel | None = None  # None: no notes open (a placeholder)
        self.annotation_panel = self._make_annotation_panel(annotations, undo_stack)
        # the panel is taller than its share of a 720-pixel screen: scroll, never squash
        self.annotation_scroll = QScrollArea(self.annotation_box)
        self.annotation_scroll.setObjectName("annotationScroll")
        self.annotation_scroll.setAccessibleName("Notes and assessment, scrollable")
        self.annotation_scroll.setWidgetResizable(True)
        self.annotation_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.annotation_scroll.setWidget(_AtLeastMinimum(self.annotation_panel))
        box_layout.addWidget(self.annotation_scroll)
        # side by side: the quotation and the officer's notes on it are read together
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("detailSplitter")
        self.splitter.addWidget(self.browser)
        self.splitter.addWidget(self.annotation_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.show_commitment(None, dates.today())

    # -- reflow: notes beside the text when there is room, below it when not --------------
    def notes_min_width(self) -> int:
        """The notes side, unclipped: the panel's own minimum plus its scroll bar."""
        bar = self.annotation_scroll.verticalScrollBar().sizeHint().width()
        return self.annotation_panel.minimumSizeHint().width() + bar + 4

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.reflow()

    def reflow(self) -> None:
        """Side by side only if the text keeps TEXT_MIN_WIDTH and the notes are not clipped
        (1024×768, 200% scaling): otherwise the notes go under the text, full width."""
        notes = self.notes_min_width()
        beside = self.width() >= TEXT_MIN_WIDTH + notes
        wanted = Qt.Orientation.Horizontal if beside else Qt.Orientation.Vertical
        self.annotation_box.setMinimumWidth(notes if beside else 0)
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            length = self.width() if beside else self.height()
            self.splitter.setSizes([round(length * 0.57), length - round(length * 0.57)])

    def _make_annotation_panel(self, service: AnnotationService | None,
                               undo_stack: QUndoStack | None) -> QWidget:
        """The annotation panel when the notes are open, else a placeholder."""
        if service is not None:
            from jcct_desktop.ui.annotations import AnnotationPanel  # only when notes are open

            stack = undo_stack if undo_stack is not None else QUndoStack(self)  # edits are undoable
            self.notes_panel = AnnotationPanel(service, stack, self.annotation_box,
                                               milestone_labels=self._milestone_labels,
                                               milestones_of=self._milestones,
                                               places=self._catalog.jurisdictions)
            return self.notes_panel
        label = QLabel("Notes, tags and assessments will appear here.", self.annotation_box)
        label.setObjectName("annotationPlaceholder")
        label.setTextFormat(Qt.TextFormat.PlainText)  # the reason may quote a path or a message
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setContentsMargins(16, 16, 16, 16)
        return label

    def _milestone_labels(self, commitment_id: str) -> list[str]:
        c = self._catalog.get(commitment_id)
        return [m.label for m in c.milestones] if c else []

    def _milestones(self, commitment_id: str) -> tuple[Milestone, ...]:
        c = self._catalog.get(commitment_id)
        return c.milestones if c else ()

    def set_annotations_unavailable(self, reason: str | None) -> None:
        """Say plainly why there is no editor (e.g. a database from a newer app)."""
        if isinstance(self.annotation_panel, QLabel):
            text = (f"Your notes are unavailable: {reason}" if reason
                    else "Notes, tags and assessments will appear here.")
            self.annotation_panel.setText(text)

    @property
    def commitment_id(self) -> str | None:
        return self._commitment_id

    def show_commitment(self, commitment_id: str | None, as_of: date,
                        query: SearchQuery | None = None, standing: StandingAsOf | None = None,
                        follow_up: date | None = None) -> None:
        """``standing``: the commitment's (the window's StandingBook); ``follow_up``: its date."""
        commitment = self._catalog.get(commitment_id) if commitment_id else None
        self._commitment_id = commitment.id if commitment else None
        scroll = self.browser.verticalScrollBar().value() if commitment_id else 0
        same = commitment is not None and commitment_id == self._shown
        if commitment is None:
            self.browser.setHtml(empty_html("Select a commitment in the tree or the timeline."))
        else:
            self.browser.setHtml(commitment_html(self._catalog, commitment, as_of, query,
                                                 standing, follow_up,
                                                 self._assessments(commitment.id)))
        self._as_of, self._query = as_of, query
        self._shown = self._commitment_id
        # re-rendering the same commitment (new as-of, new search) keeps the reading position
        self.browser.verticalScrollBar().setValue(scroll if same else 0)
        if self.notes_panel is not None and not same:  # a re-render keeps a half-typed note
            self.notes_panel.set_commitment(self._commitment_id)

    def _assessments(self, commitment_id: str) -> tuple[AssessmentRecord, ...]:
        if self._service is None:
            return ()
        changes, kept = self._notes_changes, self._records  # the count before the read
        if kept is not None and kept[0] == commitment_id and kept[1] == changes:
            return kept[2]
        records = assessment_records(self._service.get(commitment_id))
        self._records = (commitment_id, changes, records)
        return records

    def _notes_changed(self, change: Change) -> None:
        """The notifier's call, on the thread that changed the notes: what was read before
        is stale from now on; the page is made again on this pane's thread."""
        self._notes_changes += 1
        self._assessed.emit(change)

    def _on_assessed(self, change: Change) -> None:
        bulk = change.event != "assessment_changed"
        if self._commitment_id and (bulk or self._commitment_id in change.commitment_ids):
            self.show_commitment(self._commitment_id, self._as_of, self._query)

    def show_page(self, html: str) -> None:
        """An overview or a search summary in place of a commitment (no notes to edit)."""
        was = self._shown
        self._commitment_id = self._shown = None
        self.browser.setHtml(html)
        self.browser.verticalScrollBar().setValue(0)
        if self.notes_panel is not None and was is not None:
            self.notes_panel.set_commitment(None)

    def show_prepared(self, document: QTextDocument) -> None:
        """:meth:`show_page` with the page already made into a document (on the search
        worker, ``prepared_page.py``): swapped in, not parsed here. The pane owns it from
        now on, and deletes the one it replaces.

        Qt deletes a replaced document only if the browser's inner text control is its
        parent; a page swapped in before is the browser's child, so it is deleted here (each
        key left one behind: tens of kilobytes of laid-out text per key at 100,000)."""
        was = self._shown
        self._commitment_id = self._shown = None
        replaced = self.browser.document()
        swapped_in_before = replaced is not document and replaced.parent() is self.browser
        document.setParent(self.browser)
        self.browser.setDocument(document)
        if swapped_in_before:  # at once: a deferred delete waits for the next event loop
            shiboken6.delete(replaced)
        self.browser.verticalScrollBar().setValue(0)
        if self.notes_panel is not None and was is not None:
            self.notes_panel.set_commitment(None)

    def page_font(self) -> tuple[QFont, float]:
        """The font and margin a page is set in (for a document made elsewhere)."""
        return self.browser.document().defaultFont(), self.browser.document().documentMargin()

    def set_catalog(self, catalog: Catalog) -> None:
        """The window's catalog grew (an imported meeting); the next render reads it."""
        self._catalog = catalog

    def plain_text(self) -> str:
        return self.browser.toPlainText()

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == LINK_SCHEME:
            self.commitmentActivated.emit(unquote(url.path()))


class _AtLeastMinimum(QWidget):
    """Holds the notes panel in its scroll area at the viewport's height when the panel's
    minimum fits, so the note editor is on screen without scrolling.

    Given the panel directly, the scroll area sizes it by height-for-width, which adds up the
    lists' generous size hints (a thousand pixels): the editor fell below the fold even on a
    1600×1000 screen. Here the panel only ever asks for its minimum.
    """

    def __init__(self, panel: QWidget) -> None:
        super().__init__()
        self.setObjectName("annotationHolder")
        self._panel = panel
        panel.setParent(self)
        self._width = -1

    def _needed(self) -> QSize:
        layout = self._panel.layout()
        minimum = self._panel.minimumSizeHint()
        if layout is not None and layout.hasHeightForWidth() and self.width() > 0:
            return minimum.expandedTo(QSize(0, layout.minimumHeightForWidth(self.width())))
        return minimum

    def minimumSizeHint(self) -> QSize:
        return self._needed()

    def sizeHint(self) -> QSize:
        return self._needed()

    def event(self, event: QEvent) -> bool:
        # The panel grew (an assessment on record shows its list, a label wraps to more
        # lines): a holder without a layout is told by a LayoutRequest and nothing else
        # follows, so the scroll area kept the old height and squashed the rows into it.
        if event.type() == QEvent.Type.LayoutRequest:
            self._refit()
        return super().event(event)

    def _refit(self) -> None:
        """Never shorter than the panel needs at this width: the pane scrolls instead."""
        self.setMinimumHeight(self._needed().height())  # grows at once; the area follows
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._panel.setGeometry(self.rect())
        if event.size().width() != self._width:  # wrapped labels may need more height now
            self._width = event.size().width()
            self._refit()
