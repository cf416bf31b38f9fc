"""Run in a subprocess on a configured offscreen screen (see test_ui_screen_fit): build the
window as the app does on first launch, open the dialogs, and print what fits as JSON.

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json [QT_SCALE_FACTOR=2] \
        python -m tests.screen_probe DATA_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QWidget


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def on_window(widget: QWidget) -> list[int]:
    """Where a widget is, in its window's coordinates, and how big (0×0 when hidden)."""
    if not widget.isVisibleTo(widget.window()):
        return [0, 0, 0, 0]
    top_left = widget.mapTo(widget.window(), widget.rect().topLeft())
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def settle(app: QApplication) -> None:
    for _ in range(10):
        app.processEvents()


def main(data_dir: str) -> int:
    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.ui import briefing
    from jcct_desktop.ui.annotations.startup import open_notes
    from jcct_desktop.ui.app import configure
    from jcct_desktop.ui.main_window import MainWindow
    from jcct_desktop.ui.shortcuts import show_shortcuts

    app = QApplication(sys.argv[:1])
    configure(app)
    reference = open_reference()
    notes = open_notes(data_dir)
    settings = QSettings(str(Path(data_dir) / "probe.ini"), QSettings.Format.IniFormat)
    window = MainWindow(reference.catalog, reference.search, annotations=notes.service,
                        undo_stack=QUndoStack(app), settings=settings)
    window.show()
    settle(app)
    window.select_commitment("2011-SOFT-2")
    settle(app)
    f = window.filters
    panel = window.detail.annotation_panel
    tree = window.tree
    out: dict[str, object] = {
        "available": rect(window.screen().availableGeometry()),
        "ratio": window.devicePixelRatio(),
        "window": rect(window.frameGeometry()),
        "inner": [window.width(), window.height()],
        "status_bar": on_window(window.statusBar()),
        "filters": {name: on_window(w) for name, w in (
            ("side", f.side), ("state", f.state_button), ("deadline", f.deadline_check),
            ("starred", f.starred_check), ("assessment", f.assessment), ("tag", f.tag))},
        "tree_title_width": tree.visualRect(tree.tree_model().index_for_id("2011-SOFT-2"))
        .width(),
        "note_editor": on_window(panel.note_editor),
        "notes_viewport": on_window(window.detail.annotation_scroll.viewport()),
        "notes_h_scroll": window.detail.annotation_scroll.horizontalScrollBar().isVisible(),
        "notes_min_width": panel.minimumSizeHint().width(),
        "detail": on_window(window.detail),
    }
    # the Talking points box, scrolled into view (the notes panel scrolls; it must not clip)
    box = panel.talking_points
    window.detail.annotation_scroll.ensureWidgetVisible(box, 0, 0)
    settle(app)
    out["talking_points"] = {
        "box": on_window(box),
        "viewport": on_window(window.detail.annotation_scroll.viewport()),
        "controls": [on_window(w) for w in (box.points, box.new_point, box.add_button,
                                            box.up_button, box.down_button, box.delete_button)],
    }
    dialogs: dict[str, object] = {}
    export = briefing.export_packet(window, QSettings(str(Path(data_dir) / "b.ini"),
                                                      QSettings.Format.IniFormat))
    settle(app)
    dialogs["export"] = {"frame": rect(export.frameGeometry()), "buttons": [
        on_window(b) for b in (export.preview_button, export.save_button, export.print_button)],
        "inner": [export.width(), export.height()]}
    export.close()
    shortcuts = show_shortcuts(window)
    settle(app)
    dialogs["shortcuts"] = {"frame": rect(shortcuts.frameGeometry()),
                            "inner": [shortcuts.width(), shortcuts.height()], "buttons": []}
    out["dialogs"] = dialogs
    print(json.dumps(out))
    window.close()
    if notes.service is not None:
        notes.service.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
