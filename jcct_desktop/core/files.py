"""Write files so a reader never sees half of one, and never through someone else's link.

- A regular file (or a new name) is written to an unpredictable temporary name in the same
  folder (``mkstemp``: ``O_CREAT|O_EXCL``, 0600), then renamed over the target: an existing file
  is replaced only once the new one is complete, and every failure removes the temporary.
- A character device or a FIFO (``/dev/stdout``, ``/dev/null``, a pipe) is written into, never
  renamed over: as root a rename would delete ``/dev/null``.
- A folder, a block device or a socket is refused with a clear message.
- Files that may hold the officer's notes stay 0600 (``private``); others get what the umask
  allows, never more.
- The app's own files (notes, backups, settings…: ``core.own_files``) are never a target of a
  user's output: a writer says which it is, ``own_files=`` (the run's ``OwnFiles``, which the
  target is checked against) for a user's output, ``own=True`` for the app's own writers.
- The file and then its folder are flushed to disk (``fsync``) before the writer returns, so a
  power cut leaves the old file or the new one, never an empty name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import BinaryIO, Literal, overload

from jcct_desktop.core.own_files import OwnFiles

TEMP_SUFFIX = ".part"
MAX_READ_BYTES = 200 * 1024 * 1024  # no annotations file comes near this; /dev/zero would


class InputFileError(OSError):
    """A file could not be read as input; the message is fit to show a user."""


class OutputError(OSError):
    """A file could not be written; the message is fit to show a user."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _target_kind(target: Path) -> str:
    """'new', 'file', 'stream' (char device / FIFO) or a refusal reason."""
    try:
        mode = os.stat(target).st_mode  # follows links: /dev/stdout -> /proc/self/fd/1
    except FileNotFoundError:
        return "new"
    except OSError as exc:
        raise OutputError(f"Cannot write {target}: {exc.strerror or exc}") from None
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return "stream"
    if stat.S_ISDIR(mode):
        raise OutputError(f"Cannot write {target}: it is a folder")
    raise OutputError(f"Cannot write {target}: it is not a regular file (a device or socket)")


def _open_fifo(target: Path) -> BinaryIO:
    """A named pipe, opened only when a program reads from it: opened plainly, a pipe nothing
    reads from waited for a reader for ever (``export pdf -o FIFO`` hung)."""
    import fcntl  # POSIX only, as FIFOs are

    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError(f"Cannot write {target}: it is a pipe that no program is reading "
                              "from (nothing was written)") from None
        raise
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)  # then written as any file
    return os.fdopen(fd, "wb", buffering=0)


@contextlib.contextmanager
def _stream_output(target: Path) -> Iterator[BinaryIO]:
    try:
        if stat.S_ISFIFO(os.stat(target).st_mode):
            fh = _open_fifo(target)
        else:
            fh = open(target, "wb", buffering=0)  # noqa: SIM115 - closed below, errors mapped
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"Cannot write {target}: {exc.strerror or exc}") from None
    try:
        with fh:
            yield fh
    except OSError as exc:
        raise OutputError(f"Cannot write {target}: {exc.strerror or exc}") from None


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); where folders cannot be opened, skipped."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder: the rename stands regardless
    finally:
        os.close(fd)


def refuse_own_file(target: Path, own_files: OwnFiles) -> None:
    """OutputError when ``target`` is one of the app's own files (see ``core.own_files``)."""
    reason = own_files.refusal(target)
    if reason is not None:
        raise OutputError(
            f"Cannot write {target}: {reason}, which an export must never replace; "
            "choose another file (nothing was written)"
        )


@overload
def atomic_output(path: str | os.PathLike[str], *, own_files: OwnFiles,
                  private: bool = True) -> AbstractContextManager[BinaryIO]: ...
@overload
def atomic_output(path: str | os.PathLike[str], *, own: Literal[True],
                  private: bool = True) -> AbstractContextManager[BinaryIO]: ...
def atomic_output(path: str | os.PathLike[str], *, own_files: OwnFiles | None = None,
                  own: bool = False, private: bool = True) -> AbstractContextManager[BinaryIO]:
    """Yield a binary file; on success it replaces ``path`` whole, on failure nothing is left.

    ``own_files``: a user's output, first checked not to be one of the app's own files;
    ``own=True``: the app writing one of its own files (a meeting document)."""
    target = Path(path)
    if not own:
        if own_files is None:
            raise TypeError("atomic_output: a user's output needs own_files=, or own=True")
        refuse_own_file(target, own_files)
    return _atomic_output(target, private)


@contextlib.contextmanager
def _atomic_output(target: Path, private: bool) -> Iterator[BinaryIO]:
    if _target_kind(target) == "stream":
        with _stream_output(target) as fh:
            yield fh
        return
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=folder
        )
    except FileNotFoundError:
        if folder.is_dir():  # /proc and the like: a folder, but no file can be made in it
            raise OutputError(f"Cannot write {target}: no new file can be made in the folder "
                              f"{folder}") from None
        raise OutputError(f"Cannot write {target}: the folder {folder} does not exist") from None
    except OSError as exc:
        raise OutputError(f"Cannot write {target}: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if not private:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
        _fsync_folder(folder)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"Cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@overload
def atomic_write(path: str | os.PathLike[str], write: Callable[[BinaryIO], object], *,
                 own_files: OwnFiles, private: bool = True) -> Path: ...
@overload
def atomic_write(path: str | os.PathLike[str], write: Callable[[BinaryIO], object], *,
                 own: Literal[True], private: bool = True) -> Path: ...
def atomic_write(path: str | os.PathLike[str], write: Callable[[BinaryIO], object], *,
                 own_files: OwnFiles | None = None, own: bool = False,
                 private: bool = True) -> Path:
    """``write`` into ``path`` whole or not at all (``atomic_output``, same keywords)."""
    if own:
        manager = atomic_output(path, own=True, private=private)
    elif own_files is not None:
        manager = atomic_output(path, own_files=own_files, private=private)
    else:
        raise TypeError("atomic_write: a user's output needs own_files=, or own=True")
    with manager as fh:
        write(fh)
    return Path(path)


def read_input_file(path: str | os.PathLike[str], limit: int = MAX_READ_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else is refused unread.

    Devices, FIFOs and folders are not read at all (``/dev/zero`` would never end).
    """
    source = Path(path)
    try:
        info = os.stat(source)
    except OSError as exc:
        raise InputFileError(f"cannot read {source}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputFileError(f"cannot read {source}: it is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(f"cannot read {source}: it is not a regular file")
    if info.st_size > limit:
        raise InputFileError(
            f"cannot read {source}: it is {info.st_size / 1e6:,.0f} MB; files over "
            f"{limit // (1024 * 1024)} MB are refused"
        )
    try:
        with open(source, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputFileError(f"cannot read {source}: {exc.strerror or exc}") from None
    if len(data) > limit:  # it grew while we read
        raise InputFileError(f"cannot read {source}: more than {limit // (1024 * 1024)} MB")
    return data
