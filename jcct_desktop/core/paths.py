"""Where per-user data lives: ``--data-dir``, else ``JCCT_DATA_DIR``, else the platform's folder.

The entry points (``cli.entry.main``; ``ui.app.run_app`` through it) decide once, with
:func:`resolve_data_dir`, and pass the folder down to every reader and writer; nothing below
them reads the environment for it, and nothing writes it into the environment.

Never next to the executable: a frozen build may run from a temporary or read-only folder.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "jcct-desktop"
ENV_VAR = "JCCT_DATA_DIR"


@dataclass(frozen=True)
class DataFolder:
    """The run's data folder, and whether the officer named it (``--data-dir`` or
    ``JCCT_DATA_DIR``) rather than taking the platform's: a named folder keeps its own
    window settings, so a second folder is a second officer."""

    path: Path
    named: bool


def platform_data_dir() -> Path:
    """The platform's per-user folder for the app (not created here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(given: str | os.PathLike[str] | None,
                     environ: Mapping[str, str]) -> DataFolder:
    """``given`` (``--data-dir``), else ``environ[JCCT_DATA_DIR]``, else the platform's
    folder; not created here."""
    if given:
        return DataFolder(Path(given).expanduser(), named=True)
    env = environ.get(ENV_VAR)
    if env:
        return DataFolder(Path(env).expanduser(), named=True)
    return DataFolder(platform_data_dir(), named=False)
