"""Menus, toolbar and status bar of the main window, built in one place.

:func:`build_actions` names ``MainWindow`` on purpose: it builds the window's own actions,
binding some twenty of its slots and panes at once, so a Protocol would only restate the
window. Everything else takes what it needs: the menus and toolbars a ``QMainWindow``, the
filter row its controls, the notes commands the window's notes, and the commands opened
later the Protocol of what they use (``ExportHost``, ``ChangesHost``)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jcct_desktop.ui.flow_layout import FlowLayout
from jcct_desktop.ui.graphics import bundled_icon
from jcct_desktop.ui.shortcuts import COMMAND_PROPERTY, show_shortcuts
from jcct_desktop.ui.window_keys import focus_pane, toggle_star

if TYPE_CHECKING:
    from jcct_desktop.ui.annotations.window import WindowAnnotations
    from jcct_desktop.ui.changes_view import ChangesHost
    from jcct_desktop.ui.export_host import ExportHost
    from jcct_desktop.ui.filter_bar import FilterBar
    from jcct_desktop.ui.main_window import MainWindow
    from jcct_desktop.ui.meeting_filter import MeetingFilter


def _action(parent: QObject, text: str, slot: Callable[[], object],
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
            icon: str | None = None, tip: str | None = None) -> QAction:
    action = QAction(text, parent)
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
        "export_ics": _action(w, "Export deadlines to &calendar…", lambda: _export_calendar(w),
                              tip="Open deadlines and follow-up dates of the commitments "
                                  "shown, as an .ics file for your calendar"),
        "export_memo": _action(w, "Export briefing memo (&Word)…", lambda: _export_memo(w),
                               "Ctrl+Shift+E",
                               tip="Write an editable Word memo of the commitments shown"),
        "changes": _action(w, "C&hanges since…", lambda: _show_changes(w), "Ctrl+Shift+H",
                           tip="What changed from a chosen day to the as-of date"),
        "import_factsheet": _action(w, "Import &fact sheet…", lambda: _import_factsheet(w),
                                    tip="Draft a new meeting's fact sheet, review, save"),
        "remove_meeting": _action(w, "Re&move imported meeting…", lambda: _remove_meeting(w),
                                  tip="Remove a meeting you imported (notes backed up, kept)"),
        "quit": _action(w, "&Quit", w.close, seq.Quit),
        "copy": _action(w, "&Copy", w.copy_focused, seq.Copy, tip="Copy the selected text, "
                        "or the selected commitment's citation"),
        "copy_ref": _action(w, "Copy commitment refere&nce", w.copy_reference, "Ctrl+Shift+C"),
        "find": _action(w, "&Find…", w.focus_search, seq.Find, "search.svg"),
        "star": _action(w, "&Star for my briefing", lambda: toggle_star(w), "Ctrl+D",
                        tip="Star or unstar the selected commitment"),
        "next_pane": _action(w, "&Next pane", lambda: focus_pane(w, 1), "F6",
                             tip="Move to the next pane: tree, text, notes, timeline"),
        "prev_pane": _action(w, "&Previous pane", lambda: focus_pane(w, -1), "Shift+F6"),
        "clear": _action(w, "C&lear search and filters", w.clear_filters, "Ctrl+Shift+L",
                         "filter-clear.svg", "Show every commitment again"),
        "expand": _action(w, "&Expand all", w.tree.expandAll),
        "collapse": _action(w, "C&ollapse all", w.tree.collapseAll),
        "zoom_in": _action(w, "Zoom timeline &in", w.timeline.zoom_in, seq.ZoomIn,
                           "zoom-in.svg"),
        "zoom_out": _action(w, "Zoom timeline o&ut", w.timeline.zoom_out, seq.ZoomOut,
                            "zoom-out.svg"),
        "fit": _action(w, "&Fit timeline", w.timeline.fit_all, "Ctrl+0", "fit.svg",
                       "Show every milestone in the timeline"),
        "today": _action(w, "&Back to today", w.set_as_of_today, "Ctrl+T"),
        "show_timeline": _action(w, "&Deadline timeline", lambda: None, "Ctrl+Shift+T",
                                 tip="Show or hide the timeline: on a small or scaled screen "
                                     "its room goes to the text and the notes"),
        "legend": _action(w, "Standing &legend", w.show_legend,
                          tip="What each colour and shape means: met, overdue, due soon…"),
        "pin_as_of": _action(w, "&Keep this as-of date next time", lambda: None,
                             tip="Open on this date after a restart (otherwise on today)"),
        "shortcuts": _action(w, "&Keyboard shortcuts", lambda: show_shortcuts(w),
                             tip="Every command that has a shortcut"),
        "about": _action(w, "&About JCCT Desktop", w.show_about),
        "about_qt": _action(w, "About &Qt", w.show_about_qt),
        **_note_actions(w, w.notes),
    }
    # the app-wide annotation undo stack's own actions: their text follows the next step
    undo = w.undo_stack.createUndoAction(w, "&Undo")
    undo.setShortcuts(seq.Undo)
    undo.setIcon(bundled_icon("undo.svg"))
    redo = w.undo_stack.createRedoAction(w, "&Redo")
    redo.setShortcuts(_with(QKeySequence.keyBindings(seq.Redo), "Ctrl+Shift+Z"))
    redo.setIcon(bundled_icon("redo.svg"))
    acts["undo"], acts["redo"] = undo, redo
    for action, name in ((undo, "Undo"), (redo, "Redo")):  # their text names the next step
        action.setProperty(COMMAND_PROPERTY, name)
    helps = _with(_with(QKeySequence.keyBindings(seq.HelpContents), "F1"), "Ctrl+/")
    acts["shortcuts"].setShortcuts(helps)
    acts["pin_as_of"].setCheckable(True)
    acts["show_timeline"].setCheckable(True)
    acts["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    acts["about"].setMenuRole(QAction.MenuRole.AboutRole)
    acts["about_qt"].setMenuRole(QAction.MenuRole.AboutQtRole)
    return acts


def _note_actions(w: QObject, n: WindowAnnotations) -> dict[str, QAction]:
    """File-menu commands on the officer's notes (disabled when notes are unavailable)."""
    acts = {
        "back_up": _action(w, "&Back up notes now", n.back_up_now,
                           tip="Copy your notes into the backups folder now"),
        "restore": _action(w, "&Restore notes from backup…", n.restore_backup,
                           tip="Replace your notes with a backup (the current ones are kept)"),
        "export_notes": _action(w, "Export &notes…", n.export_notes,
                                tip="Write all your notes to a JSON file"),
        "import_notes": _action(w, "&Import notes…", n.import_notes,
                                tip="Merge notes from a JSON file"),
        "data_folder": _action(w, "Show &data folder", n.show_data_folder,
                               tip="Open the folder that holds your notes and backups"),
        "orphans": _action(w, "Notes on commitments no longer in the data…", n.show_orphans),
    }
    acts["orphans"].setVisible(False)  # shown with its count when there are any
    return acts


