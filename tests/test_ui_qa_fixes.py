"""Fixes from the QA walk of the real window: tree marks, status-bar messages, the read-only
banner's contrast, follow-up typing, word wrapping of notes, the mouse wheel, the notes pane's
heights. Real widgets over a real notes database in tmp."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QUndoStack

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.ui.annotations.marks import DRAFT, STAR
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, temp_settings

pytestmark = OFFSCREEN_NOISE
CID = "2011-SOFT-2"


@pytest.fixture
def service(tmp_path: Path):
    opened = AnnotationService.open(tmp_path / "notes")
    yield opened
    opened.close()


@pytest.fixture
def window(qtbot, reference, tmp_path: Path, service):
    from jcct_desktop.ui.main_window import MainWindow

    w = MainWindow(reference.catalog, reference.search, annotations=service,
                   undo_stack=QUndoStack(), settings=temp_settings(tmp_path), as_of=AS_OF)
    qtbot.addWidget(w)
    w.resize(1024, 740)
    w.show()
    qtbot.waitExposed(w)
    return w


# -- tree marks -----------------------------------------------------------------------------
def _ink_pixels(window, cid: str) -> int:
    """Pixels painted (not background) in the commitment's # cell."""
    view = window.tree
    index = view.tree_model().index_for_id(cid).siblingAtColumn(1)
    view.scrollTo(index)
    image = view.viewport().grab(view.visualRect(index)).toImage()
    paper = QColor(image.pixel(0, 0))
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if not _near(QColor(image.pixel(x, y)), paper))


def _near(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 60


def test_an_assessed_starred_drafted_commitment_shows_every_mark(window, service, qtbot):
    service.record_assessment(commitment_id=CID, status="fulfilled", evidence="notice",
                              effective=AS_OF)
    window.select_commitment("2011-NEV-1")  # unselected: drawn on the plain background
    qtbot.waitUntil(lambda: window.tree.tree_model().marks.status(CID).value == "fulfilled")
    badge = _ink_pixels(window, CID)
    service.set_starred(commitment_id=CID, starred=True)
    qtbot.waitUntil(lambda: window.tree.tree_model().marks.is_starred(CID))
    star = _ink_pixels(window, CID) - badge
    assert star > 10  # ✓★ shows
    service.save_draft(commitment_id=CID, text="half a thought")
    index = window.tree.tree_model().index_for_id(CID).siblingAtColumn(1)
    qtbot.waitUntil(lambda: index.data() == STAR + DRAFT)
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()  # the ✓ badge too
    # the whole text is painted, not elided: the cell is wide enough for badge + ★✎
    view = window.tree
    assert view.sizeHintForIndex(index).width() <= view.columnWidth(1)
    both = _ink_pixels(window, CID) - badge
    assert both > star * 1.5, (badge, star, both)  # ✓★✎: the pencil is painted too


# -- status bar ------------------------------------------------------------------------------
def test_a_status_message_is_read_in_full_at_1024_wide(window, qtbot):
    bar = window.statusBar()
    assert window.width() <= 1024
    assert window.counts.isVisible() and window.counts.text()
    message = "Starred 2011-SOFT-2 for your briefing (Ctrl+D again takes the star off)"
    bar.showMessage(message, 4000)
    assert not window.counts.isVisible()  # the counts make way while it shows
    room = bar.width() - 2 * bar.style().pixelMetric(bar.style().PixelMetric.PM_LayoutLeftMargin)
    assert bar.fontMetrics().horizontalAdvance(message) <= room
    bar.clearMessage()
    assert window.counts.isVisible()


# -- read-only banner ----------------------------------------------------------------------
def _luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _painted_contrast(label) -> float:
    """Between the banner's background and its darkest painted text pixel."""
    image = label.grab().toImage()
    paper = QColor(image.pixel(3, 3))  # inside the 1 px border, in the padding
    ink = min((QColor(image.pixel(x, y)) for x in range(4, image.width() - 4)
               for y in range(4, image.height() - 4)), key=_luminance)
    return contrast(paper, ink)


def test_read_only_banner_is_readable_enabled_or_not(tmp_path: Path, qtbot):
    from jcct_desktop.ui.annotations.panel import READ_ONLY_INK, READ_ONLY_PAPER, AnnotationPanel
    from jcct_desktop.ui.annotations.startup import open_notes
    from tests.fs_support import read_only

    data = tmp_path / "data"
    AnnotationService.open(data).close()
    with read_only(data) as view:
        notes = open_notes(str(view))
        assert notes.service is not None and notes.service.read_only
        panel = AnnotationPanel(notes.service, QUndoStack())
        qtbot.addWidget(panel)
        panel.resize(480, 900)
        panel.show()
        qtbot.waitExposed(panel)
        banner = panel.read_only_banner
        assert contrast(QColor(READ_ONLY_INK), QColor(READ_ONLY_PAPER)) >= 4.5
        assert not panel.isEnabled()  # no commitment chosen: the panel is greyed out
        assert _painted_contrast(banner) >= 4.5
        panel.set_commitment(CID)
        assert panel.isEnabled() and _painted_contrast(banner) >= 4.5
        notes.service.close()


# -- follow-up typed with no follow-up set -----------------------------------------------------
@pytest.mark.qt_log_ignore("does not support")  # offscreen calendar: no raise, no keyboard grab
def test_a_date_typed_into_the_none_follow_up_field_turns_it_on(qtbot, tmp_path: Path):
    from datetime import date

    from tests.ui_support import open_panel

    panel = open_panel(qtbot, tmp_path, CID, width=520)
    edit = panel.follow_date
    assert edit.text() == "None" and not panel.follow_check.isChecked()
    assert edit.isEnabled()  # typing goes somewhere
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, "2026-12-10")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert panel.service.get(CID).follow_up == date(2026, 12, 10)
    assert panel.follow_check.isChecked() and edit.text() == "2026-12-10"
    panel.undo_stack.undo()  # one step: back to none, box unticked
    assert panel.service.get(CID).follow_up is None
    assert not panel.follow_check.isChecked() and edit.text() == "None"
    edit.setFocus()  # leaving "None" untouched sets nothing and says nothing
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert panel.service.get(CID).follow_up is None and not edit.error
    edit.show_calendar()  # a date picked from the calendar sets it too
    edit.popup.setSelectedDate(QDate(2027, 1, 5))
    edit.popup.clicked.emit(edit.popup.selectedDate())  # what a click on a day sends
    assert panel.service.get(CID).follow_up == date(2027, 1, 5) and panel.follow_check.isChecked()
    panel.follow_check.setChecked(False)
    assert edit.text() == "None"
    panel.follow_check.setChecked(True)  # the check box still starts at today
    assert panel.service.get(CID).follow_up == date.today()
    panel.service.close()


