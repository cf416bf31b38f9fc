"""Start-up stays lean: parsing the command line and opening the window load only what they use.

Each check runs in a fresh interpreter, because this test process has imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY_FOR_PARSING = ("sqlalchemy", "reportlab", "PySide6", "jcct_desktop.core.annotations",
                     "jcct_desktop.core.briefing", "jcct_desktop.pdf")
NEVER_AT_WINDOW_START = ("reportlab", "PySide6.QtPdf", "jcct_desktop.pdf",
                         "jcct_desktop.ui.briefing", "jcct_desktop.core.briefing",
                         "icalendar", "pypdf", "alembic", "psycopg", "psycopg2",
                         "jcct_desktop.team.sync", "jcct_desktop.store.reference.build",
                         "tomllib")


def _loaded_after(code: str, env: dict[str, str] | None = None) -> list[str]:
    """Run ``code`` in a new interpreter and return the names in sys.modules at exit."""
    wrapper = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: print('MODULES=' + json.dumps(sorted(sys.modules))))\n"
        + code
    )
    proc = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True,
                          env=env, timeout=120)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("MODULES=")), None)
    assert line is not None, proc.stderr
    return list(json.loads(line.removeprefix("MODULES=")))


def _heavy(modules: list[str], prefixes: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes)]


@pytest.mark.parametrize("argv", [["--version"], ["--smoke-test", "--as-of", "2012-01-15"],
                                  ["--help"]])
def test_parsing_the_command_line_imports_nothing_heavy(argv: list[str]) -> None:
    code = (
        "from jcct_desktop.cli.entry import _parser\n"
        f"argv = {argv!r}\n"
        "try:\n"
        "    _parser().parse_args(argv)\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    assert _heavy(_loaded_after(code), HEAVY_FOR_PARSING) == []


def test_every_command_is_still_offered() -> None:
    from jcct_desktop.cli.entry import _parser

    top = _parser().format_help()
    assert "export" in top and "notes" in top
    export_help = subprocess.run(
        [sys.executable, "-m", "jcct_desktop", "export", "--help"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert "json" in export_help and "csv" in export_help and "pdf" in export_help
    args = _parser().parse_args(["export", "pdf", "-o", "x.pdf"])
    assert args.format == "pdf" and callable(args.handler)
    args = _parser().parse_args(["notes", "export", "f.json"])
    assert callable(args.handler)


def test_the_window_starts_without_the_pdf_machinery(tmp_path: object) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", JCCT_DATA_DIR=str(tmp_path))
    env.pop("JCCT_REFERENCE_DB", None)
    code = "from jcct_desktop.cli import main\nassert main(['--smoke-test']) == 0\n"
    loaded = _loaded_after(code, env)
    assert "jcct_desktop.ui.main_window" in loaded  # the window really opened
    assert _heavy(loaded, NEVER_AT_WINDOW_START) == []
