"""Helpers shared by the UI tests: a window on the real data and a small hostile catalog."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QSettings

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.deadlines import parse_window
from jcct_desktop.core.model import (
    Agency,
    Commitment,
    Fact,
    Kind,
    Meeting,
    Milestone,
    Party,
    Sector,
)

if TYPE_CHECKING:
    from jcct_desktop.ui.main_window import MainWindow

# the offscreen platform plugin warns that it cannot resize top-level windows: not our bug
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
AS_OF = date(2012, 1, 15)
HOSTILE = '<b>&amp; "x" <script>alert(1)</script>'


def temp_settings(folder: Path) -> QSettings:
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def build_window(qtbot, reference, folder: Path, *, size: tuple[int, int] | None = None,
                 show: bool = True, **extra: Any) -> MainWindow:
    """The one way the tests build the main window, as the app does: over ``reference`` (the
    bundled data, or one with imported meetings), its settings in ``folder`` unless
    ``settings=`` is given; other keyword arguments go to ``MainWindow``. ``size`` is set
    before it is first shown; shown and exposed unless ``show=False``."""
    from PySide6.QtGui import QUndoStack

    from jcct_desktop.ui.main_window import MainWindow

    extra.setdefault("settings", temp_settings(folder))
    extra.setdefault("undo_stack", QUndoStack())
    window = MainWindow(reference.catalog, reference.search, **extra)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    if show:
        window.show()
        qtbot.waitExposed(window)
    return window


def type_in_background(qtbot, window: MainWindow, text: str) -> None:
    """As a paused typist does: the search handed to the worker, its result swapped in."""
    window.filters.search.blockSignals(True)  # no typing delay
    window.filters.search.setText(text)
    window.filters.search.blockSignals(False)
    window.refilter_in_background()
    qtbot.waitUntil(lambda: not window.filter_pending(), timeout=10_000)


class ListSearch:
    """A TextSearch over titles, enough for a hand-made catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def commitment_ids(self, text: str | None) -> set[str]:
        needle = (text or "").casefold()
        return {c.id for c in self.catalog.commitments if needle in c.title.casefold()}

    def doc_ids(self, phrases) -> tuple[set[str], set[str]]:
        found = [self.commitment_ids(p) for p in phrases]
        return set().union(*found), set()


def hostile_catalog() -> Catalog:
    meeting = Meeting("2099", 99, f"Meeting {HOSTILE}", date(2099, 1, 1), date(2099, 1, 2),
                      "Nowhere & <i>Somewhere</i>", f"Sheet {HOSTILE}", date(2099, 1, 3),
                      ("A",), ("B",), "intro")
    group = Sector("G", "2099", f"Group {HOSTILE}", None, 0, False)
    sector = Sector("S", "2099", f"Sector {HOSTILE}", "G", 1, True)
    window = parse_window("by June 2099")
    milestone = Milestone(f"wording {HOSTILE}", "by June 2099", f"label {HOSTILE}", window)
    first = Commitment("2099-S-1", "2099", "S", 1, f"Title {HOSTILE}", f"Text {HOSTILE}",
                       Party.BOTH, ("X&Y",), Kind.ACTION_WITH_DEADLINE, (milestone,))
    second = Commitment("2099-S-2", "2099", "S", 2, f"Other {HOSTILE}", "plain",
                        Party.CHINA, (), Kind.COOPERATION)
    fact = Fact("2099-S-F1", "2099", "S", f"Fact {HOSTILE}")
    agency = Agency("X&Y", f"Agency {HOSTILE}", "China")
    return Catalog((meeting,), (group, sector), (first, second), (fact,), (agency,))
