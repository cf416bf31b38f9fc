"""The export dialog's "Changes since" date (pytest-qt, real notes database, real reportlab):
the packet gets the block after page 1, the day is remembered, a day after the as-of date is
said and nothing built, and saving a packet dates the next "Changes since"."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow

from jcct_desktop.core import dates
from jcct_desktop.core.annotations.model import Annotation
from jcct_desktop.core.briefing import PlainAnnotations, Scope
from jcct_desktop.core.briefing.from_annotations import snapshot
from jcct_desktop.core.filtering import Filter
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.store.annotations.service import AnnotationService
from jcct_desktop.store.notes.database import open_user_db
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui.briefing import BriefingDialog
from jcct_desktop.ui.changes_view import LAST_EXPORT_KEY, SINCE_KEY

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


class NotesWindow(QMainWindow):
    """Our window's API over a real notes database."""

    def __init__(self, settings: QSettings, service: AnnotationService) -> None:
        super().__init__()
        self.catalog = open_reference().catalog
        self.settings = settings
        self.service = service
        self.own_files = OwnFiles(service.data_dir)
        self.visible = ["2011-II-1", "2011-DC-1"]

    def as_of(self) -> date:
        return date(2012, 7, 15)

    def current_filter(self) -> Filter:
        return Filter()

    def visible_commitment_ids(self) -> list[str]:
        return self.visible

    def selected_commitment_id(self) -> str | None:
        return self.visible[0]

    def briefing_annotations(self) -> PlainAnnotations | None:
        return snapshot(self.service)

    def stored_annotations(self) -> list[Annotation]:
        return self.service.all()


@pytest.fixture
def window(qtbot, tmp_path: Path):
    moments = iter([datetime(2012, 3, 1, 12, tzinfo=UTC)] * 2
                   + [datetime(2012, 7, 10, 12, tzinfo=UTC)] * 10)
    service = AnnotationService(open_user_db(tmp_path / "notes"), user="alice",
                                clock=lambda: next(moments))
    service.record_assessment(commitment_id="2011-II-1", status="fulfilled",
                              evidence="All catalogues withdrawn.", view="china",
                              source="MOFCOM press release", effective=date(2012, 2, 28))
    service.record_assessment(commitment_id="2011-DC-1", status="not_fulfilled",
                              evidence="No list published.", effective=date(2012, 7, 1))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = NotesWindow(settings, service)
    qtbot.addWidget(w)
    yield w
    service.close()


def _dialog(qtbot, window) -> BriefingDialog:
    dialog = BriefingDialog(window, window.settings)
    qtbot.addWidget(dialog)
    dialog.scope_buttons[Scope.FILTER].setChecked(True)
    return dialog


def test_changes_since_block_in_the_packet_and_the_day_remembered(qtbot, window) -> None:
    dialog = _dialog(qtbot, window)
    assert not dialog.with_changes.isChecked() and not dialog.since_edit.isEnabled()
    dialog.with_changes.setChecked(True)
    assert dialog.since_edit.isEnabled()
    dialog.since_edit.set_day(date(2012, 1, 15))
    with qtbot.waitSignal(dialog.built, timeout=20000):
        dialog.preview_button.click()
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(dialog.pdf)).pages]
    assert "What changed since" not in pages[0]
    text = " ".join(pages[1:])
    assert "What changed since January 15, 2012" in text
    assert "China reports: Fulfilled, effective 2012-02-28" in text
    assert "Our assessment: Not fulfilled, effective 2012-07-01" in text
    assert window.settings.value(SINCE_KEY) == "2012-01-15"
    again = _dialog(qtbot, window)
    assert again.with_changes.isChecked() and again.since_edit.day() == date(2012, 1, 15)


def test_without_changes_since_no_block(qtbot, window) -> None:
    dialog = _dialog(qtbot, window)
    with qtbot.waitSignal(dialog.built, timeout=20000):
        dialog.preview_button.click()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(dialog.pdf)).pages)
    assert "What changed since" not in text


def test_a_day_after_the_as_of_date_is_said_and_nothing_built(qtbot, window) -> None:
    dialog = _dialog(qtbot, window)
    dialog.with_changes.setChecked(True)
    dialog.since_edit.set_day(date(2012, 8, 1))
    dialog.preview_button.click()
    assert dialog.pdf is None and dialog._task is None
    assert dialog.status.text() == ("Changes since August 1, 2012 is after the as-of date "
                                    "July 15, 2012: choose an earlier day.")


def test_saving_a_packet_dates_the_next_changes_since(qtbot, window, tmp_path,
                                                      monkeypatch) -> None:
    dialog = _dialog(qtbot, window)
    target = tmp_path / "packet.pdf"
    monkeypatch.setattr(BriefingDialog, "ask_save_path",
                        classmethod(lambda cls, p, s: str(target)))
    with qtbot.waitSignal(dialog.saved, timeout=20000):
        dialog.save_button.click()
    assert target.exists()
    assert window.settings.value(LAST_EXPORT_KEY) == dates.today().isoformat()
