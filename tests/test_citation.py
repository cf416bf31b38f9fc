"""Copy and cite: the citation text (core), Ctrl+C and the context menus, one-commitment
packets, and the meeting and sector overviews."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu

from jcct_desktop.core.citation import citation, fact_sheet_reference, ordinal, quote
from jcct_desktop.core.standing import commitment_standing
from jcct_desktop.core.standing_words import phrase as standing_phrase
from jcct_desktop.ui import briefing, citing
from jcct_desktop.ui.briefing import BriefingDialog
from jcct_desktop.ui.tree import NodeKind
from tests.ui_support import AS_OF, build_window

# a popup menu on the offscreen platform: its own notices, not problems of ours
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                       "does not support raise", "does not support grabbing")
CID = "2011-SOFT-2"


def test_citation_names_id_title_quote_source_and_standing(catalog):
    c = catalog.commitment(CID)
    text = citation(catalog, c, date(2012, 1, 15), "Due — 100 days left")
    lines = text.splitlines()
    assert lines[0] == f"{CID} — {c.title}"
    assert lines[1] == f"“{c.text}”" == quote(c)
    assert "22nd JCCT fact sheet, Nov 21 2011" in lines[2]
    assert lines[3] == "As of 2012-01-15: Due — 100 days left."
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"]


def test_the_source_reference_comes_from_the_catalog(catalog):
    from dataclasses import replace

    meeting = replace(catalog.meetings[0], number=23, fact_sheet_date=date(2012, 12, 19))
    assert fact_sheet_reference(catalog, meeting) == "23rd JCCT fact sheet, Dec 19 2012"


def test_ctrl_c_on_the_tree_copies_the_citation(qtbot, reference, tmp_path):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    assert window.select_commitment(CID)
    window.activateWindow()
    window.tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.tree)
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(window.tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    c = reference.catalog.commitment(CID)
    phrase = standing_phrase(commitment_standing(c, (), AS_OF))
    copied = QGuiApplication.clipboard().text()
    assert copied == citation(reference.catalog, c, AS_OF, phrase)
    assert f"As of {AS_OF.isoformat()}: {phrase}." in copied


def _menu(parent) -> QMenu:
    menus = [m for m in parent.findChildren(QMenu) if m.objectName() == "commitmentMenu"]
    assert menus
    return menus[-1]


def test_tree_row_menu_copies_the_quote_and_opens_the_sector(qtbot, reference, tmp_path):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    tree = window.tree
    index = tree.tree_model().index_for_id(CID)
    tree.scrollTo(index)
    centre = tree.visualRect(index).center()
    QApplication.sendEvent(tree.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, centre, tree.viewport().mapToGlobal(centre)))
    menu = _menu(tree)
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Copy citation", "Copy quote", "Export this commitment as PDF…",
                     "Print this commitment…", "Open its sector"]
    assert window.selected_commitment_id() == CID
    menu.actions()[1].trigger()
    assert QGuiApplication.clipboard().text() == quote(reference.catalog.commitment(CID))
    menu.close()
    with qtbot.waitSignal(tree.menuRequested) as keyboard:  # the menu key: the current row
        QApplication.sendEvent(tree.viewport(), QContextMenuEvent(
            QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), QPoint(0, 0)))
    assert keyboard.args[0] == CID
    menu = _menu(tree)
    menu.actions()[-1].trigger()
    node = tree.current_node()
    assert node is not None and node.kind is NodeKind.SECTOR and node.key == "jcct-22/SOFT"
    text = window.detail.plain_text()
    assert "Software Legalization" in text and "unlicensed software" in text  # its fact
    assert "4 commitments as of 2012-01-15" in text
    menu.close()


def test_timeline_bar_menu(qtbot, reference, tmp_path):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    timeline = window.timeline
    mark = timeline.layout_data.marks[0]
    x, y = timeline.viewport.mark_centre(mark)
    with qtbot.waitSignal(timeline.contextRequested) as blocker:
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(x, y),
                                  timeline.mapToGlobal(QPoint(x, y)))
        QApplication.sendEvent(timeline, event)
    assert blocker.args[0] == mark.commitment_id
    assert window.selected_commitment_id() == mark.commitment_id
    _menu(timeline).close()
    with qtbot.assertNotEmitted(timeline.contextRequested):  # the gutter: no bar, no menu
        QApplication.sendEvent(timeline, QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, QPoint(2, 2), timeline.mapToGlobal(QPoint(2, 2))))


def test_meeting_row_shows_an_overview(qtbot, reference, tmp_path):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    assert window.tree.select_node("jcct-22")
    text = window.detail.plain_text()
    for piece in ("Chengdu, China", "2011-11-20 to 2011-11-21",
                  "Chinese Vice Premier Wang Qishan", "U.S. Ambassador to China Gary Locke",
                  "40 commitments as of 2012-01-15"):
        assert piece in text, piece
    assert window.selected_commitment_id() is None


def test_one_commitment_packet_holds_only_it(qtbot, reference, tmp_path, monkeypatch):
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    settings = QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat)
    dialog = briefing.export_packet(window, settings, only=CID)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == f"Export {CID}"
    target = tmp_path / "one.pdf"
    monkeypatch.setattr(BriefingDialog, "ask_save_path",
                        classmethod(lambda cls, p, s: str(target)))
    with qtbot.waitSignal(dialog.saved, timeout=30000):
        dialog.save_button.click()
    text = "\n".join(p.extract_text() for p in PdfReader(target).pages)
    assert CID in text
    others = [c.id for c in reference.catalog.commitments if c.id != CID]
    assert not [o for o in others if f"{o} —" in text]
    assert settings.value("briefing/scope") == "meeting"  # the usual scope is untouched
    assert citing.citation_text(window, CID).startswith(CID)
