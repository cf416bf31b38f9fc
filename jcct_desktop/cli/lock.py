"""The commands that write into the notes folder hold its lock, and stand back from a window.

``notes import``, ``notes restore``, ``sync`` and ``import factsheet --apply`` changed the notes
under an open window, which went on showing (and undoing against) what it had read. Now each
is refused at once, exit 1 and nothing changed, while a live window holds the folder
(``jcct_desktop.ui.folder_lock``); another such command is waited for (saying so) for up to 30 s,
since it finishes soon. Each holds the folder itself while it writes, so a window cannot open
half-way. Reading commands (the exports, ``notes backups``) never take it.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from jcct_desktop.cli.args import say

if TYPE_CHECKING:
    from jcct_desktop.ui.folder_lock import Holder

EXIT_BUSY = 1
COMMAND_WAIT_S = 30.0  # another command finishes soon: wait this long before refusing
Command = Callable[[argparse.Namespace], int]


def writes_into_folder(in_window: str) -> Callable[[Command], Command]:
    """Run the command holding the data folder; ``in_window`` is where the window does it
    ("File → Import notes…"), offered when a window holds the folder."""

    def wrap(run: Command) -> Command:
        @functools.wraps(run)
        def guarded(args: argparse.Namespace) -> int:
            from jcct_desktop.ui.folder_lock import FolderBusy

            try:
                with _holding_data_dir(args.data_dir):
                    return run(args)
            except FolderBusy as busy:
                say(busy_message(busy.holder, in_window))
                return EXIT_BUSY

        return guarded

    return wrap


def busy_message(holder: Holder | None, in_window: str) -> str:
    if holder is None:
        return ("these notes are in use by another JCCT Desktop; close it (or wait for it to "
                "finish) and try again; nothing was changed")
    if holder.is_window:
        return (f"JCCT Desktop is open on these notes ({holder.where}); use {in_window} "
                f"there, or close it first; nothing was changed")
    return (f"another jcct-desktop command ({holder.where}) is still changing these notes "
            f"after {COMMAND_WAIT_S:.0f} s; try again when it has finished; nothing was changed")


def waiting_message(holder: Holder | None) -> str:
    where = f" ({holder.where})" if holder is not None else ""
    return (f"waiting for another jcct-desktop command{where} to finish with these notes "
            f"(up to {COMMAND_WAIT_S:.0f} s)…")


@contextlib.contextmanager
def _holding_data_dir(folder: Path) -> Iterator[None]:
    """The folder's lock for the block (FolderBusy when held). A folder made here only to be
    locked is removed again if the command left nothing in it."""
    from jcct_desktop.store.notes.database import UserDataError, prepare_data_dir
    from jcct_desktop.ui.folder_lock import holding

    existed = folder.exists()
    try:
        prepare_data_dir(folder)
    except UserDataError:  # a file in its place, not writable: the command says so itself
        yield
        return
    try:
        with holding(folder, COMMAND_WAIT_S, lambda who: say(waiting_message(who))):
            yield
    finally:
        if not existed:
            _remove_if_empty(folder)


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not empty: the command wrote into it
        folder.rmdir()
