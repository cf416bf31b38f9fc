"""What `notes import` refuses before making its one backup: hostile JSON, devices, pipes,
folders, files over the size cap."""

from __future__ import annotations

import os

import pytest

from jcct_desktop.cli import main
from jcct_desktop.store.notes import backups
from jcct_desktop.store.notes.database import DB_NAME
from tests.notes_support import HOSTILE, one_clean_line, run, seed


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.glob("*.json")))
def test_hostile_import_file_is_refused_cleanly(tmp_path, capsys, name) -> None:
    seed(tmp_path)
    before = (tmp_path / DB_NAME).read_bytes()
    code, err = run(capsys, "--data-dir", str(tmp_path), "notes", "import", str(HOSTILE / name))
    assert code == 2, err
    one_clean_line(err)
    assert "nothing was imported" in err
    assert backups.list_backups(tmp_path) == []  # validated before backing up
    assert (tmp_path / DB_NAME).read_bytes() == before


@pytest.mark.parametrize("source", ["/dev/zero", "{fifo}", "{folder}"])
def test_import_never_reads_a_device_fifo_or_folder(tmp_path, capsys, source) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    path = source.format(fifo=fifo, folder=tmp_path)
    code, err = run(capsys, "--data-dir", str(tmp_path / "d"), "notes", "import", path)
    assert code == 1 and ("not a regular file" in err or "folder" in err)  # cannot be read
    one_clean_line(err)


def test_import_refuses_a_file_over_the_size_cap(tmp_path) -> None:
    from jcct_desktop.core.files import InputFileError, read_input_file

    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2048)
    with pytest.raises(InputFileError, match="refused"):
        read_input_file(big, limit=1024)


def test_one_backup_per_import(tmp_path, capsys) -> None:
    seed(tmp_path)
    export = tmp_path / "e.json"
    assert main(["--data-dir", str(tmp_path), "notes", "export", str(export)]) == 0
    assert backups.list_backups(tmp_path) == []  # an export needs no backup
    assert main(["--data-dir", str(tmp_path), "notes", "import", str(export)]) == 0
    (made,) = backups.list_backups(tmp_path)
    assert made.reason == "import"
