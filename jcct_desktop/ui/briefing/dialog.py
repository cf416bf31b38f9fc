"""File → Export briefing packet…: choose scope and contents, preview the real PDF, save it."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QBuffer, QSettings, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jcct_desktop.core import dates
from jcct_desktop.core.briefing import (
    Briefing,
    BriefingOptions,
    PlainAnnotations,
    Scope,
    build_briefing,
)
from jcct_desktop.core.briefing.since import with_changes
from jcct_desktop.core.counts import plural
from jcct_desktop.core.dates import long_date
from jcct_desktop.core.files import OutputError, atomic_write
from jcct_desktop.core.progress import Cancelled
from jcct_desktop.pdf import packet_bytes
from jcct_desktop.ui import announce, screen_fit
from jcct_desktop.ui.briefing import options as stored_options
from jcct_desktop.ui.briefing.host import (
    BriefingHost,
    HasHistory,
    HasNotes,
    ReadsNotesOnWorker,
)
from jcct_desktop.ui.briefing.notes_on_worker import read_notes
from jcct_desktop.ui.briefing.printing import load_pdf, print_pdf
from jcct_desktop.ui.briefing.worker import Task
from jcct_desktop.ui.changes_view import SINCE_KEY, remember_export, remembered_since
from jcct_desktop.ui.date_edit import DateEdit
from jcct_desktop.ui.long_work import Progress, ProgressSignals, collector_paused
from jcct_desktop.ui.save_folder import in_documents

SCOPE_WORDS = {Scope.MEETING: "the whole meeting", Scope.STARRED: "starred commitments",
               Scope.FILTER: "the current filter", Scope.SECTORS: "chosen sectors"}
CANCELLED = "Build cancelled; nothing was written."
CLOSE_WAIT_S = 5.0  # how long a closing dialog waits for its cancelled build to stop
_SCOPES = [(Scope.MEETING, "Whole meeting"), (Scope.SECTORS, "Chosen sectors"),
           (Scope.FILTER, "Current search and filter"), (Scope.STARRED, "Starred commitments")]


def annotations_of(window: BriefingHost) -> PlainAnnotations:
    """The notes of the catalog's commitments from a host that hands over a snapshot of them,
    read on the GUI thread (the window's own are read on the worker: ``notes_on_worker``)."""
    notes = window.briefing_annotations() if isinstance(window, HasNotes) else None
    if notes is None:
        return PlainAnnotations()
    # found from the notes (hundreds), not by asking each commitment of the catalog: that
    # took 80 ms of the GUI thread at 100,000 commitments
    catalog = window.catalog
    return PlainAnnotations({i: a for i, a in notes.by_id.items()
                             if a is not None and i in catalog})


def _packet(briefing: Briefing, tagged: bool, progress: PacketProgress) -> bytes:
    """The packet's bytes: ReportLab's, or the tagged PDF/UA-1 one (pdf.tagged).

    ``progress.step`` may raise ``Cancelled``: ReportLab's layout stops at the next page or
    commitment, or while writing the file out; Typst compiles in one call, so a tagged packet
    stops only before or after it."""
    total = len(briefing.commitment_ids)
    if tagged:
        from jcct_desktop.pdf.tagged import tagged_packet_bytes

        progress.step(0, total)
        data = tagged_packet_bytes(briefing)
        progress.step(total, total)
        return data
    return packet_bytes(briefing, progress.step, progress.page)[0]


class PacketProgress(Progress):
    """``Progress`` that also keeps the number of the last page laid out (read with each
    count on the GUI thread: the summary's pages come before any commitment is placed)."""

    def __init__(self, signals: ProgressSignals) -> None:
        super().__init__(signals)
        self.pages = 0

    def page(self, number: int) -> None:
        self.pages = number


class _Stopped:
    """What a build stopped by Cancel returns instead of bytes (not an error to show)."""


def suggested_path(name: str | None = None) -> str:
    """``name`` (briefing-packet.pdf) in the user's documents folder (``ui/save_folder.py``)."""
    return in_documents(name or "briefing-packet.pdf")


class BriefingDialog(QDialog):
    built = Signal(int)  # page count of the new preview
    failed = Signal(str)
    saved = Signal(str)
    printed = Signal(int)  # pages sent to the printer (0: cancelled or no printer)
    cancelled = Signal()  # a build stopped by Cancel: no packet, nothing written
    progressed = Signal(int, int)  # commitments placed, of how many (the status line says more)

    def __init__(self, window: BriefingHost, settings: QSettings | None = None,
                 only: str | None = None) -> None:
        """``only``: a commitment id — a packet of that one commitment, scope fixed."""
        super().__init__(window if isinstance(window, QWidget) else None)
        self.setWindowTitle(f"Export {only}" if only else "Export briefing packet")
        self._host: Callable[[], BriefingHost | None] = lambda: window
        self.only = only
        # the window's own settings, never a second file of the dialog's
        self.settings = settings if settings is not None else window.settings
        self.pdf: bytes | None = None
        self._task: Task | None = None
        self._progress: PacketProgress | None = None  # of the build running, for Cancel
        self._after: Callable[[], None] | None = None  # save or print once built
        # closed for good: deleted (with its preview and packet) once no build is running;
        # each one opened stayed alive as the window's child before (issue 25)
        self._closed = False
        self.finished.connect(self._let_go)  # Close, Escape (reject: done() hides, no close)
        self._build_ui()
        self._remembered = stored_options.load(self.settings)
        self._show_choices(self._remembered)
        self.first_control().setFocus(Qt.FocusReason.OtherFocusReason)  # not the preview
        self.resize(screen_fit.fitted_size(self, QSize(1100, 760), share=0.95))
        screen_fit.fit_on_show(self)

    @property
    def window_api(self) -> BriefingHost:
        host = self._host()
        if host is None:  # not while the dialog lives: the window deletes its children
            raise RuntimeError("the briefing dialog's window is gone")
        return host

    def first_control(self) -> QWidget:
        """Where the dialog opens: the chosen scope (the first thing to decide), or for a
        one-commitment packet the first of what to include."""
        if self.only:
            return next(iter(self.checks.values()))
        return next((b for b in self.scope_buttons.values() if b.isChecked()),
                    self.scope_buttons[Scope.MEETING])

    # -- dialogs behind classmethods (tests replace them) ------------------------------------
    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(parent, "Save briefing packet", suggested,
                                              "PDF documents (*.pdf)")
        return path

    @classmethod
    def warn(cls, parent: QWidget | None, text: str) -> None:
        QMessageBox.warning(parent, "Briefing packet", text)

    # -- layout -------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        side = QVBoxLayout()
        scope_box = QGroupBox("Scope")
        scope_layout = QVBoxLayout(scope_box)
        self.scope_buttons: dict[Scope, QRadioButton] = {}
        for scope, label in _SCOPES:
            button = QRadioButton(label)
            self.scope_buttons[scope] = button
            scope_layout.addWidget(button)
        self.sector_list = QListWidget()
        catalog = self.window_api.catalog
        # which meeting "Whole meeting" and "Chosen sectors" mean (the newest by default);
        # shown once a second meeting is imported
        self.meeting_choice = QComboBox()
        self.meeting_choice.setAccessibleName("Meeting")
        for m in reversed(catalog.meetings):
            self.meeting_choice.addItem(m.label, m.id)
        self.meeting_choice.setVisible(len(catalog.meetings) > 1)
        self.meeting_choice.currentIndexChanged.connect(lambda _i: self._fill_sectors())
        scope_layout.insertWidget(1, self.meeting_choice)
        self._fill_sectors()
        scope_layout.addWidget(self.sector_list)
        self.scope_buttons[Scope.SECTORS].toggled.connect(self.sector_list.setEnabled)
        side.addWidget(scope_box)
        if self.only:  # one commitment: nothing to choose
            scope_box.hide()
            title = catalog.commitment(self.only).title
            only = QLabel(f"Scope: {self.only} — {title}")
            only.setObjectName("onlyScope")
            only.setTextFormat(Qt.TextFormat.PlainText)
            only.setWordWrap(True)
            side.addWidget(only)
        include = QGroupBox("Include")
        include_layout = QVBoxLayout(include)
        self.checks = {name: QCheckBox(label) for name, label in (
            ("notes", "Notes and tags"), ("history", "Full history"),
            ("facts", "Industry facts"), ("timeline", "Deadline timeline"))}
        for box in self.checks.values():
            include_layout.addWidget(box)
        side.addWidget(include)
        form = QFormLayout()
        self.paper = QComboBox()
        self.paper.addItem("US Letter", "letter")
        self.paper.addItem("A4", "a4")
        self.marking, self.prepared_by, self.prepared_for = QLineEdit(), QLineEdit(), QLineEdit()
        self.as_of_edit = DateEdit()  # the window's date by default; may be set apart
        self.as_of_edit.set_day(self.window_api.as_of())
        form.addRow("As of", self.as_of_edit)
        form.addRow("Paper", self.paper)
        form.addRow("Marking", self.marking)
        form.addRow("Prepared by", self.prepared_by)
        form.addRow("Prepared for", self.prepared_for)
        # what changed since the last briefing, right after page 1 (the day is the one the
        # Changes view and the memo use: one "last briefing" per officer)
        self.with_changes = QCheckBox("Changes since")
        self.since_edit = DateEdit()
        self.since_edit.setAccessibleName("Changes since")
        self.since_edit.set_day(remembered_since(self.settings, self.window_api.as_of()))
        self.with_changes.toggled.connect(self.since_edit.setEnabled)
        self.since_edit.setEnabled(False)
        form.addRow(self.with_changes, self.since_edit)
        side.addLayout(form)
        self.tagged = QCheckBox("Tagged PDF (accessible)")
        self.tagged.setToolTip("PDF/UA-1: headings, tables with header cells and reading "
                               "order for screen readers (typeset by Typst)")
        side.addWidget(self.tagged)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy until the layout says how many it has placed
        self.progress.setAccessibleName("Commitments placed")
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the packet build")
        self.cancel_button.clicked.connect(self.cancel_build)
        self.cancel_button.hide()
        self.status = QLabel("Choose the scope, then Preview.")
        self.status.setObjectName("briefingStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # a date that is not one is said where the answers to Preview and Save… are
        self.as_of_edit.refused.connect(self.status.setText)
        side.addStretch(1)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton("Preview")
        self.save_button = QPushButton("Save…")
        self.print_button = QPushButton("Print…")
        close = QPushButton("Close")
        for b in (self.preview_button, self.save_button, self.print_button, close):
            buttons.addWidget(b)
        self.preview_button.clicked.connect(self.start_build)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_)
        close.clicked.connect(self.reject)
        self.view = QPdfView(self)
        self.view.setObjectName("packetPreview")
        self.view.setAccessibleName("Packet preview")
        self.view.setAccessibleDescription("The PDF as it will be saved; Page Up and Page Down "
                                           "scroll it")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout = QHBoxLayout(self)
        holder = QWidget()
        holder.setLayout(side)
        # the choices scroll on a short screen (200% scaling); the buttons below never do
        scroll = QScrollArea()
        scroll.setObjectName("briefingChoices")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        column = QVBoxLayout()
        column.addWidget(scroll, 1)
        # above the buttons, outside the scrolled choices: what Preview and Save… did is
        # always in view (at 1024×768 the bottom of the choices is scrolled out of sight)
        building = QHBoxLayout()
        building.addWidget(self.progress, 1)
        building.addWidget(self.cancel_button)
        column.addLayout(building)
        column.addWidget(self.status)
        column.addLayout(buttons)
        left = QWidget()
        left.setLayout(column)
        left.setMaximumWidth(380)
        left.setMinimumWidth(min(300, holder.sizeHint().width() + 24))
        layout.addWidget(left)
        layout.addWidget(self.view, 1)
        self._document: QPdfDocument | None = None
        self._options: BriefingOptions | None = None  # of the packet last built
        self._shown_options: BriefingOptions | None = None
        self._buffer: QBuffer | None = None

    def chosen_meeting(self) -> str | None:
        return self.meeting_choice.currentData()

    def _fill_sectors(self) -> None:
        """The chosen meeting's groups and sectors, checked as they were where codes agree."""
        catalog = self.window_api.catalog
        was = {self.sector_list.item(i).data(Qt.ItemDataRole.UserRole)
               for i in range(self.sector_list.count())
               if self.sector_list.item(i).checkState() == Qt.CheckState.Checked}
        self.sector_list.clear()
        meeting = self.chosen_meeting()
        if meeting is None:
            return
        for group in catalog.groups(meeting):
            for sector in [group, *catalog.subsectors(group)]:
                indent = "" if sector.is_group else "    "
                item = QListWidgetItem(indent + sector.name)
                item.setData(Qt.ItemDataRole.UserRole, sector.code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                on = sector.code in was
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                self.sector_list.addItem(item)

    def _show_choices(self, c: stored_options.Choices) -> None:
        self.scope_buttons[Scope(c.scope)].setChecked(True)
        self.sector_list.setEnabled(c.scope == Scope.SECTORS.value)
        for i in range(self.sector_list.count()):
            item = self.sector_list.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in c.sectors
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        for name, box in self.checks.items():
            box.setChecked(getattr(c, name))
        self.paper.setCurrentIndex(max(0, self.paper.findData(c.paper)))
        self.marking.setText(c.marking)
        self.prepared_by.setText(c.prepared_by)
        self.prepared_for.setText(c.prepared_for)
        self.tagged.setChecked(c.tagged)
        self.with_changes.setChecked(c.with_changes)

    def choices(self) -> stored_options.Choices:
        scope = next(s for s, b in self.scope_buttons.items() if b.isChecked())
        sectors = [self.sector_list.item(i).data(Qt.ItemDataRole.UserRole)
                   for i in range(self.sector_list.count())
                   if self.sector_list.item(i).checkState() == Qt.CheckState.Checked]
        return stored_options.Choices(
            scope=scope.value, sectors=sectors, paper=self.paper.currentData(),
            marking=self.marking.text(), prepared_by=self.prepared_by.text(),
            prepared_for=self.prepared_for.text(), tagged=self.tagged.isChecked(),
            with_changes=self.with_changes.isChecked(),
            **{name: box.isChecked() for name, box in self.checks.items()},
        )

    # -- building, off the GUI thread ----------------------------------------------------------
    def _date_refused(self) -> bool:
        """True (and why in the status line) when the As of or Changes since field holds no
        real date, or the changes would start after the as-of date."""
        problem = ""
        if not self.as_of_edit.commit():
            problem = self.as_of_edit.error
        elif self.with_changes.isChecked():
            if not self.since_edit.commit():
                problem = self.since_edit.error
            elif self.since_edit.day() > self.as_of_edit.day():
                problem = (f"Changes since {long_date(self.since_edit.day())} is after the "
                           f"as-of date {long_date(self.as_of_edit.day())}: choose an "
                           "earlier day.")
        if not problem:
            return False
        self._after = None  # a save or print waiting for this build will not happen
        self.status.setText(problem)
        return True

    def start_build(self) -> None:
        if self._task is not None:
            return
        if self._date_refused():  # not a date: said in the status line, nothing built
            return
        choices = self.choices()
        w = self.window_api
        extra: dict[str, Any] = {"as_of": self.as_of_edit.day()}
        # a one-commitment packet leaves the usual scope remembered for the next whole packet
        stored_options.save(self.settings, replace(choices, scope=self._remembered.scope,
                                          sectors=self._remembered.sectors)
                   if self.only else choices)
        if self.only:
            choices = replace(choices, scope=Scope.FILTER.value)
            extra["ids"] = frozenset({self.only})
            extra["scope_label"] = f"{self.only} — {w.catalog.commitment(self.only).title}"
        elif choices.scope == Scope.FILTER.value:
            flt = w.current_filter()
            extra["ids"] = frozenset(w.visible_commitment_ids())
            text = flt.text.strip()
            extra["scope_label"] = f"search “{text}”" if text else "the current filter"
        if choices.scope in (Scope.MEETING.value, Scope.SECTORS.value):
            extra["meeting"] = self.chosen_meeting()
        options = choices.options(**extra)
        # what the built packet is (the print dialog names it); a cancelled build puts back
        # the one before, whose preview is still shown
        self._options, self._shown_options = options, self._options
        catalog = w.catalog
        since = self.since_edit.day() if choices.with_changes else None
        # the window's notes are read on the worker, over a connection of its own; a host
        # that only hands a snapshot over is read here
        read_on_worker = w.notes_for_worker() if isinstance(w, ReadsNotesOnWorker) else None
        notes, stored = PlainAnnotations(), []
        if read_on_worker is None:
            notes = annotations_of(w)
            # the notes with their history, for "Changes since"
            stored = w.stored_annotations() if since and isinstance(w, HasHistory) else []
        if since is not None:
            self.settings.setValue(SINCE_KEY, since.isoformat())
        tagged = choices.tagged  # the preview shows what Save… writes: the tagged one too
        signals = ProgressSignals()
        progress = self._progress = PacketProgress(signals)

        def work() -> bytes | _Stopped:
            try:
                # no collection while the briefing is assembled: a full pass over what the
                # window made since it last froze its objects holds the interpreter lock, and
                # the window with it (the layout after sets old objects aside: pdf.render)
                with collector_paused():
                    read, history = notes, stored
                    if read_on_worker is not None:
                        read, history = read_notes(read_on_worker, catalog, since is not None)
                    briefing = with_changes(build_briefing(catalog, options, read), catalog,
                                            history, since)
                return _packet(briefing, tagged, progress)
            except Cancelled:
                return _Stopped()

        signals.progress.connect(self._moved)
        signals.done.connect(self._finished)
        signals.failed.connect(self._failed)
        self._busy(True, "Building the packet…")
        self._task = Task(work, signals)
        QThreadPool.globalInstance().start(self._task)

    @property
    def building(self) -> bool:
        return self._task is not None

    def _moved(self, placed: int, total: int) -> None:
        if self._progress is None or self._progress.cancelled:
            return  # "Cancelling…" stays until the build has stopped
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(placed, total))
        pages = self._progress.pages
        self.status.setText(f"Building the packet: {plural(pages, 'page')} laid out, "
                            f"{placed:,} of {plural(total, 'commitment')} placed…")
        self.progressed.emit(placed, total)

    def cancel_build(self) -> None:
        """Stop the build running (its next page or commitment ends it); nothing is kept,
        and no save or print waits for it any more."""
        if self._progress is None or self._progress.cancelled:
            return
        self._progress.cancel()
        self._after = None
        self.cancel_button.setEnabled(False)
        self.status.setText("Cancelling…")

    def reject(self) -> None:
        self.cancel_build()  # Close while building: the build is not wanted any more
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closed for good (the window going, the application quitting): the build is
        stopped and its worker waited for, a few seconds at most (it stops at its next page
        or commitment). A worker still building while the application was torn down crashed
        the process on exit."""
        task = self._task
        self.cancel_build()
        if task is not None:
            task.wait(CLOSE_WAIT_S)
        super().closeEvent(event)
        if event.isAccepted():
            self._let_go()

    def _let_go(self, _result: int = 0) -> None:
        """A closed dialog is deleted: now, or once its build's result (its cancel) has
        arrived and been told (``cancelled``, the window's status bar)."""
        self._closed = True
        host = self.window_api
        if isinstance(host, QWidget):
            # Its parent outlives it: from now on held weakly, so a window dropped by its
            # last Python reference (a test's) is deleted at once with this child, not left
            # in a cycle with it for the collector to take apart while this dialog's
            # deleteLater is pending (that crashed in ~QWidget).
            self._host = weakref.ref(host)
        if self._task is None:
            self.deleteLater()

    def _deleted_if_closed(self) -> None:
        if self._closed and self._task is None and not self.isVisible():
            self.deleteLater()

    def _finished(self, result: bytes | _Stopped) -> None:
        if isinstance(result, _Stopped):
            self._stopped()
        else:
            self._built(result)
        self._deleted_if_closed()

    def _stopped(self) -> None:
        self._task = self._progress = None
        self._after = None
        self._options = self._shown_options  # the preview still shown, if any
        self._busy(False, CANCELLED)
        window = self.window_api
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(CANCELLED, 10000)
        self.cancelled.emit()

    def _built(self, data: bytes) -> None:
        self._task = self._progress = None
        self.pdf = data
        document, self._buffer = load_pdf(data, self)
        self._document = document
        self.view.setDocument(document)
        pages = document.pageCount()
        self._busy(False, f"{plural(pages, 'page')}. Save writes exactly this document.")
        self.built.emit(pages)
        after, self._after = self._after, None
        if after is not None:
            after()

    def _failed(self, message: str) -> None:
        self._task = self._progress = None
        self._after = None
        self._options = self._shown_options  # no new packet: the preview shown is the old one
        self._busy(False, message, failed=True)
        self.failed.emit(message)
        self._deleted_if_closed()

    def _busy(self, busy: bool, text: str, failed: bool = False) -> None:
        """The buttons stay enabled while the packet builds: disabling the focused Save…
        made focus jump to Print… and then Close. A press meanwhile waits for the build
        (start_build, save and print_ check ``_task``); the status line says so."""
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.status.setText(text)
        for b in (self.preview_button, self.save_button, self.print_button):
            b.setAccessibleDescription("Waits for the packet being built" if busy else "")
        (announce.assertive if failed else announce.polite)(self.status, text)

    # -- save and print ------------------------------------------------------------------------
    def save(self) -> None:
        if self._date_refused():  # never a file dated otherwise than the field says
            return
        if self.pdf is None or self._task is not None:  # none yet, or a newer one coming
            self._after = self.save
            self.start_build()
            return
        path = self.ask_save_path(self, suggested_path(f"{self.only}.pdf" if self.only else None))
        if not path:
            return
        try:
            atomic_write(path, lambda fh: fh.write(self.pdf or b""),
                         own_files=self.window_api.own_files)
        except OutputError as exc:
            self.warn(self, str(exc))
            return
        remember_export(self.settings, dates.today())  # the next "Changes since" starts here
        self.status.setText(f"Saved {path}")
        self.status.setToolTip(path)  # whole, however narrow the column
        window = self.window_api
        if isinstance(window, QMainWindow):  # said in the window too, after the dialog closes
            window.statusBar().showMessage(f"Saved {path}", 10000)
        self.saved.emit(path)

    def print_(self) -> None:
        if self._date_refused():
            return
        if self.pdf is None or self._task is not None:
            self._after = self.print_
            self.start_build()
            return
        paper = self._options.paper if self._options is not None else None
        self.printed.emit(print_pdf(self, self.pdf, self._print_title(), paper,
                                    own_files=self.window_api.own_files))

    def _print_title(self) -> str:
        """"JCCT briefing packet — the whole meeting, 23 pages, as of July 15, 2012"."""
        options = self._options
        pages = self._document.pageCount() if self._document is not None else 0
        if options is None:
            return "JCCT briefing packet"
        scope = options.scope_label or SCOPE_WORDS.get(options.scope, options.scope.value)
        if options.scope is Scope.SECTORS and not options.scope_label:
            scope = "sectors " + ", ".join(options.sectors)
        as_of = f", as of {long_date(options.as_of)}" if options.as_of else ""
        return f"JCCT briefing packet — {scope}, {plural(pages, 'page')}{as_of}"
