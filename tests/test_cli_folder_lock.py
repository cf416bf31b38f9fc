"""The commands that write notes stand back from an open window (and from each other), hold
the folder while they write, and take over the lock of a process that is gone.

The holders are real processes taking the real lock: a window's guard, or a command's hold.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.cli.lock import writes_into_folder
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.backups import list_backups
from jcct_desktop.ui.folder_lock import LOCK_NAME, folder_lock
from jcct_desktop.ui.single_instance import InstanceGuard

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

WINDOW = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from jcct_desktop.ui.single_instance import InstanceGuard
app = QCoreApplication([])
guard = InstanceGuard(Path(sys.argv[1]))
assert guard.acquire()
print("held", flush=True)
time.sleep(120)
"""
COMMAND = """
import sys, time
from pathlib import Path
from jcct_desktop.ui.folder_lock import holding
with holding(Path(sys.argv[1])) as held:
    assert held
    print("held", flush=True)
    time.sleep(120)
"""


@contextmanager
def _holder(code: str, folder: Path) -> Iterator[subprocess.Popen[str]]:
    """A real process holding ``folder`` until the block ends (then killed, as by a crash)."""
    proc = subprocess.Popen([sys.executable, "-c", code, str(folder)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held", (
            proc.stderr.read() if proc.stderr else "")
        yield proc
    finally:
        proc.kill()
        proc.wait(30)


def _seeded(folder: Path) -> Path:
    service = AnnotationService.open(folder)
    service.add_note(commitment_id="2011-NEV-1", text="mine")
    service.close()
    return folder / "annotations.sqlite"


def _other_notes(tmp_path: Path) -> Path:
    """A real export to import: a star and a note from a colleague."""
    colleague = tmp_path / "colleague"
    service = AnnotationService.open(colleague)
    service.set_starred(commitment_id="2011-NEV-1", starred=True)
    service.add_note(commitment_id="2011-NEV-1", text="from a colleague")
    service.close()
    out = tmp_path / "other.json"
    assert main(["--data-dir", str(colleague), "notes", "export", str(out)]) == 0
    return out


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    return code, capsys.readouterr().err


def test_writing_commands_are_refused_while_a_window_holds_the_notes(capsys, tmp_path):
    other = _other_notes(tmp_path)
    folder = tmp_path / "notes"
    db = _seeded(folder)
    assert main(["--data-dir", str(folder), "notes", "import", str(other)]) == 0  # a backup
    capsys.readouterr()
    before = db.read_bytes()
    with _holder(WINDOW, folder) as window:
        for argv, where in [
            (("notes", "import", str(other)), "File → Import notes…"),
            (("notes", "restore", "latest"), "File → Restore notes from backup…"),
            (("sync", "--team", "postgresql://nobody@127.0.0.1:1/none"),
             "File → Sync with team database"),
            (("import", "factsheet", "--apply", str(tmp_path / "drafts.json")),
             "File → Import fact sheet…"),
        ]:
            code, err = _run(capsys, "--data-dir", str(folder), *argv)
            assert code == 1, (argv, err)
            assert err == (f"jcct-desktop: JCCT Desktop is open on these notes (process "
                           f"{window.pid} on this computer); use {where} there, or close it "
                           f"first; nothing was changed\n")
        # reading stays allowed
        code, err = _run(capsys, "--data-dir", str(folder), "export", "json",
                         "-o", str(tmp_path / "all.json"))
        assert code == 0, err
        code, _ = _run(capsys, "--data-dir", str(folder), "notes", "export",
                       str(tmp_path / "mine.json"))
        assert code == 0
    assert db.read_bytes() == before
    assert len(list_backups(folder)) == 1  # no command got as far as a backup


def test_a_command_holding_the_notes_is_named_as_a_command(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("jcct_desktop.cli.lock.COMMAND_WAIT_S", 1.0)  # issue 19: it waits
    other = _other_notes(tmp_path)
    folder = tmp_path / "notes"
    _seeded(folder)
    capsys.readouterr()
    with _holder(COMMAND, folder) as command:
        code, err = _run(capsys, "--data-dir", str(folder), "notes", "import", str(other))
        assert code == 1
        assert err == (f"jcct-desktop: waiting for another jcct-desktop command (process "
                       f"{command.pid} on this computer) to finish with these notes (up to "
                       f"1 s)…\n"
                       f"jcct-desktop: another jcct-desktop command (process {command.pid} on "
                       f"this computer) is still changing these notes after 1 s; try again "
                       f"when it has finished; nothing was changed\n")
        # and a window starting now is told the same, instead of opening mid-write
        guard = InstanceGuard(folder)
        assert not guard.acquire()
        assert guard.holder() == f"a jcct-desktop command (process {command.pid} on this computer)"


def test_a_stale_lock_of_a_dead_process_is_taken_over(capsys, tmp_path):
    other = _other_notes(tmp_path)
    folder = tmp_path / "notes"
    _seeded(folder)
    with _holder(WINDOW, folder):
        pass  # killed: its lock file stays, naming a process that is gone
    assert (folder / LOCK_NAME).exists()
    code, err = _run(capsys, "--data-dir", str(folder), "notes", "import", str(other))
    assert code == 0, err
    service = AnnotationService.open(folder)
    assert service.get("2011-NEV-1").starred
    service.close()
    assert not (folder / LOCK_NAME).exists()  # released when done


def test_the_command_holds_the_folder_while_it_writes(tmp_path, monkeypatch):
    folder = tmp_path / "notes"
    folder.mkdir()
    monkeypatch.setenv("JCCT_DATA_DIR", str(folder))
    seen: list[bool] = []

    @writes_into_folder("File → Somewhere")
    def write(_args: object) -> int:
        seen.append(folder_lock(folder).tryLock(0))  # what a window starting now would get
        return 0

    assert write(argparse.Namespace(data_dir=folder)) == 0  # a real lock, in this process
    assert seen == [False]
    again = folder_lock(folder)
    assert again.tryLock(0)  # and it is let go afterwards
    again.unlock()


def test_a_refused_import_into_a_new_folder_leaves_no_folder(capsys, tmp_path):
    folder = tmp_path / "new"
    code, err = _run(capsys, "--data-dir", str(folder), "notes", "import",
                     str(tmp_path / "missing.json"))
    assert code == 1 and "cannot read" in err
    assert not folder.exists()
    assert os.listdir(tmp_path) == []
