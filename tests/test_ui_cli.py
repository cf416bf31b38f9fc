"""--screenshot and --smoke-test in a real process, and their clear failures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _run(tmp_path: Path, *args: str, db: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    if db is not None:
        env["JCCT_REFERENCE_DB"] = str(db)
    code = f"import sys; from jcct_desktop.cli import main; sys.exit(main({list(args)!r}))"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=60, check=False)


def test_screenshot_writes_a_png_of_the_window(tmp_path):
    out = tmp_path / "shot.png"
    done = _run(tmp_path, "--screenshot", str(out), "--select", "2011-II-1",
                "--as-of", "2012-01-15")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() >= 700 and image.height() >= 500


def test_smoke_test_reports_first_paint(tmp_path):
    done = _run(tmp_path, "--smoke-test")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("first paint: ") and done.stdout.strip().endswith(" ms")


@pytest.mark.parametrize(("args", "words"), [
    (("--smoke-test", "--as-of", "15/01/2012"), "a date like 2012-01-15"),
    (("--smoke-test", "--select", "2011-NOPE-9"), "no commitment with id"),
])
def test_bad_arguments_exit_2_with_a_message(tmp_path, args, words):
    done = _run(tmp_path, *args)
    assert done.returncode == 2
    assert words in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("content", [None, b"this is not a database" * 100])
def test_missing_or_corrupt_database_exits_1_without_a_traceback(tmp_path, content):
    db = tmp_path / "broken.sqlite"
    if content is not None:
        db.write_bytes(content)
    done = _run(tmp_path, "--smoke-test", db=db)
    assert done.returncode == 1
    assert "reference data" in done.stderr and "Traceback" not in done.stderr


def test_smoke_test_counts_from_the_start_of_the_process(tmp_path):
    import time

    began = time.monotonic()
    done = _run(tmp_path, "--smoke-test")
    wall_ms = (time.monotonic() - began) * 1000
    assert done.returncode == 0, done.stderr
    reported = int(done.stdout.split()[2])
    # the interpreter start and every import are inside the figure: it is most of the wall
    # time of the whole process, never just the part after the imports
    assert 0.3 * wall_ms <= reported <= wall_ms


def test_no_display_is_one_clear_line(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(HOME=str(tmp_path), JCCT_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-m", "jcct_desktop"], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "no display" in done.stderr


@pytest.mark.parametrize(("args", "code"), [(("--smoke-test",), 0),
                                            (("--smoke-test", "--select", "2011-NOPE-9"), 2)])
def test_the_collector_runs_again_once_the_window_is_built(tmp_path, args, code):
    """cli.main pauses the cyclic collector for the start; the window never runs without it."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), JCCT_DATA_DIR=str(tmp_path / "d"))
    env.pop("JCCT_REFERENCE_DB", None)
    script = (
        "import gc, sys\n"
        "import jcct_desktop.ui.app as app\n"
        "shown = app._run_once\n"
        "def watch(*a):\n"
        "    print('while shown', gc.isenabled())\n"
        "    return shown(*a)\n"
        "app._run_once = watch\n"
        "from jcct_desktop.cli import main\n"
        f"code = main({list(args)!r})\n"
        "print('after', gc.isenabled(), code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert f"after True {code}" in done.stdout, done.stderr
    if code == 0:
        assert "while shown True" in done.stdout