# -- notes wrap between words ------------------------------------------------------------------
# (Chinese may break between characters, as it should: no CJK here)
MIXED = ("bold? 🚀 emoji then مرحبا بالعالم and Wang said 🚀 the software "
         "legalization مسودة بالعالم continues " * 3).strip()


@pytest.mark.parametrize("width", [90, 140, 200, 260])
def test_notes_wrap_at_spaces_with_emoji_and_arabic(qtbot, tmp_path: Path, width: int):
    from jcct_desktop.ui.annotations import note_list
    from tests.ui_support import open_panel

    panel = open_panel(qtbot, tmp_path, CID, width=520)
    panel.service.add_note(commitment_id=CID, text=MIXED)
    qtbot.waitUntil(lambda: panel.notes.count() == 1)
    shown = note_list.wrap(panel.notes.item(0).text(), panel.notes.font(), width)
    assert len(shown) == note_list.MAX_LINES and shown[-1].endswith("…")  # long: cut at 6
    lines = note_list.wrap(MIXED, panel.notes.font(), width, max_lines=200)
    assert len(lines) > 3
    assert [w for line in lines for w in line.split()] == MIXED.split()  # no word cut in two
    panel.service.close()


# -- the mouse wheel -------------------------------------------------------------------------
def _wheel(widget, notches: int = -1) -> None:
    """A real wheel event over the widget's centre (down for negative notches)."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    at = QPointF(widget.rect().center())
    event = QWheelEvent(at, QPointF(widget.mapToGlobal(at)), QPoint(), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_notes_pane_past_the_view_combo(window, service, qtbot):
    service.record_assessment(commitment_id=CID, status="fulfilled", evidence="notice",
                              effective=AS_OF)
    assert window.select_commitment(CID)
    panel = window.detail.annotation_panel
    combos = [panel.assessment.view_combo, panel.status_combo, panel.assessment.milestone_combo]
    bar = window.detail.annotation_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # the pane is taller than its share at 1024
    window.tree.setFocus()
    for combo in combos:
        before, scrolled = combo.currentIndex(), bar.value()
        assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus and not combo.hasFocus()
        _wheel(combo, -1)
        assert combo.currentIndex() == before  # "Our assessment" stays ours
        assert bar.value() > scrolled  # the pane scrolled instead
        bar.setValue(0)
    effective = panel.assessment.effective  # a date field takes no wheel at all (a real,
    day = effective.date()                   # spontaneous one goes on to the scroll area)
    _wheel(effective, -1)
    assert effective.date() == day
    combo = panel.assessment.view_combo
    combo.setFocus()  # chosen on purpose: the wheel is the officer's to use
    qtbot.waitUntil(combo.hasFocus)
    _wheel(combo, -1)
    assert combo.currentIndex() == 1


def test_the_wheel_rule_covers_the_filter_row_and_the_windows_dialogs(window, qtbot):
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

    from jcct_desktop.ui.briefing.dialog import BriefingDialog
    from jcct_desktop.ui.factsheet_import.dialog import ImportFactSheetDialog

    for combo in window.findChildren(QComboBox):
        assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus, combo.objectName()
    dialog = ImportFactSheetDialog(window.catalog, parent=window)  # as File menu makes it
    dialog.show()
    qtbot.waitExposed(dialog)
    spin = dialog.findChildren(QAbstractSpinBox)[0]
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus
    value = spin.value()
    dialog.setFocus()
    _wheel(spin, 1)
    assert spin.value() == value
    dialog.close()
    packet = BriefingDialog(window)  # the packet dialog's paper size, too
    packet.show()
    qtbot.waitExposed(packet)
    assert packet.paper.focusPolicy() == Qt.FocusPolicy.StrongFocus
    paper = packet.paper.currentIndex()
    _wheel(packet.paper, -1)
    assert packet.paper.currentIndex() == paper
    packet.close()


# -- the notes pane keeps its rows' heights ----------------------------------------------------
def _needs(widget) -> int:
    """The least height a widget can be read at: its minimum, or for wrapped text the height
    its lines take at its width."""
    need = widget.minimumSizeHint().height()
    layout = widget.layout()
    if layout is not None and layout.hasHeightForWidth():  # a box: its rows' least heights
        need = max(need, layout.minimumHeightForWidth(widget.width()))
    elif widget.hasHeightForWidth():  # a wrapped label
        need = max(need, widget.heightForWidth(widget.width()))
    return need


def _rows_fit(rows) -> None:
    shown = sorted((w for w in rows if w.isVisible()), key=lambda w: w.geometry().top())
    for widget in shown:
        assert widget.height() >= _needs(widget), (type(widget).__name__, widget.height(),
                                                   _needs(widget))
    for above, below in pairwise(shown):
        assert below.geometry().top() >= above.geometry().bottom(), (
            type(above).__name__, type(below).__name__)  # no row overlaps the next


@pytest.mark.parametrize("recorded", ["before choosing it", "while it is shown"])
def test_with_an_assessment_on_record_the_notes_pane_scrolls_and_never_squashes(
        window, service, qtbot, recorded: str):
    from PySide6.QtWidgets import QGroupBox

    def record() -> None:  # the records list appears and "Now:" wraps over lines
        service.record_assessment(commitment_id=CID, status="fulfilled", effective=AS_OF,
                                  evidence="All 31 provinces reported completion; Wang Qishan "
                                           "said so at the meeting, with the State Council notice")

    assert window.width() <= 1024 and window.height() <= 768
    if recorded == "before choosing it":
        record()
    assert window.select_commitment(CID)
    panel = window.detail.annotation_panel
    form = panel.assessment
    qtbot.waitUntil(lambda: form.isVisible())
    if recorded == "while it is shown":
        record()
    qtbot.waitUntil(lambda: form.records.isVisible())
    qtbot.waitUntil(lambda: panel.height() >= _needs(panel))
    _rows_fit([form.current_status, form.view_combo, form.status_combo, form.milestone_combo,
               form.effective, form.evidence, form.source, form.record, form.records_title,
               form.records])
    _rows_fit([panel.title, panel.star, *panel.findChildren(QGroupBox)])
    bar = window.detail.annotation_scroll.verticalScrollBar()
    assert bar.maximum() > 0  # taller than the viewport: it scrolls


def test_a_record_heading_too_wide_for_the_pane_ends_in_an_ellipsis(window, service, qtbot):
    from PySide6.QtGui import QFontMetrics

    from jcct_desktop.ui.annotations.note_list import STAMP_ROLE, fitted_heading

    service.record_assessment(commitment_id=CID, status="fulfilled", evidence="<b>notice</b>",
                              effective=AS_OF)
    assert window.select_commitment(CID)
    records = window.detail.annotation_panel.assessment.records
    qtbot.waitUntil(lambda: records.count() == 1)
    item = records.item(0)
    heading = item.data(STAMP_ROLE)
    font = records.font()
    narrow = QFontMetrics(font).horizontalAdvance(heading) // 2
    shown = fitted_heading(heading, font, narrow)
    assert shown.endswith("…") and QFontMetrics(font).horizontalAdvance(shown) <= narrow
    assert fitted_heading(heading, font, 10_000) == heading  # room: whole
    assert heading in item.toolTip() and "&lt;b&gt;notice" in item.toolTip()


def test_tabbing_into_the_notes_list_keeps_the_draft_in_the_editor(qtbot, tmp_path):
    """QA: Tab into the notes list made its first note current, and the editor swapped the
    draft being written for that note's text."""
    from PySide6.QtCore import Qt

    from tests.ui_support import open_panel

    panel = open_panel(qtbot, tmp_path, "2011-SOFT-2", 600)
    panel.service.add_note(commitment_id="2011-SOFT-2", text="an older note")
    qtbot.waitUntil(lambda: panel.notes.count() == 1)
    panel.note_editor.setFocus()
    qtbot.keyClicks(panel.note_editor, "half a thought")
    panel.notes.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.notes.hasFocus)
    assert panel.notes.currentItem() is None
    assert panel.note_editor.toPlainText() == "half a thought"
    qtbot.keyClick(panel.notes, Qt.Key.Key_Down)  # choosing one by keyboard still works
    assert panel.notes.currentItem() is not None
    assert panel.note_editor.toPlainText() == "an older note"
    panel.service.close()


