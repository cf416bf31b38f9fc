"""The main window wired to a real AnnotationService: tree, timeline, search and filters follow
every annotation edit, undo, restore and import; the app opens even when notes cannot."""

from __future__ import annotations

import hashlib
import html
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt

from jcct_desktop.core.annotations import Assessment
from jcct_desktop.store.notes import backups
from jcct_desktop.store.notes.database import DB_NAME
from jcct_desktop.store.notes.migrations import APPLICATION_ID
from jcct_desktop.ui.annotations import backup_actions
from jcct_desktop.ui.tree.model import ASSESSMENT_ROLE, STARRED_ROLE
from tests.ui_support import AS_OF, OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CID = "2011-SOFT-2"
OTHER = "2011-II-1"


def _row(window, cid, role):
    return window.tree.tree_model().index_for_id(cid).siblingAtColumn(1).data(role)


def _shown(window) -> set[str]:
    return set(window.visible_commitment_ids())


def test_starring_in_the_panel_stars_the_tree_row_and_the_timeline(window, qtbot, service):
    assert window.select_commitment(CID)
    panel = window.detail.annotation_panel
    assert _row(window, CID, STARRED_ROLE) is False
    panel.star.click()
    qtbot.waitUntil(lambda: _row(window, CID, STARRED_ROLE) is True)
    assert _row(window, CID, Qt.ItemDataRole.DisplayRole) == "★"
    assert service.starred_ids() == {CID}
    assert window.timeline.marks.is_starred(CID)
    marks = window.timeline.layout_data.marks_of(CID)
    assert "Starred" in window.timeline.tooltip_for(marks)


def test_an_assessment_shows_in_the_tree(window, qtbot):
    window.select_commitment(CID)
    panel = window.detail.annotation_panel
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("fulfilled"))
    panel.evidence.setText("Provincial audit report, June 2012")
    # in force on the window's As-of date: the badge follows it (one effective later would not
    # show until the As-of date reaches it)
    panel.assessment.effective.setDate(QDate(AS_OF.year, AS_OF.month, AS_OF.day))
    qtbot.mouseClick(panel.record, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _row(window, CID, ASSESSMENT_ROLE) == Assessment.FULFILLED)
    assert not _row(window, CID, Qt.ItemDataRole.DecorationRole).isNull()
    tip = window.tree.tree_model().index_for_id(CID).data(Qt.ItemDataRole.ToolTipRole)
    assert "Assessment: Fulfilled" in tip


def test_the_tree_badge_follows_the_as_of_date_and_names_its_milestone(window, qtbot,
                                                                         service):
    provinces = window.catalog.commitment(CID).milestones[0].label
    service.record_assessment(commitment_id=CID, status="fulfilled", evidence="NCAC notice",
                              effective=date(2012, 3, 1), milestone=provinces)
    qtbot.waitUntil(lambda: window.tree.tree_model().marks.records.get(CID) is not None)
    # as of 15 January 2012 the assessment is not in force yet: no badge
    assert _row(window, CID, ASSESSMENT_ROLE) == Assessment.NOT_ASSESSED
    with qtbot.waitSignal(window.asOfChanged):
        window.set_as_of(date(2012, 7, 15))
    qtbot.waitUntil(lambda: _row(window, CID, ASSESSMENT_ROLE) == Assessment.FULFILLED)
    tip = window.tree.tree_model().index_for_id(CID).data(Qt.ItemDataRole.ToolTipRole)
    assert f"Assessment: Fulfilled (milestone: {provinces})" in html.unescape(tip)
    assert window.select_commitment(CID)
    now = window.detail.annotation_panel.current_status.text()  # the panel's "Now:"
    assert now.startswith("Fulfilled (milestone: Provincial")


def test_a_note_word_is_found_by_search_and_an_active_search_reruns(window, qtbot, service):
    window.set_search_text("zebrafinch")
    assert _shown(window) == set()
    service.add_note(commitment_id=OTHER, text="Ask MOFCOM about zebrafinch <b>& rules")
    qtbot.waitUntil(lambda: _shown(window) == {OTHER})  # the search re-ran by itself
    window.clear_filters()
    window.select_commitment(CID)
    panel = window.detail.annotation_panel
    panel.note_editor.setPlainText("Quokka-level detail from the 王岐山 meeting")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    window.set_search_text("quokka-level")
    assert _shown(window) == {CID}


