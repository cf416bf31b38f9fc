"""Fixtures for the team-sync tests: one real PostgreSQL server per test session (see
``pg_server``), a fresh team database per test, and officers with their own notes."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.user_db import open_user_db
from jcct_desktop.team.admin import init_team
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