def test_the_focused_pane_is_framed(qtbot, reference, tmp_path):
    """QA: after F6 the text pane and the note editor showed no sign of having the keyboard
    (only the timeline drew a frame). The app's style frames them in the accent colour."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication

    from jcct_desktop.core import resources
    from tests.ui_support import make_window

    app = QApplication.instance()
    before = app.styleSheet()
    app.setStyleSheet(resources.style("app.qss").read_text(encoding="utf-8"))  # as launched
    try:
        window = make_window(qtbot, reference, tmp_path)
        browser = window.detail.browser

        def edge() -> QColor:
            return browser.grab().toImage().pixelColor(browser.width() // 2, 0)

        window.tree.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(window.tree.hasFocus)
        unfocused = edge()
        browser.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(browser.hasFocus)
        qtbot.waitUntil(lambda: edge() != unfocused)
        assert edge() == QColor("#2f5d8a")
    finally:
        app.setStyleSheet(before)


def test_the_notes_list_is_tall_enough_to_read_its_notes(qtbot, tmp_path):
    """QA: at 1024×768 the notes list showed about three lines, and the officer scrolled the
    whole pane to read the notes. It now asks for the height of its notes (each at most its
    six-line preview; up to 8 lines, then it scrolls itself) and no more than 3 for none."""
    from tests.ui_support import open_panel

    panel = open_panel(qtbot, tmp_path, "2011-SOFT-2", 420)
    line = panel.notes.fontMetrics().lineSpacing()
    frame = 2 * panel.notes.frameWidth()
    assert panel.notes.minimumHeight() <= 3 * line + frame
    for n in range(4):
        panel.service.add_note(commitment_id="2011-SOFT-2",
                               text=f"Cable {n}: " + "the province reported progress. " * 6)
    qtbot.waitUntil(lambda: panel.notes.count() == 4)
    rows = sum(panel.notes.sizeHintForRow(r) for r in range(4))
    assert rows > 10 * line  # four wrapped notes
    # its minimum, which the scrolling notes pane honours: not squeezed to 3 lines
    assert panel.notes.minimumHeight() >= 8 * line
    assert panel.notes.minimumHeight() <= 8 * line + frame
    panel.service.close()


def test_ctrl_d_says_why_a_commitment_cannot_be_starred(qtbot, reference, tmp_path):
    """QA (second walk): in a read-only notes folder Ctrl+D said "Select a commitment to star
    it" with one selected; it now says why."""
    from PySide6.QtGui import QUndoStack

    from jcct_desktop.store.annotations import AnnotationService
    from jcct_desktop.store.notes.database import DB_NAME, UserDb, make_engine
    from jcct_desktop.ui.main_window import MainWindow
    from jcct_desktop.ui.window_keys import toggle_star
    from tests.ui_support import temp_settings

    AnnotationService.open(tmp_path / "notes").close()
    path = tmp_path / "notes" / DB_NAME  # the store's read-only mode, as for a read-only folder
    service = AnnotationService(UserDb(make_engine(path), path, tmp_path / "notes",
                                       read_only=True))
    assert service.read_only
    for kwargs, why in (({"annotations": service}, "your notes folder is read-only here"),
                        ({"annotations_error": "the disk is gone"},
                         "your notes are unavailable (the disk is gone)")):
        window = MainWindow(reference.catalog, reference.search, undo_stack=QUndoStack(),
                            settings=temp_settings(tmp_path), **kwargs)
        qtbot.addWidget(window)
        assert window.select_commitment("2011-SOFT-2")
        toggle_star(window)
        assert window.statusBar().currentMessage() == f"Cannot star 2011-SOFT-2: {why}"
    service.close()


