"""No output lands on the app's installed files either: ``export pdf -o …/db/jcct.sqlite``
replaced the bundled reference database with a PDF (found walking the command line), and the
app then could not start. The reference database it reads (bundled or named by
``JCCT_REFERENCE_DB``), its journals, the bundled ``db/`` and ``resources/`` folders and the
package itself are refused by every writer, by name, through a link, with one line and exit 1.

Every write here aims at copies in temporary folders (``JCCT_REFERENCE_DB``,
``JCCT_RESOURCE_ROOT``), never at the checkout's own files: a regression must not damage it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.core import resources
from jcct_desktop.core.own_files import own_file_refusal

FORMATS = ["pdf", "json", "csv", "ics", "notes"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _export(fmt: str, target: Path) -> list[str]:
    return ["notes", "export", str(target)] if fmt == "notes" else ["export", fmt, "-o",
                                                                    str(target)]


@pytest.fixture
def reference_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "reference" / "jcct.sqlite"
    copy.parent.mkdir()
    shutil.copyfile(resources.reference_db(), copy)
    monkeypatch.setenv("JCCT_REFERENCE_DB", str(copy))
    return copy


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_export_replaces_the_reference_database(data_dir, reference_copy, capsys, fmt):
    before = _digest(reference_copy)
    capsys.readouterr()
    assert main(_export(fmt, reference_copy)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "the app's reference database" in err and "choose another file" in err, err
    assert _digest(reference_copy) == before
    assert main(["sectors"]) == 0  # the app still reads it


@pytest.mark.parametrize("how", ["symlink", "hardlink", "journal"])
def test_a_link_to_the_reference_database_or_its_journal_is_refused(
        data_dir, reference_copy, tmp_path, capsys, how):
    target = tmp_path / "briefing.pdf"
    if how == "symlink":
        target.symlink_to(reference_copy)
    elif how == "hardlink":
        os.link(reference_copy, target)
    else:
        target = Path(f"{reference_copy}-journal")
        target.write_bytes(b"")  # a rollback journal beside it: SQLite would read it
    before = _digest(reference_copy)
    capsys.readouterr()
    assert main(_export("pdf", target)) == 1
    assert "the app's reference database" in capsys.readouterr().err
    assert _digest(reference_copy) == before


def test_the_bundled_folders_and_the_package_are_refused_as_installed_files(tmp_path):
    """Asked only (nothing written): the checkout's own folders, by name."""
    for target in (resources.root() / "db" / "new.pdf",
                   resources.root() / "resources" / "fonts" / "out.pdf",
                   resources.package_dir() / "briefing.pdf",
                   resources.package_dir() / "core" / "x.json"):
        assert own_file_refusal(target, tmp_path) == "it is among the app's own installed files"
    assert own_file_refusal(tmp_path / "briefing.pdf", tmp_path) is None
    assert own_file_refusal(resources.root() / "briefing.pdf", tmp_path) is None  # beside them


def test_the_whole_command_refuses_the_bundled_database_of_an_installed_copy(tmp_path):
    """A copy of the bundled data, as an installed app has it (``JCCT_RESOURCE_ROOT``): the
    real program, in its own process, leaves every bundled file as it was."""
    root = tmp_path / "installed"
    shutil.copytree(resources.root() / "db", root / "db")
    shutil.copytree(resources.root() / "resources", root / "resources")
    shutil.copyfile(resources.notices(), root / "THIRD-PARTY-NOTICES.txt")
    env = {**os.environ, "JCCT_RESOURCE_ROOT": str(root)}
    env.pop("JCCT_REFERENCE_DB", None)
    bundled = root / "db" / "jcct.sqlite"
    before = _digest(bundled)
    for target in (bundled, root / "db" / "briefing.pdf", root / "resources" / "x.pdf"):
        run = subprocess.run(
            [sys.executable, "-m", "jcct_desktop", "--data-dir", str(tmp_path / "data"),
             "export", "pdf", "-o", str(target)],
            env=env, capture_output=True, text=True, timeout=120)
        assert run.returncode == 1, run
        assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr, run.stderr
        assert "nothing was written" in run.stderr
    assert _digest(bundled) == before
    assert not (root / "db" / "briefing.pdf").exists()
    assert not (root / "resources" / "x.pdf").exists()
    ok = subprocess.run(
        [sys.executable, "-m", "jcct_desktop", "--data-dir", str(tmp_path / "data"),
         "export", "pdf", "-o", str(tmp_path / "briefing.pdf")],
        env=env, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "briefing.pdf").read_bytes().startswith(b"%PDF")
