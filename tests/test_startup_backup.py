"""Every start still copies the notes: after the first paint, or first when a migration is due."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.backups import list_backups
from jcct_desktop.store.notes.database import DB_NAME
from jcct_desktop.store.notes.migrations import LATEST_VERSION
from jcct_desktop.store.notes.operations import open_deferring_backup
from tests.ui_support import OFFSCREEN_NOISE

OLD_DB = Path(__file__).parent / "data" / "annotations-v1.sqlite"


def _version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    conn.close()
    return version


def test_a_current_database_owes_its_copy(data_dir: Path) -> None:
    AnnotationService.open(data_dir).close()
    service, report, owed = open_deferring_backup(data_dir)
    service.close()
    assert report is None and owed
    assert list_backups(data_dir) == []  # the window makes it, after its first paint


def test_a_migration_is_preceded_by_a_copy_made_at_once(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    shutil.copy(OLD_DB, data_dir / DB_NAME)
    old = _version(data_dir / DB_NAME)
    assert old < LATEST_VERSION
    service, report, owed = open_deferring_backup(data_dir)
    service.close()
    assert report is None and not owed
    (copy,) = list_backups(data_dir)
    assert _version(copy.path) == old  # the copy predates the upgrade
    assert _version(data_dir / DB_NAME) == LATEST_VERSION


def test_a_new_database_owes_nothing(data_dir: Path) -> None:
    service, _report, owed = open_deferring_backup(data_dir)
    service.close()
    assert not owed and list_backups(data_dir) == []


@OFFSCREEN_NOISE
def test_the_window_makes_the_copy_after_its_first_paint(qtbot, reference, data_dir: Path,
                                                         tmp_path: Path) -> None:
    from jcct_desktop.ui.annotations.startup import StartupBackup, keep_safe, open_notes
    from tests.ui_support import build_window

    AnnotationService.open(data_dir).close()
    notes = open_notes(str(data_dir))
    assert notes.backup_owed and notes.service is not None
    # build_window, not the make_window fixture: over the notes the start-up path opened, and
    # shown only once the copy is scheduled (its first paint is what starts the copy).
    window = build_window(qtbot, reference, tmp_path, annotations=notes.service, show=False)
    scheduler = keep_safe(QApplication.instance(), window, notes, headless=True)  # type: ignore[arg-type]
    assert scheduler is not None
    startup = scheduler.findChild(StartupBackup)
    assert startup is not None and list_backups(data_dir) == []
    with qtbot.waitSignal(startup.done, timeout=20_000) as made:
        window.show()
    assert made.args[0] and Path(made.args[0]) == list_backups(data_dir)[0].path
    scheduler.stop()
    notes.service.close()


def test_the_smoke_test_still_leaves_a_copy(data_dir: Path) -> None:
    AnnotationService.open(data_dir).close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", JCCT_DATA_DIR=str(data_dir))
    env.pop("JCCT_REFERENCE_DB", None)
    code = "import sys; from jcct_desktop.cli import main; sys.exit(main(['--smoke-test']))"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True,
                   timeout=120)
    assert len(list_backups(data_dir)) == 1