def test_past_midnight_the_assessment_form_moves_on_with_the_day(qtbot, reference, tmp_path):
    """QA (second walk): after midnight the Effective field stayed on yesterday, and today
    could not be chosen (yesterday was its latest day), until another commitment was chosen."""
    from datetime import date, timedelta

    from PySide6.QtGui import QUndoStack

    from jcct_desktop.store.annotations import AnnotationService
    from jcct_desktop.ui.main_window import MainWindow
    from tests.ui_support import temp_settings

    service = AnnotationService.open(tmp_path / "notes")
    window = MainWindow(reference.catalog, reference.search, annotations=service,
                        undo_stack=QUndoStack(), settings=temp_settings(tmp_path))
    qtbot.addWidget(window)
    assert window.select_commitment("2011-SOFT-2")
    form = window.detail.annotation_panel.assessment
    today = date.today()
    assert form.effective.day() == today
    tomorrow = today + timedelta(days=1)
    window._tick_day(tomorrow)  # the minute timer, one day on
    assert form.effective.day() == tomorrow
    assert form.effective.maximumDate().toPython() == tomorrow
    form.effective.set_day(date(2012, 7, 2))  # a date the officer chose stays
    window._tick_day(tomorrow + timedelta(days=1))
    assert form.effective.day() == date(2012, 7, 2)
    service.close()


