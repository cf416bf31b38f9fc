"""Helpers of the main window take what they need through a typed seam (a Protocol beside them,
as ``ui/citing.py``, ``ui/window_keys.py``, ``ui/export_host.py``, ``ui/team_sync.py`` and
``ui/briefing/host.py`` do), not the whole ``MainWindow``. Only the modules listed here may
still name it: the window's own construction, and the start-up that makes it."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[1] / "jcct_desktop" / "ui"

MAY_NAME_THE_WINDOW = {
    "main_window.py",  # the window itself
    "app.py",  # makes it
    # build_actions binds some twenty of the window's own slots and panes: it builds the
    # window (the menus, toolbars and filter row take a QMainWindow and their parts)
    "window_actions.py",
    "annotations/window.py",  # its notes half (WindowAnnotations)
    "annotations/startup.py",  # opens the notes for it at start
    "factsheet_import/action.py",  # replaces its reference data after an import
}


def _names_main_window(path: Path) -> bool:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "jcct_desktop.ui.main_window":
            return True
        if isinstance(node, ast.Import) and any(
                a.name == "jcct_desktop.ui.main_window" for a in node.names):
            return True
    return False


def test_only_the_listed_modules_import_the_main_window() -> None:
    naming = {p.relative_to(UI).as_posix() for p in UI.rglob("*.py") if _names_main_window(p)}
    assert naming, "the scan found no module at all: it is looking in the wrong place"
    assert naming <= MAY_NAME_THE_WINDOW, (
        f"{sorted(naming - MAY_NAME_THE_WINDOW)} take the whole MainWindow: give the helper a "
        "Protocol of what it needs instead")


def test_every_listed_module_exists() -> None:
    missing = [name for name in MAY_NAME_THE_WINDOW if not (UI / name).is_file()]
    assert not missing, f"{missing}: gone or moved; take them off the list"
