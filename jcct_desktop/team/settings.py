"""Which team database, and when to sync: ``--team``, then ``JCCT_TEAM_URL``, then
``team.json`` in the data folder (written by the window: ``{"url": ..., "sync_on_start":
false, "every_minutes": 0}``). Light on purpose (no driver import): the window reads it at
start-up.

Secrets are libpq's business (``~/.pgpass``, the service file): an address holding one
(``password``, ``sslpassword`` …) is refused wherever it comes from — on a command line or in
the environment any local user can read it from the process list — and is never saved.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from jcct_desktop.core.files import atomic_write
from jcct_desktop.team.errors import TeamError

ENV_TEAM = "JCCT_TEAM_URL"
SETTINGS_FILE = "team.json"

# libpq settings whose value is a secret (the others name files or choices).
SECRET_SETTINGS = ("password", "sslpassword", "oauth_client_secret")
_KEYWORD = re.compile(r"(?:^|\s)(" + "|".join(SECRET_SETTINGS) + r")\s*=", re.IGNORECASE)

PASSWORD_HELP = ("put the password in ~/.pgpass (or use a PostgreSQL service file, "
                 "~/.pg_service.conf, and the address service=NAME): docs/team-setup.md")


@dataclass(frozen=True)
class TeamSettings:
    url: str | None = None
    sync_on_start: bool = False
    every_minutes: int = 0  # 0: only when asked


def secrets_in(address: str) -> list[str]:
    """The secret settings an address carries (a URL's ``user:password@`` counts as
    ``password``); checked without the driver, erring on the side of refusing."""
    text = address.strip()
    if re.match(r"postgres(ql)?://", text, re.IGNORECASE):
        parts = urlsplit(text)
        found = ["password"] if ":" in parts.netloc.rpartition("@")[0] else []
        found += [k.lower() for k, _v in parse_qsl(parts.query, keep_blank_values=True)
                  if k.lower() in SECRET_SETTINGS]
        return sorted(set(found))
    return sorted({m.group(1).lower() for m in _KEYWORD.finditer(text)})


def refuse_secrets(address: str, where: str) -> None:
    """Raise :class:`TeamError` when ``address`` (found ``where``) holds a secret."""
    found = secrets_in(address)
    if found:
        raise TeamError(f"The team address {where} holds a {' and '.join(found)}, which the "
                        f"app never takes from there: remove it and {PASSWORD_HELP}.")


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
    """Remember the address (keeping the other settings); refused when it holds a secret.

    Written whole or not at all (a temporary of an unpredictable name, 0600, fsync'd, renamed;
    then the folder fsync'd so the rename survives a power cut)."""
    from jcct_desktop.team.connect import parse_address

    parse_address(address)
    if secrets_in(address):
        raise TeamError(
            "The address holds a password; the app never stores passwords. Remove it and "
            f"{PASSWORD_HELP}."
        )
    old = load_settings(data_dir)
    data = {"url": address, "sync_on_start": old.sync_on_start,
            "every_minutes": old.every_minutes}
    body = (json.dumps(data, indent=1) + "\n").encode("utf-8")
    atomic_write(data_dir / SETTINGS_FILE, lambda fh: fh.write(body), private=True, own=True)
    _fsync_folder(data_dir)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder for fsync; NTFS journals renames
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def resolve_address(given: str | None, data_dir: Path | None) -> str | None:
    """``--team`` first, then ``JCCT_TEAM_URL``, then the saved setting; None: no team.

    Raises :class:`TeamError` when the address found holds a secret."""
    sources = ((given, "given on the command line"), (os.environ.get(ENV_TEAM),
               f"in the environment ({ENV_TEAM})"))
    for candidate, where in sources:
        if candidate and candidate.strip():
            refuse_secrets(candidate, where)
            return candidate.strip()
    saved = load_settings(data_dir).url if data_dir is not None else None
    if saved is not None:
        refuse_secrets(saved, f"saved in {SETTINGS_FILE}")
    return saved
