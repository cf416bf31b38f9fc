"""Run in a subprocess on a configured offscreen screen (see test_ui_import_dialog_fit): open
the import dialog with the 23rd JCCT fixture drafted and print where it is, as JSON.

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json [QT_SCALE_FACTOR=2] \
        python -m tests.import_dialog_probe
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def main() -> int:
    from jcct_desktop.store.reference.reader import open_reference
    from jcct_desktop.ui.app import configure
    from jcct_desktop.ui.factsheet_import import ImportFactSheetDialog

    app = QApplication(sys.argv[:1])
    configure(app)
    scratch = tempfile.TemporaryDirectory(prefix="jcct-probe-")  # nothing is saved
    dialog = ImportFactSheetDialog(open_reference().catalog, Path(scratch.name))
    dialog.file.setText(str(Path(__file__).parent / "data" / "jcct-23-fixture.txt"))
    dialog.date.setText("2012-12-19")
    assert dialog.make_drafts()
    dialog.show()
    for _ in range(10):
        app.processEvents()
    hint = dialog.minimumSizeHint()
    screen = dialog.screen().availableGeometry()
    print(json.dumps({"available": rect(screen), "frame": rect(dialog.frameGeometry()),
                      "minimum": [hint.width(), hint.height()]}))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
