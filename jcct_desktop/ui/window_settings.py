"""What the main window remembers between runs (QSettings keys in one place)."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from jcct_desktop.ui.main_window import MainWindow

GEOMETRY = "window/geometry"
STATE = "window/state"
# the detail splitter turned horizontal (notes beside the text): a new key, because a
# splitter's saved state carries its orientation and the old one would flip it back
SPLITTERS = {"outer": "window/outerSplitter", "top": "window/topSplitter",
             "detail": "window/detailNotesSplitter"}
SELECTION = "selection/commitment"
TREE_EXPANDED = "tree/expanded"  # JSON list of node keys: unlike an INI list, [] survives
AS_OF = "asOf/date"
DEFAULT_SIZE = (1400, 880)


def remembered_as_of(settings: QSettings) -> date | None:
    value = settings.value(AS_OF)
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:  # a hand-edited or damaged settings file must not stop the app
        return None


def remembered_selection(settings: QSettings) -> str | None:
    value = settings.value(SELECTION)
    return str(value) if value else None


def restore_layout(w: MainWindow, settings: QSettings) -> None:
    geometry = settings.value(GEOMETRY)
    if not (isinstance(geometry, QByteArray) and w.restoreGeometry(geometry)):
        _default_geometry(w)
    state = settings.value(STATE)
    if isinstance(state, QByteArray):
        w.restoreState(state)
    for name, key in SPLITTERS.items():
        value = settings.value(key)
        if isinstance(value, QByteArray):
            w.splitters[name].restoreState(value)
    w.tree.remember_expanded(remembered_expansion(settings))


def remembered_expansion(settings: QSettings) -> set[str] | None:
    try:
        keys = json.loads(str(settings.value(TREE_EXPANDED)))
    except ValueError:  # never saved, or damaged by hand: the defaults
        return None
    return {str(k) for k in keys} if isinstance(keys, list) else None


def _default_geometry(w: MainWindow) -> None:
    """A comfortable size that still fits a 1280×720 screen."""
    screen = QGuiApplication.primaryScreen()
    width, height = DEFAULT_SIZE
    if screen is not None:
        free = screen.availableGeometry()
        width, height = min(width, free.width()), min(height, free.height())
        w.resize(width, height)
        frame = w.frameGeometry()
        frame.moveCenter(free.center())
        w.move(frame.topLeft())
    else:
        w.resize(width, height)
    sizes = w.splitters
    sizes["outer"].setSizes([int(height * 0.64), int(height * 0.36)])
    sizes["top"].setSizes([int(width * 0.31), int(width * 0.69)])
    detail = width * 0.69
    sizes["detail"].setSizes([int(detail * 0.57), int(detail * 0.43)])


def save(w: MainWindow, settings: QSettings) -> None:
    settings.setValue(GEOMETRY, w.saveGeometry())
    settings.setValue(STATE, w.saveState())
    for name, key in SPLITTERS.items():
        settings.setValue(key, w.splitters[name].saveState())
    settings.setValue(AS_OF, w.as_of().isoformat())
    settings.setValue(TREE_EXPANDED, json.dumps(sorted(w.tree.expanded_keys())))
    selected = w.selected_commitment_id()
    if selected:
        settings.setValue(SELECTION, selected)
    settings.sync()
