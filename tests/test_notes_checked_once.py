"""Opening the notes checks the file once: the verdict of the check made before the open is
handed on while the file and its journal are unchanged; any change means a fresh check."""

from __future__ import annotations

from pathlib import Path

import pytest

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import file_check, operations
from jcct_desktop.store.notes.database import DB_NAME, NotesDamagedError, open_user_db
from jcct_desktop.store.notes.file_check import check_notes_file


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """Every full check of a notes file (integrity_check and schema), by file name."""
    seen: list[str] = []
    real = file_check._check_open

    def counted(conn, name):
        seen.append(name)
        return real(conn, name)

    monkeypatch.setattr(file_check, "_check_open", counted)
    return seen


def _notes(folder: Path) -> Path:
    service = AnnotationService.open(folder)
    service.add_note(commitment_id="2011-SOFT-2", text="kept")
    service.close()
    return folder / DB_NAME


def test_the_window_opening_checks_the_file_once(tmp_path, checks) -> None:
    _notes(tmp_path)
    checks.clear()
    service, report, owed = operations.open_deferring_backup(tmp_path)
    try:
        assert checks == [DB_NAME] and report is None and owed
        assert service.get("2011-SOFT-2").notes[0].text == "kept"
    finally:
        service.close()


def test_a_command_opening_for_editing_checks_once(tmp_path, checks) -> None:
    _notes(tmp_path)
    checks.clear()
    service = operations.open_for_editing(tmp_path)
    service.close()
    assert checks == [DB_NAME]


def test_a_verdict_on_a_file_changed_since_is_not_trusted(tmp_path, checks) -> None:
    path = _notes(tmp_path)
    verdict = check_notes_file(path)
    assert verdict.still_holds(path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2:] = b"\x00" * (len(data) - len(data) // 2)  # damage after the check
    path.write_bytes(bytes(data))
    assert not verdict.still_holds(path)
    with pytest.raises(NotesDamagedError):
        open_user_db(tmp_path, verdict)


def test_a_bad_verdict_is_never_a_pass(tmp_path) -> None:
    path = tmp_path / DB_NAME
    path.write_bytes(b"")
    verdict = check_notes_file(path)
    assert not verdict.ok and not verdict.still_holds(path)
    with pytest.raises(NotesDamagedError):
        open_user_db(tmp_path, verdict)
