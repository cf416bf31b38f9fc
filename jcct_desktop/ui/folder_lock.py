"""One writer of a notes folder at a time: the window while it is open, or a command that writes.

A QLockFile in the data folder. The window holds it for as long as it is open
(``ui.single_instance``); ``notes import``, ``notes restore``, ``sync`` and ``import factsheet
--apply`` hold it while they write, and are refused while someone else holds it: a window that
did not see the change would show stale marks and could undo it unknowingly. A lock whose
process is gone is taken over (QLockFile checks the pid), never one merely old. QtCore only:
no QApplication is needed, so the command line can use it.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QSysInfo

LOCK_NAME = "jcct-desktop.lock"
# A command holding the lock leaves its pid here too: the lock file records the program's name
# (python3, jcct-desktop), the same for the window and a command. One left by a crash names a
# pid that no longer holds the lock, so it is ignored.
COMMAND_MARK = "jcct-desktop.lock.command"
POLL_S = 0.2  # how often a waiting command looks again


def folder_lock(folder: Path) -> QLockFile:
    lock = QLockFile(str(folder / LOCK_NAME))
    lock.setStaleLockTime(0)  # never by age: only a dead holder makes it stale
    return lock


@dataclass(frozen=True)
class Holder:
    """Who holds a folder's lock, as its lock file says."""

    pid: int
    host: str
    is_window: bool  # else a command that writes (notes import, sync…)

    @property
    def where(self) -> str:
        """"process 4242 on this computer" or "process 4242 on computer pc-7"."""
        here = self.host == QSysInfo.machineHostName()
        return f"process {self.pid} on {'this computer' if here else f'computer {self.host}'}"


def holder_of(lock: QLockFile) -> Holder | None:
    """The holder recorded in ``lock``'s file; None when it cannot be read."""
    info = lock.getLockInfo()  # PySide6: (pid, host, app); no pid if unreadable
    if not isinstance(info, tuple) or len(info) < 2 or not info[0]:
        return None
    pid = int(info[0])
    try:
        marked = (Path(lock.fileName()).parent / COMMAND_MARK).read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        marked = ""
    return Holder(pid, str(info[1]), is_window=marked != str(pid))


class FolderBusy(Exception):
    """Someone alive holds the folder; ``holder`` says who (None: the file was unreadable)."""

    def __init__(self, holder: Holder | None) -> None:
        super().__init__(holder)
        self.holder = holder


@contextlib.contextmanager
def holding(
    folder: Path, wait_s: float = 0.0, on_wait: Callable[[Holder | None], object] | None = None
) -> Iterator[bool]:
    """For a command: hold ``folder``'s lock for the block (taking over a dead holder's);
    FolderBusy if a live one has it. Another *command* is waited for, up to ``wait_s``
    seconds (``on_wait`` hears once who is waited for): it will finish soon. A window is
    refused at once: it stays open for hours. Yields False, unlocked, when no lock file can be
    made there (a read-only folder): nothing can be written into it then, and the command says
    why."""
    lock = folder_lock(folder)
    if not _take(lock, folder, wait_s, on_wait):
        yield False
        return
    mark = folder / COMMAND_MARK
    try:
        mark.write_text(str(os.getpid()), "ascii")
        yield True
    finally:
        mark.unlink(missing_ok=True)
        lock.unlock()


def _take(
    lock: QLockFile, folder: Path, wait_s: float, on_wait: Callable[[Holder | None], object] | None
) -> bool:
    """True once locked; False when no lock file can be made; FolderBusy when refused."""
    deadline = time.monotonic() + wait_s
    told = False
    while not lock.tryLock(0):
        if lock.error() != QLockFile.LockError.LockFailedError:
            return False
        holder = holder_of(lock)
        if holder is None or holder.is_window or time.monotonic() >= deadline:
            raise FolderBusy(holder)
        if not told and on_wait is not None:
            on_wait(holder)
            told = True
        time.sleep(min(POLL_S, max(0.0, deadline - time.monotonic())))
    return True
