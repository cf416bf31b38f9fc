"""The export dialog with pytest-qt: real catalog, real reportlab, real QtPdf."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QMainWindow, QScrollArea

from jcct_desktop.core.briefing import Scope
from jcct_desktop.core.filtering import Filter
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui.briefing import BriefingDialog, Printing, export_packet, print_packet
from jcct_desktop.ui.briefing.dialog import suggested_path
from jcct_desktop.ui.briefing.printing import NO_PRINTER


class WindowStub(QMainWindow):
    """Our window's API (not Qt's), filled from the real catalog."""

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.catalog = open_reference().catalog
        self.settings = settings
        self.own_files = OwnFiles(None)  # no data folder of its own
        self.visible = [c.id for c in self.catalog.commitments[:3]]

    def as_of(self) -> date:
        return date(2012, 3, 1)

    def current_filter(self) -> Filter:
        return Filter(text="NEV")

    def visible_commitment_ids(self) -> list[str]:
        return self.visible

    def selected_commitment_id(self) -> str | None:
        return self.visible[0]


# the offscreen platform's own notice when a dialog is shown, not a problem of ours
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    w = WindowStub(settings)
    qtbot.addWidget(w)
    return w


def test_preview_shows_the_pdf_pages_and_save_writes_them(qtbot, window, settings, tmp_path,
                                                          monkeypatch):
    dialog = export_packet(window, settings)
    qtbot.addWidget(dialog)
    dialog.scope_buttons[Scope.FILTER].setChecked(True)
    with qtbot.waitSignal(dialog.built, timeout=20000) as blocker:
        dialog.preview_button.click()
    pages = blocker.args[0]
    assert dialog.view.document().pageCount() == pages
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(BriefingDialog, "ask_save_path", classmethod(lambda cls, p, s: str(target)))
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    reader = PdfReader(target)
    assert len(reader.pages) == pages
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Search “NEV”" in text  # the cover names the scope
    for cid in window.visible:
        assert cid in text


def test_choices_are_remembered(qtbot, window, settings):
    dialog = BriefingDialog(window, settings)
    qtbot.addWidget(dialog)
    dialog.scope_buttons[Scope.SECTORS].setChecked(True)
    item = dialog.sector_list.item(1)
    item.setCheckState(Qt.CheckState.Checked)
    dialog.checks["history"].setChecked(True)
    dialog.paper.setCurrentIndex(1)
    dialog.marking.setText("LIMITED <b> & co")
    dialog.prepared_by.setText("王岐山 desk")
    with qtbot.waitSignal(dialog.built, timeout=20000):
        dialog.start_build()
    again = BriefingDialog(window, settings)
    qtbot.addWidget(again)
    c = again.choices()
    assert c.scope == "sectors" and c.sectors == [item.data(Qt.ItemDataRole.UserRole)]
    assert c.history and c.paper == "a4"
    assert c.marking == "LIMITED <b> & co" and c.prepared_by == "王岐山 desk"


def test_empty_scope_reports_by_signal(qtbot, window, settings):
    dialog = BriefingDialog(window, settings)
    qtbot.addWidget(dialog)
    dialog.scope_buttons[Scope.STARRED].setChecked(True)  # starred: none
    with qtbot.waitSignal(dialog.failed, timeout=10000) as blocker:
        dialog.start_build()
    assert "Nothing to brief" in blocker.args[0]
    assert dialog.pdf is None and dialog.preview_button.isEnabled()


def test_print_without_printer_says_so(qtbot, window, monkeypatch):
    told: list[str] = []
    monkeypatch.setattr(Printing, "printers_available", classmethod(lambda cls: False))
    monkeypatch.setattr(Printing, "tell", classmethod(lambda cls, parent, text: told.append(text)))
    assert print_packet(window) is None
    assert told == [NO_PRINTER]


def test_print_leaves_no_dialog_behind(qtbot, window, settings, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    out = tmp_path / "printed.pdf"

    def to_file(cls, parent, printer, pages):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(72)  # the real printer's 1200 dpi is needless work in a test
        printer.setFromTo(1, 2)
        return True

    monkeypatch.setattr(Printing, "printers_available", classmethod(lambda cls: True))
    monkeypatch.setattr(Printing, "ask_printer", classmethod(to_file))
    dialog = print_packet(window, settings)
    with qtbot.waitSignal(dialog.printed, timeout=20000) as blocker:
        pass
    assert blocker.args == [2]
    assert len(PdfReader(out).pages) == 2

    def gone() -> bool:
        return not [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, BriefingDialog) or w.inherits("QPrintDialog")]

    qtbot.waitUntil(gone, timeout=5000)


def test_as_of_defaults_to_the_window_and_dates_the_packet(qtbot, window, settings, tmp_path,
                                                            monkeypatch):
    dialog = BriefingDialog(window, settings)
    qtbot.addWidget(dialog)
    assert dialog.as_of_edit.day() == window.as_of()
    dialog.scope_buttons[Scope.FILTER].setChecked(True)
    dialog.as_of_edit.set_day(date(2012, 1, 15))
    with qtbot.waitSignal(dialog.built, timeout=20000):
        dialog.preview_button.click()
    first = PdfReader(io.BytesIO(dialog.pdf)).pages[0].extract_text()
    assert "standing as of January 15, 2012" in first


def test_save_suggests_the_documents_folder(qtbot, window, settings, tmp_path, monkeypatch):
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    path = suggested_path()
    assert path.endswith("briefing-packet.pdf")
    # the documents folder when there is one, else home (a missing folder in a file dialog
    # opens the working folder instead)
    assert path.startswith(documents if documents and Path(documents).is_dir()
                           else str(Path.home()))
    assert not path.startswith(str(Path(__file__).parents[1]))


def test_no_marking_by_default(qtbot, window, settings):
    dialog = BriefingDialog(window, settings)
    qtbot.addWidget(dialog)
    assert dialog.marking.text() == ""


def test_an_as_of_date_that_is_not_one_builds_nothing_and_says_why(qtbot, window, settings):
    from jcct_desktop.ui.briefing import BriefingDialog

    dialog = BriefingDialog(window, settings)
    qtbot.addWidget(dialog)
    dialog.as_of_edit.setText("2012-02-30")
    dialog.start_build()
    assert dialog._task is None  # nothing started
    assert "February 2012 has 29 days" in dialog.status.text()


def test_save_says_saved_with_the_path_in_sight_and_in_the_window(qtbot, window, settings,
                                                                   tmp_path, monkeypatch):
    window.resize(1024, 768)
    window.show()
    dialog = export_packet(window, settings)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 740)  # a 1024×768 screen: the choices scroll
    dialog.scope_buttons[Scope.FILTER].setChecked(True)
    target = tmp_path / "saved packet.pdf"
    monkeypatch.setattr(BriefingDialog, "ask_save_path", classmethod(lambda cls, p, s: str(target)))
    with qtbot.waitSignal(dialog.saved, timeout=20000):
        dialog.save_button.click()  # builds first, then saves
    assert target.is_file()
    assert dialog.status.text() == f"Saved {target}"
    # outside the scrolled choices, so never scrolled out of sight
    choices = dialog.findChild(QScrollArea, "briefingChoices")
    assert not choices.isAncestorOf(dialog.status)
    assert dialog.status.isVisible() and not dialog.status.visibleRegion().isEmpty()
    assert window.statusBar().currentMessage() == f"Saved {target}"


def test_the_save_dialog_opens_in_home_when_there_is_no_documents_folder(
        qtbot, window, settings, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))  # no user-dirs.dirs there
    monkeypatch.chdir(tmp_path)  # the working folder must never be where it opens
    asked: list[str] = []
    monkeypatch.setattr(BriefingDialog, "ask_save_path",
                        classmethod(lambda cls, p, s: asked.append(s) or ""))
    dialog = BriefingDialog(window, settings)
    qtbot.addWidget(dialog)
    dialog.pdf = b"%PDF-1.4"  # as if previewed: Save asks for the file straight away
    dialog.save_button.click()
    assert asked == [str(home / "briefing-packet.pdf")]
    (home / "Documents").mkdir()  # once there is one, it opens there
    dialog.save_button.click()
    assert asked[1] == str(home / "Documents" / "briefing-packet.pdf")


def test_save_with_a_date_that_is_not_one_says_why_and_saves_nothing(qtbot, window, settings,
                                                                     tmp_path, monkeypatch):
    asked: list[str] = []
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(BriefingDialog, "ask_save_path",
                        classmethod(lambda cls, p, s: asked.append(s) or str(target)))
    printed: list[bytes] = []
    monkeypatch.setattr("jcct_desktop.ui.briefing.dialog.print_pdf",
                        lambda parent, data: printed.append(data) or 0)
    dialog = BriefingDialog(window, settings)
    qtbot.addWidget(dialog)
    dialog.scope_buttons[Scope.FILTER].setChecked(True)
    for button in (dialog.save_button, dialog.preview_button, dialog.print_button):
        dialog.status.setText("")
        dialog.as_of_edit.setText("2012-02-30")
        button.click()
        assert dialog._task is None  # nothing started
        assert dialog.status.text() == "“2012-02-30” is not a date: February 2012 has 29 days."
    # a later Preview with a real date does not carry out the refused Save
    dialog.as_of_edit.setText("2012-02-29")
    with qtbot.waitSignal(dialog.built, timeout=20000):
        dialog.preview_button.click()
    assert asked == [] and not target.exists() and printed == []
    # nor does a built preview get saved under a date the field no longer holds
    dialog.as_of_edit.setText("2012-02-30")
    dialog.save_button.click()
    assert asked == [] and not target.exists()
    assert "February 2012 has 29 days" in dialog.status.text()


@pytest.mark.parametrize(("paper", "size_id", "points"), [
    ("a4", "A4", (595, 842)), ("letter", "Letter", (612, 792))])
def test_the_print_dialog_starts_on_the_packets_paper_and_names_what_prints(
        qtbot, window, settings, tmp_path, monkeypatch, paper, size_id, points):
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

    out = tmp_path / "printed.pdf"
    seen: dict[str, object] = {}

    def to_file(cls, parent, printer, pages):
        seen.update(size=printer.pageLayout().pageSize().id(), title=printer.docName(),
                    full=printer.fullPage(), pages=pages)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(72)
        printer.setFromTo(1, 1)  # one page: drawn through the page renderer, at 100%
        return True

    monkeypatch.setattr(Printing, "printers_available", classmethod(lambda cls: True))
    monkeypatch.setattr(Printing, "ask_printer", classmethod(to_file))
    dialog = BriefingDialog(window, settings)
    qtbot.addWidget(dialog)
    dialog.paper.setCurrentIndex(dialog.paper.findData(paper))
    with qtbot.waitSignal(dialog.printed, timeout=20000) as blocker:
        dialog.print_()
    assert blocker.args == [1]
    assert seen["size"] == getattr(QPageSize.PageSizeId, size_id)  # not the printer's default
    assert seen["full"] is True  # the whole sheet: the packet has its own margins
    assert seen["title"] == (f"JCCT briefing packet — the whole meeting, {seen['pages']} pages, "
                             "as of March 1, 2012")
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == points


def test_a_cups_job_prints_at_100_percent_on_the_packets_paper(qtbot):
    from jcct_desktop.ui.briefing.printing import cups_job, packet_printer

    printer = packet_printer("a4", "JCCT briefing packet — starred commitments, 3 pages")
    printer.setPrinterName("queue")
    args = cups_job(printer, 3, printer.docName()).lp_args()
    assert "print-scaling=none" in args and "media=A4" in args
    assert "JCCT briefing packet — starred commitments, 3 pages" in args
