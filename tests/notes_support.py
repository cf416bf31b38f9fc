"""Helpers shared by the tests of the notes as a whole (backups, restore, import, export):
a seeded notes folder, the real command line run in-process, and its one-line messages."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService

HOSTILE = Path(__file__).parent / "data" / "hostile"


def seed(folder: Path, notes: int = 40) -> None:
    """``notes`` notes over two commitments and one tag, written through the service."""
    service = AnnotationService.open(folder)
    for i in range(notes):
        service.add_note(commitment_id=f"2011-NEV-{1 + i % 2}", text=f"note {i} 王岐山")
    service.set_tags(commitment_id="2011-NEV-1", tags=["autos"])
    service.close()


def count_notes(folder: Path) -> int:
    service = AnnotationService.open(folder)
    try:
        return sum(len(a.notes) for a in service.all())
    finally:
        service.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """The command line's exit code and what it wrote to stderr."""
    capsys.readouterr()
    code = main(list(argv))
    err = capsys.readouterr().err
    return code, err


def one_clean_line(err: str) -> None:
    assert err.count("\n") == 1 and "Traceback" not in err, err


def foreign_sqlite(path: Path) -> None:
    """A SQLite file that is not a notes database."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, data BLOB)")
    conn.execute("INSERT INTO photos (data) VALUES (x'00')")
    conn.commit()
    conn.close()
