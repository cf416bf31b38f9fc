"""Reaching the team database: which one (``--team``, ``JCCT_TEAM_URL``, the saved setting),
and a connection that fails fast with a one-line message instead of hanging or a traceback.

The address is anything libpq takes: a URL (``postgresql://alice@db.example/jcct?sslmode=
verify-full``) or key/value settings (``service=jcct``). Passwords are libpq's business
(``~/.pgpass``, the service file): a saved address never holds one, and every message shows
the address with any password removed. TLS settings (``sslmode``, ``sslrootcert`` …) go to libpq
unchanged.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import NullPool

from jcct_desktop.team.errors import TeamError

__all__ = ["TeamError", "conninfo", "explain", "parse_address", "shown", "team_engine"]

# Unless the address says otherwise: give up connecting after a few seconds, and notice a cut
# network within ~15 s instead of waiting for TCP's minutes.
DEFAULTS = {
    "connect_timeout": "4",
    "keepalives": "1",
    "keepalives_idle": "5",
    "keepalives_interval": "2",
    "keepalives_count": "3",
    "tcp_user_timeout": "15000",
    "application_name": "jcct-desktop",
}


def parse_address(address: str) -> dict[str, Any]:
    try:
        return conninfo_to_dict(address)
    except psycopg.ProgrammingError as exc:
        raise TeamError(f"Not a PostgreSQL address: {_first_line(exc)}") from None


def shown(address: str) -> str:
    """The address for messages: host, port, database and role, never a password."""
    try:
        params = conninfo_to_dict(address)
    except psycopg.ProgrammingError:
        return "(unreadable address)"
    if "service" in params and len(params) == 1:
        return f"service {params['service']}"
    params.pop("password", None)
    host = params.get("host", "local socket")
    port = f":{params['port']}" if "port" in params else ""
    who = f"{params['user']}@" if "user" in params else ""
    return f"{who}{host}{port}/{params.get('dbname', '')}"


def conninfo(address: str) -> str:
    params = {**DEFAULTS, **parse_address(address)}
    return make_conninfo(**params)


def team_engine(address: str) -> Engine:
    """An engine whose every connection goes through libpq with our timeouts (no pool: a sync
    is one connection, opened and closed)."""
    info = conninfo(address)
    return create_engine("postgresql+psycopg://", creator=lambda: psycopg.connect(info),
                         poolclass=NullPool)


def explain(exc: BaseException, address: str) -> TeamError:
    """A one-line message for a driver error."""
    orig = getattr(exc, "orig", None) or exc
    text = _first_line(orig)
    if isinstance(orig, psycopg.OperationalError) and "connection" in text.lower():
        return TeamError(f"Cannot reach the team database ({shown(address)}): {text}")
    return TeamError(f"The team database ({shown(address)}) refused: {text}")


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return " ".join(lines) if lines else type(exc).__name__
