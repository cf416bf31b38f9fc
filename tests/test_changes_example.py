"""docs/changes.md's worked example is what the program prints: the sample notes file the
tests ship is imported into empty notes and `changes` run over the documented period."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from jcct_desktop.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "sample-notes.json"
COMMAND = "$ jcct-desktop changes --since 2012-01-15 --until 2012-07-15"


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Days are the officer's own: the documented run was in UTC (its moments are at noon UTC,
    which some zones date a day later)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _documented_output() -> list[str]:
    lines = (ROOT / "docs" / "changes.md").read_text(encoding="utf-8").splitlines()
    start = lines.index(COMMAND) + 1
    end = lines.index("```", start)
    return lines[start:end]


def test_worked_example_matches_the_program(data_dir, capsys) -> None:
    assert main(["notes", "import", str(SAMPLE)]) == 0
    capsys.readouterr()
    assert main(["changes", "--since", "2012-01-15", "--until", "2012-07-15"]) == 0
    printed = capsys.readouterr().out.rstrip("\n").splitlines()
    documented = _documented_output()
    assert documented[0].startswith("Changes from 2012-01-15 to 2012-07-15: ")
    assert printed == documented


def test_example_file_imports_with_its_history_and_authors(data_dir, capsys) -> None:
    """The sample is a real notes file: a colleague's item keeps its author, and what happened
    before the period (the December 2011 star) is not listed."""
    assert main(["notes", "import", str(SAMPLE)]) == 0
    capsys.readouterr()
    assert main(["changes", "--since", "2012-01-15", "--until", "2012-07-15",
                 "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "(by wli)" not in out and ",wli," in out  # csv: the author in its own column
    assert "Starred" not in out
