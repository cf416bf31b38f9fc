"""A meeting holds a U.S. and a joint fact sheet (issue 21): a second sheet of another kind for
an imported meeting is drafted with its own sector codes and saved into that meeting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.store.reference.imported_meetings import DOCS, open_with_imports
from tests.imported_support import import_jcct_23

JOINT = "\n".join([
    "Joint Fact Sheet: 23rd U.S.-China Joint Commission on Commerce and Trade", "",
    "The U.S. and Chinese co-chairs of the 23rd JCCT met in Washington on December 18-19, "
    "2012.", "",
    "Software Legalization", "",
    "  • The United States and China will hold a software asset management seminar in 2013.",
    "",
    "Intellectual Property Rights", "",
    "  • China will publish the revised patent examination guidelines by June 2013.", "",
])  # fmt: skip
ARGS = ("--dialogue", "jcct", "--number", "23", "--date", "2012-12-19")


def _run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err.strip()


@pytest.fixture
def joint(data_dir: Path, tmp_path: Path, capsys) -> Path:
    import_jcct_23(data_dir, tmp_path)
    capsys.readouterr()
    sheet = tmp_path / "jcct-23-joint.txt"
    sheet.write_text(JOINT, "utf-8")
    return sheet


def test_a_joint_sheet_is_added_to_the_imported_meeting(joint: Path, data_dir: Path,
                                                        tmp_path: Path, capsys) -> None:
    out = tmp_path / "joint.json"
    code, err = _run(capsys, "import", "factsheet", str(joint), *ARGS, "--kind", "joint",
                     "-o", str(out))  # fmt: skip
    assert code == 0, err
    drafts = json.loads(out.read_text("utf-8"))
    assert drafts["meeting"]["adds_to"] == "jcct-23"
    assert [s["code"] for s in drafts["sectors"]] == ["JSL", "JIPR"]  # none the U.S. sheet's
    assert [c["id"] for c in drafts["commitments"]] == ["jcct-23-JSL-1", "jcct-23-JIPR-1"]
    code, err = _run(capsys, "import", "factsheet", "--apply", str(out))
    assert code == 0, err
    catalog = open_with_imports(data_dir).catalog
    sheets = catalog.fact_sheets_of("jcct-23")
    assert [s.kind for s in sheets] == ["us", "joint"]
    assert catalog.commitment("jcct-23-JSL-1").fact_sheet == "jcct-23-joint"
    assert catalog.commitment("jcct-23-SL-1").fact_sheet == "jcct-23-us"
    assert [m.id for m in catalog.meetings] == ["jcct-22", "jcct-23"]  # one meeting, two sheets
    assert sorted(p.name for p in (data_dir / DOCS).glob("*.json")) == ["jcct-23.json"]
    # the same kind again, and the bundled meeting, are refused in one line
    code, err = _run(capsys, "import", "factsheet", str(joint), *ARGS, "--kind", "joint",
                     "-o", str(tmp_path / "again.json"))  # fmt: skip
    assert (code, err) == (2, "jcct-desktop: meeting jcct-23 already has a joint fact sheet; "
                              "nothing done")
    # the bundled meeting takes a joint sheet (tests/test_factsheet_joint_for_bundled.py),
    # not a second U.S. one
    code, err = _run(capsys, "import", "factsheet", str(joint), "--dialogue", "jcct",
                     "--number", "22", "--date", "2011-11-21", "--kind", "us")  # fmt: skip
    assert (code, err) == (2, "jcct-desktop: meeting jcct-22 already has a U.S. fact sheet; "
                              "nothing done")  # fmt: skip
    # removing the meeting takes both sheets
    assert _run(capsys, "meetings", "remove", "jcct-23")[0] == 0
    assert "jcct-23-JSL-1" not in open_with_imports(data_dir).catalog


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_window_adds_the_joint_sheet_too(joint: Path, data_dir: Path, qtbot,
                                             monkeypatch) -> None:
    from jcct_desktop.ui.factsheet_import import FactSheetChooser, ImportFactSheetDialog

    monkeypatch.setattr(FactSheetChooser, "ask_open", classmethod(lambda cls, parent: joint))
    dialog = ImportFactSheetDialog(open_with_imports(data_dir).catalog, data_dir)
    qtbot.addWidget(dialog)
    dialog.choose_file()
    dialog.number.setValue(23)
    dialog.date.setText("2012-12-19")
    dialog.kind.setCurrentIndex(dialog.kind.findData("us"))
    assert not dialog.make_drafts()
    assert dialog.message.text() == "meeting jcct-23 already has a U.S. fact sheet; nothing done"
    dialog.kind.setCurrentIndex(dialog.kind.findData("joint"))
    assert dialog.make_drafts()
    dialog.save()
    assert dialog.result() == ImportFactSheetDialog.DialogCode.Accepted
    assert open_with_imports(data_dir).catalog.commitment("jcct-23-JIPR-1").party.value == "China"
