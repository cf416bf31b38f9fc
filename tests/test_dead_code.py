"""No dead code in the package: vulture, at the lowest confidence it reports (60%: unused
functions, classes, methods, attributes, variables, imports), finds nothing in jcct_desktop.
What only a framework, the tests or the benchmarks use is named, with its reason, in
tests/vulture_whitelist.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WHITELIST = REPO / "tests" / "vulture_whitelist.py"
CONFIDENCE = "60"


def _vulture(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vulture", *map(str, paths), "--min-confidence", CONFIDENCE],
        capture_output=True, text=True, cwd=REPO, timeout=300)


def test_vulture_finds_no_dead_code_in_the_package() -> None:
    done = _vulture(REPO / "jcct_desktop", WHITELIST)
    assert done.returncode == 0 and done.stdout == "", (
        "dead code (delete it, or name it in tests/vulture_whitelist.py with why it is "
        f"used):\n{done.stdout}{done.stderr}")


def test_a_function_nobody_calls_is_reported(tmp_path: Path) -> None:
    dead = tmp_path / "newly_added.py"
    dead.write_text("def forgotten_helper() -> int:\n    return 1\n", "utf-8")
    done = _vulture(REPO / "jcct_desktop", WHITELIST, dead)
    assert done.returncode == 3, done.stdout + done.stderr  # vulture's "dead code found"
    assert done.stdout.splitlines() == [
        f"{dead}:1: unused function 'forgotten_helper' (60% confidence)"]
