"""A reviewed drafts file whose texts hold control characters is refused in one line, nothing
saved: a NUL in a title went as a raw byte into the calendar file and read differently in
every export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.store.reference.imported_meetings import open_with_imports
from jcct_desktop.store.reference.source_fields import FieldError, check_text

JOINT = Path(__file__).parent / "data" / "jcct-22-joint-synthetic.txt"


@pytest.fixture
def drafts(data_dir: Path, tmp_path: Path, capsys) -> dict:
    path = tmp_path / "drafts.json"
    assert main(["import", "factsheet", str(JOINT), "--dialogue", "jcct", "--number", "22",
                 "--date", "2011-11-21", "--kind", "joint", "-o", str(path)]) == 0
    capsys.readouterr()
    return json.loads(path.read_text("utf-8"))


@pytest.mark.parametrize(("char", "code"), [("\x00", "0000"), ("\x1b", "001B"),
                                            ("\x7f", "007F"), ("\x85", "0085")])
def test_a_title_with_a_control_character_is_refused(drafts, data_dir, tmp_path, capsys, char,
                                                      code):
    drafts["commitments"][0]["title"] = f"Civil{char}aviation 王岐山"
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(drafts, ensure_ascii=False), "utf-8")
    assert main(["import", "factsheet", "--apply", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"jcct-desktop: commitment 'jcct-22-JCA-1': title holds a control "
                   f"character (U+{code}) at character 6")
    assert "jcct-22-JCA-1" not in open_with_imports(data_dir).catalog  # nothing saved


def test_chinese_right_to_left_and_tabs_stay_welcome(drafts, data_dir, tmp_path, capsys):
    title = "Civil aviation 民航 \u202bمرحبا\u202c\tdialogue"
    drafts["commitments"][0]["title"] = title
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(drafts, ensure_ascii=False), "utf-8")
    assert main(["import", "factsheet", "--apply", str(path)]) == 0
    capsys.readouterr()
    assert open_with_imports(data_dir).catalog.commitment("jcct-22-JCA-1").title == title


def test_check_text_names_the_first_control_character():
    check_text("a name", "line one\nline two\r\n", 100)  # line breaks are text
    with pytest.raises(FieldError, match=r"^a name holds a control character \(U\+0007\) at "
                                         r"character 3$"):
        check_text("a name", "ab\x07c\x00", 100)
