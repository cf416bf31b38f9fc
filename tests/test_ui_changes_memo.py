"""The window's View → Changes since… and File → Export briefing memo (Word)…, driven for real
(pytest-qt, a real notes database, the memo opened back with python-docx)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.database import open_user_db
from jcct_desktop.ui import changes_view, memo_action
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
AS_OF = date(2012, 7, 15)


@pytest.fixture
def service(data_dir: Path):
    opened = AnnotationService(open_user_db(data_dir), user="alice",
                               clock=lambda: datetime(2012, 3, 1, 12, tzinfo=UTC))
    opened.record_assessment(commitment_id="2011-II-1", status="fulfilled",
                             evidence="All catalogues withdrawn.", view="china",
                             source="MOFCOM", effective=date(2012, 2, 28))
    yield opened
    opened.close()


@pytest.fixture
def window(make_window):
    """The window over this module's service, as of its own day."""
    return make_window(as_of=AS_OF)


def test_changes_dialog_lists_changes_and_opens_the_commitment(window, qtbot) -> None:
    window.settings.setValue(changes_view.SINCE_KEY, "2012-01-15")
    dialog = changes_view.ChangesDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.since.day() == date(2012, 1, 15)
    report = dialog.report
    assert report is not None and report.until == AS_OF
    ids = [g.commitment.id for g in report.commitments]
    assert "2011-II-1" in ids  # China's claim recorded on 1 March
    model = dialog.view.model()
    assert model.rowCount() == len(report.commitments)
    assert dialog.summary.text().startswith(f"{report.count} change")
    # activating a change selects its commitment in the window
    row = ids.index("2011-II-1")
    child = model.index(0, 0, model.index(row, 0))
    assert "China reports: Fulfilled" in child.data()
    dialog.view.activated.emit(child)
    assert window.selected_commitment_id() == "2011-II-1"
    # a later day is remembered; a day after the as-of date is refused in words
    dialog.since.set_day(date(2012, 3, 2))
    dialog.refresh(remember=True)
    assert window.settings.value(changes_view.SINCE_KEY) == "2012-03-02"
    assert "2011-II-1" not in [g.commitment.id for g in dialog.report.commitments]
    dialog.since.set_day(date(2012, 8, 1))
    dialog.refresh()
    assert dialog.report is None and "is after the as-of date" in dialog.summary.text()


def test_memo_from_the_window_writes_the_shown_commitments(window, qtbot, tmp_path,
                                                          monkeypatch) -> None:
    target = tmp_path / "memo.docx"
    monkeypatch.setattr(memo_action.MemoFileChooser, "ask_save",
                        classmethod(lambda cls, parent: target))
    window.set_search_text("software")
    qtbot.waitUntil(lambda: len(window.visible_commitment_ids()) < 40)
    shown = window.visible_commitment_ids()

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, memo_action.MemoDialog)
        dialog.prepared_for.setText("Under Secretary")
        dialog.marking.setText("SBU")
        dialog.with_changes.setChecked(True)
        dialog.since.set_day(date(2012, 1, 1))
        dialog.done(QDialog.DialogCode.Accepted)

    QTimer.singleShot(0, answer)
    assert memo_action.export_memo(window) == target
    doc = Document(str(target))
    text = [p.text for p in doc.paragraphs]
    assert text[0] == "SBU" and "TO: Under Secretary" in text
    assert "What changed since January 1, 2012" in text
    headings = [p.text.split(" — ")[0].rstrip(" ★") for p in doc.paragraphs
                if p.style.name == "Heading 3"]
    assert headings == shown
    assert window.settings.value(memo_action.KEYS["prepared_for"]) == "Under Secretary"
    assert window.settings.value(changes_view.LAST_EXPORT_KEY)
    assert (target.stat().st_mode & 0o777) == 0o600


def test_the_menus_offer_both(window, qtbot) -> None:
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    file_items = [a.text() for a in menus["File"].actions()]
    view_items = [a.text() for a in menus["View"].actions()]
    assert "Export briefing memo (&Word)…" in file_items
    assert "C&hanges since…" in view_items
    window.actions_by_name["changes"].trigger()
    qtbot.waitUntil(lambda: window.findChild(changes_view.ChangesDialog) is not None)
    dialog = window.findChild(changes_view.ChangesDialog)
    assert dialog.isVisible() and dialog.report is not None
    dialog.close()
