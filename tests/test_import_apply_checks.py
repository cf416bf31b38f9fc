"""``import factsheet --apply`` and the dialog's Save check everything the builder checks (issue
21): one line naming the item, exit 2, no traceback, and nothing left behind (no meetings
database, no ``meetings.sqlite.tmp``, no kept document)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.store.reference.build import write_database
from jcct_desktop.store.reference.source_checks import SourceError
from tests.imported_support import SHEET_23, apply_refused


@pytest.fixture
def drafts(data_dir: Path, tmp_path: Path, capsys) -> dict:
    out = tmp_path / "drafts.json"
    assert main(["import", "factsheet", str(SHEET_23), "--dialogue", "jcct", "--number", "23",
                 "--date", "2012-12-19", "-o", str(out)]) == 0  # fmt: skip
    capsys.readouterr()
    return json.loads(out.read_text("utf-8"))


def _first(d: dict) -> dict:
    return d["commitments"][0]


def _kind(d: dict) -> None:
    _first(d)["kind"] = "action with deadline"


def _far_date(d: dict) -> None:
    _first(d)["milestones"][0].update(earliest="9999-12-31", latest="9999-12-31")


def _bundled_id(d: dict) -> None:
    _first(d)["id"] = "2011-NEV-1"


def _number_zero(d: dict) -> None:
    d["meeting"].update(number=0, id="jcct-0")


def _self_link(d: dict) -> None:
    c = _first(d)
    c["links"] = [{"relation": "extends", "target": c["id"], "span": c["span"]}]


def _huge_title(d: dict) -> None:
    _first(d)["title"] = "x" * 5_000_000


def _twice(d: dict) -> None:
    d["commitments"][1]["id"] = _first(d)["id"]


def _title_list(d: dict) -> None:
    _first(d)["title"] = ["a", "list"]


def _unknown_party(d: dict) -> None:
    _first(d)["party"] = "Japan"


def _ends_first(d: dict) -> None:
    _first(d)["milestones"][0].update(earliest="2013-06-19", latest="2012-12-19")


@pytest.mark.parametrize(("damage", "message"), [
    (_kind, "commitment 'jcct-23-SL-1': unknown kind 'action with deadline' (one of "
            "policy_confirmation, action_with_deadline, event_or_dialogue, cooperation)"),
    (_far_date, "commitment 'jcct-23-SL-1' milestone 1: earliest 9999-12-31 is outside "
                "1900–2999"),
    (_bundled_id, "commitment 2011-NEV-1: the id is already used by the 22nd JCCT (2011)"),
    (_number_zero, "meeting: the meeting number must be a whole number of 1 or more, not 0"),
    (_self_link, "commitment jcct-23-SL-1: a commitment cannot be linked to itself"),
    (_huge_title, "commitment 'jcct-23-SL-1': title is 5,000,000 characters long (at most "
                  "300)"),
    (_twice, "commitment jcct-23-SL-1: the id appears twice in the drafts"),
    (_title_list, "commitment 'jcct-23-SL-1': title must be text, not list"),
    (_unknown_party, "commitment jcct-23-SL-1: unknown party 'Japan' (one of China, United "
                     "States, both)"),
    (_ends_first, "commitment jcct-23-SL-1 milestone 1: window ends before it starts"),
])  # fmt: skip
def test_apply_refuses_in_one_line_and_leaves_nothing(
    drafts: dict, data_dir: Path, tmp_path: Path, capsys,
    damage: Callable[[dict], None], message: str,
) -> None:
    damage(drafts)
    err = apply_refused(drafts, tmp_path, capsys)
    assert message in err, err
    left = sorted(p.name for p in data_dir.rglob("*")) if data_dir.exists() else []
    assert not [n for n in left if n.startswith("meetings")], left


def test_the_builder_names_the_same_items(tmp_path: Path) -> None:
    """The same checks guard the database builder itself (the bundled source and every
    rebuild of the imported meetings)."""
    import tomllib

    doc = tomllib.loads((Path(__file__).parents[1] / "db" / "jcct-2011.toml").read_text("utf-8"))
    doc["commitments"][0]["kind"] = "action with deadline"
    with pytest.raises(SourceError, match="commitment '2011-NEV-1': unknown kind"):
        write_database(tmp_path / "x.sqlite", [doc], doc["agencies"])
    assert list(tmp_path.iterdir()) == []


def test_a_build_failing_midway_leaves_no_temporary_file(tmp_path: Path) -> None:
    import tomllib

    doc = tomllib.loads((Path(__file__).parents[1] / "db" / "jcct-2011.toml").read_text("utf-8"))
    doc["facts"][0]["figures"] = [{"value": "not a number", "unit": "USD", "text": "x"}]
    with pytest.raises(ValueError, match="not a number"):
        write_database(tmp_path / "x.sqlite", [doc], doc["agencies"])
    assert list(tmp_path.iterdir()) == []


def test_the_reviewed_drafts_save_once_the_damage_is_undone(drafts: dict, data_dir: Path,
                                                            tmp_path: Path, capsys) -> None:
    path = tmp_path / "reviewed.json"
    path.write_text(json.dumps(drafts), "utf-8")
    assert main(["import", "factsheet", "--apply", str(path)]) == 0
    assert "saved meeting jcct-23 (3 commitments)" in capsys.readouterr().err
    assert not (data_dir / "meetings.sqlite.tmp").exists()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_dialogs_save_gives_the_same_refusal(qtbot, catalog, data_dir: Path,
                                                  monkeypatch) -> None:
    from jcct_desktop.ui.factsheet_import import FactSheetChooser, ImportFactSheetDialog

    monkeypatch.setattr(FactSheetChooser, "ask_open", classmethod(lambda cls, parent: SHEET_23))
    dialog = ImportFactSheetDialog(catalog, data_dir)
    qtbot.addWidget(dialog)
    dialog.choose_file()
    dialog.number.setValue(23)
    dialog.date.setText("2012-12-19")
    assert dialog.make_drafts()
    dialog.items.setCurrentRow(0)
    before = json.dumps(dialog.drafts)
    dialog.title.setText("t" * 400)
    dialog.apply_edits()  # refused at once, and nothing of the edit applied
    assert dialog.message.text() == ("Not applied: the title is 400 characters long (at most "
                                     "300); jcct-23-SL-1 is unchanged.")
    assert json.dumps(dialog.drafts) == before
    dialog.title.setText("SOE software legalization")
    dialog.relation.setCurrentIndex(dialog.relation.findData("extends"))
    dialog.target.setText("jcct-23-SL-1")
    dialog.apply_edits()
    dialog.save()
    assert dialog.message.text() == ("Not saved: commitment jcct-23-SL-1: a commitment cannot "
                                     "be linked to itself")
    assert dialog.result() != ImportFactSheetDialog.DialogCode.Accepted
    assert not data_dir.exists() or not [p for p in data_dir.rglob("meetings*")]
