"""Where per-user data lives: ``--data-dir``, else ``JCCT_DATA_DIR``, else the platform's folder.

Never next to the executable: a frozen build may run from a temporary or read-only folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "jcct-desktop"
ENV_VAR = "JCCT_DATA_DIR"


def user_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The per-user data folder (not created here)."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
