"""A folder seen read-only, for tests of what the app does when it cannot write there."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """``folder`` seen read-only: a read-only bind mount as root (root ignores file modes;
    CI runs as root), else the folder with its write bits taken away."""
    if not IS_ROOT:
        mode = stat.S_IMODE(folder.stat().st_mode)
        os.chmod(folder, 0o500)
        try:
            yield folder
        finally:
            os.chmod(folder, mode)
        return
    view = folder.with_name(folder.name + "-read-only")
    view.mkdir()
    if subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(view)],
                      capture_output=True).returncode != 0:
        pytest.fail("root could not make a read-only bind mount")
    try:
        yield view
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)
