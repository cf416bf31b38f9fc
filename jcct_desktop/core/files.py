"""Write files so a reader never sees half of one: a temp name in the same folder, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO


class OutputError(OSError):
    """A file could not be written; the message is fit to show a user."""


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], mode: int = 0o644) -> Iterator[BinaryIO]:
    """Yield a binary file; on success it replaces ``path`` whole, on failure nothing is left.

    An existing file at ``path`` is only replaced once the new one is completely written.
    ``mode`` 0o600 keeps a file holding the officer's notes private to its owner.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise OutputError(f"Cannot write {target}: it is a folder")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except FileNotFoundError:
        raise OutputError(f"Cannot write {target}: the folder {folder} does not exist") from None
    except OSError as exc:
        raise OutputError(f"Cannot write {target}: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"Cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write(
    path: str | os.PathLike[str], write: Callable[[BinaryIO], object], mode: int = 0o644
) -> Path:
    with atomic_output(path, mode) as fh:
        write(fh)
    return Path(path)
