"""The tests' own services: `-m "not services"` leaves out exactly the tests that start
PostgreSQL, CUPS or Xvfb, and a service that cannot start says why in one message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import cups_server, pg_server

REPO = Path(__file__).resolve().parents[1]


def _collected(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         *args], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return {line.split("::", 1)[1] for line in done.stdout.splitlines() if "::" in line}


def test_no_services_leaves_out_the_tests_that_start_one() -> None:
    files = ["tests/test_printing_cups.py", "tests/test_team_cli.py"]
    everything = _collected(*files)
    without = _collected("-m", "not services", *files)
    left_out = everything - without
    assert "test_packet_goes_to_cups_as_its_own_pdf" in left_out  # CUPS
    assert "test_team_init_then_sync_from_the_command_line" in left_out  # PostgreSQL
    # the same files' tests that need no service still run
    assert "test_lp_arguments_carry_the_dialog_choices" in without
    assert "test_sync_without_a_team_or_with_a_bad_address" in without


def test_a_missing_cups_is_one_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cups_server.shutil, "which", lambda name: None)
    monkeypatch.setattr(cups_server, "CUPSD_PATHS", ())
    with pytest.raises(cups_server.CupsUnavailable) as refused:
        cups_server.start_server()
    message = str(refused.value)
    assert "no cupsd" in message and "./run tests --no-services" in message
    assert "\n" not in message


def test_a_missing_postgresql_is_one_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pg_server.glob, "glob", lambda pattern: [])
    with pytest.raises(RuntimeError) as refused:
        pg_server.start_server()
    message = str(refused.value)
    assert "PostgreSQL is not installed" in message and "--no-services" in message


def test_the_printing_tests_never_reach_the_system_print_service() -> None:
    socket = Path(os.environ["CUPS_SERVER"])
    assert socket.name == "cups.sock" and socket.parent.name.startswith("jcct-cups-")
    assert not socket.is_relative_to(Path.home())