def _export_calendar(w: ExportHost) -> None:
    from jcct_desktop.ui.calendar_action import export_calendar  # not at start-up

    export_calendar(w)


def _export_memo(w: ExportHost) -> None:
    from jcct_desktop.ui.memo_action import export_memo  # python-docx: not at start-up

    export_memo(w)


def _show_changes(w: ChangesHost) -> None:
    from jcct_desktop.ui.changes_view import show_changes

    show_changes(w)  # modeless, owned by the window (its parent) until closed


def _import_factsheet(w: MainWindow) -> None:
    from jcct_desktop.ui.factsheet_import.action import import_factsheet  # not at start-up

    import_factsheet(w)


def _remove_meeting(w: MainWindow) -> None:
    from jcct_desktop.ui.factsheet_import.action import remove_imported_meeting  # not at start

    remove_imported_meeting(w)


def _with(bindings: list[QKeySequence], extra: str) -> list[QKeySequence]:
    """The platform's bindings plus one the issue promises everywhere (Ctrl+Shift+Z)."""
    wanted = QKeySequence(extra)
    return bindings if any(b.matches(wanted) == QKeySequence.SequenceMatch.ExactMatch
                           for b in bindings) else [*bindings, wanted]


def build_menus(w: QMainWindow, a: dict[str, QAction]) -> None:
    bar = w.menuBar()
    layout = {
        "&File": ["export", "print", "export_memo", "export_ics", None, "back_up", "restore",
                  "export_notes", "import_notes", "data_folder", None, "import_factsheet",
                  "remove_meeting", None,
                  "quit"],
        "&Edit": ["undo", "redo", None, "copy", "copy_ref", None, "star", None, "find", "clear"],
        "&View": ["next_pane", "prev_pane", None, "expand", "collapse", None, "show_timeline",
                  "zoom_in", "zoom_out", "fit", None, "today", "pin_as_of", None, "changes",
                  "legend"],
        "&Help": ["shortcuts", None, "orphans", None, "about", "about_qt"],
    }
    for title, names in layout.items():
        menu = bar.addMenu(title)
        for name in names:
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(a[name])


