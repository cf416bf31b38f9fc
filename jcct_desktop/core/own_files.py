"""The app's own files, which no export may ever land on.

An output such as ``export pdf -o DATA/annotations.sqlite`` would replace the notes database.
So every user-chosen output (``core.files.atomic_output``) asks :func:`own_file_refusal`
first, which compares the target with the notes database and its journals, every backup (and
the meeting documents kept with it), ``team.json``, the window settings, the imported meetings'
database and documents, and the folder lock — by identity (device and inode, following
symbolic links, so a hard link or a symlink is caught too), by folder (nothing may be written
into ``backups/`` or ``meetings/``) and, for a file that does not exist yet, by name (a new
``annotations.sqlite-wal`` would be read as the notes' journal); and the app's installed
files: the reference database it reads, its bundled data and the package itself.

The names are the stores' own (``tests/test_own_files.py`` checks they agree); they are
listed here because the core may not import the stores.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jcct_desktop.core import resources

_JOURNALS = ("-wal", "-shm", "-journal")
NOTES_DB = "annotations.sqlite"
MEETINGS_DB = "meetings.sqlite"
BACKUPS_DIR = "backups"
MEETING_DOCS_DIR = "meetings"
TEAM_SETTINGS = "team.json"
WINDOW_SETTINGS = "settings.ini"
LOCK_FILES = ("jcct-desktop.lock", "jcct-desktop.lock.command")

# file name in the data folder -> what it is, in words for the refusal
_NAMED: dict[str, str] = {
    NOTES_DB: "your notes database",
    **{NOTES_DB + j: "your notes database's journal" for j in _JOURNALS},
    MEETINGS_DB: "the imported meetings' database",
    **{MEETINGS_DB + j: "the imported meetings' database journal" for j in _JOURNALS},
    TEAM_SETTINGS: "the team settings",
    WINDOW_SETTINGS: "the window settings",
    **{name: "the notes folder's lock" for name in LOCK_FILES},
}
_FOLDERS = {
    BACKUPS_DIR: "in the backups of your notes",
    MEETING_DOCS_DIR: "among the imported meetings' documents",
}


def default_window_settings() -> Path | None:
    """Where QSettings keeps the window settings without a data folder (Linux/BSD only:
    elsewhere they live in the registry or a plist named by Qt)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return None
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "JCCT Desktop" / "JCCT Desktop.conf"


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)  # follows symbolic links: a link to the notes is the notes
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _files_under(folder: Path, depth: int = 2) -> Iterator[Path]:
    """Every file in ``folder`` and its subfolders (a backup's ``.meetings`` folder), bounded."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if depth > 1:
                    yield from _files_under(Path(entry.path), depth - 1)
            else:
                yield Path(entry.path)
        except OSError:
            continue


def _installed(files: dict[tuple[int, int], str], folders: dict[tuple[int, int], str]) -> None:
    """The app's installed files: the reference database it reads (the bundled one, or the
    one ``JCCT_REFERENCE_DB`` names) and its journals, the bundled data and resources, the
    package itself and, in a frozen build, its whole folder and program. An export once
    replaced the bundled database (``export pdf -o …/db/jcct.sqlite``): the app then could
    not start."""
    reference = resources.reference_db()
    for path in (reference, *(Path(f"{reference}{j}") for j in _JOURNALS)):
        if (ident := _identity(path)) is not None:
            files.setdefault(ident, "the app's reference database")
    places = [resources.package_dir()]
    # without bundled data the app cannot start, but a refusal must still answer
    with contextlib.suppress(FileNotFoundError):
        places += [resources.root() / "db", resources.root() / "resources"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        places.append(Path(frozen))
        if (ident := _identity(Path(sys.executable))) is not None:
            files.setdefault(ident, "the app's own program")
    for folder in places:
        if (ident := _identity(folder)) is not None:
            folders.setdefault(ident, "among the app's own installed files")


def _protected(data_dir: Path | None
               ) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], str]]:
    """(identity of each own file -> words, identity of each own folder -> words)."""
    files: dict[tuple[int, int], str] = {}
    folders: dict[tuple[int, int], str] = {}
    _installed(files, folders)
    settings = default_window_settings()
    if settings is not None and (ident := _identity(settings)) is not None:
        files.setdefault(ident, "the window settings")
    if data_dir is None:
        return files, folders
    for name, words in _NAMED.items():
        if (ident := _identity(data_dir / name)) is not None:
            files.setdefault(ident, words)
    for name, words in _FOLDERS.items():
        folder = data_dir / name
        if (ident := _identity(folder)) is not None:
            folders[ident] = words
        for path in _files_under(folder):
            if (ident := _identity(path)) is not None:
                files.setdefault(ident, f"a file {words}")
    return files, folders


def own_file_refusal(target: str | os.PathLike[str], data_dir: Path | None) -> str | None:
    """Why ``target`` must not be written (one line), or None when it is not one of ours
    (``data_dir`` None: a run without a data folder, where only the window settings are)."""
    files, folders = _protected(data_dir)
    where = Path(os.path.realpath(target))  # the file a write would really reach
    ident = _identity(where)
    if ident is not None and ident in files:
        return f"it is {files[ident]}"
    for parent in where.parents:
        parent_ident = _identity(parent)
        if parent_ident is not None and parent_ident in folders:
            return f"it is {folders[parent_ident]}"
    in_data_dir = _identity(data_dir) if data_dir is not None else None
    if in_data_dir is not None and _identity(where.parent) == in_data_dir and where.name in _NAMED:
        return f"that name is {_NAMED[where.name]}"
    settings = default_window_settings()
    if settings is not None and where == settings:
        return "that name is the window settings"
    return None


@dataclass(frozen=True)
class OwnFiles:
    """The app's own files of this run's data folder: what a user's output must never
    replace. Made once by the entry point (the window keeps it) and handed to every writer
    of a user's output (``core.files.atomic_write``)."""

    data_dir: Path | None  # None: a window without a data folder (only the settings are ours)

    def refusal(self, target: str | os.PathLike[str]) -> str | None:
        """Why ``target`` must not be written (one line), or None when it is not one of ours."""
        return own_file_refusal(target, self.data_dir)
