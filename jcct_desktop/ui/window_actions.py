"""Menus, toolbar and status bar of the main window, built in one place."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar, QWidget

from jcct_desktop.ui.graphics import bundled_icon

if TYPE_CHECKING:
    from jcct_desktop.ui.main_window import MainWindow


def _action(window: MainWindow, text: str, slot: Callable[[], object],
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
            icon: str | None = None, tip: str | None = None) -> QAction:
    action = QAction(text, window)
    if icon:
        action.setIcon(bundled_icon(icon))
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_actions(w: MainWindow) -> dict[str, QAction]:
    seq = QKeySequence.StandardKey
    acts = {
        "export": _action(w, "&Export briefing packet…", w.export_packet, "Ctrl+E", "export.svg",
                          "Write a PDF briefing packet for the commitments shown"),
        "print": _action(w, "&Print…", w.print_packet, seq.Print, "print.svg",
                         "Print a briefing packet"),
        "quit": _action(w, "&Quit", w.close, seq.Quit),
        "copy": _action(w, "&Copy", w.detail.browser.copy, seq.Copy),
        "copy_ref": _action(w, "Copy commitment &reference", w.copy_reference, "Ctrl+Shift+C"),
        "find": _action(w, "&Find…", w.focus_search, seq.Find, "search.svg"),
        "clear": _action(w, "C&lear search and filters", w.clear_filters, "Ctrl+Shift+L",
                         "filter-clear.svg", "Show every commitment again"),
        "expand": _action(w, "&Expand all", w.tree.expandAll),
        "collapse": _action(w, "C&ollapse all", w.tree.collapseAll),
        "zoom_in": _action(w, "Zoom timeline &in", w.timeline.zoom_in, seq.ZoomIn,
                           "zoom-in.svg"),
        "zoom_out": _action(w, "Zoom timeline &out", w.timeline.zoom_out, seq.ZoomOut,
                            "zoom-out.svg"),
        "fit": _action(w, "&Fit timeline", w.timeline.fit_all, "Ctrl+0", "fit.svg",
                       "Show every milestone in the timeline"),
        "today": _action(w, "As of &today", w.set_as_of_today, "Ctrl+T"),
        "about": _action(w, "&About JCCT Desktop", w.show_about),
        "about_qt": _action(w, "About &Qt", w.show_about_qt),
    }
    undo = w.undo_stack.createUndoAction(w, "&Undo")
    undo.setShortcut(QKeySequence(seq.Undo))
    undo.setIcon(bundled_icon("undo.svg"))
    redo = w.undo_stack.createRedoAction(w, "&Redo")
    redo.setShortcut(QKeySequence(seq.Redo))
    redo.setIcon(bundled_icon("redo.svg"))
    acts["undo"], acts["redo"] = undo, redo
    acts["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    acts["about"].setMenuRole(QAction.MenuRole.AboutRole)
    acts["about_qt"].setMenuRole(QAction.MenuRole.AboutQtRole)
    return acts


def build_menus(w: MainWindow, a: dict[str, QAction]) -> None:
    bar = w.menuBar()
    layout = {
        "&File": ["export", "print", None, "quit"],
        "&Edit": ["undo", "redo", None, "copy", "copy_ref", None, "find", "clear"],
        "&View": ["expand", "collapse", None, "zoom_in", "zoom_out", "fit", None, "today"],
        "&Help": ["about", "about_qt"],
    }
    for title, names in layout.items():
        menu = bar.addMenu(title)
        for name in names:
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(a[name])


def build_toolbar(w: MainWindow, a: dict[str, QAction]) -> QToolBar:
    bar = QToolBar("Main toolbar", w)
    bar.setObjectName("mainToolbar")  # saveState() needs a name
    bar.setMovable(False)
    bar.setIconSize(QSize(18, 18))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    for name in ("export", "print"):
        bar.addAction(a[name])
    bar.addSeparator()
    label = QLabel("As of ", bar)
    label.setBuddy(w.filters.as_of_edit)
    bar.addWidget(label)
    bar.addWidget(w.filters.as_of_edit)
    bar.addSeparator()
    bar.addWidget(w.filters.search)
    bar.addWidget(_gap(bar))
    bar.addWidget(w.filters.side)
    bar.addWidget(w.filters.state_button)
    bar.addWidget(w.filters.deadline_check)
    bar.addAction(a["clear"])
    w.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar


def _gap(parent: QWidget, width: int = 6) -> QWidget:
    gap = QWidget(parent)
    gap.setFixedWidth(width)
    gap.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
    return gap
