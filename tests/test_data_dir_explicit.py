"""The data folder is decided once, at the entry point, and passed down (issue 23).

``--data-dir``, else ``JCCT_DATA_DIR``, else the platform's folder: ``cli.entry.main`` resolves
it and every reader and writer below takes it as an argument. No code of the app writes the
process environment, and only ``core/paths.py`` reads ``JCCT_DATA_DIR``.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.core.annotations.exchange import export_file
from jcct_desktop.core.files import atomic_write
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.core.paths import ENV_VAR, platform_data_dir, resolve_data_dir
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes import backups
from jcct_desktop.store.notes.database import DB_NAME

PACKAGE = Path(__file__).resolve().parents[1] / "jcct_desktop"
_ENVIRON_WRITES = {"setdefault", "update", "pop", "popitem", "clear", "__setitem__",
                   "__delitem__"}


def _is_environ(node: ast.AST) -> bool:
    """``os.environ`` or a bare ``environ`` (from os import environ)."""
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
        isinstance(node, ast.Name) and node.id == "environ")


def _environment_writes(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        if any(isinstance(t, ast.Subscript) and _is_environ(t.value) for t in targets):
            lines.append(node.lineno)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner, name = node.func.value, node.func.attr
            if (_is_environ(owner) and name in _ENVIRON_WRITES) or (
                    isinstance(owner, ast.Name) and owner.id == "os"
                    and name in {"putenv", "unsetenv"}):
                lines.append(node.lineno)
    return sorted(lines)


def test_the_scan_finds_every_kind_of_environment_write() -> None:
    source = ("import os\nos.environ['A'] = '1'\nos.environ.setdefault('B', '2')\n"
              "del os.environ['A']\nos.putenv('C', '3')\nos.environ.update(D='4')\n"
              "x = os.environ.get('E')\n")
    assert _environment_writes(ast.parse(source)) == [2, 3, 4, 5, 6]


def test_no_code_of_the_app_writes_the_environment() -> None:
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}"
             for path in sorted(PACKAGE.rglob("*.py"))
             for line in _environment_writes(ast.parse(path.read_text("utf-8")))]
    assert found == []


def _names_the_variable(tree: ast.AST) -> bool:
    return any((isinstance(n, ast.Constant) and n.value == ENV_VAR)
               or (isinstance(n, ast.Name | ast.alias) and "ENV_VAR" in (
                   n.id if isinstance(n, ast.Name) else n.name))
               for n in ast.walk(tree))


def test_only_the_paths_module_and_the_entry_name_the_data_folder_variable() -> None:
    naming = sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                    if _names_the_variable(ast.parse(p.read_text("utf-8"))))
    # paths reads it (given the environment by the entry); the entry names it in --help
    assert naming == ["cli/entry.py", "core/paths.py"]


def test_the_folder_is_given_else_the_variable_else_the_platforms(tmp_path: Path) -> None:
    given, env = tmp_path / "given", tmp_path / "env"
    assert resolve_data_dir(str(given), {ENV_VAR: str(env)}).path == given
    chosen = resolve_data_dir(None, {ENV_VAR: str(env)})
    assert chosen.path == env and chosen.named
    fallback = resolve_data_dir(None, {})
    assert fallback.path == platform_data_dir() and not fallback.named
    assert resolve_data_dir("~/notes", {}).path == Path.home() / "notes"


def _notes_file(path: Path, text: str) -> Path:
    """A notes file as ``notes export`` writes it, from a scratch folder of its own."""
    scratch = path.with_suffix(".scratch")
    source = AnnotationService.open(scratch)
    source.add_note(commitment_id="2011-NEV-1", text=text)
    export_file(source, path, own_files=OwnFiles(scratch))
    source.close()
    return path


def test_a_command_with_data_dir_uses_that_folder_everywhere(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    given, other = tmp_path / "given", tmp_path / "other"
    monkeypatch.setenv(ENV_VAR, str(other))
    # the other folder holds notes of its own, which this run must not see
    seeded = AnnotationService.open(other)
    seeded.add_note(commitment_id="2011-SOFT-2", text="the other officer's note")
    seeded.close()
    before_other = sorted(p.name for p in other.iterdir())

    source = _notes_file(tmp_path / "in.json", "for the given folder")
    assert main(["--data-dir", str(given), "notes", "import", str(source)]) == 0
    assert os.environ[ENV_VAR] == str(other)  # the environment is left as it was
    assert (given / DB_NAME).is_file()
    # a second import backs the notes up first: into the given folder
    assert main(["--data-dir", str(given), "notes", "import", str(source)]) == 0
    assert backups.list_backups(given)
    assert sorted(p.name for p in other.iterdir()) == before_other  # nothing new there

    out = tmp_path / "out.json"
    assert main(["--data-dir", str(given), "notes", "export", str(out)]) == 0
    texts = [n["text"] for a in json.loads(out.read_text("utf-8"))["annotations"]
             for n in a.get("notes", [])]
    assert texts == ["for the given folder"]

    # the own-files refusal protects the given folder's notes, not the variable's folder
    capsys.readouterr()
    live = (given / DB_NAME).read_bytes()
    assert main(["--data-dir", str(given), "export", "json", "-o", str(given / DB_NAME)]) == 1
    err = capsys.readouterr().err
    assert "your notes database" in err and err.count("\n") == 1, err
    assert (given / DB_NAME).read_bytes() == live


def test_the_variable_alone_names_the_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "from-env"
    monkeypatch.setenv(ENV_VAR, str(folder))
    assert main(["notes", "import", str(_notes_file(tmp_path / "in.json", "via env"))]) == 0
    assert (folder / DB_NAME).is_file()
    capsys.readouterr()
    assert main(["export", "csv", "-o", str(folder / DB_NAME)]) == 1
    assert "your notes database" in capsys.readouterr().err


def test_a_users_output_must_say_whose_files_to_keep(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="own_files"):
        atomic_write(tmp_path / "x", lambda fh: fh.write(b"x"))  # type: ignore[call-overload]
    mine = tmp_path / "data"
    mine.mkdir()
    (mine / DB_NAME).write_bytes(b"notes")
    refusal = OwnFiles(mine).refusal(mine / DB_NAME)
    assert refusal == "it is your notes database"
    assert OwnFiles(tmp_path / "elsewhere").refusal(mine / DB_NAME) is None
    assert atomic_write(mine / "fine.txt", lambda fh: fh.write(b"ok"),
                        own_files=OwnFiles(mine)).read_bytes() == b"ok"


def test_the_window_with_data_dir_refuses_its_own_files(tmp_path: Path) -> None:
    """The window's one-shot screenshot goes through the same refusal, for the given folder
    (in a process of its own: the window's start configures the whole application)."""
    given, other = tmp_path / "given", tmp_path / "other"
    AnnotationService.open(given).close()
    live = (given / DB_NAME).read_bytes()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), **{ENV_VAR: str(other)})
    args = ["--data-dir", str(given), "--screenshot", str(given / DB_NAME)]
    code = f"import sys; from jcct_desktop.cli import main; sys.exit(main({args!r}))"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 1, done.stderr
    assert "your notes database" in done.stderr and "Traceback" not in done.stderr
    assert (given / DB_NAME).read_bytes() == live
    assert not other.exists()  # the variable's folder was never opened