def test_starred_assessment_and_tag_filters_narrow_the_tree(window, qtbot, service):
    for cid in (CID, OTHER):
        service.set_starred(commitment_id=cid, starred=True)
    # in force on the window's As-of date: the filter reads the assessment in force then
    service.record_assessment(commitment_id=OTHER, status="fulfilled", evidence="notice",
                              effective=AS_OF)
    service.set_tags(commitment_id=CID, tags=["IPR", "follow-up"])
    f = window.filters
    qtbot.waitUntil(lambda: f.tag.findData("IPR") >= 0)  # tags_changed refreshed the combo
    everything = len(window.catalog.commitments)
    f.starred_check.setChecked(True)
    assert _shown(window) == {CID, OTHER}
    f.assessment.setCurrentIndex(f.assessment.findData("fulfilled"))
    assert _shown(window) == {OTHER}
    f.starred_check.setChecked(False)
    f.assessment.setCurrentIndex(f.assessment.findData("not_assessed"))
    assert len(_shown(window)) == everything - 1 and OTHER not in _shown(window)
    f.assessment.setCurrentIndex(0)
    f.tag.setCurrentIndex(f.tag.findData("IPR"))
    assert _shown(window) == {CID}
    service.set_tags(commitment_id=CID, tags=[])  # the chosen tag is gone: back to any tag
    qtbot.waitUntil(lambda: f.tag.findData("IPR") < 0)
    assert window.current_filter().tag is None and len(_shown(window)) == everything


def test_unstarring_under_a_starred_filter_keeps_the_row_being_edited(window, qtbot, service):
    service.set_starred(commitment_id=CID, starred=True)
    window.filters.starred_check.setChecked(True)
    window.select_commitment(CID)
    window.detail.annotation_panel.star.click()
    qtbot.waitUntil(lambda: _row(window, CID, STARRED_ROLE) is False)
    assert window.selected_commitment_id() == CID  # stays until the officer moves on


def test_ctrl_z_undoes_the_star_and_the_tree_follows(window, qtbot, service):
    undo = window.actions_by_name["undo"]
    assert undo.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [k.toString() for k in window.actions_by_name["redo"].shortcuts()]
    window.select_commitment(CID)
    window.detail.annotation_panel.star.click()
    qtbot.waitUntil(lambda: _row(window, CID, STARRED_ROLE) is True)
    assert undo.isEnabled() and "star" in undo.text().lower()
    window.activateWindow()
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _row(window, CID, STARRED_ROLE) is False)
    assert service.starred_ids() == set()
    assert not window.detail.annotation_panel.star.isChecked()
    window.actions_by_name["redo"].trigger()
    qtbot.waitUntil(lambda: _row(window, CID, STARRED_ROLE) is True)


def test_restoring_a_backup_reloads_the_views(window, qtbot, service, monkeypatch):
    service.set_starred(commitment_id=CID, starred=True)
    saved = backups.backup_now(service.data_dir)
    service.set_starred(commitment_id=CID, starred=False)
    service.record_assessment(commitment_id=OTHER, status="superseded", evidence="2012 JCCT",
                              effective=AS_OF)  # in force on the window's As-of date
    qtbot.waitUntil(lambda: _row(window, OTHER, ASSESSMENT_ROLE) == Assessment.SUPERSEDED)
    window.select_commitment(CID)
    monkeypatch.setattr(backup_actions.RestoreDialog, "ask", classmethod(lambda cls, p, i: saved))
    told: list[str] = []
    monkeypatch.setattr(backup_actions.Notice, "show",
                        classmethod(lambda cls, p, title, text, warning=False: told.append(title)))
    with qtbot.waitSignal(window.notes.refreshed):
        window.actions_by_name["restore"].trigger()
    assert told == ["Backup restored"]
    assert _row(window, CID, STARRED_ROLE) is True
    assert _row(window, OTHER, ASSESSMENT_ROLE) == Assessment.NOT_ASSESSED
    assert window.detail.annotation_panel.star.isChecked()


