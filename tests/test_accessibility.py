"""Issue 27, the window: what a screen reader gets from the real MainWindow (walked through
QAccessible interfaces in-process, offscreen), what is announced, and where focus goes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QToolButton

from jcct_desktop.core.standing_words import LOOKS
from jcct_desktop.ui import announce
from jcct_desktop.ui.timeline.accessible import BarAccessible, LaneAccessible
from jcct_desktop.ui.tree.items import NodeKind
from jcct_desktop.ui.tree.model import ID_ROLE, KIND_ROLE
from tests.a11y_support import NAME, focus_stops, spoken_name, walk
from tests.ui_support import AS_OF, OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CID = "2011-SOFT-2"  # two milestones
DESCRIPTION = QAccessible.Text.Description


@pytest.fixture
def window(make_window):
    window = make_window()
    assert window.select_commitment(CID)
    return window


@pytest.fixture
def heard(qtbot):
    """Every announcement made, as (message, assertive)."""
    said: list[tuple[str, bool]] = []
    announce.announcer().last = ""  # a message the last test said may be said again
    announce.announcer().announced.connect(lambda text, loud: said.append((text, loud)))
    return said


def _tree_rows(window):
    """(kind, commitment id, accessible name, description) of every row, through the tree's
    accessible interface: its cells, first column."""
    tree = QAccessible.queryAccessibleInterface(window.tree)
    rows = []
    model = window.tree.tree_model()
    for i in range(tree.childCount()):
        cell = tree.child(i)
        if cell.role() != QAccessible.Role.TreeItem:
            continue
        name = cell.text(NAME)
        rows.append((name, cell.text(DESCRIPTION)))
    assert model.rowCount() > 0
    return rows


# -- every view speaks what it shows ----------------------------------------------------------
def test_every_focusable_control_has_a_name_of_its_own(window):
    stops = focus_stops(window)
    assert len(stops) > 25  # the whole window was walked, notes panel included
    names: dict[str, list[str]] = {}
    for widget, iface in stops:
        name = spoken_name(iface)
        assert name, f"unnamed focusable {type(widget).__name__} {widget.objectName()!r}"
        names.setdefault(name.casefold(), []).append(type(widget).__name__)
    shared = {name: kinds for name, kinds in names.items() if len(kinds) > 1}
    assert not shared, f"names used by more than one control: {shared}"


def test_filter_combos_are_named_by_purpose_not_by_their_value(window):
    f = window.filters
    for combo in (f.side, f.assessment, f.tag, window.meeting_filter.area):
        iface = QAccessible.queryAccessibleInterface(combo)
        labels = iface.relations(QAccessible.RelationFlag.Label)
        assert labels, f"{combo.objectName()} has no label (buddy)"
        said = spoken_name(iface)
        assert combo.currentText() not in said, said
    assert spoken_name(QAccessible.queryAccessibleInterface(f.state_button)) == "Standing filter"


def test_the_note_editor_is_named_apart_from_the_notes_and_its_hint_is_read(window):
    panel = window.detail.annotation_panel
    editor = QAccessible.queryAccessibleInterface(panel.note_editor)
    notes = QAccessible.queryAccessibleInterface(panel.notes)
    assert editor.text(NAME) == "Write a note" and notes.text(NAME) == "Notes"
    assert "Ctrl+Enter" in editor.text(DESCRIPTION)


def test_the_tree_is_named_and_every_commitment_row_says_its_standing(window, catalog):
    tree = QAccessible.queryAccessibleInterface(window.tree)
    assert tree.text(NAME) == "Sectors and commitments"
    model = window.tree.tree_model()
    said_ids = []
    for name, description in _tree_rows(window):
        cid = name.split(" — ", 1)[0]
        if cid in catalog:
            standing = window.standings.of(cid).value
            assert LOOKS[standing].name in name, name
            assert LOOKS[standing].name in description, description
            said_ids.append(cid)
    assert sorted(said_ids) == sorted(c.id for c in catalog.commitments)  # 40 of 40
    # containers say their counts, e.g. "Innovation, 11 commitments, 1 overdue"
    first = model.index(0, 0)
    assert first.data(KIND_ROLE) is NodeKind.MEETING
    spoken = first.data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.endswith(f"{len(catalog.commitments)} commitments") or "overdue" in spoken


def test_a_starred_assessed_row_says_so_in_words(window, service, qtbot):
    from jcct_desktop.core.annotations import Assessment

    service.set_starred(commitment_id=CID, starred=True)
    service.record_assessment(commitment_id=CID, status=Assessment.PARTIALLY_FULFILLED,
                              evidence="Provincial audit", effective=AS_OF)

    def row():  # looked up afresh: an index held across a rebuild of the tree dangles
        return window.tree.tree_model().index_for_id(CID)

    def spoken() -> str:
        return row().data(Qt.ItemDataRole.AccessibleTextRole) or ""

    qtbot.waitUntil(lambda: "starred" in spoken())
    qtbot.waitUntil(lambda: "our assessment partially fulfilled" in spoken())
    assert spoken().startswith(f"{CID} — ")
    assert "Partly met" in spoken()  # the standing the assessment set, before the marks
    marks = row().siblingAtColumn(1).data(Qt.ItemDataRole.AccessibleTextRole)
    assert marks == "starred, our assessment partially fulfilled"
    assert row().data(ID_ROLE) == CID


def test_the_detail_text_is_a_named_document_the_caret_moves_through(window, qtbot):
    browser = window.detail.browser
    iface = QAccessible.queryAccessibleInterface(browser)
    assert iface.text(NAME) == "Commitment text"
    flags = browser.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert flags & Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus)
    start = browser.textCursor().position()
    qtbot.keyClick(browser, Qt.Key.Key_Down)
    assert browser.textCursor().position() > start  # the caret moved: read line by line
    text = iface.textInterface()
    assert text is not None and CID in text.text(0, text.characterCount())


def test_tab_onto_a_link_in_the_text_announces_it(window, qtbot, heard):
    browser = window.detail.browser
    assert 'href="' in browser.toHtml()  # the page holds links (sector, other commitments)
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus)
    qtbot.keyClick(browser, Qt.Key.Key_Tab)  # inside the text, Tab goes to the next link
    assert browser.hasFocus()
    words, _target = browser.link_at_cursor()
    assert any(text.startswith(f"Link: {words}") for text, _ in heard), heard


# -- the timeline ----------------------------------------------------------------------------
def test_the_timeline_exposes_lanes_holding_one_bar_per_milestone(window, catalog):
    timeline = window.timeline
    iface = QAccessible.queryAccessibleInterface(timeline)
    layout = timeline.layout_data
    assert iface.childCount() == layout.lane_count > 0
    bars = []
    for lane_index in range(iface.childCount()):
        lane = iface.child(lane_index)
        assert isinstance(lane, LaneAccessible) and lane.text(NAME)
        assert lane.parent() is iface and iface.indexOfChild(lane) == lane_index
        for i in range(lane.childCount()):
            bar = lane.child(i)
            assert isinstance(bar, BarAccessible) and bar.parent() is lane
            bars.append(bar)
    assert len(bars) == len(layout.marks)
    for bar in bars:
        mark = bar.mark
        name = bar.text(NAME)
        c = catalog.commitment(mark.commitment_id)
        assert name.startswith(f"{c.id} — {c.title}")
        assert mark.milestone.window_words in name  # "no deadline stated" when undated
        standing = window.standings.milestone(c.id, mark.index).value
        assert LOOKS[standing].name in name
        assert bar.rect().width() > 0


def test_left_and_right_move_between_a_commitments_milestones(window, qtbot):
    timeline = window.timeline
    timeline.setFocus()
    qtbot.waitUntil(timeline.hasFocus)
    iface = QAccessible.queryAccessibleInterface(timeline)
    first = iface.focusChild()
    assert first is not None and "milestone 1 of 2" in first.text(NAME)
    assert first.state().focused
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    second = iface.focusChild()
    assert timeline.focused_index == 1 and "milestone 2 of 2" in second.text(NAME)
    assert second.state().focused and not first.state().focused
    assert timeline.accessibleDescription() == second.text(NAME)
    qtbot.keyClick(timeline, Qt.Key.Key_Right)  # the last one stays
    assert timeline.focused_index == 1
    qtbot.keyClick(timeline, Qt.Key.Key_Left)
    assert iface.focusChild().text(NAME) == first.text(NAME)
    start = timeline.viewport.start
    qtbot.keyClick(timeline, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)  # pans
    assert timeline.viewport.start > start and timeline.focused_index == 0
    qtbot.keyClick(timeline, Qt.Key.Key_Down)  # the next commitment, its first milestone
    assert timeline.focused != CID and timeline.focused_index == 0


def test_a_new_layout_drops_the_old_bars(window):
    iface = QAccessible.queryAccessibleInterface(window.timeline)
    old = iface.child(0).child(0)
    assert old.isValid()
    window.set_search_text("software")
    assert not old.isValid()
    assert 0 < iface.childCount() < 13


# -- announcements ---------------------------------------------------------------------------
def test_a_search_says_how_many_it_shows(window, heard, catalog):
    window.set_search_text("software")
    shown = len(window.visible_commitment_ids())
    assert (f"Showing {shown} of {len(catalog.commitments)} commitments", False) in [
        (text.split(",")[0], loud) for text, loud in heard]
    heard.clear()
    window.follow_annotations()  # the same filter re-run after an edit: quiet
    assert not any(text.startswith("Showing") for text, _ in heard)


def test_saving_a_note_and_recording_an_assessment_are_announced(window, qtbot, heard):
    panel = window.detail.annotation_panel
    panel.note_editor.setPlainText("Ask MOFCOM for the notice")
    panel.add_button.click()
    assert (f"Note added to {CID}", False) in heard
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("partially_fulfilled"))
    panel.evidence.setText("Provincial audit report")
    panel.record.click()
    assert (f"Our assessment recorded for {CID}: partially fulfilled", False) in heard
    panel.evidence.setText("")
    panel.record.click()  # refused: no evidence, said at once
    assert any(loud and text.startswith("Add evidence") for text, loud in heard)


def test_a_refused_date_and_a_status_message_are_announced(window, qtbot, heard):
    edit = window.filters.as_of_edit
    edit.setFocus()
    edit.setText("2012-02-30")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert any(loud and "2012-02-30" in text for text, loud in heard)
    window.statusBar().showMessage("Copied the citation of 2011-SOFT-2", 1000)
    assert ("Copied the citation of 2011-SOFT-2", False) in heard


def test_the_same_words_from_two_paths_are_said_once(qtbot, heard):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    announce.polite(label, "Saved /tmp/packet.pdf")
    announce.polite(label, "Saved  /tmp/packet.pdf")  # the status bar, a moment later
    assert heard == [("Saved /tmp/packet.pdf", False)]


# -- focus -----------------------------------------------------------------------------------
@pytest.fixture
def styled():
    """The app's own stylesheet (ui.app.configure sets it at start), for what it draws."""
    from jcct_desktop.core import resources

    app = QApplication.instance()
    app.setStyleSheet(resources.style("app.qss").read_text(encoding="utf-8"))
    yield
    app.setStyleSheet("")


