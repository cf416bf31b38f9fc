"""The notes list: timestamp over wrapped plain text, bounded height, the whole note in a tip."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtGui import QTextDocument

from jcct_desktop.ui.annotations.note_list import MAX_LINES, STAMP_ROLE, TOOLTIP_CHARS, wrap
from tests.ui_support import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
CID = "2011-SOFT-2"
HOSTILE = "Ask about <b>bold</b> & <i>x</i>\nsecond line 王岐山"


@pytest.fixture
def panel(make_panel):
    return make_panel(CID, width=700)


def _add(panel, text: str) -> None:
    panel.service.add_note(commitment_id=CID, text=text)


def _height(panel, row: int) -> int:
    return panel.notes.visualItemRect(panel.notes.item(row)).height()


def test_a_note_shows_its_stamp_and_all_its_lines_as_plain_text(panel, qtbot):
    _add(panel, HOSTILE)
    item = panel.notes.item(0)
    assert item.text() == HOSTILE  # literal: nothing read as markup
    assert item.data(STAMP_ROLE)[:2] == "20" and len(item.data(STAMP_ROLE)) >= 16
    lines = wrap(item.text(), panel.notes.font(), 2000)
    assert lines == ["Ask about <b>bold</b> & <i>x</i>", "second line 王岐山"]
    _add(panel, "one line")
    qtbot.waitUntil(lambda: panel.notes.count() == 2)
    assert _height(panel, 0) > _height(panel, 1)  # two lines take more room than one
    assert not panel.notes.viewport().grab().isNull()  # the delegate paints without a fuss


def test_the_tooltip_holds_the_whole_note_escaped(panel):
    _add(panel, HOSTILE)
    tip = panel.notes.item(0).toolTip()
    assert "<b>bold</b>" not in tip and "&lt;b&gt;bold&lt;/b&gt; &amp;" in tip
    doc = QTextDocument()
    doc.setHtml(tip)
    shown = doc.toPlainText()
    assert "Ask about <b>bold</b> & <i>x</i>" in shown and "second line 王岐山" in shown
    assert panel.notes.item(0).data(STAMP_ROLE) in shown


def test_a_long_note_stops_at_a_sensible_height_and_wraps_to_the_width(panel, qtbot):
    _add(panel, "short")
    _add(panel, "word " * 400)
    qtbot.waitUntil(lambda: panel.notes.count() == 2)
    lines = wrap(panel.notes.item(1).text(), panel.notes.font(), 300)
    assert len(lines) == MAX_LINES and lines[-1].endswith("…")
    line_px = panel.notes.fontMetrics().lineSpacing()
    wide = _height(panel, 1)
    assert _height(panel, 0) < wide <= (MAX_LINES + 3) * line_px
    before = panel.notes.viewport().width()
    panel.resize(panel.minimumSizeHint().width(), 900)  # narrower: the text wraps more
    qtbot.waitUntil(lambda: panel.notes.viewport().width() < before - 100)
    _add(panel, "a few words that now need two or three lines to fit in " * 2)
    qtbot.waitUntil(lambda: panel.notes.count() == 3)
    assert _height(panel, 1) == wide  # still capped
    assert _height(panel, 2) > _height(panel, 0)


def test_a_megabyte_note_is_shown_bounded(panel, qtbot):
    text = ("x" * 79 + "\n") * 12_500  # 1 MB (one 1 MB line is slow in any QPlainTextEdit)
    _add(panel, text)
    item = panel.notes.item(0)
    assert len(item.toolTip()) < TOOLTIP_CHARS * 2
    assert panel.notes.visualItemRect(item).height() < 20 * panel.notes.fontMetrics().height()
    assert "more characters" in item.toolTip()
    panel.notes.setCurrentRow(0)
    assert panel.note_editor.toPlainText() == text  # the editor still has all of it


def test_items_are_re_measured_as_soon_as_the_width_changes(panel, qtbot):
    for text in ("a few words that need more lines when narrow " * 3, "short", "x " * 90):
        _add(panel, text)
    qtbot.waitUntil(lambda: panel.notes.count() == 3)
    view = panel.notes
    before = view.viewport().width()
    heights = [_height(panel, r) for r in range(3)]
    panel.resize(panel.minimumSizeHint().width(), 900)
    qtbot.waitUntil(lambda: view.viewport().width() < before - 100)
    # no waiting for the view's delayed re-layout: the rects already fit the new width
    now = [view.visualItemRect(view.item(r)) for r in range(3)]
    assert now[0].height() > heights[0] and now[2].height() > heights[2]
    assert all(a.bottom() < b.top() for a, b in itertools.pairwise(now))  # nothing overlaps
    assert all(r.right() <= view.viewport().width() for r in now)


def test_one_unbroken_megabyte_line_opens_as_a_read_only_excerpt(panel, qtbot):
    text = "y" * 1_000_000  # Qt would take tens of seconds to lay this out as one paragraph
    _add(panel, text)
    _add(panel, "an ordinary note")
    qtbot.waitUntil(lambda: panel.notes.count() == 2)
    row = next(r for r in range(2) if "yyyy" in panel.notes.item(r).toolTip())
    panel.notes.setCurrentRow(row)
    assert panel.note_editor.isReadOnly()
    assert len(panel.note_editor.toPlainText()) == 20_000
    assert "kept exactly as written" in panel.message.text()
    assert not panel.save_button.isEnabled() and not panel.add_button.isEnabled()
    # nothing was changed: the stored note is still the whole megabyte
    stored = panel.service.get(CID).notes
    assert sorted(len(n.text) for n in stored) == [16, 1_000_000]
    panel.notes.setCurrentRow(1 - row)  # an ordinary note is editable again
    assert not panel.note_editor.isReadOnly() and panel.save_button.isEnabled()
    panel.notes.clearSelection()
    panel.notes.setCurrentItem(None)
    assert panel.add_button.isEnabled()


# (Chinese may break between characters, as it should: no CJK here)
MIXED = ("bold? 🚀 emoji then مرحبا بالعالم and Wang said 🚀 the software "
         "legalization مسودة بالعالم continues " * 3).strip()


@pytest.mark.parametrize("width", [90, 140, 200, 260])
def test_notes_wrap_at_spaces_with_emoji_and_arabic(qtbot, make_panel, width: int):
    from jcct_desktop.ui.annotations import note_list
    panel = make_panel(CID, width=520)
    panel.service.add_note(commitment_id=CID, text=MIXED)
    qtbot.waitUntil(lambda: panel.notes.count() == 1)
    shown = note_list.wrap(panel.notes.item(0).text(), panel.notes.font(), width)
    assert len(shown) == note_list.MAX_LINES and shown[-1].endswith("…")  # long: cut at 6
    lines = note_list.wrap(MIXED, panel.notes.font(), width, max_lines=200)
    assert len(lines) > 3
    assert [w for line in lines for w in line.split()] == MIXED.split()  # no word cut in two


def test_tabbing_into_the_notes_list_keeps_the_draft_in_the_editor(qtbot, make_panel):
    """Tab into the notes list chooses no note, so the draft being written stays in the
    editor; a note chosen by keyboard then opens."""
    from PySide6.QtCore import Qt

    panel = make_panel("2011-SOFT-2", 600)
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


def test_the_notes_list_is_tall_enough_to_read_its_notes(qtbot, make_panel):
    """The notes list asks for the height of its notes (each at most its six-line preview; up
    to 8 lines, then it scrolls itself) and no more than 3 lines for none."""
    panel = make_panel("2011-SOFT-2", 420)
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
