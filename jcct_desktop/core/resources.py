"""Locate bundled files (database, fonts, icons, styles) the same way everywhere.

Order: ``JCCT_RESOURCE_ROOT`` (tests, packagers), a PyInstaller bundle (``sys._MEIPASS``),
data installed beside the package in a wheel (``jcct_desktop/_bundled``), then the source
checkout (the folder that holds ``jcct_desktop/``).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # jcct_desktop/, above core/


def _candidates() -> list[Path]:
    roots: list[Path] = []
    env = os.environ.get("JCCT_RESOURCE_ROOT")
    if env:
        roots.append(Path(env))
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        roots.append(Path(frozen))
    roots.append(_PACKAGE_DIR / "_bundled")
    roots.append(_PACKAGE_DIR.parent)
    return roots


@cache
def root() -> Path:
    """The folder that holds ``db/`` and ``resources/``."""
    for candidate in _candidates():
        if (candidate / "db" / "jcct.sqlite").is_file():
            return candidate
    tried = ", ".join(str(c) for c in _candidates())
    raise FileNotFoundError(f"bundled data not found (looked in: {tried})")


def reference_db() -> Path:
    """The bundled database, or the one ``JCCT_REFERENCE_DB`` names (benchmarks, tests)."""
    override = os.environ.get("JCCT_REFERENCE_DB")
    if override:
        return Path(override)
    return root() / "db" / "jcct.sqlite"


def package_dir() -> Path:
    """The installed ``jcct_desktop`` package (no export may write into it)."""
    return _PACKAGE_DIR


def notices() -> Path:
    """THIRD-PARTY-NOTICES.txt: every bundled distribution's and font's licence (About box)."""
    return root() / "THIRD-PARTY-NOTICES.txt"


def font(name: str = "wqy-microhei.ttc") -> Path:
    return root() / "resources" / "fonts" / name


def icon(name: str) -> Path:
    return root() / "resources" / "icons" / name


def style(name: str) -> Path:
    return root() / "resources" / "styles" / name
