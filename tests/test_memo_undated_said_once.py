"""The Word memo says an undated, unjudged milestone has no deadline once ("No deadline
stated"), not "No deadline (no deadline stated)"; a judged undated milestone keeps its
standing with the note that no deadline is stated. Through the real CLI, read back with
python-docx."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from jcct_desktop.cli import main
from jcct_desktop.store.reference.reader import open_reference


def test_undated_milestone_says_no_deadline_once(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "memo.docx"
    assert main(["export", "docx", "-o", str(target), "--as-of", "2012-07-15",
                 "--sector", "SOFT"]) == 0
    lines = [p.text for p in Document(str(target)).paragraphs]
    catalog = open_reference().catalog
    undated = [m.label for c in catalog.commitments if c.sector == "SOFT"
               for m in c.milestones if m.window is None]
    assert undated
    for label in undated:
        (line,) = [t for t in lines if t.startswith(f"Milestone: {label}:")]
        assert line == f"Milestone: {label}: No deadline stated"
    assert not any("No deadline (no deadline stated)" in t for t in lines)
