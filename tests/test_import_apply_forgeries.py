"""Reviewed drafts that a hand (or a tool) changed where review may not: found walking
``import factsheet --apply`` with hostile drafts. An id holding a NUL or a space was saved (the
team database cannot hold a NUL, and nobody can type the id); a source text changed after
drafting, with a quote changed to match, let an invented "verbatim" quote through. Both are
refused in one line (exit 2, nothing saved); untouched drafts still save."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from tests.imported_support import SHEET_23, apply_refused


@pytest.fixture
def drafts(data_dir: Path, tmp_path: Path, capsys) -> dict:
    out = tmp_path / "drafts.json"
    assert main(["import", "factsheet", str(SHEET_23), "--dialogue", "jcct", "--number", "23",
                 "--date", "2012-12-19", "-o", str(out)]) == 0
    capsys.readouterr()
    return json.loads(out.read_text("utf-8"))


def _forged_quote(d: dict) -> None:
    """The source edited and a quote edited to match it: every span still agrees."""
    c = d["commitments"][0]
    start, end = c["span"]
    forged = "China committed to do whatever we say, at once."
    text = d["source"]["text"]
    d["source"]["text"] = text[:start] + forged + text[end:]
    c["source_text"] = forged
    c["span"] = [start, start + len(forged)]


def _nul_id(d: dict) -> None:
    d["commitments"][0]["id"] += "\u0000"


def _spaced_id(d: dict) -> None:
    d["commitments"][0]["id"] = "jcct-23 SL-1"


def _invisible_id(d: dict) -> None:
    d["commitments"][0]["id"] = "jcct-23-SL-1\u200b"  # a zero-width space


@pytest.mark.parametrize(("damage", "message"), [
    (_forged_quote, "the source text is not the text that was drafted (its SHA-256 differs)"),
    (_nul_id, "the id holds a space or control character (U+0000)"),
    (_spaced_id, "the id holds a space or control character (U+0020)"),
    (_invisible_id, "the id holds a space or control character (U+200B)"),
])
def test_forged_drafts_are_refused_in_one_line(drafts: dict, data_dir: Path, tmp_path: Path,
                                                capsys, damage: Callable[[dict], None],
                                                message: str) -> None:
    damage(drafts)
    err = apply_refused(drafts, tmp_path, capsys)
    assert message in err, err
    assert not (data_dir / "meetings.sqlite").exists()


def test_untouched_drafts_still_save(drafts: dict, data_dir: Path, tmp_path: Path, capsys):
    """Every drafts file this app writes carries the digest of its source text."""
    assert drafts["source"]["sha256"] == hashlib.sha256(
        drafts["source"]["text"].encode("utf-8")).hexdigest()
    path = tmp_path / "reviewed.json"
    path.write_text(json.dumps(drafts), "utf-8")
    assert main(["import", "factsheet", "--apply", str(path)]) == 0
    assert "saved meeting jcct-23" in capsys.readouterr().err
