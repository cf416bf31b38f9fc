"""`import factsheet --apply` compares ids without regard to case: a drafted commitment whose
id differs only in case from one we hold, or from another in the same drafts, is refused in one
line naming both, and nothing is saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.store.reference.imported_meetings import DB_NAME

JOINT = Path(__file__).parent / "data" / "jcct-22-joint-synthetic.txt"


@pytest.fixture
def drafts(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "drafts.json"
    assert main(["import", "factsheet", str(JOINT), "--dialogue", "jcct", "--number", "22",
                 "--date", "2011-11-21", "--kind", "joint", "-o", str(path)]) == 0
    capsys.readouterr()
    return path


def _with_first_id(path: Path, new_id: str) -> None:
    doc = json.loads(path.read_text("utf-8"))
    doc["commitments"][0]["id"] = new_id
    path.write_text(json.dumps(doc), "utf-8")


def _apply(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["import", "factsheet", "--apply", str(path)])
    return code, capsys.readouterr().err


def test_an_id_differing_only_in_case_from_a_held_one_is_refused(
        drafts: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _with_first_id(drafts, "2011-soft-1")  # the bundled meeting holds 2011-SOFT-1
    code, err = _apply(drafts, capsys)
    assert (code, err) == (2, "jcct-desktop: commitment 2011-soft-1: the id differs only in "
                              "case from 2011-SOFT-1, already used by the 22nd JCCT (2011)\n")
    assert not (data_dir / DB_NAME).exists()


def test_two_drafted_ids_differing_only_in_case_are_refused(
        drafts: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    second = json.loads(drafts.read_text("utf-8"))["commitments"][1]["id"]
    _with_first_id(drafts, second.upper())
    code, err = _apply(drafts, capsys)
    assert code == 2 and err.count("\n") == 1
    assert err == (f"jcct-desktop: commitment {second}: the id appears twice in the drafts "
                   f"(as {second.upper()} too: ids are compared ignoring case)\n")
    assert not (data_dir / DB_NAME).exists()


def test_the_untouched_drafts_are_saved(drafts: Path, data_dir: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert _apply(drafts, capsys)[0] == 0 and (data_dir / DB_NAME).exists()
