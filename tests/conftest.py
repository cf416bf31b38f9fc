"""Shared fixtures. Tests run headless; every database lives in a temp dir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# Windows are fitted to the screen (ui.screen_fit): give the tests a desktop-sized one, not the
# offscreen plugin's 800×600 default. The small-screen tests configure their own (screen_probe).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = (
        f"offscreen:configfile={REPO / 'tests' / 'data' / 'screen-1920x1200.json'}")

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


@pytest.fixture(scope="session", autouse=True)
def _no_real_data_dir(tmp_path_factory: pytest.TempPathFactory):
    """Module-scoped fixtures run before the per-test one below: they too must never open the
    real user's notes (on a shared machine another checkout's newer notes database is there)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JCCT_DATA_DIR", str(tmp_path_factory.mktemp("session") / "notes"))
        yield


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
