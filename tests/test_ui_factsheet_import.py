"""File → Import fact sheet…: source beside drafts, span highlighted, edits, save only on accept."""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_support import AS_OF, OFFSCREEN_NOISE, build_window

from jcct_desktop.store.reference.imported_meetings import DB_NAME, open_with_imports
from jcct_desktop.ui.factsheet_import import FactSheetChooser, ImportFactSheetDialog

pytestmark = OFFSCREEN_NOISE
FIXTURE = Path(__file__).parent / "data" / "jcct-23-fixture.txt"


@pytest.fixture
def dialog(qtbot, catalog, data_dir: Path, monkeypatch) -> ImportFactSheetDialog:
    monkeypatch.setattr(FactSheetChooser, "ask_open", classmethod(lambda cls, parent: FIXTURE))
    d = ImportFactSheetDialog(catalog, data_dir)
    qtbot.addWidget(d)
    d.choose_file()
    d.number.setValue(23)
    d.date.setText("2012-12-19")
    assert d.make_drafts()
    return d


def test_selecting_a_draft_highlights_its_span(dialog: ImportFactSheetDialog) -> None:
    assert dialog.items.count() == 3
    for row in range(3):
        dialog.items.setCurrentRow(row)
        c = dialog.drafts["commitments"][row]
        cursor = dialog.source.textCursor()
        assert (cursor.selectionStart(), cursor.selectionEnd()) == tuple(c["span"])
        assert cursor.selectedText() == c["source_text"]
        assert dialog.source.extraSelections()[0].cursor.selectedText() == c["source_text"]
    dialog.items.setCurrentRow(1)
    assert "by the next JCCT" in dialog.flags.text()  # the unparsed deadline is flagged
    assert dialog.relation.currentData() == "builds_on"  # the candidate, to resolve
    assert "Building on" in dialog.target.placeholderText() and dialog.target.text() == ""


def test_edits_split_merge_and_save(dialog: ImportFactSheetDialog, data_dir: Path) -> None:
    dialog.items.setCurrentRow(0)
    dialog.title.setText("SOE software legalization within six months")
    dialog.relation.setCurrentIndex(dialog.relation.findData("extends"))
    dialog.target.setText("2011-SOFT-1")
    dialog.apply_edits()
    c = dialog.drafts["commitments"][0]
    assert c["links"][0]["target"] == "2011-SOFT-1" and c["milestones"][0]["latest"] == "2013-06-19"
    dialog.items.setCurrentRow(1)
    before = [c["source_text"] for c in dialog.drafts["commitments"]]
    dialog.split()
    assert "nothing to split" in dialog.message.text()
    dialog.merge()
    assert dialog.items.count() == 2
    assert dialog.drafts["commitments"][1]["id"] == "jcct-23-IPR-1"
    dialog.split()
    assert dialog.items.count() == 3
    assert [c["source_text"] for c in dialog.drafts["commitments"]] == before
    assert not (data_dir / DB_NAME).exists()  # nothing saved before Save
    dialog.save()
    assert dialog.result() == ImportFactSheetDialog.DialogCode.Accepted
    cat = open_with_imports(data_dir).catalog
    soft = cat.commitment("jcct-23-SL-1")
    assert soft.title == "SOE software legalization within six months"
    assert [lk.source for lk in cat.links_to("2011-SOFT-1")] == ["jcct-23-SL-1"]


def test_a_refused_save_keeps_the_dialog_and_saves_nothing(dialog, data_dir: Path) -> None:
    dialog.items.setCurrentRow(0)
    dialog.relation.setCurrentIndex(dialog.relation.findData("extends"))
    dialog.target.setText("2011-NOPE-1")
    dialog.apply_edits()
    dialog.save()
    assert "Not saved" in dialog.message.text() and "2011-NOPE-1" in dialog.message.text()
    assert dialog.result() != ImportFactSheetDialog.DialogCode.Accepted
    assert not (data_dir / DB_NAME).exists()


def test_the_bundled_meetings_us_sheet_cannot_be_drafted_again(qtbot, catalog, data_dir,
                                                                monkeypatch) -> None:
    d = ImportFactSheetDialog(catalog, data_dir)
    qtbot.addWidget(d)
    d.file.setText(str(FIXTURE))
    d.number.setValue(22)
    d.date.setText("2011-11-21")
    assert not d.make_drafts()
    assert d.message.text() == "meeting jcct-22 already has a U.S. fact sheet; nothing done"


def test_the_file_menu_has_the_importer(qtbot, reference, tmp_path) -> None:
    window = build_window(qtbot, reference, tmp_path, as_of=AS_OF)
    action = window.actions_by_name["import_factsheet"]
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions() and action.text() == "Import &fact sheet…"


def test_a_refused_apply_changes_nothing_and_keeps_the_link_candidate(dialog) -> None:
    dialog.items.setCurrentRow(1)  # "Building on an existing JCCT commitment, …"
    c = dialog.drafts["commitments"][1]
    candidates = [dict(lk) for lk in c["links"]]
    title = c["title"]
    dialog.title.setText("Judicial interpretation on intermediary liability")
    dialog.deadline.setText("by the end of the world")  # not words of its text
    dialog.apply_edits()
    assert "Not applied: the deadline wording must be words" in dialog.message.text()
    assert (c["title"], c["links"]) == (title, candidates)
    dialog.deadline.setText("")
    dialog.apply_edits()  # applied, but no earlier commitment typed: the candidates stay
    assert c["title"] == "Judicial interpretation on intermediary liability"
    assert c["links"] == candidates


def test_draft_again_asks_before_discarding_the_review(dialog, monkeypatch) -> None:
    answers: list[bool] = []
    monkeypatch.setattr(FactSheetChooser, "confirm_discard",
                        classmethod(lambda cls, parent: answers.pop(0)))
    assert dialog.make_drafts()  # nothing reviewed yet: no question
    dialog.items.setCurrentRow(0)
    dialog.title.setText("Reviewed title")
    dialog.apply_edits()
    answers.append(False)
    assert not dialog.make_drafts()
    assert dialog.drafts["commitments"][0]["title"] == "Reviewed title"
    assert dialog.message.text() == "Kept your review; nothing drafted again."
    answers.append(True)
    assert dialog.make_drafts()
    assert dialog.drafts["commitments"][0]["title"] != "Reviewed title"
