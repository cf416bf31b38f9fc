"""Not a fact sheet, said before anything is saved (issue 21): a page with no fact-sheet title
and no participants or co-chairs passage is refused unless the officer confirms it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jcct_desktop.cli import main

EVIDENCE = """Status of JCCT outcomes, notes for the file

China published the revised catalogue on its website in March 2012.

• China will hold a seminar on trade secrets next month, Xinhua reported.
• China agreed to publish the procedures by the end of 2011; published in December 2011.
"""

ARGS = ("--dialogue", "jcct", "--number", "23", "--date", "2012-12-19")


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "evidence.txt"
    path.write_text(EVIDENCE, "utf-8")
    return path


def test_the_cli_refuses_it_in_one_line_and_force_drafts_it(page: Path, tmp_path: Path,
                                                            capsys) -> None:
    out = tmp_path / "drafts.json"
    assert main(["import", "factsheet", str(page), *ARGS, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == (f"jcct-desktop: {page.name}: this does not look like a fact sheet (no "
                   "fact-sheet title and no participants or co-chairs passage); nothing "
                   "drafted (--force drafts it anyway)\n")
    assert not out.exists()
    assert main(["import", "factsheet", str(page), *ARGS, "--force", "-o", str(out)]) == 0
    drafts = json.loads(out.read_text("utf-8"))
    assert len(drafts["commitments"]) == 2
    assert "no fact sheet title found" in drafts["meeting"]["review"]


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
@pytest.mark.parametrize("confirmed", [False, True])
def test_the_window_asks_before_drafting_it(qtbot, catalog, page: Path, data_dir: Path, monkeypatch,
                                            confirmed: bool) -> None:
    from jcct_desktop.ui.factsheet_import import FactSheetChooser, ImportFactSheetDialog

    asked: list[str] = []
    monkeypatch.setattr(FactSheetChooser, "ask_open", classmethod(lambda cls, parent: page))
    monkeypatch.setattr(FactSheetChooser, "confirm_not_a_fact_sheet",
                        classmethod(lambda cls, parent, why: asked.append(why) or confirmed))
    dialog = ImportFactSheetDialog(catalog, data_dir)
    qtbot.addWidget(dialog)
    dialog.choose_file()
    dialog.number.setValue(23)
    dialog.date.setText("2012-12-19")
    assert dialog.make_drafts() is confirmed
    assert len(asked) == 1 and "does not look like a fact sheet" in asked[0]
    if confirmed:
        assert dialog.items.count() == 2
    else:
        assert dialog.drafts is None and "does not look like a fact sheet" in dialog.message.text()
