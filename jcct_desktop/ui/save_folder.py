"""Where a save dialog starts: the user's documents folder, never the program's own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def in_documents(name: str) -> str:
    """``name`` in the user's documents folder, or the home folder when there is none: never
    the working folder, which a bare file name (or a folder that does not exist) gives a file
    dialog, and which for an installed or frozen program is its own folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    where = Path(folder) if folder and Path(folder).is_dir() else Path.home()
    return str(where / name)
