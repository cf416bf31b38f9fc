"""Crash test: SIGKILL a process applying annotation edits at random moments, 200+ times.

After every kill the database passes ``integrity_check`` and every edit the worker reported as
committed is there (each edit leaves its token in the append-only history).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from jcct_desktop.store.notes.database import DB_NAME

CHILD = Path(__file__).parent / "data" / "crash_child.py"
KILLS = 210
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


def committed_tokens(db: Path) -> set[str]:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = conn.execute("SELECT new, why FROM history").fetchall()
    finally:
        conn.close()
    return {new.split("\n", 1)[0] for new, _ in rows} | {why for _, why in rows}


def test_sigkill_at_random_moments_loses_no_committed_edit(tmp_path: Path) -> None:
    rng = random.Random(20111121)
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(tmp_path), str(KILLS)],
        stdout=subprocess.PIPE,
        start_new_session=True,
    )
    # A hung worker must fail the test, not hang the run.
    watchdog = threading.Timer(120, lambda: os.killpg(proc.pid, signal.SIGKILL))
    watchdog.start()
    committed: set[str] = set()
    kills, current, remaining, checks = 0, "", 0, 0

    def kill(pid: int) -> None:
        nonlocal kills
        os.kill(pid, signal.SIGKILL)
        kills += 1

    try:
        assert proc.stdout is not None
        for raw in iter(proc.stdout.readline, b""):
            line = raw.decode().strip()
            if line.startswith("ERR"):
                pytest.fail(f"worker failed: {line}")
            if line == "DONE":
                break
            if line.startswith("START"):
                if kills:  # the previous worker is dead and all its tokens were read
                    missing = committed - committed_tokens(tmp_path / DB_NAME)
                    assert not missing, f"lost committed edits after kill {kills}: {missing}"
                    checks += 1
                _, current, pid_text = line.split()
                pid = int(pid_text)
                remaining = rng.choice([0, 0, 1, 1, 2, 3, 5, 8])  # 0: killed while opening
                if remaining == 0:
                    kill(pid)
                continue
            committed.add(line)
            if line.split("-")[0] == current and remaining > 0:
                remaining -= 1
                if remaining == 0:
                    kill(pid)
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert kills >= 200 and checks >= 199
    assert not committed - committed_tokens(tmp_path / DB_NAME)
    assert len(committed) > 200
