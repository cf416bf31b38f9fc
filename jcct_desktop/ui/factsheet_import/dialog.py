"""The importer's window: choose a fact sheet, review its drafts beside the source, save.

The source text is on the left with the selected draft's span highlighted; the drafts list and
the fields of the selected commitment (sector, title, parties, deadline, link) are on the right,
with Split and Merge. Nothing is saved until Save; a refused save says why and keeps the dialog.
Reading the sheet (a PDF's text layer) and drafting run on a worker, with Cancel; saving, which
rebuilds the meetings database, runs on a worker too (``ui.long_work``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.deadlines import MeetingCalendar
from jcct_desktop.core.model import Dialogue, Party, Relation
from jcct_desktop.factsheet_import.apply import to_meeting_doc
from jcct_desktop.factsheet_import.drafts import (
    MeetingInfo,
    NotAFactSheet,
    build_drafts,
    known_meetings,
    next_meeting_date,
    second_sheet,
)
from jcct_desktop.factsheet_import.source import ImportError_, read_source
from jcct_desktop.store.reference.source_fields import SHORT_TEXT
from jcct_desktop.ui import screen_fit
from jcct_desktop.ui.factsheet_import import review
from jcct_desktop.ui.long_work import Progress, run_with_progress

HIGHLIGHT = "#ffe58a"


class FactSheetChooser:
    """The open-file dialog (replaceable in tests); None when cancelled."""

    @classmethod
    def ask_open(cls, parent: QWidget | None) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            parent, "Import fact sheet", "",
            "Fact sheets (*.txt *.html *.htm *.pdf);;All files (*)",
        )  # fmt: skip
        return Path(name) if name else None

    @classmethod
    def confirm_discard(cls, parent: QWidget | None) -> bool:
        """Draft again over reviewed drafts: their edits would be lost."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            parent, "Import fact sheet",
            "Draft again? Your review of the current drafts (titles, parties, deadlines, "
            "links, splits and merges) will be lost.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def confirm_not_a_fact_sheet(cls, parent: QWidget | None, why: str) -> bool:
        """The window's --force: draft a source that does not look like a fact sheet?"""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            parent, "Import fact sheet",
            why.replace(" (--force drafts it anyway)", "") + ".\n\nDraft it anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes


