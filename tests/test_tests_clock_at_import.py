"""No test module reads the clock when it is imported: a value like ``TODAY = date.today()``
is taken at collection, which may be another day than the test's run (past midnight), and
cannot follow the injectable clock. Tests read the day in the test or in a fixture."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
CLOCK_CALLS = {"today", "now", "utcnow", "utc_now", "local_now_naive", "currentDate",
               "currentDateTime", "time", "monotonic"}


def _import_time_clock_reads(source: str) -> list[tuple[int, str]]:
    """Calls of a clock function that run when the module is imported: at module or class
    level, in decorators and in default values; not inside a function body or lambda."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.Lambda):
            return
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            defaults = [d for d in (*node.args.defaults, *node.args.kw_defaults) if d]
            for evaluated in (*node.decorator_list, *defaults):
                visit(evaluated)
            return
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in CLOCK_CALLS:
                found.append((node.lineno, ast.unparse(node)))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return found


def test_the_finder_sees_a_module_level_read_and_ignores_one_in_a_test() -> None:
    source = ("from datetime import date\nTODAY = date.today()\n"
              "@pytest.mark.parametrize('d', [date.today()])\ndef test_x(d=dates.utc_now()):\n"
              "    return date.today()\nlater = lambda: date.today()\n")
    assert [line for line, _ in _import_time_clock_reads(source)] == [2, 3, 4]


def test_no_test_module_reads_the_clock_at_import() -> None:
    offenders = [f"{path.relative_to(TESTS.parent)}:{line}: {call}"
                 for path in sorted(TESTS.rglob("*.py"))
                 for line, call in _import_time_clock_reads(path.read_text(encoding="utf-8"))]
    assert offenders == []