def test_the_timeline_can_be_hidden_and_stays_so(qtbot, reference, tmp_path):
    """QA: at 200% on 1600×1000 the text and notes were slits. View → Deadline timeline
    (Ctrl+Shift+T) hides the timeline, its room going to them; remembered across runs; the
    window's first paint (which the start-up backup waits for) still comes without it."""
    from PySide6.QtGui import QUndoStack

    from jcct_desktop.store.annotations import AnnotationService
    from jcct_desktop.ui.main_window import MainWindow
    from tests.ui_support import temp_settings

    service = AnnotationService.open(tmp_path / "notes")
    settings = temp_settings(tmp_path)

    def window() -> MainWindow:
        made = MainWindow(reference.catalog, reference.search, annotations=service,
                          undo_stack=QUndoStack(), settings=settings)
        qtbot.addWidget(made)
        return made

    first = window()
    first.resize(800, 470)
    first.show()
    qtbot.waitExposed(first)
    detail_before = first.detail.height()
    first.actions_by_name["show_timeline"].trigger()
    qtbot.waitUntil(lambda: not first.timeline.isVisible())
    qtbot.waitUntil(lambda: first.detail.height() > detail_before)
    first.close()
    second = window()
    assert not second.actions_by_name["show_timeline"].isChecked()
    with qtbot.waitSignal(second.firstPainted, timeout=5000):
        second.show()
    assert not second.timeline.isVisible()
    second.actions_by_name["show_timeline"].trigger()
    assert second.timeline.isVisible()
    service.close()