class ImportFactSheetDialog(QDialog):
    def __init__(self, catalog: Catalog, data_dir: Path | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        """``data_dir``: the run's data folder, where a saved meeting goes (None: the
        drafts can be reviewed, not saved)."""
        super().__init__(parent)
        self.setWindowTitle("Import fact sheet")
        self.catalog, self.data_dir = catalog, data_dir
        self.drafts: dict[str, Any] | None = None
        self.saved_path: Path | None = None
        self._edited = False  # review work Draft again would discard
        self._build()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.file = QLineEdit(readOnly=True)
        choose = QPushButton("Choose…")
        choose.clicked.connect(self.choose_file)
        self.dialogue = QComboBox()
        for d in Dialogue:
            self.dialogue.addItem(d.label, d.value)
        self.number = QSpinBox(minimum=1, maximum=99, value=23)
        self.date = QLineEdit(placeholderText="YYYY-MM-DD")
        self.place = QLineEdit()
        self.kind = QComboBox()
        self.kind.addItem("U.S. fact sheet", "us")
        self.kind.addItem("Joint fact sheet", "joint")
        draft = QPushButton("Draft")
        draft.clicked.connect(self.make_drafts)
        self.meeting_button = QPushButton("Meeting…")
        self.meeting_button.setToolTip("The meeting's name, days, co-chairs, participants, "
                                       "fact sheet, and its facts with their figures")
        self.meeting_button.clicked.connect(self.edit_meeting)
        # two rows, not one: a row of all thirteen was wider than a 200% screen
        top = QGridLayout()
        top.addWidget(QLabel("File"), 0, 0)
        top.addWidget(self.file, 0, 1, 1, 8)
        top.addWidget(choose, 0, 9, 1, 2)
        for col, w in enumerate((QLabel("Dialogue"), self.dialogue, QLabel("No."), self.number,
                                 QLabel("Date"), self.date, QLabel("Place"), self.place,
                                 self.kind, draft, self.meeting_button)):  # fmt: skip
            top.addWidget(w, 1, col)
        top.setColumnStretch(7, 1)
        self.source = QPlainTextEdit(readOnly=True)
        self.items = QListWidget()
        self.items.currentRowChanged.connect(self._select)
        splitter = QSplitter()
        splitter.addWidget(self.source)
        splitter.addWidget(self._editor())
        splitter.setSizes([500, 500])
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(screen_fit.fitted_size(self, QSize(1000, 640), share=0.95))
        screen_fit.fit_on_show(self)

    def _editor(self) -> QWidget:
        box = QWidget()
        form = QFormLayout()
        self.sector = QComboBox()
        self.title = QLineEdit()
        self.party = QComboBox()
        for p in Party:
            self.party.addItem(" and ".join(p.sides), p.value)
        self.deadline = QLineEdit(placeholderText="words of the text, e.g. by June 2012")
        self.relation = QComboBox()
        self.relation.addItem("(no link)", "")
        for r in Relation:
            self.relation.addItem(r.label, r.value)
        self.target = QLineEdit(placeholderText="earlier commitment id, e.g. 2011-SOFT-2")
        self.flags = QLabel(wordWrap=True)
        form.addRow("Sector", self.sector)
        form.addRow("Title", self.title)
        form.addRow("Committed by", self.party)
        form.addRow("Deadline", self.deadline)
        form.addRow("Link", self.relation)
        form.addRow("Earlier commitment", self.target)
        form.addRow("Review", self.flags)
        self.apply_button = QPushButton("Apply to draft")
        self.apply_button.clicked.connect(self.apply_edits)
        self.split_button = QPushButton("Split")
        self.split_button.clicked.connect(self.split)
        self.merge_button = QPushButton("Merge with next")
        self.merge_button.clicked.connect(self.merge)
        row = QHBoxLayout()
        for b in (self.apply_button, self.split_button, self.merge_button):
            row.addWidget(b)
        layout = QVBoxLayout(box)
        layout.addWidget(self.items, 1)
        layout.addLayout(form)
        layout.addLayout(row)
        return box

    # -- drafting ---------------------------------------------------------------------------
    def choose_file(self) -> None:
        path = FactSheetChooser.ask_open(self)
        if path is not None:
            self.file.setText(str(path))

    def meeting_info(self) -> MeetingInfo:
        try:
            when = date.fromisoformat(self.date.text().strip())
        except ValueError:
            raise ImportError_("the meeting date must be an ISO date (YYYY-MM-DD)") from None
        dialogue, number = Dialogue(self.dialogue.currentData()), self.number.value()
        return MeetingInfo(dialogue, number, when, self.place.text().strip(),
                           self.kind.currentData(),
                           next_meeting_date(self.catalog, dialogue, number),
                           known_meetings(self.catalog))  # fmt: skip

    def make_drafts(self) -> bool:
        if self._edited and not FactSheetChooser.confirm_discard(self):
            self.message.setText("Kept your review; nothing drafted again.")
            return False
        try:
            info = self.meeting_info()
            if any(m.id == info.id for m in self.catalog.meetings):  # a second sheet?
                info = second_sheet(self.catalog, info)
        except ImportError_ as exc:
            self.message.setText(str(exc))
            return False
        drafted = self._draft(Path(self.file.text()), info, force=False)
        if isinstance(drafted, NotAFactSheet):
            if not FactSheetChooser.confirm_not_a_fact_sheet(self, str(drafted)):
                self.message.setText(str(drafted))
                return False
            drafted = self._draft(Path(self.file.text()), info, force=True)
        if not isinstance(drafted, dict):
            self.message.setText(drafted if isinstance(drafted, str) else str(drafted))
            return False
        self.drafts = drafted
        self.source.setPlainText(self.drafts["source"]["text"])
        self.sector.clear()
        for s in self.drafts["sectors"]:
            self.sector.addItem(f"{s['name']} ({s['code']})", s["code"])
        self._refill(0)
        n = len(self.drafts["commitments"])
        self._edited = False
        self.message.setText(f"{n} commitments drafted: review them, then Save.")
        return True

    def _draft(self, path: Path, info: MeetingInfo,
               force: bool) -> dict[str, Any] | NotAFactSheet | str:
        """Read and draft on a worker: the drafts, the doubt to ask about, or why not."""

        def work(progress: Progress) -> dict[str, Any] | NotAFactSheet:
            source = read_source(path)
            progress.step(1, 2)  # read (a PDF's text layer can take a while): Cancel stops here
            try:
                return build_drafts(source, info, force=force)
            except NotAFactSheet as doubt:
                return doubt

        done = run_with_progress(self, "Import fact sheet", f"Reading {path.name}…", work)
        if done.cancelled:
            return "Cancelled: nothing drafted."
        return done.result if done.result is not None else str(done.error)

    def _refill(self, row: int) -> None:
        assert self.drafts is not None
        self.items.blockSignals(True)
        self.items.clear()
        for c in self.drafts["commitments"]:
            flag = " ⚑" if len(c["review"]) > 1 else ""
            self.items.addItem(f"{c['id']} — {c['title']}{flag}")
        self.items.blockSignals(False)
        self.items.setCurrentRow(min(row, self.items.count() - 1))
        self._select(self.items.currentRow())

    def current(self) -> dict[str, Any] | None:
        row = self.items.currentRow()
        if self.drafts is None or row < 0:
            return None
        return self.drafts["commitments"][row]

    def _select(self, row: int) -> None:
        c = self.current()
        if c is None:
            return
        self.highlight(*c["span"])
        self.sector.setCurrentIndex(self.sector.findData(c["sector_code"]))
        self.title.setText(c["title"])
        self.party.setCurrentIndex(self.party.findData(c["party"]))
        self.deadline.setText(c["milestones"][0]["wording"] if c["milestones"] else "")
        # a resolved link, else the importer's candidate ("Building on …") to resolve
        link = next((lk for lk in c["links"] if lk.get("target")), None) or next(
            iter(c["links"]), None
        )
        self.relation.setCurrentIndex(self.relation.findData(link["relation"] if link else ""))
        self.target.setText((link or {}).get("target") or "")
        cue = (link or {}).get("phrase")
        self.target.setPlaceholderText(
            f"the text says “{cue}”: which earlier commitment?"
            if cue
            else "earlier commitment id, e.g. 2011-SOFT-2"
        )
        self.flags.setText("; ".join(c["review"]) + "".join(
            f"; deadline: {f}" for m in c["milestones"] for f in m["review"]))  # fmt: skip

    def highlight(self, start: int, end: int) -> None:
        """Select and colour the draft's span in the source, scrolled into view."""
        cursor = QTextCursor(self.source.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setBackground(self._colour())
        extra = QTextEdit.ExtraSelection()
        extra.cursor, extra.format = cursor, fmt
        self.source.setExtraSelections([extra])
        self.source.setTextCursor(cursor)
        self.source.ensureCursorVisible()

    @staticmethod
    def _colour() -> Any:
        from PySide6.QtGui import QColor

        return QColor(HIGHLIGHT)

    # -- edits -----------------------------------------------------------------------------
    def apply_edits(self) -> None:
        """The fields onto the selected draft, all of them or (refused) none of them."""
        c = self.current()
        if c is None or self.drafts is None:
            return
        row = self.items.currentRow()
        wording, title = self.deadline.text().strip(), self.title.text().strip()
        refusal = ""
        if wording and wording not in c["source_text"]:
            refusal = "the deadline wording must be words of the commitment's text"
        elif len(title) > SHORT_TEXT:
            refusal = f"the title is {len(title):,} characters long (at most {SHORT_TEXT})"
        if refusal:
            self.message.setText(f"Not applied: {refusal}; {c['id']} is unchanged.")
            return
        c["sector_code"] = self.sector.currentData()
        c["title"] = title or c["title"]
        c["party"] = self.party.currentData()
        c["parties"] = list(Party(c["party"]).sides)
        c["review"] = [f for f in c["review"] if f not in ("title to write", "unsure party")]
        problem = ""
        if wording:
            m = self.drafts["meeting"]
            meeting = date.fromisoformat(m["end"])  # relative wordings count from the last day
            calendar = MeetingCalendar(m["dialogue"], int(m["number"]),
                                       {**known_meetings(self.catalog),
                                        (m["dialogue"], int(m["number"])): meeting})  # fmt: skip
            problem = review.set_deadline(self.drafts, row, wording, meeting, calendar)
        else:
            c["milestones"] = []
        relation, target = self.relation.currentData(), self.target.text().strip()
        if relation and target:
            c["links"] = [{"relation": relation, "target": target, "span": c["span"]}]
        elif not relation:
            c["links"] = []  # "(no link)": the officer dropped the candidates
        # else: no earlier commitment typed yet: the importer's candidates stay to resolve
        self._edited = True
        self.message.setText(problem or f"{c['id']} updated.")
        self._refill(row)

    def edit_meeting(self) -> bool:
        """Meeting…: the meeting's own data, applied whole or (refused) not at all."""
        from jcct_desktop.ui.factsheet_import.meeting_editor import MeetingEditor

        if self.drafts is None:
            self.message.setText("Choose a fact sheet and press Draft first.")
            return False
        fields = MeetingEditor.ask(self, self.drafts)
        if fields is None:
            return False
        refusal = review.set_meeting(self.drafts, fields)
        if refusal:
            self.message.setText(f"Not applied: {refusal}; the meeting is unchanged.")
            return False
        self._edited = True
        self.message.setText(f"Meeting {self.drafts['meeting']['id']} updated.")
        return True

    def split(self) -> None:
        row = self.items.currentRow()
        if self.drafts is not None and review.split(self.drafts, row):
            self._edited = True
            self._refill(row)
        else:
            self.message.setText("Only one sentence: nothing to split.")

    def merge(self) -> None:
        row = self.items.currentRow()
        if self.drafts is not None and review.merge_with_next(self.drafts, row):
            self._edited = True
            self._refill(row)
        else:
            self.message.setText("Only a commitment followed by one of its sector can merge.")

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> None:
        from jcct_desktop.store.reference.build import SourceError
        from jcct_desktop.store.reference.imported_meetings import imported_docs, save_meeting

        if self.drafts is None:
            self.message.setText("Choose a fact sheet and press Draft first.")
            return
        if self.data_dir is None:
            self.message.setText("Not saved: this window has no data folder to keep "
                                 "imported meetings in.")
            return
        drafts, catalog, folder = self.drafts, self.catalog, self.data_dir

        def work(_progress: Progress) -> Path | str:
            try:
                doc = to_meeting_doc(drafts, catalog, imported_docs(folder))
                return save_meeting(doc, catalog, folder)  # builds the meetings database
            except (ImportError_, SourceError, OSError) as exc:
                return f"Not saved: {exc}"

        # not cancellable: the database is rebuilt and replaced in one step
        done = run_with_progress(self, "Import fact sheet", "Saving the meeting…", work,
                                 cancellable=False)
        if not isinstance(done.result, Path):
            self.message.setText(done.result or f"Not saved: {done.error}")
            return
        self.saved_path = done.result
        self.accept()
