"""Shared fixtures. Tests run headless; every database lives in a temp dir."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

from tests.cups_server import CupsServer, private_socket, start_server

if TYPE_CHECKING:
    from jcct_desktop.store.annotations import AnnotationService
    from jcct_desktop.ui.annotations import AnnotationPanel
    from jcct_desktop.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[1]

# Hypothesis explores new examples on every local run; CI (.ci/run sets HYPOTHESIS_PROFILE=ci)
# draws the same ones each time, so a red CI is a regression, and what exploration finds locally
# becomes an @example.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
# Windows are fitted to the screen (ui.screen_fit): give the tests a desktop-sized one, not the
# offscreen plugin's 800×600 default. The small-screen tests configure their own (screen_probe).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = (
        f"offscreen:configfile={REPO / 'tests' / 'data' / 'screen-1920x1200.json'}")

# Printing: every libcups client of the suite (lp, Qt's print support) talks to the private
# scheduler of tests/cups_server.py, never to the system's print service.
os.environ["CUPS_SERVER"] = private_socket()

# The PostgreSQL server of the team-sync tests: one per session, started on first use; the
# generated 100,000-commitment archive of the archive-scale tests, built once.
pytest_plugins = ["tests.team_support", "tests.archive_support"]

# Fixtures that start a real service (PostgreSQL, CUPS): a test using one, directly or through
# another fixture, is marked `services`, so `./run tests --no-services` (-m "not services")
# leaves exactly those out. Tests that start one by hand carry the marker themselves.
SERVICE_FIXTURES = frozenset({"pg", "cups"})


def pytest_unconfigure() -> None:
    """The private scheduler's folder, made at import even when no test printed."""
    shutil.rmtree(Path(os.environ["CUPS_SERVER"]).parent, ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SERVICE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.services)


@pytest.fixture(scope="session")
def reference():
    """The bundled reference database, opened read-only."""
    from jcct_desktop.store.reference.reader import open_reference

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


@pytest.fixture
def service(data_dir: Path) -> Iterator[AnnotationService]:
    """The notes service over this test's private data folder, closed afterwards (a test
    that needs another user or clock defines its own ``service``)."""
    from jcct_desktop.store.annotations import AnnotationService

    opened = AnnotationService.open(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def make_window(qtbot, reference, tmp_path: Path, data_dir: Path,
                service: AnnotationService) -> Callable[..., MainWindow]:
    """Build the main window over ``service`` as the app does, shown and exposed; keyword
    arguments go to ``MainWindow`` (``as_of`` defaults to ``tests.ui_support.AS_OF``;
    ``annotations=None`` for a window without notes); ``size=(width, height)`` resizes it
    before it is first shown."""
    from tests.ui_support import AS_OF, build_window

    def make(size: tuple[int, int] | None = None, **extra: Any) -> MainWindow:
        extra.setdefault("annotations", service)
        extra.setdefault("as_of", AS_OF)
        extra.setdefault("data_dir", data_dir)
        return build_window(qtbot, reference, tmp_path, size=size, **extra)

    return make


@pytest.fixture
def make_panel(qtbot, service: AnnotationService) -> Callable[..., AnnotationPanel]:
    """Build a real notes panel over ``service`` on ``commitment_id``, shown and exposed;
    ``width`` resizes it first (900 high); other keyword arguments go to ``AnnotationPanel``
    (``milestone_labels``, ``milestones_of``, ``places``). Its undo stack is its own."""
    from PySide6.QtGui import QUndoStack

    from jcct_desktop.ui.annotations import AnnotationPanel

    def make(commitment_id: str, width: int | None = None, **extra: Any) -> AnnotationPanel:
        panel = AnnotationPanel(service, QUndoStack(), **extra)
        qtbot.addWidget(panel)
        if width is not None:
            panel.resize(width, 900)
        panel.show()
        qtbot.waitExposed(panel)
        panel.set_commitment(commitment_id)
        return panel

    return make


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    """The main window over the ``service`` fixture, as of ``tests.ui_support.AS_OF``."""
    return make_window()


@pytest.fixture(scope="session")
def cups() -> Iterator[CupsServer]:
    """The private CUPS scheduler, started on first use at the suite's CUPS_SERVER socket."""
    server = start_server(socket=os.environ["CUPS_SERVER"])  # CupsUnavailable fails the test
    try:
        yield server
    finally:
        server.stop()
