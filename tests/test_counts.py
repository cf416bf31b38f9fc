"""Counts in words."""

from __future__ import annotations

import ast
import re

from jcct_desktop.core.counts import plural
from tests.conftest import REPO


def test_team_sync_counts_read_as_english() -> None:
    from jcct_desktop.core.counts import kinds_line

    assert kinds_line({"note": 2, "history": 1, "follow_up": 1, "tag": 1}) == (
        "1 follow-up, 1 history entry, 2 notes, 1 tag")
    assert kinds_line({"history": 3}) == "3 history entries"


def test_plurals_are_written_properly():
    assert plural(1, "commitment") == "1 commitment"
    assert plural(0, "fact") == "0 facts"
    assert plural(3, "annotation") == "3 annotations"
    assert plural(2, "entry", "entries") == "2 entries"
    offenders = [f"{path.relative_to(REPO)}: {text!r}"
                 for path in sorted((REPO / "jcct_desktop").rglob("*.py"))
                 for text in _strings(path) if re.search(r"[a-z]\(s\)", text)]
    assert offenders == []


def _strings(path) -> list[str]:
    """Every string the program can show (f-string pieces included), not its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
            and node.body and isinstance(node.body[0], ast.Expr)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docs]
