"""A full disk is said as "disk full", in one line, by the service and the notes import, and
loses nothing already saved. A real full disk: a small tmpfs, mounted as root."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.disk_full import DiskFullError
from tests.fs_support import IS_ROOT
from tests.notes_support import export_with_note

CID = "2011-NEV-1"


@pytest.fixture
def full_disk(tmp_path):
    small = tmp_path / "small"
    if not IS_ROOT or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root; CI runs as root")
    small.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(small)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"no tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield small
    finally:
        subprocess.run(["umount", "-l", str(small)], check=False)


def _fill(folder: Path) -> Path:
    """Take every free byte of the disk (left for the test to free again)."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\xff" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_says_disk_full(full_disk, tmp_path, capsys) -> None:
    data = full_disk / "notes"
    service = AnnotationService.open(data)
    service.add_note(commitment_id=CID, text="before the disk filled")
    filler = _fill(full_disk)
    with pytest.raises(DiskFullError, match=r"^disk full: "):
        for i in range(200):
            service.add_note(commitment_id=CID, text=f"{i} " + "y" * 3000)
    service.close()
    source = export_with_note(tmp_path, "x" * 50_000)
    capsys.readouterr()
    assert main(["--data-dir", str(data), "notes", "import", str(source)]) == 1
    err = capsys.readouterr().err
    assert "disk full" in err and "disk I/O error" not in err, err
    assert err.count("\n") == 1
    filler.unlink()
    service = AnnotationService.open(data)
    assert "before the disk filled" in [n.text for n in service.get(CID).notes]
    service.close()
