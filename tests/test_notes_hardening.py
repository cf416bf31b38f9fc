"""Issue 9: restore, export and import can never destroy notes (one test per item, real files).

Each test drives the real command line (``cli.main``) or the real store against real SQLite
files in temp folders; nothing is mocked.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import backups, operations, recovery
from jcct_desktop.store.notes.database import DB_NAME
from jcct_desktop.store.notes.file_check import check_notes_file
from jcct_desktop.store.notes.migrations import LATEST_VERSION
from tests.fs_support import IS_ROOT, read_only

HOSTILE = Path(__file__).parent / "data" / "hostile"


def _seed(folder: Path, notes: int = 40) -> None:
    service = AnnotationService.open(folder)
    for i in range(notes):
        service.add_note(commitment_id=f"2011-NEV-{1 + i % 2}", text=f"note {i} 王岐山")
    service.set_tags(commitment_id="2011-NEV-1", tags=["autos"])
    service.close()


def _count_notes(folder: Path) -> int:
    service = AnnotationService.open(folder)
    try:
        return sum(len(a.notes) for a in service.all())
    finally:
        service.close()


def _run(capsys, *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(argv))
    err = capsys.readouterr().err
    return code, err


def _one_clean_line(err: str) -> None:
    assert err.count("\n") == 1 and "Traceback" not in err, err


# -- 1. restore checks everything before touching the live file -------------------------------
def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, data BLOB)")
    conn.execute("INSERT INTO photos (data) VALUES (x'00')")
    conn.commit()
    conn.close()


def _too_new(path: Path, good: Path) -> None:
    shutil.copy(good, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()


def _truncated(path: Path, good: Path) -> None:
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])


BAD_BACKUPS = {
    "empty": lambda p, g: p.write_bytes(b""),
    "foreign": lambda p, g: _foreign_sqlite(p),
    "too-new": _too_new,
    "truncated": _truncated,
    "text": lambda p, g: p.write_text("not a database"),
}


@pytest.mark.parametrize("kind", sorted(BAD_BACKUPS))
def test_restore_refuses_each_kind_of_bad_backup_and_changes_nothing(tmp_path, kind) -> None:
    _seed(tmp_path)
    service = AnnotationService.open(tmp_path)
    good = backups.backup_now(tmp_path)
    bad = tmp_path / "backups" / "annotations-20260101-000000-000000-manual.sqlite"
    BAD_BACKUPS[kind](bad, good)
    live_before = (tmp_path / DB_NAME).read_bytes()
    listed_before = {b.path for b in backups.list_backups(tmp_path)}
    with pytest.raises(backups.BackupError, match="nothing was restored"):
        recovery.restore(bad, service)
    assert sum(len(a.notes) for a in service.all()) == 40
    service.close()
    assert (tmp_path / DB_NAME).read_bytes() == live_before
    assert {b.path for b in backups.list_backups(tmp_path)} == listed_before  # no copy made


def test_zero_byte_backup_is_never_offered_after_damage(tmp_path) -> None:
    _seed(tmp_path)
    good = backups.backup_now(tmp_path, now=datetime.now(UTC) - timedelta(hours=2))
    empty = tmp_path / "backups" / f"annotations-{datetime.now(UTC):%Y%m%d-%H%M%S}-000000.sqlite"
    empty.write_bytes(b"")
    (tmp_path / DB_NAME).write_bytes(b"garbage" * 1000)
    service, report = operations.open_with_recovery(tmp_path)
    assert report is not None and report.offered_backup is not None
    assert report.offered_backup.path == good
    service.close()


def test_cli_backups_lists_verdicts_and_restore_refuses_with_exit_1(tmp_path, capsys) -> None:
    _seed(tmp_path)
    backups.backup_now(tmp_path, reason="manual")
    empty = tmp_path / "backups" / f"annotations-{datetime.now(UTC):%Y%m%d-%H%M%S}-999999.sqlite"
    empty.write_bytes(b"")
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path), "notes", "backups"]) == 0
    out = capsys.readouterr().out
    assert "made by you" in out and "good" in out and "empty (0 bytes)" in out
    before = (tmp_path / DB_NAME).read_bytes()
    code, err = _run(capsys, "--data-dir", str(tmp_path), "notes", "restore", str(empty))
    assert code == 1 and "nothing was changed" in err
    _one_clean_line(err)
    assert (tmp_path / DB_NAME).read_bytes() == before
    code, err = _run(capsys, "--data-dir", str(tmp_path), "notes", "restore", "latest")
    assert code == 0 and "Restored" in err
    assert _count_notes(tmp_path) == 40


def test_cli_restore_latest_recovers_a_damaged_live_file(tmp_path, capsys) -> None:
    _seed(tmp_path)
    backups.backup_now(tmp_path)
    damaged = b"this is not sqlite" * 100
    (tmp_path / DB_NAME).write_bytes(damaged)
    code, err = _run(capsys, "--data-dir", str(tmp_path), "notes", "restore", "latest")
    assert code == 0, err
    assert "moved aside" in err
    assert _count_notes(tmp_path) == 40
    (moved,) = tmp_path.glob("annotations.corrupt-*.sqlite")
    assert moved.read_bytes() == damaged


# -- 2. export targets that are not regular files -------------------------------------------
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
    code, err = _run(capsys, "export", fmt, "-o", str(tmp_path))
    assert code == 1 and "it is a folder" in err
    _one_clean_line(err)
    if Path("/dev/full").exists():
        code, err = _run(capsys, "export", fmt, "-o", "/dev/full")
        assert code == 1 and "No space left" in err
        _one_clean_line(err)


# -- 3. notes commands on a damaged, empty or foreign database ------------------------------
def _damage(kind: str, db: Path) -> None:
    if kind == "empty":
        db.write_bytes(b"")
    elif kind == "foreign":
        db.unlink()
        _foreign_sqlite(db)
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
    _seed(data)
    good = tmp_path / "good-export.json"
    assert main(["--data-dir", str(data), "notes", "export", str(good)]) == 0
    good_bytes = good.read_bytes()
    out = tmp_path / "out.file"
    out.write_bytes(b"an earlier good export")
    _damage(kind, data / DB_NAME)
    damaged = (data / DB_NAME).read_bytes()
    argv = [a.format(out=out, good=good) for a in command]
    code, err = _run(capsys, "--data-dir", str(data), *argv)
    assert code == 1, err
    _one_clean_line(err)
    assert "backup" in err  # points to the recovery
    assert (data / DB_NAME).read_bytes() == damaged  # never replaced by a fresh database
    assert out.read_bytes() == b"an earlier good export"
    assert good.read_bytes() == good_bytes
    assert not list(data.glob("annotations.corrupt-*"))


def test_zero_byte_database_at_start_is_damage_not_a_first_run(tmp_path) -> None:
    _seed(tmp_path)
    good = backups.backup_now(tmp_path)
    (tmp_path / DB_NAME).write_bytes(b"")
    service, report = operations.open_with_recovery(tmp_path)
    assert report is not None and "empty" in report.problem
    assert report.offered_backup is not None and report.offered_backup.path == good
    assert report.moved_to.exists()
    service.close()


# -- 4. temporary files: exclusive, unpredictable, private, removed on failure --------------
def test_notes_export_never_writes_through_a_planted_partial_symlink(tmp_path, capsys) -> None:
    data = tmp_path / "data"
    _seed(data)
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
        code, err = _run(capsys, "--data-dir", str(data), "notes", "export",
                         str(small / "notes.json"))
        assert code == 1 and "No space left" in err
        _one_clean_line(err)
        assert list(small.iterdir()) == []  # no partial file, nothing world-readable left
        assert backups.list_backups(data) == []  # an export makes no backup
    finally:
        subprocess.run(["umount", "-l", str(small)], check=False)


# -- 5. tags are edited as changes, never as a stale whole list -----------------------------
def test_stale_tag_list_never_removes_tags_added_elsewhere(tmp_path) -> None:
    one = AnnotationService.open(tmp_path)
    two = AnnotationService.open(tmp_path)
    one.set_tags(commitment_id="A", tags=["autos"])
    two.change_tags(commitment_id="A", add=["imported"])  # another window or an import
    one.change_tags(commitment_id="A", add=["ipr"], remove=[])  # panel still shows ["autos"]
    assert one.get("A").tags == ("autos", "imported", "ipr")
    one.change_tags(commitment_id="A", remove=["autos"])
    assert two.get("A").tags == ("imported", "ipr")
    one.close()
    two.close()


# -- 6. backups in the same instant never collide -------------------------------------------
def test_simultaneous_backups_get_distinct_names(tmp_path) -> None:
    _seed(tmp_path, notes=3)
    moment = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    made: list[Path] = []
    errors: list[Exception] = []

    def take() -> None:
        try:
            made.append(backups.backup_now(tmp_path, now=moment))
        except Exception as exc:  # collected: the assertion below names it
            errors.append(exc)

    threads = [threading.Thread(target=take) for _ in range(25)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(made)) == 25
    assert all(check_notes_file(p).ok for p in made)


# -- 7. hostile import files are refused before any backup ----------------------------------
@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.glob("*.json")))
def test_hostile_import_file_is_refused_cleanly(tmp_path, capsys, name) -> None:
    _seed(tmp_path)
    before = (tmp_path / DB_NAME).read_bytes()
    code, err = _run(capsys, "--data-dir", str(tmp_path), "notes", "import", str(HOSTILE / name))
    assert code == 2, err
    _one_clean_line(err)
    assert "nothing was imported" in err
    assert backups.list_backups(tmp_path) == []  # validated before backing up
    assert (tmp_path / DB_NAME).read_bytes() == before


@pytest.mark.parametrize("source", ["/dev/zero", "{fifo}", "{folder}"])
def test_import_never_reads_a_device_fifo_or_folder(tmp_path, capsys, source) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    path = source.format(fifo=fifo, folder=tmp_path)
    code, err = _run(capsys, "--data-dir", str(tmp_path / "d"), "notes", "import", path)
    assert code == 1 and ("not a regular file" in err or "folder" in err)  # cannot be read
    _one_clean_line(err)


def test_import_refuses_a_file_over_the_size_cap(tmp_path) -> None:
    from jcct_desktop.core.files import InputFileError, read_input_file

    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2048)
    with pytest.raises(InputFileError, match="refused"):
        read_input_file(big, limit=1024)


def test_one_backup_per_import(tmp_path, capsys) -> None:
    _seed(tmp_path)
    export = tmp_path / "e.json"
    assert main(["--data-dir", str(tmp_path), "notes", "export", str(export)]) == 0
    assert backups.list_backups(tmp_path) == []  # an export needs no backup
    assert main(["--data-dir", str(tmp_path), "notes", "import", str(export)]) == 0
    (made,) = backups.list_backups(tmp_path)
    assert made.reason == "import"


# -- 8. a future-dated backup does not stop the copies --------------------------------------
def test_future_dated_backup_is_ignored_and_reported(tmp_path, capsys) -> None:
    _seed(tmp_path, notes=2)
    future = tmp_path / "backups" / "annotations-29990101-000000-000000-manual.sqlite"
    (tmp_path / "backups").mkdir(exist_ok=True)
    shutil.copy(backups.backup_now(tmp_path), future)
    for path in backups.list_backups(tmp_path):
        if path.path != future:
            path.path.unlink()
    assert backups.backup_if_due(tmp_path) is not None  # 12-hourly copies continue
    newest = backups.newest_good_backup(tmp_path)
    assert newest is not None and newest.path != future
    listed = backups.list_backups(tmp_path)
    assert listed[-1].path == future and listed[-1].future
    assert main(["--data-dir", str(tmp_path), "notes", "backups"]) == 0
    assert "future" in capsys.readouterr().out
    backups.rotate(tmp_path)
    assert future.exists()  # never rotated by an impossible date


# -- 9. read-only use; no journal files left behind -----------------------------------------
def test_export_json_of_a_read_only_database_leaves_no_journal_files(tmp_path, capsys) -> None:
    data = tmp_path / "data"
    _seed(data)
    db = data / DB_NAME
    os.chmod(db, 0o400)
    try:
        with read_only(data) as view:
            code, err = _run(capsys, "--data-dir", str(view), "export", "json", "-o",
                             str(tmp_path / "all.json"))
        assert code == 0, err
        assert "note 0" in (tmp_path / "all.json").read_text("utf-8")
        assert sorted(p.name for p in data.iterdir()) == [DB_NAME]  # no -shm / -wal
    finally:
        os.chmod(db, 0o600)


def test_notes_export_reads_a_read_only_folder(tmp_path, capsys) -> None:
    data = tmp_path / "data"
    _seed(data)
    with read_only(data) as view:
        code, err = _run(capsys, "--data-dir", str(view), "notes", "export",
                         str(tmp_path / "n.json"))
    assert code == 0, err
    assert "note 39" in (tmp_path / "n.json").read_text("utf-8")


# -- 10. exports holding notes are private --------------------------------------------------
@pytest.mark.parametrize("argv", [["export", "json"], ["export", "csv"], ["export", "pdf"],
                                  ["notes", "export"]])
def test_exports_are_created_owner_only(tmp_path, capsys, argv) -> None:
    data = tmp_path / "data"
    _seed(data, notes=2)
    out = tmp_path / "out.x"
    old = os.umask(0o022)
    try:
        cmd = [*argv, str(out)] if argv[0] == "notes" else [*argv, "-o", str(out)]
        assert main(["--data-dir", str(data), *cmd]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


# -- 11. no tracebacks; documented exit codes -----------------------------------------------
def test_far_future_as_of_is_a_clean_result_or_message(tmp_path, capsys) -> None:
    code, err = _run(capsys, "export", "pdf", "-o", str(tmp_path / "p.pdf"),
                     "--as-of", "9999-12-31")
    assert code == 2 and "out of range" in err
    _one_clean_line(err)
    with pytest.raises(SystemExit) as stop:  # argparse: usage line, then the reason
        main(["--as-of", "9999-12-31", "export", "json"])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "out of range" in err and "Traceback" not in err


def test_a_folder_in_place_of_the_database_is_named(tmp_path, capsys) -> None:
    (tmp_path / DB_NAME).mkdir()
    code, err = _run(capsys, "--data-dir", str(tmp_path), "notes", "export",
                     str(tmp_path / "x.json"))
    assert code == 1 and "is a folder" in err
    _one_clean_line(err)


def test_like_fallback_search_survives_a_huge_term(reference) -> None:
    from jcct_desktop.store.reference.search import ReferenceSearch

    search = ReferenceSearch(reference.search._engine, use_fts=False)
    assert search.search("x" * 60_000) == []
    assert search.commitment_ids("政" * 60_000) == set()


# -- 12. housekeeping ------------------------------------------------------------------------
def test_start_up_backup_is_skipped_when_nothing_changed(tmp_path) -> None:
    _seed(tmp_path, notes=1)
    for _ in range(5):
        service, _report = operations.open_with_recovery(tmp_path)
        service.close()
    assert len(backups.list_backups(tmp_path)) == 1
    service = AnnotationService.open(tmp_path)
    service.add_note(commitment_id="A", text="changed")
    service.close()
    service, _report = operations.open_with_recovery(tmp_path)
    service.close()
    assert len(backups.list_backups(tmp_path)) == 2


def test_stale_temporary_files_are_removed_at_start(tmp_path) -> None:
    _seed(tmp_path, notes=1)
    (tmp_path / "backups").mkdir(exist_ok=True)
    stale = tmp_path / "backups" / ".annotations-abc123.part"
    stale.write_bytes(b"half a copy")
    fresh = tmp_path / "backups" / ".annotations-def456.part"
    fresh.write_bytes(b"a copy being made now")
    old = datetime.now().timestamp() - 7200
    os.utime(stale, (old, old))
    service, _ = operations.open_with_recovery(tmp_path)
    service.close()
    assert not stale.exists() and fresh.exists()


# -- the window: a read-only folder still shows the notes; the restore list says enough ---
def test_read_only_folder_opens_notes_read_only_in_the_window(tmp_path, qtbot) -> None:
    from PySide6.QtGui import QUndoStack

    from jcct_desktop.ui.annotations.panel import AnnotationPanel
    from jcct_desktop.ui.annotations.startup import open_notes

    data = tmp_path / "data"
    _seed(data, notes=3)
    with read_only(data) as view:
        notes = open_notes(str(view))
        assert notes.error is None and notes.service is not None and notes.service.read_only
        panel = AnnotationPanel(notes.service, QUndoStack())
        qtbot.addWidget(panel)
        panel.set_commitment("2011-NEV-1")
        assert panel.notes.count() == 2  # readable
        assert not panel.note_editor.isEnabled() and not panel.add_button.isEnabled()
        assert not panel.star.isEnabled()
        assert "Read-only" in panel.read_only_banner.text()
        notes.service.close()
    assert sorted(p.name for p in data.iterdir()) == [DB_NAME]


def test_restore_list_names_time_reason_size_and_refuses_bad_copies(tmp_path, qtbot) -> None:
    from jcct_desktop.ui.annotations.backup_actions import RestoreDialog

    _seed(tmp_path, notes=2)
    good = backups.backup_now(tmp_path, reason="import")
    empty = tmp_path / "backups" / f"annotations-{datetime.now(UTC):%Y%m%d-%H%M%S}-999999.sqlite"
    empty.write_bytes(b"")
    dialog = RestoreDialog(backups.list_backups(tmp_path))
    qtbot.addWidget(dialog)
    lines = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert any("before import" in t and "KB" in t and "can be restored" in t for t in lines)
    assert any("empty (0 bytes)" in t for t in lines)
    assert dialog.chosen() == good  # the bad newest copy is not selectable


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
            code, err = _run(capsys, *argv, str(view / "out"))
            assert code == 1 and ("Read-only file system" in err or "Permission denied" in err)
            _one_clean_line(err)
        assert list(view.iterdir()) == []


def test_an_export_after_an_update_upgrades_older_notes_with_a_backup(tmp_path, capsys) -> None:
    """The first command after an update may be an export: older notes in a writable folder
    are upgraded as the window would (a backup first), never refused."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(Path(__file__).parent / "data" / "annotations-v1.sqlite", data / DB_NAME)
    code, err = _run(capsys, "--data-dir", str(data), "export", "json", "-o",
                     str(tmp_path / "all.json"))
    assert code == 0, err
    assert [b.reason for b in backups.list_backups(data)] == ["upgrade"]
    assert check_notes_file(data / DB_NAME).version == LATEST_VERSION
