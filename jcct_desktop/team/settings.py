"""Which team database, and when to sync: ``--team``, then ``JCCT_TEAM_URL``, then
``team.json`` in the data folder (written by the window: ``{"url": ..., "sync_on_start":
false, "every_minutes": 0}``). Light on purpose (no driver import): the window reads it at
start-up."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

ENV_TEAM = "JCCT_TEAM_URL"
SETTINGS_FILE = "team.json"


@dataclass(frozen=True)
class TeamSettings:
    url: str | None = None
    sync_on_start: bool = False
    every_minutes: int = 0  # 0: only when asked


def load_settings(data_dir: Path) -> TeamSettings:
    try:
        data = json.loads((data_dir / SETTINGS_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return TeamSettings()
    if not isinstance(data, dict):
        return TeamSettings()
    url = data.get("url")
    every = data.get("every_minutes")
    return TeamSettings(
        url=url.strip() if isinstance(url, str) and url.strip() else None,
        sync_on_start=data.get("sync_on_start") is True,
        every_minutes=every if isinstance(every, int) and every > 0 else 0,
    )


def save_address(data_dir: Path, address: str) -> None:
    """Remember the address (keeping the other settings); refused when it holds a password."""
    from jcct_desktop.team.connect import TeamError, parse_address

    if "password" in parse_address(address):
        raise TeamError(
            "The address holds a password; the app never stores passwords. Remove it and put "
            "it in ~/.pgpass (or a PostgreSQL service file) instead."
        )
    old = load_settings(data_dir)
    data = {"url": address, "sync_on_start": old.sync_on_start,
            "every_minutes": old.every_minutes}
    target = data_dir / SETTINGS_FILE
    tmp = target.with_name(f".{SETTINGS_FILE}.tmp")
    tmp.write_text(json.dumps(data, indent=1) + "\n", "utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, target)


def resolve_address(given: str | None, data_dir: Path | None) -> str | None:
    """``--team`` first, then ``JCCT_TEAM_URL``, then the saved setting; None: no team."""
    for candidate in (given, os.environ.get(ENV_TEAM)):
        if candidate and candidate.strip():
            return candidate.strip()
    return load_settings(data_dir).url if data_dir is not None else None