def test_every_stop_shows_focus(styled, window, qtbot):
    """The clear button and the notes scroll area drew nothing when focused (QA, issue 27)."""
    clear = next(b for b in window.filter_row.findChildren(QToolButton)
                 if b.defaultAction() is window.actions_by_name["clear"])
    scroll = window.detail.annotation_scroll
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for widget in (clear, scroll):
        window.tree.setFocus()
        qtbot.waitUntil(window.tree.hasFocus)
        before = widget.grab().toImage()
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus)
        after = widget.grab().toImage()
        assert before != after, f"{widget.objectName() or type(widget).__name__} shows no focus"


def test_the_export_dialog_opens_on_its_scope_and_focus_stays_while_it_builds(window, qtbot,
                                                                              tmp_path):
    from jcct_desktop.ui.briefing.dialog import BriefingDialog

    dialog = BriefingDialog(window, window.settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() in dialog.scope_buttons.values()
    assert QApplication.focusWidget().isChecked()
    assert QAccessible.queryAccessibleInterface(dialog.view).text(NAME) == "Packet preview"
    target = tmp_path / "packet.pdf"
    dialog.ask_save_path = lambda *_: str(target)  # the file dialog, answered
    dialog.save_button.setFocus()
    qtbot.waitUntil(dialog.save_button.hasFocus)
    seen = set()
    with qtbot.waitSignal(dialog.saved, timeout=60_000):
        dialog.save_button.click()
        seen.add(QApplication.focusWidget())
        qtbot.waitUntil(lambda: seen.add(QApplication.focusWidget()) or dialog.pdf is not None,
                        timeout=60_000)
    assert seen == {dialog.save_button}  # never Print… or Close on the way
    assert target.read_bytes().startswith(b"%PDF")


def test_a_one_commitment_export_opens_on_what_to_include(window, qtbot):
    from jcct_desktop.ui.briefing.dialog import BriefingDialog

    dialog = BriefingDialog(window, window.settings, only=CID)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is next(iter(dialog.checks.values()))


def test_walking_the_whole_tree_meets_no_invalid_interface(window):
    """Every interface under the window answers for its role and name (nothing dangling)."""
    count = 0
    for iface in walk(QAccessible.queryAccessibleInterface(window), into_views=True):
        assert iface.isValid()
        iface.role()
        iface.text(NAME)
        count += 1
    assert count > 200


def test_the_legend_and_shortcuts_dialogs_open_on_a_named_control(window, qtbot):
    from jcct_desktop.ui.legend import LegendDialog
    from jcct_desktop.ui.shortcuts import ShortcutsDialog

    for dialog in (LegendDialog(window), ShortcutsDialog(window)):
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        focused = QApplication.focusWidget()
        assert focused is not None and focused.window() is dialog
        stops = focus_stops(dialog)
        assert stops and all(spoken_name(iface) for _w, iface in stops), [
            type(w).__name__ for w, iface in stops if not spoken_name(iface)]
        dialog.close()


@pytest.fixture
def listening():
    """As when a screen reader runs: Qt's accessibility is active, events go to the bridge."""
    QAccessible.setActive(True)
    yield
    QAccessible.setActive(False)


def test_with_a_screen_reader_listening_nothing_dangles(listening, window, qtbot, heard):
    """Focus events for bars, announcements and a new layout, with events really sent."""
    timeline = window.timeline
    iface = QAccessible.queryAccessibleInterface(timeline)
    old = iface.child(0).child(0)
    timeline.setFocus()
    qtbot.waitUntil(timeline.hasFocus)
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    qtbot.keyClick(timeline, Qt.Key.Key_Down)
    assert iface.focusChild() is not None
    window.set_search_text("software")  # a new layout: the old bars leave the cache at once
    assert not old.isValid() and any(t.startswith("Showing") for t, _ in heard)
    for lane in range(iface.childCount()):
        for i in range(iface.child(lane).childCount()):
            assert iface.child(lane).child(i).text(NAME)
    window.clear_filters()
    assert iface.childCount() == timeline.layout_data.lane_count


def test_the_export_dialog_offers_a_tagged_packet_and_remembers_it(window, qtbot, tmp_path):
    import io

    import pikepdf

    from jcct_desktop.ui.briefing.dialog import BriefingDialog

    dialog = BriefingDialog(window, window.settings)
    qtbot.addWidget(dialog)
    assert dialog.tagged.text() == "Tagged PDF (accessible)" and not dialog.tagged.isChecked()
    dialog.tagged.setChecked(True)
    with qtbot.waitSignal(dialog.built, timeout=60_000):
        dialog.start_build()
    pdf = pikepdf.open(io.BytesIO(dialog.pdf))  # the preview is what Save… writes
    assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked is True
    dialog.close()
    again = BriefingDialog(window, window.settings)
    qtbot.addWidget(again)
    assert again.tagged.isChecked()  # remembered with the other choices
