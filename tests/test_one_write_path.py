"""Only the store tells views that the notes changed (issue 23: one write path): no module
outside ``jcct_desktop/store`` calls a notifier's ``emit``."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "jcct_desktop"


def _emits_on_a_notifier(tree: ast.AST) -> list[int]:
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "emit" and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr == "notifier"]


def test_no_module_outside_the_store_emits_store_events() -> None:
    found = {str(path.relative_to(PACKAGE)): lines
             for path in sorted(PACKAGE.rglob("*.py"))
             if "store" not in path.relative_to(PACKAGE).parts[:1]
             and (lines := _emits_on_a_notifier(ast.parse(path.read_text(encoding="utf-8"))))}
    assert found == {}


def test_the_check_sees_an_emit_where_there_is_one() -> None:
    tree = ast.parse("self.service.notifier.emit(change)\n")
    assert _emits_on_a_notifier(tree) == [1]