def build_toolbars(w: QMainWindow, a: dict[str, QAction], filters: FilterBar,
                   meetings: MeetingFilter, tree: QWidget
                   ) -> tuple[QToolBar, QWidget, list[QWidget]]:
    """The main toolbar, the filter row under it (so the search stays wide), and the row's
    notes filters (hidden when the notes are unavailable)."""
    bar = _toolbar(w, "Main toolbar", "mainToolbar")
    for name in ("export", "print"):
        bar.addAction(a[name])
    bar.addSeparator()
    bar.addAction(a["undo"])
    bar.addAction(a["redo"])
    bar.addSeparator()
    label = QLabel("As of ", bar)
    label.setBuddy(filters.as_of_edit)
    bar.addWidget(label)
    bar.addWidget(filters.as_of_edit)
    bar.addSeparator()
    bar.addWidget(filters.search)
    w.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    row, notes = _filter_row(w, a, filters, meetings, tree)
    return bar, row, notes


def _filter_row(w: QMainWindow, a: dict[str, QAction], f: FilterBar, meetings: MeetingFilter,
                tree: QWidget) -> tuple[QWidget, list[QWidget]]:
    """The filters, in a row that wraps instead of hiding controls behind » (small screens,
    200% scaling). It sits above the panes, in the central widget."""
    row = QWidget(w)
    row.setObjectName("filterRow")
    row.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    row.setStyleSheet(FILTER_ROW_STYLE)
    flow = FlowLayout(row)
    flow.setContentsMargins(6, 3, 6, 4)
    clear = QToolButton(row)
    clear.setDefaultAction(a["clear"])
    clear.setAutoRaise(True)
    # every combo has a label naming its purpose (its buddy: a screen reader's name for it)
    chunks = [_chunk(row, _buddy("Show", f.side, row), f.side), f.state_button,
              f.deadline_check,  # then the meeting (when several) and the issue area
              *(_chunk(row, label, box) for label, box in meetings.labelled())]
    notes = [_chunk(row, QLabel("Your notes ", row), f.starred_check),
             _chunk(row, _buddy("Assessment", f.assessment, row), f.assessment),
             _chunk(row, _buddy("Tag", f.tag, row), f.tag), f.follow_up_check]
    for widget in [*chunks, *notes, _stretch(row), clear]:
        flow.addWidget(widget)
    central = w.centralWidget()
    layout = central.layout() if central is not None else None
    assert isinstance(layout, QVBoxLayout)
    layout.insertWidget(0, row)
    # Tab follows the screen, left to right, then into the tree (the widgets were made in
    # another order: the meeting filter after the notes filters)
    order = [f.as_of_edit, f.search, f.side, f.state_button, f.deadline_check,
             *meetings.widgets(), f.starred_check, f.assessment, f.tag,
             f.follow_up_check, clear, tree]
    for before, after in pairwise(order):
        QWidget.setTabOrder(before, after)
    return row, notes


def _buddy(text: str, control: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(control)
    return label


def _chunk(parent: QWidget, *widgets: QWidget) -> QWidget:
    """Widgets that wrap together (a label stays with its control)."""
    holder = QWidget(parent)
    box = QHBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    for widget in widgets:
        box.addWidget(widget)
    return holder


# the main toolbar is styled by app.qss; the filter row matches it minus the top border
FILTER_ROW_STYLE = ("QWidget#filterRow { background: #f4f5f7; "
                    "border-bottom: 1px solid #dcdfe3; }"
                    "QWidget#filterRow QLabel { color: #4a525a; padding-left: 2px; }")


def _toolbar(w: QMainWindow, title: str, name: str) -> QToolBar:
    bar = QToolBar(title, w)
    bar.setObjectName(name)  # saveState() needs a name
    bar.setMovable(False)
    bar.setIconSize(QSize(18, 18))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    return bar


def _stretch(parent: QWidget) -> QWidget:
    spacer = QWidget(parent)
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return spacer
