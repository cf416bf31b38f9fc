"""Keyboard reach of the main window: F6 between panes, Ctrl+D to star, commands that work
from inside a text field, and undo/redo that say what they did.

On X11 a text field claims Ctrl+E (end of line) and Ctrl+D (delete) for itself; the window's
commands listed in COMMANDS win over it, so they work from the search box too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QStatusBar,
    QTextEdit,
    QWidget,
)

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.ui.detail import DetailPane
from jcct_desktop.ui.timeline import TimelineWidget
from jcct_desktop.ui.tree import SectorTreeView

COMMANDS = ("export", "print", "star", "today")  # window commands a text field must not eat


class CommandKeys(QObject):
    """Lets the window's COMMANDS through when a text field would take their keys."""

    def __init__(self, actions: list[QAction], parent: QObject) -> None:
        super().__init__(parent)
        self.actions = actions

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            for action in self.actions:
                if action.isEnabled() and any(
                        s.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
                        for s in action.shortcuts()):
                    event.ignore()  # not the field's: the shortcut map runs the command
                    return True
        return False


def install_command_keys(actions: Sequence[QAction], root: QWidget) -> CommandKeys:
    """Let ``actions`` through every text field under ``root``."""
    keys = CommandKeys(list(actions), root)
    for kind in (QLineEdit, QPlainTextEdit, QTextEdit):
        for field in root.findChildren(kind):
            field.installEventFilter(keys)
    return keys


# -- F6 / Shift+F6 -----------------------------------------------------------------------------
class Panes(Protocol):
    """The panes F6 visits, in a window (the main window is one)."""

    @property
    def tree(self) -> SectorTreeView: ...
    @property
    def detail(self) -> DetailPane: ...
    @property
    def timeline(self) -> TimelineWidget: ...


def panes(w: Panes) -> list[QWidget]:
    """Tree, detail text, notes, timeline: the order F6 visits them."""
    panel = w.detail.notes_panel
    notes = panel.note_editor if panel is not None else w.detail.annotation_panel
    return [w.tree, w.detail.browser, notes, w.timeline]


def focus_pane(w: Panes, step: int) -> QWidget:
    order = panes(w)
    here = QApplication.focusWidget()
    current = next((i for i, pane in enumerate(order) if here is not None and (
        pane is here or pane.isAncestorOf(here) or _same_pane(w, pane, here))), None)
    start = (-1 if step > 0 else 0) if current is None else current
    for offset in range(1, len(order) + 1):
        target = order[(start + step * offset) % len(order)]
        takes_focus = target.focusPolicy() != Qt.FocusPolicy.NoFocus  # not a placeholder
        if target.isVisible() and target.isEnabled() and takes_focus:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
            scroll = w.detail.annotation_scroll  # the notes panel scrolls on small screens
            if scroll.isAncestorOf(target):
                scroll.ensureWidgetVisible(target)
            return target
    return order[0]


def _same_pane(w: Panes, pane: QWidget, here: QWidget) -> bool:
    """Focus anywhere in the notes panel counts as the notes pane."""
    panel = w.detail.notes_panel
    return panel is not None and pane is panel.note_editor and panel.isAncestorOf(here)


# -- Ctrl+D ------------------------------------------------------------------------------------
class NotesState(Protocol):
    @property
    def error(self) -> str | None: ...


class StarHost(Protocol):
    """What Ctrl+D asks of the window: the selection, the notes panel and why notes are off."""

    @property
    def detail(self) -> DetailPane: ...
    @property
    def annotations(self) -> AnnotationService | None: ...
    @property
    def notes(self) -> NotesState: ...
    def selected_commitment_id(self) -> str | None: ...
    def statusBar(self) -> QStatusBar: ...


def toggle_star(w: StarHost) -> None:
    panel = w.detail.notes_panel
    star = panel.star if panel is not None else None
    cid = w.selected_commitment_id()
    if cid is None:
        w.statusBar().showMessage("Select a commitment to star it", 4000)
        return
    if star is None or not star.isEnabled():  # a commitment is selected: say why not
        service = w.annotations
        why = ("your notes folder is read-only here" if service is not None
               and service.read_only else f"your notes are unavailable ({w.notes.error})"
               if service is None else "notes cannot be changed now")
        w.statusBar().showMessage(f"Cannot star {cid}: {why}", 6000)
        return
    star.click()  # the panel's own path: one undoable edit
    said = f"Starred {cid} for your briefing" if star.isChecked() else f"Unstarred {cid}"
    w.statusBar().showMessage(said, 4000)


# -- undo / redo -------------------------------------------------------------------------------
def announce_undo_redo(stack: QUndoStack, undo: QAction, redo: QAction,
                       status: QStatusBar) -> None:
    """Undo and redo say in the status bar what they did: "Undid: add note"."""

    def said(verb: str, text: str) -> None:
        if text:
            status.showMessage(f"{verb}: {text[:1].lower()}{text[1:]}", 6000)

    # connected after the stack's own slot: the step has already moved when these run
    undo.triggered.connect(lambda: said("Undid", stack.redoText()))
    redo.triggered.connect(lambda: said("Redid", stack.undoText()))
