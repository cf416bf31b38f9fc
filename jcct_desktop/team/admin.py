"""Creating and upgrading the team database (``jcct-desktop team init URL``) and checking,
before every sync, that its schema is one this app knows."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError, ProgrammingError

from jcct_desktop.team.connect import TeamError, explain, shown, team_engine
from jcct_desktop.team.schema import HEAD, KNOWN_REVISIONS

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def init_team(address: str) -> str:
    """Create the schema (or upgrade it to this app's newest) in one transaction.

    Returns the revision now in place; a database of a newer schema is refused untouched."""
    engine = team_engine(address)
    try:
        with engine.begin() as conn:
            current = revision(conn)
            check_known(current, address)
            if current != HEAD:
                command.upgrade(alembic_config(conn), "head")
            return revision(conn) or ""
    except DBAPIError as exc:
        raise explain(exc, address) from None
    finally:
        engine.dispose()


def revision(conn: Connection) -> str | None:
    """The schema revision stored in the team database; None before ``team init``."""
    exists = conn.execute(text("SELECT to_regclass('alembic_version') IS NOT NULL")).scalar()
    if not exists:
        return None
    try:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except ProgrammingError:
        return None


def check_known(current: str | None, address: str) -> None:
    if current is not None and current not in KNOWN_REVISIONS:
        raise TeamError(
            f"The team database ({shown(address)}) has schema {current}, newer than this app "
            f"knows (up to {HEAD}); nothing was changed. Please update JCCT Desktop."
        )


def check_schema(conn: Connection, address: str) -> None:
    """Before a sync: the database was set up (``team init``) with a schema we know."""
    current = revision(conn)
    if current is None:
        raise TeamError(
            f"The team database ({shown(address)}) has not been set up: run "
            "'jcct-desktop team init URL' once, as its owner."
        )
    check_known(current, address)
    if current != HEAD:
        raise TeamError(
            f"The team database ({shown(address)}) has the older schema {current}: its owner "
            "must run 'jcct-desktop team init URL' to upgrade it."
        )
