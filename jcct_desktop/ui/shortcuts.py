"""Help → Keyboard shortcuts: a read-only table made from the window's own actions.

Nothing is listed by hand, so a new or changed shortcut shows up here by itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jcct_desktop.ui import screen_fit

Row = tuple[str, str, str]  # menu, command, keys
SECTION_PROPERTY = "shortcutSection"  # an action outside the menus names its table section
COMMAND_PROPERTY = "shortcutCommand"  # a stable name for an action whose text changes (Undo)
# Keys that work inside a field rather than through an action: kept here by hand, beside
# the table made from the actions, so the dialog lists every key an officer can use.
FIELD_KEYS: tuple[Row, ...] = (
    ("In fields", "Clear the search", "Escape (in the search box)"),
    ("In fields", "Search now; open the one match", "Enter (in the search box)"),
    ("In fields", "On to the results (the first one selected)", "Down (in the search box)"),
    ("In fields", "Put a typed date back", "Escape (in a date field)"),
    ("In fields", "A day earlier / later", "Down / Up (in a date field)"),
    ("In fields", "A month earlier / later", "Page Down / Page Up (in a date field)"),
    ("In fields", "Open the calendar", "Alt+Down or F4 (in a date field)"),
    ("In fields", "Add the note being written", "Ctrl+Enter (in the note editor)"),
    ("In fields", "Record the assessment", "Enter (in Evidence)"),
    ("In fields", "Leave the note editor", "Tab / Shift+Tab"),
)


def plain(text: str) -> str:
    """A menu text without its mnemonic marker ("&Find…" → "Find…", "&&" stays "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def keys(action: QAction) -> str:
    """The bindings a PC keyboard can type: X11 also binds Undo to F14 and a Sun "Undo" key,
    which still work but would only puzzle a reader here."""
    native = QKeySequence.SequenceFormat.NativeText
    typed = [s for s in action.shortcuts() if not s.isEmpty() and _typable(s)]
    return " or ".join(s.toString(native) for s in typed)


def _typable(sequence: QKeySequence) -> bool:
    # PySide6's stub omits QKeySequence's iteration
    return all(combo.key().value < Qt.Key.Key_F13.value
               for combo in sequence)  # type: ignore[attr-defined]


def shortcut_rows(window: QMainWindow) -> list[Row]:
    """Every action with a shortcut: the menus' in menu order, then any others the window has
    (under the section their SECTION_PROPERTY names, such as the timeline's keys, else Other)."""
    rows: list[Row] = []
    seen: set[QAction] = set()
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):  # (None: an action without a menu)
            continue
        for action in menu.actions():
            seen.add(action)
            if keys(action):
                rows.append((plain(menu_action.text()), command_name(action), keys(action)))
    others: Iterable[QAction] = window.findChildren(QAction)
    for action in others:
        if action not in seen and keys(action) and action.text():
            section = str(action.property(SECTION_PROPERTY) or "Other")
            rows.append((section, command_name(action), keys(action)))
    return rows + list(FIELD_KEYS)


def command_name(action: QAction) -> str:
    """"Undo", not the live "Undo Change tags"."""
    return str(action.property(COMMAND_PROPERTY) or plain(action.text()))


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["Menu", "Command", "Shortcut"])
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(screen_fit.fitted_size(self, QSize(600, 520), share=0.95))
        screen_fit.fit_on_show(self)
        self.fill(window)

    def fill(self, window: QMainWindow) -> None:
        rows = shortcut_rows(window)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)  # plain text; never editable
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, c, item)


def show_shortcuts(window: QMainWindow) -> ShortcutsDialog:
    """Show (or raise) the window's shortcuts dialog, refilled in case actions changed."""
    dialog = window.findChild(ShortcutsDialog, "shortcutsDialog")
    if dialog is None:
        dialog = ShortcutsDialog(window)
    else:
        dialog.fill(window)
    if dialog.isVisible():  # asked again while open: bring it forward
        dialog.raise_()
        dialog.activateWindow()
    dialog.show()
    return dialog
