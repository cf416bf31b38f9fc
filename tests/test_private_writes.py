"""Issue 19, probe 9: meeting documents written atomically, settings files owner-only.

``meetings/<id>.json`` was written to a fixed ``<id>.json.tmp`` name (a link planted there
was followed) without fsync; settings without ``--data-dir`` were a 0644 file holding the
packet marking and names. Real files, the real command line, real QSettings.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from jcct_desktop.cli import main
from jcct_desktop.core import own_files
from jcct_desktop.ui.app import window_settings_file

SHEET_23 = Path(__file__).parent / "data" / "jcct-23-fixture.txt"


def test_a_meeting_document_never_follows_a_planted_temporary(data_dir, tmp_path) -> None:
    drafts = tmp_path / "drafts.json"
    assert main(["import", "factsheet", str(SHEET_23), "--dialogue", "jcct", "--number", "23",
                 "--date", "2012-12-19", "-o", str(drafts)]) == 0  # fmt: skip
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file", "utf-8")
    folder = data_dir / "meetings"
    folder.mkdir(parents=True)
    (folder / "jcct-23.json.tmp").symlink_to(victim)
    assert main(["import", "factsheet", "--apply", str(drafts)]) == 0
    assert victim.read_text("utf-8") == "someone else's file"
    saved = json.loads((folder / "jcct-23.json").read_text("utf-8"))
    assert saved["meeting"]["id"] == "jcct-23"
    assert not any(p.name.endswith(".part") for p in folder.iterdir())


def test_settings_in_a_data_folder_are_owner_only(tmp_path, qapp) -> None:
    folder = tmp_path / "d"
    settings = window_settings_file(str(folder), None)
    settings.setValue("packet/marking", "SECRET//NOFORN")
    settings.sync()
    path = Path(settings.fileName())
    assert path == folder / "settings.ini"
    assert path.stat().st_mode & 0o777 == 0o600
    assert "SECRET" in path.read_text("utf-8")


def test_settings_without_a_data_folder_are_owner_only(tmp_path, monkeypatch) -> None:
    """In a process of their own: QSettings fixes its folders when first used."""
    env = {k: v for k, v in os.environ.items() if k != "JCCT_DATA_DIR"}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config"), QT_QPA_PLATFORM="offscreen")
    script = (
        "from PySide6.QtWidgets import QApplication\n"
        "from jcct_desktop.ui.app import window_settings_file\n"
        "app = QApplication([])\n"
        "s = window_settings_file(None, None)\n"
        "s.setValue('packet/prepared_by', 'A. Officer'); s.sync()\n"
        "print(s.fileName())\n"
    )
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=120, check=True, umask=0o022)
    path = Path(done.stdout.strip().splitlines()[-1])
    assert path.is_relative_to(tmp_path / "config")
    assert path.stat().st_mode & 0o777 == 0o600
    assert "A. Officer" in path.read_text("utf-8")
    # the file every export refuses (core.own_files) is this very file
    monkeypatch.setenv("XDG_CONFIG_HOME", env["XDG_CONFIG_HOME"])
    assert own_files.default_window_settings() == path
