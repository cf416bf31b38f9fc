"""The import dialog's Meeting… form (issue 21): the meeting's own data and its facts with
their figures, reviewed, applied whole or refused unchanged, and saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jcct_desktop.store.reference.imported_meetings import open_with_imports
from jcct_desktop.ui.factsheet_import import FactSheetChooser, ImportFactSheetDialog
from jcct_desktop.ui.factsheet_import.meeting_editor import MeetingEditor
from tests.test_factsheet_meeting import SHEET

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def dialog(qtbot, catalog, data_dir: Path, tmp_path: Path, monkeypatch) -> ImportFactSheetDialog:
    sheet = tmp_path / "jcct-24.txt"
    sheet.write_text(SHEET, "utf-8")
    monkeypatch.setattr(FactSheetChooser, "ask_open", classmethod(lambda cls, parent: sheet))
    d = ImportFactSheetDialog(catalog, data_dir)
    qtbot.addWidget(d)
    d.choose_file()
    d.number.setValue(24)
    d.date.setText("2013-12-20")
    assert d.make_drafts()
    return d


def _answer(monkeypatch, qtbot, change) -> None:
    """Meeting… answered by the real form, filled in as an officer would."""

    def ask(cls, parent, drafts):
        editor = MeetingEditor(drafts, parent)
        qtbot.addWidget(editor)
        change(editor)
        return editor.fields()

    monkeypatch.setattr(MeetingEditor, "ask", classmethod(ask))


def test_the_form_shows_the_meeting_and_its_facts(dialog, qtbot) -> None:
    editor = MeetingEditor(dialog.drafts)
    qtbot.addWidget(editor)
    assert editor.name.text() == "24th U.S.-China Joint Commission on Commerce and Trade"
    assert (editor.start.text(), editor.end.text()) == ("2013-12-19", "2013-12-20")
    assert editor.co_chairs.toPlainText().splitlines()[2] == "Chinese Vice Premier Wang Yang"
    [fact] = [editor.facts.item(i).text() for i in range(editor.facts.count())]
    assert "reached $30 billion in 2012" in fact and "3e+10 USD, 2012" in fact


def test_reviewed_meeting_data_are_saved(dialog, monkeypatch, qtbot) -> None:
    def change(editor: MeetingEditor) -> None:
        editor.place.setText("Washington, D.C.")
        editor.co_chairs.setPlainText("U.S. Commerce Secretary Penny Pritzker\n"
                                      "Chinese Vice Premier Wang Yang\n")
        editor.kind.setCurrentIndex(editor.kind.findData("joint"))

    _answer(monkeypatch, qtbot, change)
    assert dialog.edit_meeting()
    m = dialog.drafts["meeting"]
    assert m["co_chairs"] == ["U.S. Commerce Secretary Penny Pritzker",
                              "Chinese Vice Premier Wang Yang"]  # fmt: skip
    assert not any(f.startswith("meeting name is ours") for f in m["review"])
    dialog.save()
    assert dialog.result() == ImportFactSheetDialog.DialogCode.Accepted
    meetings = open_with_imports(dialog.data_dir).catalog.meetings
    meeting = next(x for x in meetings if x.id == "jcct-24")
    assert (meeting.place, meeting.co_chairs[1]) == ("Washington, D.C.",
                                                     "Chinese Vice Premier Wang Yang")
    assert open_with_imports(dialog.data_dir).catalog.fact_sheets_of("jcct-24")[0].kind == "joint"


@pytest.mark.parametrize(("change", "message"), [
    (lambda e: e.end.setText("2013-12-01"),
     "Not applied: the meeting ends (2013-12-01) before it starts (2013-12-19); the meeting "
     "is unchanged."),
    (lambda e: e.start.setText("9999-01-01"),
     "Not applied: the first day 9999-01-01 is outside 1900–2999; the meeting is unchanged."),
    (lambda e: e.name.setText(""), "Not applied: the meeting's name is empty; the meeting is "
                                   "unchanged."),
])  # fmt: skip
def test_a_refused_meeting_edit_changes_nothing(dialog, monkeypatch, qtbot, change,
                                                message) -> None:
    before = json.dumps(dialog.drafts)
    _answer(monkeypatch, qtbot, lambda e: (e.place.setText("Elsewhere"), change(e)))
    assert not dialog.edit_meeting()
    assert dialog.message.text() == message
    assert json.dumps(dialog.drafts) == before
