"""Fixtures for the team-sync tests: one real PostgreSQL server per test session (see
``pg_server``), a fresh team database per test, and officers with their own notes."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.database import open_user_db
from jcct_desktop.team.admin import init_team
from jcct_desktop.team.sync import SyncResult, run_sync
from tests.pg_server import PgServer, start_server

_names = itertools.count()


@pytest.fixture(scope="session")
def pg() -> Iterator[PgServer]:
    server = start_server()  # raises (fails the test) when PostgreSQL is missing
    try:
        yield server
    finally:
        server.cleanup()


def new_team_db(pg: PgServer, init: bool = True) -> str:
    """A fresh database on the server; its libpq URL (as the superuser)."""
    name = f"team{next(_names)}"
    pg.psql(f"CREATE DATABASE {name}")
    url = pg.url(name)
    if init:
        init_team(url)
    return url


@pytest.fixture
def team_url(pg: PgServer) -> str:
    return new_team_db(pg)


def officer(folder: Path, name: str) -> AnnotationService:
    return AnnotationService(open_user_db(folder / name), user=name)


def db_name(url: str) -> str:
    """The database of a URL made by ``new_team_db``."""
    return url.split("@/", 1)[1].split("?", 1)[0]


def role_url(pg: PgServer, url: str, name: str, group: str = "jcct_officer") -> str:
    """``url`` as the login role ``name`` (created once, a member of ``group``): the author
    the server records, and so the name colleagues see."""
    pg.psql(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') "
            f"THEN CREATE ROLE {name} LOGIN IN ROLE {group}; END IF; END $$")
    return url.replace(f"{pg.user}@", f"{name}@", 1)


def sync_as(pg: PgServer, service: AnnotationService, url: str) -> SyncResult:
    """Sync an officer's notes as the login role named like the officer (``officer``)."""
    return run_sync(service, role_url(pg, url, service.data_dir.name))
