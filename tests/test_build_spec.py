"""Cheap checks of build.spec that do not run PyInstaller (scripts/check_frozen.sh does that).

They catch the usual ways a frozen build breaks while the source checkout works: a data
folder dropped from the spec, a Qt binding excluded that new code imports, a plugin
pattern that swallows the platform plugin, resources not found from ``sys._MEIPASS``.
"""

from __future__ import annotations

import ast
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jcct_desktop.core import resources

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "build.spec"


def _spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def _spec_constant(name: str):
    """The literal value assigned to ``name`` at the top of build.spec."""
    for node in _spec_tree().body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"build.spec assigns no {name}")


def _excluded_modules() -> set[str]:
    qt = {f"PySide6.{name}" for name in _spec_constant("QT_UNUSED")}
    return qt | set(_spec_constant("PY_EXCLUDES"))


def _imports(path: Path) -> Iterator[str]:
    """Every module a file imports, at any depth, including ``from PySide6 import QtX``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _app_sources() -> list[Path]:
    return [*sorted((REPO / "jcct_desktop").rglob("*.py")), REPO / "scripts" / "frozen_entry.py"]


def test_spec_compiles() -> None:
    compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")


def test_spec_carries_database_and_resources_at_bundle_root() -> None:
    datas = next(
        node.value
        for node in _spec_tree().body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "DATAS"
    )
    entries = set()
    for item in datas.elts:
        source, dest = item.elts
        consts = [c for c in ast.walk(source) if isinstance(c, ast.Constant)]
        parts = tuple(c.value for c in sorted(consts, key=lambda c: c.col_offset))
        entries.add((parts, ast.literal_eval(dest)))
    assert (("db", "jcct.sqlite"), "db") in entries
    assert (("resources",), "resources") in entries


def test_spec_uses_the_entry_script_and_app_name() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert '"frozen_entry.py"' in text
    assert _spec_constant("APP_NAME") == "jcct-desktop"
    assert (REPO / "scripts" / "frozen_entry.py").is_file()


@pytest.mark.parametrize("path", _app_sources(), ids=lambda p: str(p.relative_to(REPO)))
def test_app_imports_nothing_the_build_excludes(path: Path) -> None:
    excluded = _excluded_modules()
    hits = sorted(
        name
        for name in _imports(path)
        if any(name == ex or name.startswith(ex + ".") for ex in excluded)
    )
    assert not hits, f"{path.name} imports {hits}, which build.spec excludes: update the spec"


def test_qt_modules_the_app_uses_are_not_excluded() -> None:
    used = {
        name.split(".")[1]
        for path in _app_sources()
        for name in _imports(path)
        if name.startswith("PySide6.Qt")
    }
    assert {"QtCore", "QtGui", "QtWidgets"} <= used  # the scan itself works
    assert not used & set(_spec_constant("QT_UNUSED"))


@pytest.mark.parametrize(
    "kept",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/libqminimal.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/imageformats/libqico.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "resources/fonts/wqy-microhei.ttc",
    ],
)
def test_file_exclusions_keep_what_the_app_loads(kept: str) -> None:
    pattern = re.compile("|".join(_spec_constant("QT_FILE_EXCLUDES")))
    assert not pattern.search(kept)


def test_file_exclusions_drop_translations_and_embedded_platforms() -> None:
    pattern = re.compile("|".join(_spec_constant("QT_FILE_EXCLUDES")))
    assert pattern.search("PySide6/Qt/translations/qtbase_de.qm")
    assert pattern.search("PySide6/Qt/plugins/platforms/libqeglfs.so")


@pytest.fixture
def fresh_root_cache() -> Iterator[None]:
    resources.root.cache_clear()
    yield
    resources.root.cache_clear()  # later tests must not see the fake bundle


def test_resources_resolve_from_a_frozen_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_root_cache: None
) -> None:
    bundle = tmp_path / "jcct-desktop" / "_internal"  # PyInstaller 6's one-folder layout
    (bundle / "db").mkdir(parents=True)
    shutil.copy2(REPO / "db" / "jcct.sqlite", bundle / "db" / "jcct.sqlite")
    shutil.copytree(REPO / "resources", bundle / "resources")
    for var in ("JCCT_RESOURCE_ROOT", "JCCT_REFERENCE_DB"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)

    assert resources.root() == bundle
    assert resources.reference_db() == bundle / "db" / "jcct.sqlite"
    assert resources.font().is_file()
    assert resources.font().parent == bundle / "resources" / "fonts"
    assert resources.style("app.qss").is_file()
