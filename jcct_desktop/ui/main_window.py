"""The main window: sector tree | detail pane above the deadline timeline.

One path for selection: tree, timeline and detail links all go through
:meth:`MainWindow.select_commitment`; the tree's current item then tells the other panes.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jcct_desktop.core import dates
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.clock_check import clock_doubt
from jcct_desktop.core.counts import plural
from jcct_desktop.core.filtering import (
    AnnotationIndex,
    Filter,
    FilterContext,
    TextSearch,
    Warmable,
)
from jcct_desktop.core.model import Meeting, Sector
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.core.search import SearchQuery, parse_query
from jcct_desktop.core.standing import Standing, StandingBook
from jcct_desktop.core.standing_words import counts_line
from jcct_desktop.ui import (
    announce,
    citing,
    screen_fit,
    wheel_guard,
    window_settings,
)
from jcct_desktop.ui.about import about_html
from jcct_desktop.ui.annotations.window import WindowAnnotations
from jcct_desktop.ui.as_of_banner import AsOfBanner
from jcct_desktop.ui.detail import DetailPane, overview
from jcct_desktop.ui.detail.prepared_page import PreparedPage, page_preparer
from jcct_desktop.ui.filter_bar import FilterBar
from jcct_desktop.ui.graphics import bundled_icon
from jcct_desktop.ui.interpreter_turns import give_window_its_turns
from jcct_desktop.ui.latest_only import LatestOnly
from jcct_desktop.ui.meeting_filter import MeetingFilter
from jcct_desktop.ui.refilter import Refiltered, prepare, refilter
from jcct_desktop.ui.timeline import TimelineSource, TimelineWidget
from jcct_desktop.ui.tree import NodeKind, SectorTreeModel, SectorTreeView, TreeSource
from jcct_desktop.ui.window_actions import build_actions, build_menus, build_toolbars
from jcct_desktop.ui.window_keys import COMMANDS, announce_undo_redo, install_command_keys

if TYPE_CHECKING:
    from jcct_desktop.core.annotations.model import Annotation
    from jcct_desktop.core.briefing import PlainAnnotations
    from jcct_desktop.store.annotations import AnnotationService
    from jcct_desktop.store.annotations.queries import AnnotationQueries
    from jcct_desktop.ui.briefing.host import WorkerNotes


# quiet time after the first paint (or the last key typed) before the search warms up
WARM_UP_AFTER_IDLE_MS = 1500
# From this many commitments a changed filter (a checkbox, a list, Escape in the search box) is
# worked out on the search thread, as typing is: at 100,000 it held the window's thread for
# 100-260 ms. Below, at once, where it costs a few milliseconds.
FILTER_IN_BACKGROUND_FROM = 20_000
# From this many commitments the catalog's part of the warm-up (what any first search makes
# and waits for: about a second at 100,000) starts at the first paint, not after the idle
# pause: an officer who opens the window and types at once then waits for what is left of it.
# Below, it is a few milliseconds, made by the first search.
PREPARE_AT_FIRST_PAINT_FROM = 20_000


def _read_search_rows(context: FilterContext) -> None:
    """The reference search's index rows read into memory (``ReferenceSearch.warm``: one
    thread reads them, and they are used only once whole), beside the typed searches."""
    if isinstance(context.search, Warmable):
        context.search.warm()


class MainWindow(QMainWindow):
    commitmentSelected = Signal(str)  # the id, or "" when nothing is selected (see tree.view)
    asOfChanged = Signal(object)  # datetime.date
    visibleChanged = Signal()  # the set of commitments shown changed (search, filters)
    firstPainted = Signal()  # once: the last pane laid out (the timeline, else the text) painted

    def __init__(self, catalog: Catalog, search: TextSearch, *,
                 annotations: AnnotationService | None = None,
                 annotations_error: str | None = None, undo_stack: QUndoStack | None = None,
                 settings: QSettings, as_of: date | None = None,
                 data_dir: Path | None = None, parent: QWidget | None = None) -> None:
        """``annotations``: an AnnotationService, or None with ``annotations_error`` saying why.
        ``settings``: the one settings object of this run (ui.app makes it: it follows
        --data-dir, and is thrown away in the one-shot modes); every dialog uses it.
        ``data_dir``: the run's data folder (the notes' own when not given; None only for a
        window with neither, which then has no imported meetings to save)."""
        super().__init__(parent)
        give_window_its_turns()  # before any worker starts: ui/interpreter_turns.py
        self.setObjectName("mainWindow")
        self.setWindowTitle("JCCT Desktop")
        self.setWindowIcon(bundled_icon("app.svg"))
        self.catalog = catalog
        self.annotations = annotations
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.settings = settings
        self.data_dir = data_dir if data_dir is not None or annotations is None \
            else annotations.data_dir
        self.own_files = OwnFiles(self.data_dir)  # what no export of the window may replace
        self.notes = WindowAnnotations(self, annotations, annotations_error)
        self._context = FilterContext(catalog, search, self.notes.filter_index())
        self._visible: Collection[str] | None = None  # None: no filter, everything shown
        self._shown: Sequence[str] = []  # what the tree shows, in source order
        self._shown_counts: dict[Standing, int] = {}  # of those, per standing
        self._states: dict[str, Standing] = {}
        self.standings = StandingBook(dates.today(), {})  # core.standing: every view reads it
        self.legend: QWidget | None = None
        self._found_facts: tuple[str, ...] = ()  # facts holding every searched term
        # the detail pane's page made with the result being swapped in (ui/detail/prepared_page)
        self._prepared_page: PreparedPage | None = None
        self._tree_source = TreeSource(catalog)  # per-catalog work done once, not per keystroke
        self._timeline_source = TimelineSource(catalog)
        # typed searches run here, off the GUI thread; the newest wins (ui/latest_only.py)
        self.searcher = LatestOnly(self)
        self.searcher.ready.connect(self._apply_refilter)
        self.searcher.failed.connect(
            lambda why: self.statusBar().showMessage(f"The search failed: {why}", 8000))
        self._worker_notes: AnnotationQueries | None = None  # its own read-only connection

        self.filters = FilterBar(self)
        self.meeting_filter = MeetingFilter(catalog, self)  # issue 14: meeting, issue area
        self.tree = SectorTreeView(SectorTreeModel(self), self)
        self.detail = DetailPane(catalog, annotations, self.undo_stack, self)
        # one standing book for the start: the timeline's first paint reads the window's
        self.timeline = TimelineWidget(catalog, self,
                                       standings=self._context.standings(
            as_of or window_settings.remembered_as_of(self.settings) or dates.today()))
        self.splitters = self._build_splitters()
        self.actions_by_name = build_actions(self)
        build_menus(self, self.actions_by_name)
        self.toolbar, self.filter_row, self.annotation_filter_actions = build_toolbars(
            self, self.actions_by_name, self.filters, self.meeting_filter, self.tree)
        self.counts = QLabel(self)
        self.counts.setObjectName("statusCounts")
        self.statusBar().addPermanentWidget(self.counts)
        # a message ("Starred 2011-SOFT-2 for your briefing") is read in full: the counts
        # give it their room while it shows, and come back when it goes
        self.statusBar().messageChanged.connect(lambda text: self.counts.setVisible(not text))
        announce.follow_status_bar(self.statusBar())  # saves, copies, sync: said aloud too
        self._announced_filter: Filter | None = None  # the search whose count was last said

        self.banner = AsOfBanner(self.actions_by_name["pin_as_of"], self)
        central = self.centralWidget()
        column = central.layout() if central is not None else None
        assert isinstance(column, QVBoxLayout)  # the column made below, banner on top
        column.insertWidget(0, self.banner)
        self.banner.backToToday.connect(self.set_as_of_today)

        # splitters with no saved layout yet: shared out on first show, at their real sizes
        self.pending_proportions = window_settings.restore_layout(self._kept_layout(),
                                                                  self.settings)
        screen_fit.fit_on_show(self)  # a layout saved on a bigger screen must fit this one
        pinned = window_settings.remembered_as_of(self.settings)
        self.actions_by_name["pin_as_of"].setChecked(pinned is not None)
        self.actions_by_name["pin_as_of"].toggled.connect(self._pin_toggled)
        shown = self.actions_by_name["show_timeline"]
        shown.setChecked(window_settings.remembered_timeline(self.settings))
        self.timeline.setVisible(shown.isChecked())
        shown.toggled.connect(self.timeline.setVisible)
        start = as_of or pinned or dates.today()
        self.filters.set_as_of(start)
        self.banner.set_clock_doubt(clock_doubt(dates.today(), catalog.meetings))
        self.banner.show_for(start, dates.today())
        self._today = dates.today()
        self._day = QTimer(self)  # a window left open past midnight is no longer on today
        self._day.timeout.connect(self._tick_day)
        self._day.start(60_000)
        self._recompute_states()
        self._painted_once = False
        self.timeline.painted.connect(self._announce_painted)
        # the search's warm-up waits for a pause in typing: run beside the keys, it would
        # contend with them for the interpreter lock and stall the window
        self.filter_in_background_from = FILTER_IN_BACKGROUND_FROM
        self._warm_timer = QTimer(self)
        self._warm_timer.setSingleShot(True)
        self._warm_timer.setInterval(WARM_UP_AFTER_IDLE_MS)
        self._warm_timer.timeout.connect(self._prepare_search)
        self._prepared: TimelineSource | None = None  # the sources the warm-up was asked for
        self.firstPainted.connect(self._warm_timer.start)
        if len(catalog.commitments) >= PREPARE_AT_FIRST_PAINT_FROM:
            self.firstPainted.connect(self._prepare_catalog_first)
        self.filters.search.textEdited.connect(self._put_off_warm_up)
        self.detail.browser.viewport().installEventFilter(self)  # the text, when no timeline
        self.tree.commitmentSelected.connect(self._on_tree_selection)
        self.timeline.commitmentClicked.connect(self.select_commitment)
        self.detail.commitmentActivated.connect(self.select_commitment)
        self.filters.filterChanged.connect(self._on_filter_changed)
        self.filters.searchTyped.connect(self.refilter_in_background)
        # after the filter bar's own Enter (which applies typed text at once)
        self.filters.search.returnPressed.connect(self._open_single_match)
        self.filters.resultsAsked.connect(self._to_results)
        self.meeting_filter.changed.connect(self._on_filter_changed)
        self.filters.asOfChanged.connect(self._on_as_of)
        self.filters.as_of_edit.refused.connect(lambda why: self.statusBar().showMessage(why))
        self.citing = citing.Citing(self)
        self.citing.install()
        self._follow_notes()
        self.notes.start()
        # Ctrl+E works from the search box
        self.command_keys = install_command_keys(
            [self.actions_by_name[name] for name in COMMANDS], self)
        announce_undo_redo(self.undo_stack, self.actions_by_name["undo"],
                           self.actions_by_name["redo"], self.statusBar())
        self._refilter(keep=window_settings.remembered_selection(self.settings))
        self.timeline.set_as_of(start)
        wheel_guard.guard(self)  # the wheel scrolls, never changes a field (and its dialogs')

    def _tick_day(self, today: date | None = None) -> None:
        """Every minute: the banner follows the clock; past midnight, so does the form."""
        today = today or dates.today()
        self.banner.show_for(self.as_of(), today)
        if today != self._today:
            self._today = today
            if self.detail.notes_panel is not None:
                self.detail.notes_panel.assessment.new_day(today)

    def _build_splitters(self) -> dict[str, QSplitter]:
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.setObjectName("topSplitter")
        top.addWidget(self.tree)
        top.addWidget(self.detail)
        top.setStretchFactor(1, 1)
        outer = QSplitter(Qt.Orientation.Vertical, self)
        outer.setObjectName("outerSplitter")
        outer.addWidget(top)
        outer.addWidget(self.timeline)
        outer.setStretchFactor(0, 1)
        for splitter in (top, outer):
            splitter.setChildrenCollapsible(False)
        central = QWidget(self)  # the as-of banner goes above the panes
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(outer, 1)
        self.setCentralWidget(central)
        return {"outer": outer, "top": top, "detail": self.detail.splitter}

    # -- what other modules ask (PDF export, annotations) -------------------------------
    def as_of(self) -> date:
        return self.filters.as_of()

    def set_as_of(self, value: date) -> None:
        self.filters.set_as_of(value)

    def filter_context(self) -> FilterContext:
        return self._context

    def current_filter(self) -> Filter:
        return self.meeting_filter.narrow(self.filters.current_filter())

    def visible_commitment_ids(self) -> list[str]:
        """The commitments the tree shows, in source order."""
        return list(self._shown)

    def selected_commitment_id(self) -> str | None:
        return self.tree.current_id()

    def select_commitment(self, commitment_id: str) -> bool:
        """Select in every pane; clears the filters if they hide it. False if unknown."""
        if commitment_id not in self.catalog:
            return False
        if not self.tree.select_id(commitment_id):
            self.clear_filters()
            self.statusBar().showMessage("Filters cleared to show " + commitment_id, 4000)
            return self.tree.select_id(commitment_id)
        return True

    def _open_single_match(self) -> None:
        """Enter in the search box with exactly one commitment shown: select it and show it
        (a search still running on the worker is finished here first, so Enter never acts on
        the previous result)."""
        if self.searcher.busy():
            self._refilter()
        if len(self._shown) == 1 and self.selected_commitment_id() != self._shown[0]:
            self.select_commitment(self._shown[0])

    def _to_results(self) -> None:
        """Down in the search box: the tree takes the keys, on the selected commitment if it
        is shown, else on the first one shown (selected and read out); the search still
        typed or running is finished first, as Enter does. Nothing shown: the key stays."""
        self.filters.flush_search()
        if self.searcher.busy():
            self._refilter()
        if not self._shown:
            self.statusBar().showMessage("Nothing to move to: no commitment is shown.", 5000)
            return
        selected = self.selected_commitment_id()
        if selected is None or (self._visible is not None and selected not in self._visible):
            self.select_commitment(self._shown[0])
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_search_text(self, text: str) -> None:
        """Search now: text set by the program skips the typing delay."""
        self.filters.search.setText(text)
        self.filters.flush_search()

    def clear_filters(self) -> None:
        """Back to every commitment, at once at any size: a commitment selected next (the
        filters cleared to show it) must find its row."""
        with QSignalBlocker(self.filters):
            self.meeting_filter.clear()
            self.filters.clear()
        self._refilter()

    def _on_filter_changed(self) -> None:
        """A filter changed: on the search thread for a large catalog, else at once."""
        if len(self.catalog.commitments) >= self.filter_in_background_from:
            self.refilter_in_background()
        else:
            self._refilter()

    # -- reactions ----------------------------------------------------------------------
    def set_reference(self, catalog: Catalog, search: TextSearch) -> None:
        """A meeting imported while the window is open joins the tree, the timeline, search,
        filters and exports at once (the same catalog the window would open with)."""
        keep = self.selected_commitment_id()
        self.catalog = catalog
        self._context = FilterContext(catalog, search, self.notes.filter_index())
        self._tree_source = TreeSource(catalog)
        self._timeline_source = TimelineSource(catalog)
        self.meeting_filter.set_catalog(catalog)
        self.detail.set_catalog(catalog)
        self.timeline.set_catalog(catalog)
        self.notes.set_known_ids(catalog.ids)
        self._recompute_states()
        self._refilter(keep=keep)
        self._prepare_search()

    def _follow_notes(self) -> None:
        """Each pane subscribes to the notes feed itself; the window follows what only it
        can redo (standings, counts, the filtered set)."""
        feed = self.notes.feed
        if feed is None:
            return
        self.tree.tree_model().follow(feed)
        self.timeline.follow(feed)
        self.filters.follow(feed)
        feed.standingsMayChange.connect(self.follow_annotations)
        feed.matchesMayChange.connect(self._notes_text_changed)

    def _notes_text_changed(self) -> None:
        """A note's or a tag's text changed: only an active filter can match differently."""
        if not self.current_filter().is_empty:
            self.refilter_keeping_selection()

    def _recompute_states(self) -> None:
        """Every standing, from the deadlines and the assessments in force (core.standing)."""
        before, self.standings = self.standings, self._context.standings(self.as_of())
        if self.standings is not before:  # after a note edit only the edited are judged again
            self.standings.reuse_values(before)
        self._states = self.standings.values()
        book = self.standings
        self._tree_source.judge(lambda cid: book.of(cid).shortfall)
        self.tree.tree_model().set_standings(self.standings)
        self.timeline.set_standings(self.standings)

    def follow_annotations(self) -> None:
        """After an annotation edit (the context has forgotten its snapshot): standings,
        markers, counts and the detail pane follow."""
        before = self._states
        self._recompute_states()
        if self._states != before or not self.current_filter().is_empty:
            self.refilter_keeping_selection()  # markers, sector counts and filters follow
        else:
            self._update_counts()
        self._show_detail(self.selected_commitment_id())

    def refilter_keeping_selection(self) -> None:
        """Re-run the filters after an annotation edit without whisking the edited row away."""
        self._refilter(sticky=True)

    def _refilter(self, keep: str | None = None, sticky: bool = False) -> None:
        """Filter now, on this thread; any typed search still under way is superseded."""
        self.searcher.supersede()
        keep = keep or self.selected_commitment_id()
        self._apply_refilter(refilter(self.current_filter(), self._context, self.as_of(),
                                      self._states, self._tree_source, self._timeline_source,
                                      keep if sticky else None), keep)

    def _put_off_warm_up(self) -> None:
        if self._warm_timer.isActive():
            self._warm_timer.start()  # from this key on

    def _prepare_search(self) -> None:
        """Once the window shows, what the first typed search would otherwise wait for: on
        the search thread the per-catalog lookups and the masks' places (a search needs them
        anyway), then beside the searches the reference rows (until they are in, a search
        asked meanwhile is answered by SQL, alike, at once), then on the search thread again
        what uses them (``FilterContext.prepare``: the rows' gather into source order)."""
        context = self._context
        self._prepared = self._timeline_source
        self.searcher.warm_up(partial(prepare, context, self._timeline_source,
                                      search_rows=False),
                              beside=partial(_read_search_rows, context),
                              then=context.prepare)

    def _prepare_catalog_first(self) -> None:
        """A search asked before the warm-up: the catalog's part of it (what that search
        would make anyway) runs first on the same thread, in the warm-up's freezing pause,
        not inside the search's own pause, where a collection would walk all the search
        made so far at once (a 50-110 ms stall at 100,000 when the timeline's masks asked
        for one per piece). The search's index rows wait for the idle warm-up."""
        if self._prepared is not self._timeline_source:
            self._prepared = self._timeline_source
            # ``warmed`` tells the whole warm-up's end (after the idle pause), not this part's
            self.searcher.warm_up(partial(prepare, self._context, self._timeline_source,
                                          search_rows=False), announce=False)

    def refilter_in_background(self) -> None:
        """Typing paused: search and filter on the worker, then swap the result in; a newer
        request (another key, a checkbox) makes this one's result unwanted."""
        flt, as_of, states = self.current_filter(), self.as_of(), self._states
        context = self._context.for_worker(self._context.search, self._worker_notes_index())
        trees, timelines = self._tree_source, self._timeline_source
        page = page_preparer(self.catalog, self.filters.search.text(), self.highlight_query(),
                             *self.detail.page_font(), self.selected_commitment_id())
        self._prepare_catalog_first()
        self.searcher.request(lambda: refilter(flt, context, as_of, states, trees, timelines,
                                               page=page))

    def filter_pending(self) -> bool:
        """Typed text not yet shown: waiting for a pause, or being searched."""
        return self.filters.search_pending() or self.searcher.busy()

    def _worker_notes_index(self) -> AnnotationIndex | None:
        service = self.notes.filter_index()
        if service is None:
            return None
        if self._worker_notes is None:
            from jcct_desktop.store.annotations.worker_reader import worker_reader

            self._worker_notes = worker_reader(service)
        return self._worker_notes

    def _apply_refilter(self, result: Refiltered, keep: str | None = None) -> None:
        """Swap a computed result into the tree, the timeline and the counts."""
        keep = keep or self.selected_commitment_id()
        self._prepared_page = result.page  # shown by _on_tree_selection if it is the page
        self._visible, self._found_facts = result.visible, result.found_facts
        self._shown, self._shown_counts = result.shown, result.counts
        self.tree.replace_tree(result.tree, self._states, keep,
                               filtered=result.visible is not None)
        self.timeline.set_layout(result.layout)
        self.timeline.set_selected(self.selected_commitment_id())
        self._update_counts()
        self._announce_count(result.flt)
        self._prepared_page = None  # made for this result only
        self.visibleChanged.emit()

    def _announce_count(self, flt: Filter) -> None:
        """A new search or filter: say how many it shows ("Showing 1 of 40 commitments");
        an edit that re-runs the same filter stays quiet."""
        before, self._announced_filter = self._announced_filter, flt
        if before is None or before == flt:
            return  # the first fill, or the same filter again
        total = len(self.catalog.commitments)
        what = f"Showing {len(self._shown):,} of {total:,} commitments"
        if self._found_facts:
            what += f", {plural(len(self._found_facts), 'fact')}"
        announce.polite(self.tree, what)

    def _on_as_of(self, as_of: date) -> None:
        self._recompute_states()
        self.timeline.set_as_of(as_of)
        self._refilter()  # markers, counts and state filters all follow the date
        self.banner.show_for(as_of, dates.today())
        if self.as_of_pinned():
            window_settings.remember_pin(self.settings, as_of)
        self.asOfChanged.emit(as_of)

    def timeline_shown(self) -> bool:
        return self.actions_by_name["show_timeline"].isChecked()

    def as_of_pinned(self) -> bool:
        return self.actions_by_name["pin_as_of"].isChecked()

    def _pin_toggled(self, pinned: bool) -> None:
        window_settings.remember_pin(self.settings, self.as_of() if pinned else None)

    def highlight_query(self) -> SearchQuery:
        """The search as typed, plus the other forms that explain a match (IPR, 王岐山)."""
        return self.catalog.thesaurus.expand(parse_query(self.filters.search.text()))

    def _on_tree_selection(self, selected: str) -> None:
        commitment_id = selected or None
        if commitment_id is not None or not self._show_prepared_page():
            page = None if commitment_id is not None else overview.page_for(
                self.catalog, self._selected_row(), self.as_of(), self.standings,
                self.highlight_query(), self.filters.search.text(), self._visible,
                self._found_facts)
            if page is None:
                self._show_detail(commitment_id)
            else:
                self.detail.show_page(page)
        self.timeline.set_selected(commitment_id)
        if commitment_id and self.settings.value(window_settings.SELECTION) != commitment_id:
            # only a new one: the same row found again after each key's rebuild rewrote
            # the settings file on this thread (QSettings writes even an unchanged value)
            self.settings.setValue(window_settings.SELECTION, commitment_id)
        self.commitmentSelected.emit(selected)

    def _show_prepared_page(self) -> bool:
        """Show the page the search worker made with the result being swapped in, if it is
        the one ``overview.page_for`` would give now (no meeting or sector row selected,
        the same result and search text); False when there is none such."""
        prepared, self._prepared_page = self._prepared_page, None  # a document is shown once
        if prepared is None or prepared.visible is not self._visible \
                or prepared.search_text != self.filters.search.text() \
                or self._selected_row() is not None:
            return False
        self.detail.show_prepared(prepared.document)
        return True

    def _selected_row(self) -> Meeting | Sector | None:
        """The meeting or sector of the tree's current row, if it is one."""
        node = self.tree.current_node()
        if node is None:
            return None
        if node.kind is NodeKind.MEETING:
            return self.catalog.meeting(node.key)
        if node.kind in (NodeKind.GROUP, NodeKind.SECTOR):
            return self.catalog.sector(*node.key.split("/", 1))
        return None

    def _show_detail(self, commitment_id: str | None) -> None:
        query = self.highlight_query()
        standing = self.standings.of(commitment_id) if commitment_id else None
        follow_up = self.tree.tree_model().marks.follow_up(commitment_id or "")
        self.detail.show_commitment(commitment_id, self.as_of(), query, standing, follow_up)

    def _update_counts(self) -> None:
        """"Showing 40 of 40 commitments · 3 overdue · 2 due in 30 days · 5 met · …"."""
        shown, visible = self._shown, self._visible
        follow_ups = None
        if self.notes.available:
            marks = self.tree.tree_model().marks
            # the few commitments with a follow-up date, not every shown one
            follow_ups = marks.follow_ups_due(self.as_of(), [
                i for i in marks.follow_ups
                if (i in visible if visible is not None else i in self.catalog)])
        total = len(self.catalog.commitments)
        text = f"Showing {len(shown):,} of {total:,} commitments  ·  "
        text += counts_line(self._shown_counts, follow_ups)
        self.counts.setText(text + f"  ·  as of {self.as_of().isoformat()}")

    # -- commands -----------------------------------------------------------------------
    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def set_as_of_today(self) -> None:
        """Back to today; a pin on the old date goes too (today needs none)."""
        self.actions_by_name["pin_as_of"].setChecked(False)
        self.set_as_of(dates.today())
        self.statusBar().showMessage("As of today", 3000)

    def copy_focused(self) -> None:
        self.citing.copy_focused()

    def copy_reference(self) -> None:
        cid = self.selected_commitment_id()
        if cid:
            QGuiApplication.clipboard().setText(f"{cid} — {self.catalog.commitment(cid).title}")

    def export_packet(self, only: str | None = None) -> None:
        """The export dialog; ``only``: a commitment id, for a packet of just that one."""
        from jcct_desktop.ui import briefing  # reportlab and the PDF viewer: not at start-up

        briefing.export_packet(self, only=only)

    def print_packet(self, only: str | None = None) -> None:
        from jcct_desktop.ui import briefing

        briefing.print_packet(self, only=only)

    def briefing_annotations(self) -> PlainAnnotations | None:
        """What ui.briefing reads for notes, assessments and the "Starred" scope."""
        return self.notes.briefing_source()

    def notes_for_worker(self) -> WorkerNotes | None:
        """How a packet's worker reads the notes itself (``ui.briefing.notes_on_worker``)."""
        return self.notes.reader_for_worker()

    def stored_annotations(self) -> list[Annotation]:
        """The notes with their history, for the packet's "Changes since" block."""
        service = self.notes.service
        return service.all() if service is not None else []

    def show_legend(self) -> None:
        from jcct_desktop.ui.legend import LegendDialog

        if self.legend is None:
            self.legend = LegendDialog(self)
        self.legend.show()

    def bring_to_front(self) -> None:
        """Another launch on the same notes folder asked for this window."""
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()
        self.statusBar().showMessage("Already open here: the notes folder is used by one "
                                     "window at a time", 8000)

    def show_about(self) -> None:
        QMessageBox.about(self, "About JCCT Desktop",
                          about_html(self.catalog, self.notes.data_location()))

    def show_about_qt(self) -> None:
        QMessageBox.aboutQt(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Paint and not self._painted_once
                and not self.timeline.isVisible()):
            QTimer.singleShot(0, self._announce_painted)  # after this paint pass
        return super().eventFilter(watched, event)

    def _announce_painted(self) -> None:
        if not self._painted_once:
            self._painted_once = True
            self.detail.browser.viewport().removeEventFilter(self)  # no Python on later paints
            self.timeline.painted.disconnect(self._announce_painted)
            self.firstPainted.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window_settings.apply_default_proportions(self.splitters, self.pending_proportions)
        self.pending_proportions = []
        current = self.tree.currentIndex()
        if current.isValid():  # the first scroll happened before the tree had its real size
            self.tree.scrollTo(current, QAbstractItemView.ScrollHint.PositionAtCenter)

    def set_annotation_filters_visible(self, visible: bool) -> None:
        for action in self.annotation_filter_actions:
            action.setVisible(visible)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.searcher.supersede()  # a search under way is given up
        self._warm_timer.stop()  # and a closed window warms nothing up
        self.searcher.give_up_warm_up()  # nor goes on with one (a part under way ends)
        self.notes.flush_draft()  # a note being typed is kept for the next run
        for dialog in self.findChildren(QDialog):  # a packet building stops, its worker ends,
            dialog.close()  # before the application goes (a worker left running crashed it)
        choices = window_settings.KeptChoices(
            pinned_as_of=self.as_of() if self.as_of_pinned() else None,
            timeline_shown=self.timeline_shown(), selected=self.selected_commitment_id())
        window_settings.save(self._kept_layout(), choices, self.settings)
        super().closeEvent(event)

    def _kept_layout(self) -> window_settings.KeptLayout:
        return window_settings.KeptLayout(self, self.splitters, self.tree)
