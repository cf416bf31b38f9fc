"""Where an export may be written: devices, pipes, folders, full disks, symlinks, read-only
folders and databases; the file is private, written whole or not at all, and an export
after an update upgrades older notes. Real command line over real files."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import backups
from jcct_desktop.store.notes.database import DB_NAME
from jcct_desktop.store.notes.file_check import check_notes_file
from jcct_desktop.store.notes.migrations import LATEST_VERSION
from tests.fs_support import IS_ROOT, read_only
from tests.notes_support import one_clean_line, run, seed


@pytest.mark.skipif(not IS_ROOT, reason="replacing /dev/null needs root; CI runs as root")
def test_export_to_dev_null_writes_into_it_and_leaves_the_device(capsys) -> None:
    assert main(["export", "json", "-o", "/dev/null"]) == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_export_to_a_fifo_writes_into_it(tmp_path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert main(["export", "csv", "-o", str(fifo)]) == 0
    reader.join(10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert b"2011-NEV-1" in received[0]


def test_export_to_dev_stdout_works() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "jcct_desktop", "export", "json", "-o", "/dev/stdout"],
        capture_output=True, timeout=120, env={**os.environ, "JCCT_DATA_DIR": "/nonexistent"},
    )
    assert done.returncode == 0, done.stderr
    assert b'"2011-NEV-1"' in done.stdout


@pytest.mark.parametrize("fmt", ["json", "csv", "pdf"])
def test_export_to_a_folder_or_a_full_device_is_one_clear_line(tmp_path, capsys, fmt) -> None:
    code, err = run(capsys, "export", fmt, "-o", str(tmp_path))
    assert code == 1 and "it is a folder" in err
    one_clean_line(err)
    if Path("/dev/full").exists():
        code, err = run(capsys, "export", fmt, "-o", "/dev/full")
        assert code == 1 and "No space left" in err
        one_clean_line(err)


def test_notes_export_never_writes_through_a_planted_partial_symlink(tmp_path, capsys) -> None:
    data = tmp_path / "data"
    seed(data)
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file")
    target = tmp_path / "export.json"
    (tmp_path / "export.json.partial").symlink_to(victim)
    assert main(["--data-dir", str(data), "notes", "export", str(target)]) == 0
    assert victim.read_text() == "someone else's file"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "data", "export.json", "export.json.partial", "victim.txt"
    ]


def test_failed_export_leaves_no_temporary_file(tmp_path, capsys) -> None:
    small = Path("/mnt/jcct-test-full")
    if not IS_ROOT or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root; CI runs as root")
    small.mkdir(exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(small)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"no tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        data = tmp_path / "data"
        service = AnnotationService.open(data)
        for i in range(60):
            service.add_note(commitment_id="2011-NEV-1", text=f"{i} " + "x" * 4000)
        service.close()
        code, err = run(capsys, "--data-dir", str(data), "notes", "export",
                        str(small / "notes.json"))
        assert code == 1 and "No space left" in err
        one_clean_line(err)
        assert list(small.iterdir()) == []  # no partial file, nothing world-readable left
        assert backups.list_backups(data) == []  # an export makes no backup
    finally:
        subprocess.run(["umount", "-l", str(small)], check=False)


def test_export_json_of_a_read_only_database_leaves_no_journal_files(tmp_path, capsys) -> None:
    data = tmp_path / "data"
    seed(data)
    db = data / DB_NAME
    os.chmod(db, 0o400)
    try:
        with read_only(data) as view:
            code, err = run(capsys, "--data-dir", str(view), "export", "json", "-o",
                            str(tmp_path / "all.json"))
        assert code == 0, err
        assert "note 0" in (tmp_path / "all.json").read_text("utf-8")
        assert sorted(p.name for p in data.iterdir()) == [DB_NAME]  # no -shm / -wal
    finally:
        os.chmod(db, 0o600)


def test_notes_export_reads_a_read_only_folder(tmp_path, capsys) -> None:
    data = tmp_path / "data"
    seed(data)
    with read_only(data) as view:
        code, err = run(capsys, "--data-dir", str(view), "notes", "export",
                        str(tmp_path / "n.json"))
    assert code == 0, err
    assert "note 39" in (tmp_path / "n.json").read_text("utf-8")


@pytest.mark.parametrize("argv", [["export", "json"], ["export", "csv"], ["export", "pdf"],
                                  ["notes", "export"]])
def test_exports_are_created_owner_only(tmp_path, capsys, argv) -> None:
    data = tmp_path / "data"
    seed(data, notes=2)
    out = tmp_path / "out.x"
    old = os.umask(0o022)
    try:
        cmd = [*argv, str(out)] if argv[0] == "notes" else [*argv, "-o", str(out)]
        assert main(["--data-dir", str(data), *cmd]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_export_through_a_symlink_or_into_a_read_only_folder(tmp_path, capsys) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file")
    link = tmp_path / "brief.json"
    link.symlink_to(victim)
    assert main(["export", "json", "-o", str(link)]) == 0
    assert victim.read_text() == "someone else's file"  # the link is replaced, not followed
    assert not link.is_symlink() and '"2011-NEV-1"' in link.read_text("utf-8")
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder) as view:
        for argv in (["export", "csv", "-o"], ["export", "pdf", "-o"], ["notes", "export"]):
            code, err = run(capsys, *argv, str(view / "out"))
            assert code == 1 and ("Read-only file system" in err or "Permission denied" in err)
            one_clean_line(err)
        assert list(view.iterdir()) == []


def test_an_export_after_an_update_upgrades_older_notes_with_a_backup(tmp_path, capsys) -> None:
    """The first command after an update may be an export: older notes in a writable folder
    are upgraded as the window would (a backup first), never refused."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(Path(__file__).parent / "data" / "annotations-v1.sqlite", data / DB_NAME)
    code, err = run(capsys, "--data-dir", str(data), "export", "json", "-o",
                    str(tmp_path / "all.json"))
    assert code == 0, err
    assert [b.reason for b in backups.list_backups(data)] == ["upgrade"]
    assert check_notes_file(data / DB_NAME).version == LATEST_VERSION
