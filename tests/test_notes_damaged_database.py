"""A damaged, empty, foreign or missing notes database: every command refuses it in one line,
pointing to the backups, and never replaces it with a fresh one."""

from __future__ import annotations

from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.store.notes import backups
from jcct_desktop.store.notes.database import DB_NAME
from tests.notes_support import foreign_sqlite, one_clean_line, open_at_start, run, seed


def _damage(kind: str, db: Path) -> None:
    if kind == "empty":
        db.write_bytes(b"")
    elif kind == "foreign":
        db.unlink()
        foreign_sqlite(db)
    else:
        db.write_bytes(b"\x00garbage" * 2000)


@pytest.mark.parametrize("kind", ["empty", "foreign", "garbage"])
@pytest.mark.parametrize(
    "command",
    [
        ["notes", "export", "{out}"],
        ["notes", "import", "{good}"],
        ["export", "pdf", "-o", "{out}"],
        ["export", "json", "-o", "{out}"],
    ],
)
def test_every_notes_command_refuses_a_damaged_database(tmp_path, capsys, kind, command) -> None:
    data = tmp_path / "data"
    seed(data)
    good = tmp_path / "good-export.json"
    assert main(["--data-dir", str(data), "notes", "export", str(good)]) == 0
    good_bytes = good.read_bytes()
    out = tmp_path / "out.file"
    out.write_bytes(b"an earlier good export")
    _damage(kind, data / DB_NAME)
    damaged = (data / DB_NAME).read_bytes()
    argv = [a.format(out=out, good=good) for a in command]
    code, err = run(capsys, "--data-dir", str(data), *argv)
    assert code == 1, err
    one_clean_line(err)
    assert "backup" in err  # points to the recovery
    assert (data / DB_NAME).read_bytes() == damaged  # never replaced by a fresh database
    assert out.read_bytes() == b"an earlier good export"
    assert good.read_bytes() == good_bytes
    assert not list(data.glob("annotations.corrupt-*"))


def test_zero_byte_database_at_start_is_damage_not_a_first_run(tmp_path) -> None:
    seed(tmp_path)
    good = backups.backup_now(tmp_path)
    (tmp_path / DB_NAME).write_bytes(b"")
    service, report = open_at_start(tmp_path)
    assert report is not None and "empty" in report.problem
    assert report.offered_backup is not None and report.offered_backup.path == good
    assert report.moved_to.exists()
    service.close()


def test_a_folder_in_place_of_the_database_is_named(tmp_path, capsys) -> None:
    (tmp_path / DB_NAME).mkdir()
    code, err = run(capsys, "--data-dir", str(tmp_path), "notes", "export",
                    str(tmp_path / "x.json"))
    assert code == 1 and "is a folder" in err
    one_clean_line(err)
