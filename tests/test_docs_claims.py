"""What README.md and docs/ claim, checked against the app where a test can check it.

Exit codes, the CSV's columns, the JSON's keys, the date forms the command line takes, every
command and flag named in docs/command-line.md, and every link between the documents.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
from pathlib import Path

import pytest

from jcct_desktop.cli.entry import _parser, main

REPO = Path(__file__).resolve().parents[1]
COMMAND_LINE = (REPO / "docs" / "command-line.md").read_text(encoding="utf-8")
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def _code(*argv: str) -> int:
    """The exit code, an argparse refusal (SystemExit) included."""
    try:
        return main(list(argv))
    except SystemExit as stop:
        return int(stop.code or 0)


def _section(text: str, heading: str) -> str:
    start = text.index(f"## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def test_the_readme_is_short() -> None:
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150, f"README.md has {len(lines)} lines; move detail into docs/"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_relative_link_lands(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        path, _, anchor = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        assert file.exists(), f"{doc.name} links to {target}, which does not exist"
        if anchor and file.suffix == ".md":
            assert anchor in _anchors(file.read_text(encoding="utf-8")), (
                f"{doc.name} links to {target}: no such heading in {file.name}")


def _anchors(markdown: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    found = set()
    for heading in re.findall(r"^#+ (.+)$", markdown, flags=re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(slug)
    return found


def test_the_csv_columns_are_the_documented_ones(tmp_path: Path) -> None:
    documented = re.search(r"The\s+columns are\s+`([^`]+)`", _section(COMMAND_LINE, "CSV export"))
    assert documented, "docs/command-line.md no longer lists the CSV columns"
    columns = [c.strip() for c in documented.group(1).replace("\n", " ").split(",")]
    out = tmp_path / "all.csv"
    assert main(["export", "csv", "-o", str(out)]) == 0
    header = next(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert header == columns


def test_the_json_keys_are_the_documented_ones(tmp_path: Path) -> None:
    table = _section(COMMAND_LINE, "JSON export")
    documented = set(re.findall(r"^\| `(\w+)` \|", table, flags=re.MULTILINE))
    out = tmp_path / "all.json"
    assert main(["export", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "jcct-desktop-data" and data["version"] == 1
    assert documented == set(data) - {"format", "version", "app_version", "exported"}
    commitment_keys = re.search(r"^\| `commitments` \| (.+) \|$", table, flags=re.MULTILINE)
    assert commitment_keys
    # the top-level names of a commitment, leaving out the parenthesised sub-keys
    flat = re.sub(r"\([^()]*(\([^()]*\)[^()]*)*\)", "", commitment_keys.group(1))
    assert set(re.findall(r"`(\w+)`", flat)) == set(data["commitments"][0])


@pytest.mark.parametrize("typed", ["2012-01-15", "20120115"])
def test_the_documented_date_forms_are_taken(typed: str, tmp_path: Path) -> None:
    assert typed in _section(COMMAND_LINE, "Dates on the command line")
    out = tmp_path / "x.json"
    assert main(["export", "json", "--as-of", typed, "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["as_of"] == "2012-01-15"


@pytest.mark.parametrize("typed", ["2012/1/15", "1/15/12", "2012-02-30", "1899-12-31"])
def test_the_documented_refusals_exit_2(typed: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert typed in _section(COMMAND_LINE, "Dates on the command line") or typed == "1899-12-31"
    assert _code("export", "json", "--as-of", typed) == 2
    err = capsys.readouterr().err
    assert err.startswith("jcct-desktop: ") and err.count("\n") == 1


def test_exit_codes_as_documented(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    codes = _section(COMMAND_LINE, "Exit codes")
    assert "| 1 |" in codes and "| 2 |" in codes
    missing = tmp_path / "nope.json"
    not_notes = tmp_path / "not-notes.json"
    not_notes.write_text('{"hello": 1}', encoding="utf-8")
    assert main(["notes", "import", str(missing)]) == 1  # cannot be read
    assert main(["notes", "import", str(tmp_path)]) == 1  # a folder
    assert main(["notes", "import", str(not_notes)]) == 2  # read, but not a notes file
    assert main(["export", "pdf", "-o", str(tmp_path / "no" / "x.pdf")]) == 1  # cannot write
    assert _code("export", "csv", "-o", "") == 2  # an empty -o
    assert main(["export", "pdf", "-o", str(tmp_path / "x.pdf"), "--sector", "Nope"]) == 2
    assert main(["sectors", "--meeting", "nope"]) == 2
    capsys.readouterr()


def _options(parser: argparse.ArgumentParser, path: str = "") -> dict[str, list[str]]:
    """Every command path ("export pdf") and the long options it takes."""
    found = {path: [s for a in parser._actions for s in a.option_strings if s.startswith("--")]}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.update(_options(sub, f"{path} {name}".strip()))
    return found


def test_every_command_and_flag_is_documented() -> None:
    for command, flags in _options(_parser()).items():
        if command:
            assert f"jcct-desktop {command}" in COMMAND_LINE, f"'{command}' is not documented"
        for flag in flags:
            if flag == "--help":
                continue
            if flag == "--output":
                flag = "-o"  # documented by its short form
            assert flag in COMMAND_LINE, f"{command or 'jcct-desktop'} {flag} is not documented"
