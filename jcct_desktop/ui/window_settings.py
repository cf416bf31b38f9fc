"""What the main window remembers between runs (QSettings keys in one place).

It asks of the window only what it keeps: the window's geometry and toolbars, its splitters
and the tree's open nodes (:class:`KeptLayout`), and at close three values
(:class:`KeptChoices`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from PySide6.QtCore import QByteArray, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter

from jcct_desktop.ui import screen_fit

GEOMETRY = "window/geometry"
STATE = "window/state"
# the detail splitter turned horizontal (notes beside the text): a new key, because a
# splitter's saved state carries its orientation and the old one would flip it back
SPLITTERS = {"outer": "window/outerSplitter", "top": "window/topSplitter",
             "detail": "window/detailNotesSplitter"}
SELECTION = "selection/commitment"
TREE_EXPANDED = "tree/expanded"  # JSON list of node keys: unlike an INI list, [] survives
AS_OF = "asOf/date"  # until 2026-11: the last as-of date, always restored (misled officers)
PINNED_AS_OF = "asOf/pinned"  # only a date the officer chose to keep survives a restart
TIMELINE_SHOWN = "window/timelineShown"
DEFAULT_SIZE = (1400, 880)
# pane shares with no saved layout: the timeline ~30% of the height (at 1280×720 more would
# squeeze the detail pane and notes, which carry the reading), the tree ~30% of the width
PROPORTIONS = {"outer": (0.70, 0.30), "top": (0.30, 0.70), "detail": (0.57, 0.43)}
# a small or scaled screen (1024×768, 200% on 1600×1000): titles need more of the width, the
# text and notes more of the height
NARROW_BELOW = {"outer": 520, "top": 1000, "detail": 0}
NARROW_PROPORTIONS = {"outer": (0.76, 0.24), "top": (0.36, 0.64)}


class ExpandingTree(Protocol):
    """The tree's open nodes, kept between runs."""

    def remember_expanded(self, keys: set[str] | None) -> None: ...

    def expanded_keys(self) -> Iterable[str]: ...


@dataclass(frozen=True)
class KeptLayout:
    """The parts of the window whose layout is kept between runs."""

    window: QMainWindow
    splitters: Mapping[str, QSplitter]
    tree: ExpandingTree


@dataclass(frozen=True)
class KeptChoices:
    """What the officer chose that outlives the run: a pinned as-of date (None: open on
    today), whether the timeline shows, the selected commitment."""

    pinned_as_of: date | None
    timeline_shown: bool
    selected: str | None


def remembered_as_of(settings: QSettings) -> date | None:
    """The pinned as-of date, or None: start on today."""
    value = settings.value(PINNED_AS_OF)
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:  # a hand-edited or damaged settings file must not stop the app
        return None


def remember_pin(settings: QSettings, day: date | None) -> None:
    if day is None:
        settings.remove(PINNED_AS_OF)
    else:
        settings.setValue(PINNED_AS_OF, day.isoformat())


def remembered_timeline(settings: QSettings) -> bool:
    """Whether the timeline was shown (it is, unless the officer hid it)."""
    return str(settings.value(TIMELINE_SHOWN, "true")).lower() != "false"


def remembered_selection(settings: QSettings) -> str | None:
    value = settings.value(SELECTION)
    return str(value) if value else None


def restore_layout(kept: KeptLayout, settings: QSettings) -> list[str]:
    """Geometry, toolbars, splitters and tree expansion; returns the splitters that had no
    saved state (to be shared out by :func:`apply_default_proportions` on first show)."""
    w = kept.window
    geometry = settings.value(GEOMETRY)
    if not (isinstance(geometry, QByteArray) and w.restoreGeometry(geometry)):
        _default_geometry(w)
    state = settings.value(STATE)
    if isinstance(state, QByteArray):
        w.restoreState(state)
    pending = [name for name, key in SPLITTERS.items()
               if not _restored(kept.splitters[name], settings.value(key))]
    kept.tree.remember_expanded(remembered_expansion(settings))
    return pending


def remembered_expansion(settings: QSettings) -> set[str] | None:
    try:
        keys = json.loads(str(settings.value(TREE_EXPANDED)))
    except ValueError:  # never saved, or damaged by hand: the defaults
        return None
    return {str(k) for k in keys} if isinstance(keys, list) else None


def _restored(splitter: QSplitter, value: object) -> bool:
    return isinstance(value, QByteArray) and splitter.restoreState(value)


def apply_default_proportions(splitters: Mapping[str, QSplitter], pending: list[str]) -> None:
    """Share out the splitters without a saved layout, once they have their real sizes (on
    first show: sizes set earlier are absolute pixels, and a smaller screen took its whole
    shortfall from the top panes)."""
    for name in pending:  # outer first: the inner splitters' sizes follow it
        splitter = splitters[name]
        holder = splitter.parentWidget()
        layout = holder.layout() if holder is not None else None
        if layout is not None:
            layout.activate()  # lay out now what the outer splitter just resized
        total = sum(splitter.sizes())
        shares = NARROW_PROPORTIONS.get(name) if total < NARROW_BELOW[name] else None
        splitter.setSizes([round(total * share) for share in shares or PROPORTIONS[name]])


def _default_geometry(w: QMainWindow) -> None:
    """A comfortable size that still fits a 1280×720 screen."""
    screen = QGuiApplication.primaryScreen()
    width, height = DEFAULT_SIZE
    if screen is not None:
        free = screen.availableGeometry()
        w.resize(screen_fit.fitted_size(w, QSize(width, height)))  # the title bar too
        frame = w.frameGeometry()
        frame.moveCenter(free.center())
        w.move(frame.topLeft())
    else:
        w.resize(width, height)


def save(kept: KeptLayout, choices: KeptChoices, settings: QSettings) -> None:
    settings.setValue(GEOMETRY, kept.window.saveGeometry())
    settings.setValue(STATE, kept.window.saveState())
    for name, key in SPLITTERS.items():
        settings.setValue(key, kept.splitters[name].saveState())
    remember_pin(settings, choices.pinned_as_of)
    settings.setValue(TIMELINE_SHOWN, "true" if choices.timeline_shown else "false")
    settings.remove(AS_OF)
    settings.setValue(TREE_EXPANDED, json.dumps(sorted(kept.tree.expanded_keys())))
    if choices.selected:
        settings.setValue(SELECTION, choices.selected)
    settings.sync()
