"""The generated 100,000-commitment archive of the archive-scale typing tests
(``tests/test_archive_scale_*.py``; their heartbeat: ``bench/heartbeat.py``).

The archive is built by ``bench/make_archive.py`` once and kept in pytest's cache folder,
keyed by what it is built from; ``-m "not archive_scale"`` leaves these tests out on a slow
machine.
"""

from __future__ import annotations

import gc
import hashlib
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from bench.make_archive import make_archive
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui import latest_only

REPO = Path(__file__).resolve().parents[1]
MEETINGS, PER_MEETING = 1000, 100
KEY_GAP_MS = 125  # 8 keys a second
# the bound on the widest heartbeat gap while typing (scaled by the load, see allowed_ms)
LONGEST_STALL_MS = 100
# what the archive is made from: a change to any of them builds it again
SOURCES = [REPO / "bench" / "make_archive.py", REPO / "db" / "jcct-2011.toml",
           *sorted((REPO / "jcct_desktop" / "store").rglob("*.py")),
           *sorted((REPO / "jcct_desktop" / "core").glob("*.py"))]


def _sources_key() -> str:
    digest = hashlib.sha256(f"{MEETINGS}x{PER_MEETING}".encode())
    for path in SOURCES:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def archive_100k(request: pytest.FixtureRequest, tmp_path_factory) -> Path:
    """The 100,000-commitment archive: built once, then reused while its sources stay."""
    cache = getattr(request.config, "cache", None)
    folder = Path(cache.mkdir("jcct-archive-100k")) if cache is not None \
        else tmp_path_factory.mktemp("archive-100k")
    path = folder / f"archive-{_sources_key()}.sqlite"
    if not path.is_file():
        for old in folder.glob("archive-*.sqlite"):
            old.unlink()
        building = make_archive(folder / "building.sqlite", MEETINGS, PER_MEETING)
        building.replace(path)
    return path


@pytest.fixture(scope="session")
def archive_data(archive_100k: Path):
    data = open_reference(archive_100k)
    assert len(data.catalog.commitments) == MEETINGS * PER_MEETING
    return data


def allowed_ms() -> float:
    """LONGEST_STALL_MS; on a machine with more runnable threads than cores (the load average per
    core above one), each thread waits its turn that much longer, and so may the window."""
    per_core = os.getloadavg()[0] / (os.cpu_count() or 1)
    return LONGEST_STALL_MS * max(1.0, per_core)


def quiet_before_measuring(qtbot) -> None:
    """What is not the window under test's done first: earlier tests' search work (their
    windows' warm-ups) and their closed windows, which Qt deletes at the next pass of the
    event loop (taking down one of 100,000 rows then, 800 ms, would count as this window's
    stall); their garbage collected now, not by a full pass while measuring; then what was
    made frozen, as the app does once its window is built (ui/app.py)."""
    qtbot.waitUntil(lambda: latest_only._pool().activeThreadCount() == 0, timeout=60_000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    qtbot.wait(50)
    gc.collect()
    gc.freeze()
