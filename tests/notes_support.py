"""Helpers shared by the tests of the notes as a whole (backups, restore, import, export):
a seeded notes folder, the real command line run in-process, and its one-line messages."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import backups, operations
from jcct_desktop.store.notes.recovery import RecoveryReport

HOSTILE = Path(__file__).parent / "data" / "hostile"
SOFT, II = "2011-SOFT-2", "2011-II-1"
PROVINCIAL = "Provincial software legalization completed (all 31 provincial entities)"


def record_history(service: AnnotationService, note: str, tags: list[str]) -> None:
    """Notes written over several days of 2012 and after: assessments (a milestone's, ours
    and China's), a note, tags and a follow-up in 2030 (the exports' as-of tests)."""
    service.record_assessment(commitment_id=SOFT, status="fulfilled", evidence="NCAC notice",
                              effective=date(2012, 3, 1), milestone=PROVINCIAL)
    service.record_assessment(commitment_id=SOFT, status="partially_fulfilled",
                              evidence="28 of 31", effective=date(2012, 2, 1), view="china",
                              source="MOFCOM", milestone=PROVINCIAL)
    service.record_assessment(commitment_id=II, status="fulfilled", evidence="withdrawn",
                              effective=date(2012, 3, 1), view="china", source="MOFCOM")
    service.add_note(commitment_id=SOFT, text=note)
    service.set_tags(commitment_id=SOFT, tags=tags)
    service.set_follow_up(commitment_id=SOFT, follow_up=date(2030, 1, 1))


def seed(folder: Path, notes: int = 40) -> None:
    """``notes`` notes over two commitments and one tag, written through the service."""
    service = AnnotationService.open(folder)
    for i in range(notes):
        service.add_note(commitment_id=f"2011-NEV-{1 + i % 2}", text=f"note {i} 王岐山")
    service.set_tags(commitment_id="2011-NEV-1", tags=["autos"])
    service.close()


def open_at_start(
    folder: Path, *, backup: bool = True
) -> tuple[AnnotationService, RecoveryReport | None]:
    """Open the notes as the window does at start (a damaged file moved aside, a good backup
    offered in the report), then make the start-up copy the window makes once it shows
    (``backup=False``: the window closed before it could)."""
    service, report, owed = operations.open_deferring_backup(folder)
    if owed and backup:
        backups.backup_at_start(service.data_dir)
    return service, report


def export_with_note(tmp_path: Path, note: str) -> Path:
    """A notes file to import (``in.json`` in ``tmp_path``): a good note on 2011-NEV-2, and on
    2011-NEV-1 a good one and then ``note`` (written as a JSON escape when unstorable)."""
    document = {
        "format": "jcct-desktop-annotations", "version": 2, "exported": "2012-01-01T00:00:00Z",
        "annotations": [
            {"commitment": "2011-NEV-2", "notes": [{"text": "fine",
                                                    "created": "2012-01-01T00:00:00Z",
                                                    "updated": "2012-01-01T00:00:00Z"}]},
            {"commitment": "2011-NEV-1", "notes": [{"text": "ok", "created": "2012-01-01T00:00:00Z",
                                           "updated": "2012-01-01T00:00:00Z"},
                                          {"text": note, "created": "2012-01-02T00:00:00Z",
                                           "updated": "2012-01-02T00:00:00Z"}]},
        ],
    }
    path = tmp_path / "in.json"
    path.write_text(json.dumps(document), "utf-8")  # \u0000 and \ud800 as JSON escapes
    return path


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
