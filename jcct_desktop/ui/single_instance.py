"""One window per notes folder.

Two windows on one notes database each showed their own stale marks, and each could undo the
other's edits without knowing. The first window holds a lock file in the data folder; a second
launch on the same folder leaves a request file there, which the first (watching the folder)
answers by coming to the front and removing it, and then exits; if nobody answers it says
plainly who holds the folder. A lock left by a crashed process is taken over (QLockFile checks
that its process is gone). Files only, no sockets: the app never opens one (see test_offline).
The lock itself is ``jcct_desktop.ui.folder_lock``, shared with the commands that write notes.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal

from jcct_desktop.ui.folder_lock import LOCK_NAME, folder_lock, holder_of

__all__ = ["LOCK_NAME", "REQUEST_NAME", "InstanceGuard", "claim_folder"]

REQUEST_NAME = "jcct-desktop.raise-request"
ANSWER_S = 3.0


class InstanceGuard(QObject):
    raiseRequested = Signal()  # a second launch on this folder wants this window in front

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.request = data_dir / REQUEST_NAME
        self.lock = folder_lock(data_dir)
        self.watcher: QFileSystemWatcher | None = None

    def acquire(self) -> bool:
        """Take the folder (taking over a crashed holder's lock); False if a live one has it."""
        if not self.lock.tryLock(0):
            return False
        self.request.unlink(missing_ok=True)  # a request nobody answered before a crash
        self.watcher = QFileSystemWatcher([str(self.data_dir)], self)
        self.watcher.directoryChanged.connect(self._check_request)
        return True

    def _check_request(self, _path: str = "") -> None:
        if self.request.exists():
            self.request.unlink(missing_ok=True)  # the answer the second launch waits for
            self.raiseRequested.emit()

    def ask_holder_to_raise(self, wait_s: float = ANSWER_S) -> bool:
        """From a second launch: ask the window holding the folder to come forward."""
        try:
            self.request.write_text(str(os.getpid()), encoding="utf-8")
        except OSError:
            return False
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if not self.request.exists():
                return True
            time.sleep(0.05)  # no event loop yet in this process: a plain wait
        self.request.unlink(missing_ok=True)
        return False

    def holder(self) -> str:
        """Who holds the folder, in words: "JCCT Desktop (process 4242 on this computer)"."""
        holder = holder_of(self.lock)
        if holder is None:
            return "another JCCT Desktop"
        who = "JCCT Desktop" if holder.is_window else "a jcct-desktop command"
        return f"{who} ({holder.where})"

    def release(self) -> None:
        if self.watcher is not None:
            self.watcher.setParent(None)  # gone now, while the event loop still exists
            self.watcher = None
        self.lock.unlock()


def already_open_message(data_dir: Path, raised: bool, holder: str) -> str:
    if raised:
        return (f"JCCT Desktop is already open on the notes in {data_dir}: "
                f"brought that window to the front.")
    return (f"The notes in {data_dir} are in use by {holder}, which did not answer. "
            f"Close it (or wait for it to finish) and start again; two windows on one notes "
            f"folder would each miss the other's edits.")


def claim_folder(data_dir: Path, parent: QObject) -> tuple[InstanceGuard | None, int | None]:
    """(guard, None) when this launch holds the folder; (None, exit code) when another window
    does (told on stderr, and in a dialog if it did not answer); (None, None) when the folder
    cannot be used at all (the notes pane will say why)."""
    from jcct_desktop.store.notes.database import UserDataError, prepare_data_dir

    try:
        folder = prepare_data_dir(data_dir)
    except UserDataError:
        return None, None
    guard = InstanceGuard(folder, parent)
    if guard.acquire():
        return guard, None
    raised = guard.ask_holder_to_raise()
    message = already_open_message(folder, raised, guard.holder())
    print(f"jcct-desktop: {message}", file=sys.stderr)
    if not raised:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(None, "JCCT Desktop is already open", message)
    return None, 0 if raised else 1
