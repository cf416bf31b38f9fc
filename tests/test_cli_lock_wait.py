"""Issue 19, probe 10: a second writing command waits (bounded, saying so) for another
command's lock instead of failing at once; a window is still refused at once, by name.

The holders are real processes taking the real lock (see ``test_cli_folder_lock``).
"""

from __future__ import annotations

import time

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService
from tests.test_cli_folder_lock import WINDOW, _holder, _other_notes, _seeded

BRIEF_COMMAND = """
import sys, time
from pathlib import Path
from jcct_desktop.ui.folder_lock import holding
with holding(Path(sys.argv[1])) as held:
    assert held
    print("held", flush=True)
    time.sleep(2)
time.sleep(120)  # gone from the lock, still alive
"""


def _import(capsys, folder, other) -> tuple[int, str, float]:
    capsys.readouterr()
    started = time.monotonic()
    code = main(["--data-dir", str(folder), "notes", "import", str(other)])
    return code, capsys.readouterr().err, time.monotonic() - started


def test_a_second_command_waits_for_the_first_then_writes(capsys, tmp_path) -> None:
    other = _other_notes(tmp_path)
    folder = tmp_path / "notes"
    _seeded(folder)
    with _holder(BRIEF_COMMAND, folder) as first:
        code, err, took = _import(capsys, folder, other)
    assert code == 0, err
    lines = err.splitlines()
    assert lines[0] == (f"jcct-desktop: waiting for another jcct-desktop command (process "
                        f"{first.pid} on this computer) to finish with these notes (up to "
                        f"30 s)…")
    assert lines[-1].startswith("Imported")
    assert 0.5 < took < 30
    service = AnnotationService.open(folder)
    assert service.get("2011-NEV-1").starred  # the import happened, after the wait
    service.close()


def test_a_window_is_refused_at_once_by_name(capsys, tmp_path) -> None:
    other = _other_notes(tmp_path)
    folder = tmp_path / "notes"
    _seeded(folder)
    with _holder(WINDOW, folder) as window:
        code, err, took = _import(capsys, folder, other)
    assert code == 1 and took < 5
    assert err.count("\n") == 1 and "waiting" not in err
    assert f"JCCT Desktop is open on these notes (process {window.pid} on this computer)" in err
