"""Shared fixtures. Tests run headless; every database lives in a temp dir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]

# The PostgreSQL server of the team-sync tests: one per session, started on first use.
pytest_plugins = ["tests.team_support"]


@pytest.fixture(scope="session")
def reference():
    """The bundled reference database, opened read-only."""
    from jcct_desktop.store.reference import open_reference

    return open_reference(REPO / "db" / "jcct.sqlite")


@pytest.fixture(scope="session")
def catalog(reference):
    return reference.catalog


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """No test reads or writes the real user's notes, nor sees another test's JCCT_DATA_DIR
    (``cli.main`` exports ``--data-dir`` into the environment; monkeypatch undoes it)."""
    monkeypatch.setenv("JCCT_DATA_DIR", str(tmp_path_factory.mktemp("isolated") / "notes"))


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh per-user data folder for this test, also exported as JCCT_DATA_DIR."""
    folder = tmp_path / "userdata"
    monkeypatch.setenv("JCCT_DATA_DIR", str(folder))
    return folder