def test_orphaned_notes_are_listed_not_deleted(make_window, service):
    service.add_note(commitment_id="1999-GONE-1", text="Kept verbatim: <b>& 王岐山\nsecond line")
    window = make_window()
    action = window.actions_by_name["orphans"]
    assert action.isVisible() and "(1)" in action.text()
    action.trigger()
    dialog = window.notes.orphan_dialog
    assert dialog is not None and dialog.isVisible()
    text = dialog.text.toPlainText()
    assert "1999-GONE-1" in text and "<b>& 王岐山" in text and "second line" in text
    assert service.get("1999-GONE-1").notes  # still there


def test_without_notes_the_window_says_why_and_offers_nothing(make_window):
    window = make_window(annotations=None, annotations_error="written by a newer JCCT Desktop")
    placeholder = window.detail.annotation_panel
    assert placeholder.text() == "Your notes are unavailable: written by a newer JCCT Desktop"
    for name in ("back_up", "restore", "export_notes", "import_notes", "data_folder"):
        assert not window.actions_by_name[name].isEnabled()
    assert not any(a.isVisible() for a in window.annotation_filter_actions)
    assert "unavailable" in window.notes.data_location()


def test_about_names_the_data_folder_and_version(window, service):
    from jcct_desktop import __version__
    from jcct_desktop.ui.about import about_html

    text = about_html(window.catalog, window.notes.data_location())
    assert str(service.data_dir) in text and __version__ in text


# -- run_app in a real process: the window opens whatever state the notes are in ---------------
def _screenshot(tmp_path: Path, data_dir: Path) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("JCCT_DATA_DIR", None)
    args = ["--data-dir", str(data_dir), "--screenshot", str(out), "--as-of", "2012-01-15"]
    code = f"import sys; from jcct_desktop.cli import main; sys.exit(main({args!r}))"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=90, check=False)
    return done, out


def test_a_data_dir_that_is_a_file_still_opens_the_window(tmp_path):
    not_a_folder = tmp_path / "notes"
    not_a_folder.write_text("I am a file")
    done, out = _screenshot(tmp_path, not_a_folder)
    assert done.returncode == 0, done.stderr
    assert out.exists() and "Traceback" not in done.stderr
    assert "notes are unavailable" in done.stderr and "is a file" in done.stderr


def test_a_corrupt_database_is_moved_aside_and_reported(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"this is not sqlite at all" * 400)
    done, out = _screenshot(tmp_path, folder)
    assert done.returncode == 0, done.stderr
    assert "moved aside" in done.stderr and out.exists()
    assert len(list(folder.glob("annotations.corrupt-*.sqlite"))) == 1


def test_a_newer_database_is_refused_and_left_untouched(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / DB_NAME
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE future (x)")
        conn.execute("PRAGMA user_version = 999")
        # stamped as ours, as every newer app stamps it (issue 19: an unstamped file without
        # our tables is another program's, and called foreign)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    done, out = _screenshot(tmp_path, folder)
    assert done.returncode == 0, done.stderr
    assert "newer" in done.stderr and out.exists()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_the_briefing_packet_reads_the_officers_annotations(window, service):
    from jcct_desktop.ui.briefing.dialog import annotations_of

    service.set_starred(commitment_id=CID, starred=True)
    service.add_note(commitment_id=CID, text="For the packet: <b>& 王岐山")
    service.record_assessment(commitment_id=CID, status="in_progress", evidence="MIIT notice")
    got = annotations_of(window)
    assert got.starred_ids() == {CID}
    view = got.for_commitment(CID)
    assert view is not None and view.status == "In progress"
    assert [n.text for n in view.notes] == ["For the packet: <b>& 王岐山"]


def test_an_edit_made_on_another_thread_reaches_the_tree_on_the_gui_thread(window, qtbot, service):
    import threading

    from PySide6.QtCore import QThread

    seen: list[bool] = []
    window.notes.refreshed.connect(
        lambda: seen.append(QThread.currentThread() is window.thread()))
    worker = threading.Thread(target=lambda: service.set_starred(commitment_id=CID, starred=True))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: _row(window, CID, STARRED_ROLE) is True)
    assert seen == [True]
